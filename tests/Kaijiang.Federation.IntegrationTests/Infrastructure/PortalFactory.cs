using Kaijiang.Federation.Web.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Kaijiang.Federation.IntegrationTests.Infrastructure;

/// <summary>
/// The portal over HTTP on a real database: a fresh SQLite file of its own by default, or the PostgreSQL
/// server given by <c>PORTAL_TEST_POSTGRES</c> when a test asks for it.
/// </summary>
public class PortalFactory : WebApplicationFactory<Program>
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "kjfl-tests", Guid.NewGuid().ToString("N"));

    /// <summary>Load the demo county (on by default: most tests read it); null leaves the environment's default.</summary>
    public bool? SeedDemo { get; init; } = true;

    public string Provider { get; init; } = "Sqlite";

    public string? ConnectionString { get; init; }

    public string EnvironmentName { get; init; } = "Development";

    /// <summary>Apply migrations at start (off for tests that only inspect the model of a provider without a server).</summary>
    public bool Migrate { get; init; } = true;

    public string DataFolder => _folder;

    /// <summary>Counts the SQL commands of each request sent with <see cref="SqlCommandCounter.Header"/>.</summary>
    public SqlCommandCounter SqlCommands { get; } = new();

    /// <summary>High by default: tests sign in often from one address. The rate-limit test sets it low.</summary>
    public int SignInPermitsPerMinute { get; init; } = 10_000;

    /// <summary>A clock of the test's own (e.g. a FakeTimeProvider) instead of the system clock; null keeps the real one.</summary>
    public TimeProvider? Clock { get; init; }

    /// <summary>
    /// The personal-data keys of this test run, one pair for every factory: EF keeps a model per key set, and one set
    /// saves building a model per host. A test of the keys themselves overrides them through <see cref="Settings"/>.
    /// </summary>
    public static readonly string TestEncryptionKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    public static readonly string TestHashKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    /// <summary>Use <see cref="TestEncryptionKey"/>/<see cref="TestHashKey"/> (default); off leaves the keys to configuration
    /// (in Development: a key file generated in the data folder).</summary>
    public bool UseTestKeys { get; init; } = true;

    /// <summary>Further settings for one test, e.g. <c>Security:RequireTwoFactorForRoles:0</c>; applied last, so they win.</summary>
    public Dictionary<string, string?> Settings { get; init; } = [];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        Directory.CreateDirectory(_folder);
        builder.UseEnvironment(EnvironmentName);
        builder.UseSetting("Database:Provider", Provider);
        builder.UseSetting("Database:DataFolder", _folder);
        builder.UseSetting("ConnectionStrings:Federation", ConnectionString ?? "");
        if (SeedDemo is { } seed)
        {
            builder.UseSetting("Seed:Demo", seed ? "true" : "false");
        }
        builder.UseSetting("Seed:Migrate", Migrate ? "true" : "false");
        builder.UseSetting("Security:SignInPermitsPerMinute", SignInPermitsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Serilog:WriteTo:1:Args:path", Path.Combine(_folder, "logs", "portal-.log"));
        // The dashboard snapshot refresher stays off unless a test turns it on (or calls its RefreshAsync itself).
        builder.UseSetting("Dashboard:SnapshotRefreshSeconds", "0");
        if (UseTestKeys)
        {
            builder.UseSetting("Privacy:EncryptionKey", TestEncryptionKey);
            builder.UseSetting("Privacy:HashKey", TestHashKey);
        }

        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton(SqlCommands.Middleware);
            services.ConfigureDbContext<SqliteFederationDbContext>(o => o.AddInterceptors(SqlCommands));
            services.ConfigureDbContext<PostgreSqlFederationDbContext>(o => o.AddInterceptors(SqlCommands));
            services.ConfigureDbContext<SqlServerFederationDbContext>(o => o.AddInterceptors(SqlCommands));
        });

        if (Clock is { } clock)
        {
            builder.ConfigureTestServices(services => services.AddSingleton(clock));
        }
    }

    public T WithScope<T>(Func<FederationDbContext, T> query)
    {
        using var scope = Services.CreateScope();
        return query(scope.ServiceProvider.GetRequiredService<FederationDbContext>());
    }

    public async Task<T> WithScopeAsync<T>(Func<FederationDbContext, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<FederationDbContext>());
    }

    /// <summary>Creates an account of its own for a test that changes account state (lockout, password).</summary>
    public async Task<string> CreateUserAsync(string role, string organisationName, string password = PortalClient.DemoPassword)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FederationDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Kaijiang.Federation.Web.Domain.FederationUser>>();
        var organisation = db.Organisations.Single(o => o.Name == organisationName);
        var userName = "test." + Guid.NewGuid().ToString("N")[..10];
        var user = new Kaijiang.Federation.Web.Domain.FederationUser
        {
            UserName = userName,
            DisplayName = "测试用户",
            ScopeOrganisationId = organisation.Id,
            LockoutEnabled = true,
        };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", created.Errors.Select(e => e.Description)));
        }

        await users.AddToRoleAsync(user, role);
        return userName;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(_folder, recursive: true);
            }
            catch (IOException)
            {
                // A file still open by a finishing request; the temp folder is cleaned by the OS.
            }
        }
    }
}

/// <summary>One seeded demo county shared by the read-only tests of a run (seeding takes seconds).</summary>
public sealed class DemoCountyFixture : IDisposable
{
    public PortalFactory Factory { get; } = new();

    public DemoCountyFixture() => _ = Factory.Server; // start, migrate and seed once

    public void Dispose() => Factory.Dispose();
}

[CollectionDefinition(Name)]
public sealed class DemoCountyCollection : ICollectionFixture<DemoCountyFixture>
{
    public const string Name = "Demo county";
}
