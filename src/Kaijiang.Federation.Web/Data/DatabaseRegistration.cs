using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Kaijiang.Federation.Web.Data;

public enum DatabaseProvider
{
    Sqlite,
    SqlServer,
    PostgreSql,
}

/// <summary>Chooses the provider from configuration (<c>Database:Provider</c>, <c>ConnectionStrings:Federation</c>).</summary>
public static class DatabaseRegistration
{
    public const string ConnectionStringName = "Federation";

    public static DatabaseProvider ProviderFrom(IConfiguration configuration)
    {
        var value = configuration["Database:Provider"];
        if (string.IsNullOrWhiteSpace(value))
        {
            return DatabaseProvider.Sqlite;
        }

        return Enum.TryParse<DatabaseProvider>(value, ignoreCase: true, out var provider)
            ? provider
            : throw new InvalidOperationException(
                $"Database:Provider '{value}' is not one of Sqlite, SqlServer, PostgreSql.");
    }

    /// <summary>The SQLite default: a file under the data folder, which is created when missing.</summary>
    public static string DefaultSqliteConnectionString(IConfiguration configuration, string contentRoot)
    {
        var dataFolder = configuration["Database:DataFolder"];
        dataFolder = string.IsNullOrWhiteSpace(dataFolder)
            ? Path.Combine(contentRoot, "App_Data")
            : Path.GetFullPath(dataFolder, contentRoot);
        Directory.CreateDirectory(dataFolder);
        return $"Data Source={Path.Combine(dataFolder, "federation.db")}";
    }

    public static IServiceCollection AddFederationDatabase(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        var provider = ProviderFrom(configuration);
        var connectionString = configuration.GetConnectionString(ConnectionStringName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            connectionString = provider == DatabaseProvider.Sqlite
                ? DefaultSqliteConnectionString(configuration, contentRoot)
                : throw new InvalidOperationException(
                    $"ConnectionStrings:{ConnectionStringName} is required when Database:Provider is {provider}.");
        }

        services.AddScoped<AuditAndVersionInterceptor>();
        services.Configure<AuditOptions>(configuration.GetSection("Audit"));
        services.AddHostedService<AuditSealer>();
        switch (provider)
        {
            case DatabaseProvider.SqlServer:
                services.AddDbContext<SqlServerFederationDbContext>((sp, o) =>
                    Common(sp, o).UseSqlServer(connectionString, s => s.UseQuerySplittingBehavior(QuerySplittingBehavior.SingleQuery)));
                services.AddScoped<FederationDbContext>(sp => sp.GetRequiredService<SqlServerFederationDbContext>());
                break;
            case DatabaseProvider.PostgreSql:
                services.AddDbContext<PostgreSqlFederationDbContext>((sp, o) => Common(sp, o).UseNpgsql(connectionString));
                services.AddScoped<FederationDbContext>(sp => sp.GetRequiredService<PostgreSqlFederationDbContext>());
                break;
            default:
                services.AddDbContext<SqliteFederationDbContext>((sp, o) => Common(sp, o).UseSqlite(connectionString));
                services.AddScoped<FederationDbContext>(sp => sp.GetRequiredService<SqliteFederationDbContext>());
                break;
        }

        return services;
    }

    private static readonly AppendOnlyAuditGuard AuditGuard = new();

    private static DbContextOptionsBuilder Common(IServiceProvider sp, DbContextOptionsBuilder options) =>
        options.AddInterceptors(sp.GetRequiredService<AuditAndVersionInterceptor>(), AuditGuard)
            // Drops the dashboard's cached figures after any saved change (absent in hosts without the dashboard).
            .AddInterceptors(sp.GetServices<Features.Dashboard.DashboardCacheSignal>())
            // Dependents (repayments, report values, family members, site managers) are only ever reached through
            // their scoped parent, so the parent's scope filter covers them.
            .ConfigureWarnings(w => w.Ignore(CoreEventId.PossibleIncorrectRequiredNavigationWithQueryFilterInteractionWarning));
}
