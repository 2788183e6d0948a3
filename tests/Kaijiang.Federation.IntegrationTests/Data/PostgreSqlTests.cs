using System.Net;
using Kaijiang.Federation.IntegrationTests.Infrastructure;
using Kaijiang.Federation.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Kaijiang.Federation.IntegrationTests.Data;

/// <summary>The PostgreSQL provider against a real server: migrate, seed the demo county, serve pages.</summary>
public sealed class PostgreSqlTests
{
    [SkippableFact]
    public async Task The_portal_migrates_seeds_and_serves_the_demo_county_on_PostgreSQL()
    {
        Skip.If(TestDatabases.PostgresServer is null, TestDatabases.SkipReason);
        var connection = await TestDatabases.CreatePostgresDatabaseAsync();
        try
        {
            using var factory = new PortalFactory { Provider = "PostgreSql", ConnectionString = connection };
            var client = new PortalClient(factory);

            var health = await client.Http.GetAsync("/health");
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);

            var counts = await factory.WithScopeAsync(async db => new
            {
                Provider = db.Database.ProviderName,
                Townships = await db.Organisations.CountAsync(o => o.Kind == OrganisationKind.Township),
                Loans = await db.Loans.CountAsync(),
                Applied = (await db.Database.GetAppliedMigrationsAsync()).Count(),
            });
            Assert.Equal("Npgsql.EntityFrameworkCore.PostgreSQL", counts.Provider);
            Assert.Equal(20, counts.Townships);
            Assert.Equal(985, counts.Loans);
            Assert.True(counts.Applied > 0);

            var login = await client.LoginAsync("leader");
            Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
            var dashboard = await client.Http.GetStringAsync("/");
            Assert.Contains("全县妇联工作概览", dashboard, StringComparison.Ordinal);
            Assert.Contains("data-figure=\"Dashboard.Loans\">985<", dashboard, StringComparison.Ordinal);
        }
        finally
        {
            await TestDatabases.DropPostgresDatabaseAsync(connection);
        }
    }

    [SkippableFact]
    public async Task A_subtree_query_uses_the_path_index_on_PostgreSQL()
    {
        Skip.If(TestDatabases.PostgresServer is null, TestDatabases.SkipReason);
        var connection = await TestDatabases.CreatePostgresDatabaseAsync();
        try
        {
            using var factory = new PortalFactory { Provider = "PostgreSql", ConnectionString = connection, SeedDemo = false };
            _ = factory.Server;
            var plan = await factory.WithScopeAsync(async db =>
            {
                var query = OrganisationTreeTests.SubtreeQuery(db, "0000100001");
                await using var transaction = await db.Database.BeginTransactionAsync();
                // The table is small in this test; forbid the sequential scan to learn whether the index serves.
                await db.Database.ExecuteSqlRawAsync("SET LOCAL enable_seqscan = off");
                var sql = "EXPLAIN " + query.ToQueryString();
                var lines = new List<string>();
                var command = db.Database.GetDbConnection().CreateCommand();
                command.Transaction = transaction.GetDbTransaction();
                command.CommandText = sql;
                await using (var reader = await command.ExecuteReaderAsync())
                {
                    while (await reader.ReadAsync())
                    {
                        lines.Add(reader.GetString(0));
                    }
                }

                return string.Join('\n', lines);
            });

            Assert.Contains("IX_Organisations_Path", plan, StringComparison.Ordinal);
            Assert.DoesNotContain("Seq Scan", plan, StringComparison.Ordinal);
        }
        finally
        {
            await TestDatabases.DropPostgresDatabaseAsync(connection);
        }
    }
}
