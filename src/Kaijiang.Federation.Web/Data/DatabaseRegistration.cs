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
        // Pooled contexts (ADR 0013): the options are built once, and a context's internal services are reused by the
        // next request instead of being built again for each one. Each lease gets the request's scope and interceptors.
        switch (provider)
        {
            case DatabaseProvider.SqlServer:
                services.AddPooledDbContextFactory<SqlServerFederationDbContext>((sp, o) =>
                    Common(o).UseSqlServer(connectionString, s => s
                        .UseQuerySplittingBehavior(QuerySplittingBehavior.SingleQuery)
                        .EnableRetryOnFailure(RetryCount, RetryDelay, errorNumbersToAdd: null)));
                services.AddScoped<FederationDbContext>(Lease<SqlServerFederationDbContext>);
                break;
            case DatabaseProvider.PostgreSql:
                services.AddPooledDbContextFactory<PostgreSqlFederationDbContext>((sp, o) => Common(o).UseNpgsql(connectionString, n => n
                    .UseParameterizedCollectionMode(CollectionMode)
                    .EnableRetryOnFailure(RetryCount, RetryDelay, errorCodesToAdd: null)));
                services.AddScoped<FederationDbContext>(Lease<PostgreSqlFederationDbContext>);
                break;
            default:
                services.AddPooledDbContextFactory<SqliteFederationDbContext>((sp, o) => Common(o).UseSqlite(connectionString, s => s
                    .UseParameterizedCollectionMode(CollectionMode)));
                services.AddScoped<FederationDbContext>(sp => OpenForTheLease(Lease<SqliteFederationDbContext>(sp)));
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

    /// <summary>
    /// A list in a query (<c>ids.Contains(o.Id)</c>: breadcrumbs, the scope's ancestors in the reports' filter, the
    /// completeness matrix's townships) is sent as one array parameter (<c>= ANY(@ids)</c>, <c>json_each(@ids)</c>), so
    /// the SQL is the same whatever the list and EF Core generates it once. EF Core 10's default, one parameter per
    /// element, made it generate the SQL again on every request under a lock (5.9 % of the organisation page's CPU and
    /// most of its lock waits, profiled). SQL Server keeps the default: its OPENJSON plans are the reason EF changed it.
    /// </summary>
    private const ParameterTranslationMode CollectionMode = ParameterTranslationMode.Parameter;

    /// <summary>
    /// Takes a context from the pool for this DI scope (one request, one background unit of work) and hands it the
    /// scope's user and its own save interceptors; disposing the scope returns it. The only registration that creates
    /// a context: a second one mapping to the same instance would dispose it twice, and a pooled context disposed
    /// twice goes back to the pool while another request holds it.
    /// </summary>
    private static TContext Lease<TContext>(IServiceProvider sp)
        where TContext : FederationDbContext
    {
        // Everything the lease needs is resolved first: a failure then leaves no context taken from the pool.
        var scope = sp.GetService<IOrganisationScope>();
        ISaveChangesInterceptor[] interceptors =
        [
            sp.GetRequiredService<AuditAndVersionInterceptor>(),
            // After the audit interceptor: moves the read caches' generation on once a saved record has committed.
            sp.GetRequiredService<RecordChangeInterceptor>(),
        ];
        var signal = sp.GetRequiredService<RecordChangeSignal>();
        var context = sp.GetRequiredService<IDbContextFactory<TContext>>().CreateDbContext();
        context.Lease(scope, interceptors, signal);
        return context;
    }

    /// <summary>
    /// SQLite: one connection for the whole lease instead of one per query. Each open took a connection from
    /// Microsoft.Data.Sqlite's pool under its lock and registered EF Core's SQL functions on it again (about 9 % of
    /// the organisation page's CPU with four queries, profiled). The context closes it when it goes back to the pool.
    /// A connection that is open outside a transaction holds no lock on the database file.
    /// </summary>
    private static FederationDbContext OpenForTheLease(FederationDbContext context)
    {
        try
        {
            context.Database.OpenConnection();
        }
        catch
        {
            context.Dispose(); // back to the pool, not abandoned
            throw;
        }

        return context;
    }

    private static DbContextOptionsBuilder Common(DbContextOptionsBuilder options) =>
        // The append-only guard is stateless and belongs to every context, leased or not; the lease's own come after.
        options.AddInterceptors(AuditGuard, LeaseInterceptors.Instance)
            // One model per personal-data key set: the value converters hold the keys.
            .ReplaceService<Microsoft.EntityFrameworkCore.Infrastructure.IModelCacheKeyFactory, PersonalDataModelCacheKeyFactory>()
            // Dependents (repayments, report values, family members, site managers) are only ever reached through
            // their scoped parent, so the parent's scope filter covers them.
            .ConfigureWarnings(w => w.Ignore(CoreEventId.PossibleIncorrectRequiredNavigationWithQueryFilterInteractionWarning));
}
