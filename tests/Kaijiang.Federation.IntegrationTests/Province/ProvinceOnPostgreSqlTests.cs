using System.Net;
using Kaijiang.Federation.IntegrationTests.Infrastructure;
using Kaijiang.Federation.Web.Features.People;
using Kaijiang.Federation.Web.Seeding;
using Microsoft.EntityFrameworkCore;

namespace Kaijiang.Federation.IntegrationTests.Province;

/// <summary>generate-province through binary COPY on a real PostgreSQL server (skips without PORTAL_TEST_POSTGRES).</summary>
public sealed class ProvinceOnPostgreSqlTests
{
    [SkippableFact]
    public async Task The_tiny_province_on_PostgreSQL_has_the_same_counts_and_rows_as_on_SQLite_and_is_served()
    {
        Skip.If(TestDatabases.PostgresServer is null, TestDatabases.SkipReason);
        var connection = await TestDatabases.CreatePostgresDatabaseAsync();
        try
        {
            using var postgres = new PortalFactory { Provider = "PostgreSql", ConnectionString = connection, SeedDemo = false };
            using var sqlite = new PortalFactory { SeedDemo = false };
            _ = postgres.Server;
            _ = sqlite.Server;
            var (code, output) = await ProvinceRun.GenerateAsync(postgres, new ProvinceOptions(Scale: ProvinceFixture.TinyScale));
            Assert.True(code == 0, output);
            Assert.Equal(0, (await ProvinceRun.GenerateAsync(sqlite, new ProvinceOptions(Scale: ProvinceFixture.TinyScale))).ExitCode);

            Assert.Equal(await ProvinceGeneratorTests.CountsAsync(sqlite), await ProvinceGeneratorTests.CountsAsync(postgres));
            Assert.Equal(await ProvinceGeneratorTests.FingerprintAsync(sqlite), await ProvinceGeneratorTests.FingerprintAsync(postgres));

            // Name search is a LIKE the trigram index serves; wildcards typed by the user are literal.
            var (indexDefinition, found, expected, wildcard) = await postgres.WithScopeAsync(async db =>
            {
                var definition = await db.Database.SqlQueryRaw<string>(
                    "SELECT indexdef AS \"Value\" FROM pg_indexes WHERE indexname = 'IX_People_Name_Trigram'").SingleAsync();
                var names = await db.People.Select(p => p.Name).ToListAsync();
                var part = names[0][1..];
                var hits = await db.People.Where(PersonNames.Containing(part)).CountAsync();
                return (definition, hits, names.Count(n => n.Contains(part, StringComparison.Ordinal)), await db.People.Where(PersonNames.Containing("%")).CountAsync());
            });
            Assert.Contains("gin_trgm_ops", indexDefinition, StringComparison.Ordinal);
            Assert.Equal(expected, found);
            Assert.Equal(0, wildcard);

            var client = new PortalClient(postgres);
            var login = await client.LoginAsync("province.admin", GenerateProvinceCommand.Password);
            Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync("/Organisations/Tree")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync("/Dashboard")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync("/Reports/Completeness?year=2026")).StatusCode);
        }
        finally
        {
            await TestDatabases.DropPostgresDatabaseAsync(connection);
        }
    }
}
