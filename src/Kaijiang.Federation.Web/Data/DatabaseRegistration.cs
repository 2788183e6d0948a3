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
    public static string DefaultSqliteConnectionString(IConfiguration configuration, string contentRoot) =>
        $"Data Source={Path.Combine(DataFolder(configuration, contentRoot), "federation.db")}";

    /// <summary>The data folder (<c>Database:DataFolder</c>, default App_Data under the content root), created when missing.</summary>
    public static string DataFolder(IConfiguration configuration, string contentRoot)
    {
        var dataFolder = configuration["Database:DataFolder"];
        dataFolder = string.IsNullOrWhiteSpace(dataFolder)
            ? Path.Combine(contentRoot, "App_Data")
            : Path.GetFullPath(dataFolder, contentRoot);
        Directory.CreateDirectory(dataFolder);
        return dataFolder;
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

        // The keys of personal data at rest: read once, from outside the database; a missing key stops the start.
        services.AddSingleton(sp => PersonalDataKeys.Load(
            configuration, contentRoot, sp.GetRequiredService<IHostEnvironment>().IsDevelopment(),
            sp.GetRequiredService<ILoggerFactory>().CreateLogger<PersonalDataKeys>()));
        services.AddSingleton<PersonalDataProtector>();
        services.AddScoped<PersonalDataStartup>();
        services.AddScoped<AuditAndVersionInterceptor>();
        services.AddSingleton<RecordChangeSignal>();
        services.AddScoped<RecordChangeInterceptor>();
        services.Configure<AuditOptions>(configuration.GetSection("Audit"));
        services.AddHostedService<AuditSealer>();
        switch (provider)
        {
            case DatabaseProvider.SqlServer:
                services.AddDbContext<SqlServerFederationDbContext>((sp, o) =>
                    Common(sp, o).UseSqlServer(connectionString, s => s
                        .UseQuerySplittingBehavior(QuerySplittingBehavior.SingleQuery)
                        .EnableRetryOnFailure(RetryCount, RetryDelay, errorNumbersToAdd: null)));
                services.AddScoped<FederationDbContext>(sp => sp.GetRequiredService<SqlServerFederationDbContext>());
                break;
            case DatabaseProvider.PostgreSql:
                services.AddDbContext<PostgreSqlFederationDbContext>((sp, o) => Common(sp, o).UseNpgsql(connectionString, n => n
                    .EnableRetryOnFailure(RetryCount, RetryDelay, errorCodesToAdd: null)));
                services.AddScoped<FederationDbContext>(sp => sp.GetRequiredService<PostgreSqlFederationDbContext>());
                break;
            default:
                services.AddDbContext<SqliteFederationDbContext>((sp, o) => Common(sp, o).UseSqlite(connectionString));
                services.AddScoped<FederationDbContext>(sp => sp.GetRequiredService<SqliteFederationDbContext>());
                break;
        }

        return services;
    }

    /// <summary>
    /// Transient failures (a dropped connection, a failover, a deadlock victim) are retried this often, waiting at most
    /// <see cref="RetryDelay"/> between tries. Explicit transactions must run through <see cref="DatabaseTransactions"/>.
    /// </summary>
    public const int RetryCount = 4;

    public static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(2);

    private static readonly AppendOnlyAuditGuard AuditGuard = new();

    private static DbContextOptionsBuilder Common(IServiceProvider sp, DbContextOptionsBuilder options) =>
        options.AddInterceptors(sp.GetRequiredService<AuditAndVersionInterceptor>(), AuditGuard)
            // One model per personal-data key set: the value converters hold the keys.
            .ReplaceService<Microsoft.EntityFrameworkCore.Infrastructure.IModelCacheKeyFactory, PersonalDataModelCacheKeyFactory>()
            // After the audit interceptor: moves the read caches' generation on once a saved record has committed.
            .AddInterceptors(sp.GetRequiredService<RecordChangeInterceptor>())
            // Dependents (repayments, report values, family members, site managers) are only ever reached through
            // their scoped parent, so the parent's scope filter covers them.
            .ConfigureWarnings(w => w.Ignore(CoreEventId.PossibleIncorrectRequiredNavigationWithQueryFilterInteractionWarning));
}
