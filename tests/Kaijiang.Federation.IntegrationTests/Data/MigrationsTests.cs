using Kaijiang.Federation.IntegrationTests.Infrastructure;
using Kaijiang.Federation.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Kaijiang.Federation.IntegrationTests.Data;

/// <summary>Every provider's migrations match the model, and the SQL Server script is valid T-SQL.</summary>
public sealed class MigrationsTests
{
    // Never opened: these tests only ask the provider to describe the model and its migrations.
    private const string SqlServerConnection = "Server=127.0.0.1,1;Database=kjfl;User Id=sa;Password=unused;TrustServerCertificate=True";
    private const string PostgresConnection = "Host=127.0.0.1;Port=1;Database=kjfl;Username=unused;Password=unused";

    public static TheoryData<string, string?> Providers => new()
    {
        { "Sqlite", null },
        { "SqlServer", SqlServerConnection },
        { "PostgreSql", PostgresConnection },
    };

    private static PortalFactory FactoryFor(string provider, string? connection) =>
        new() { Provider = provider, ConnectionString = connection, SeedDemo = false, Migrate = false };

    [Theory]
    [MemberData(nameof(Providers))]
    public void No_model_change_is_missing_a_migration(string provider, string? connection)
    {
        using var factory = FactoryFor(provider, connection);
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<FederationDbContext>();

        Assert.Contains(provider, db.GetType().Name, StringComparison.Ordinal);
        Assert.NotEmpty(db.Database.GetMigrations());
        Assert.False(db.Database.HasPendingModelChanges(), $"The {provider} model has changes without a migration: run tools/add-migration.sh.");
    }

    [Fact]
    public void The_SQL_Server_migration_script_parses_without_errors()
    {
        using var factory = FactoryFor("SqlServer", SqlServerConnection);
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<FederationDbContext>();
        var script = db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);

        var parser = new TSql160Parser(initialQuotedIdentifiers: true);
        using var reader = new StringReader(script);
        var fragment = parser.Parse(reader, out var errors);

        Assert.Empty(errors.Select(e => $"line {e.Line}: {e.Message}"));
        Assert.Contains("CREATE TABLE [Organisations]", script, StringComparison.Ordinal);
        Assert.Contains("CREATE UNIQUE INDEX [IX_Organisations_Path]", script, StringComparison.Ordinal);
        Assert.NotNull(fragment);
    }

    [Fact]
    public void The_three_providers_have_the_same_migrations()
    {
        var names = Providers.Select(row =>
        {
            using var factory = FactoryFor((string)row[0], (string?)row[1]);
            using var scope = factory.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<FederationDbContext>();
            return db.Database.GetMigrations().Select(m => m[(m.IndexOf('_', StringComparison.Ordinal) + 1)..]).ToList();
        }).ToList();

        Assert.All(names, n => Assert.Equal(names[0], n));
    }
}
