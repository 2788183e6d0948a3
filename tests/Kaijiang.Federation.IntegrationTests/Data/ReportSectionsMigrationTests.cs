using Kaijiang.Federation.IntegrationTests.Infrastructure;
using Kaijiang.Federation.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;

namespace Kaijiang.Federation.IntegrationTests.Data;

/// <summary>
/// A database of the release before text sections were data: the <c>ReportSections</c> migration turns the three
/// columns into three section definitions and moves every report's texts into rows, nothing lost.
/// </summary>
public sealed class ReportSectionsMigrationTests
{
    [Fact]
    public Task The_texts_of_a_previous_release_database_move_into_section_rows_on_SQLite() => MigrateAsync("Sqlite", null);

    [SkippableFact]
    public async Task The_texts_of_a_previous_release_database_move_into_section_rows_on_PostgreSQL()
    {
        Skip.If(TestDatabases.PostgresServer is null, TestDatabases.SkipReason);
        var connection = await TestDatabases.CreatePostgresDatabaseAsync();
        try
        {
            await MigrateAsync("PostgreSql", connection);
        }
        finally
        {
            await TestDatabases.DropPostgresDatabaseAsync(connection);
        }
    }

    private static async Task MigrateAsync(string provider, string? connection)
    {
        using var factory = new PortalFactory { Provider = provider, ConnectionString = connection, SeedDemo = false, Migrate = false };
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FederationDbContext>();
        var migrations = db.Database.GetMigrations().ToList();
        var previous = migrations[migrations.FindIndex(m => m.EndsWith("_ReportSections", StringComparison.Ordinal)) - 1];
        var migrator = db.GetService<IMigrator>();
        await migrator.MigrateAsync(previous);

        // The previous release's rows, as that release wrote them.
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO "Organisations" ("Path", "Depth", "Kind", "UnitKind", "Name", "ReformStatus", "AnnualFunds", "IsDemo", "Version")
            VALUES ('0000100001', 1, 4, 0, '旧乡', 0, 0, {false}, 1)
            """);
        var organisationId = await db.Database.SqlQuery<int>($"""SELECT "Id" AS "Value" FROM "Organisations" WHERE "Path" = '0000100001'""").SingleAsync();
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO "MonthlyReports" ("OrganisationId", "Period", "Status", "WorkDone", "Problems", "NextMonthPlan", "IsDemo", "Version")
            VALUES ({organisationId}, 202401, 4, {"一月的工作"}, {"一月的问题"}, {"二月的计划"}, {false}, 3),
                   ({organisationId}, 202402, 1, {"二月的工作"}, {null}, {null}, {false}, 1)
            """);

        await migrator.MigrateAsync();

        db.ChangeTracker.Clear();
        var sections = await db.ReportSections.AsNoTracking().OrderBy(s => s.SortOrder).ToListAsync();
        Assert.Equal(["work_done", "problems", "next_month_plan"], sections.Select(s => s.Code));
        Assert.Equal(["本月工作开展情况", "存在的问题", "下月工作计划"], sections.Select(s => s.NameZh));
        Assert.Equal([true, false, false], sections.Select(s => s.IsRequired));
        Assert.All(sections, s => Assert.True(s.AppliesTo(202401)));

        var texts = await db.MonthlyReportTexts.AsNoTracking()
            .OrderBy(t => t.MonthlyReport!.Period).ThenBy(t => t.SortOrder)
            .Select(t => new { t.MonthlyReport!.Period, t.SectionCode, t.SectionNameZh, t.Text, t.ReportSectionId })
            .ToListAsync();
        Assert.Equal(
            [
                (202401, "work_done", "一月的工作"), (202401, "problems", "一月的问题"), (202401, "next_month_plan", "二月的计划"),
                (202402, "work_done", "二月的工作"), (202402, "problems", null), (202402, "next_month_plan", null),
            ],
            texts.Select(t => (t.Period, t.SectionCode, t.Text)));
        Assert.All(texts, t => Assert.Equal(sections.Single(s => s.Code == t.SectionCode).Id, t.ReportSectionId));
        Assert.All(texts, t => Assert.Equal(sections.Single(s => s.Code == t.SectionCode).NameZh, t.SectionNameZh));

        // A section added later gets its own id after the three (the identity is not disturbed by the migration's rows).
        db.ReportSections.Add(new Web.Domain.ReportSection { Code = "later", NameZh = "后加", NameEn = "Later", ActiveFrom = 202501 });
        await db.SaveChangesAsync();
        Assert.True(await db.ReportSections.Where(s => s.Code == "later").Select(s => s.Id).SingleAsync() > sections.Max(s => s.Id));
    }
}
