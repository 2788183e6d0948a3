using Microsoft.EntityFrameworkCore.Migrations;

namespace Kaijiang.Federation.Web.Data.Migrations;

/// <summary>
/// The data half of the <c>ReportSections</c> migration, the same for every provider: the three text sections a
/// report had as columns become three section definitions, and every existing report's texts move into rows
/// that keep a copy of those definitions. The identifiers are quoted the ANSI way, which SQLite, PostgreSQL and
/// SQL Server (QUOTED_IDENTIFIER on, as EF Core connects) all accept.
/// </summary>
internal static class ReportSectionsData
{
    /// <summary>Code, column it came from, Chinese and English name, required, order — as <c>ReportSection.Defaults</c> says.</summary>
    private static readonly (string Code, string Column, string NameZh, string NameEn, bool Required, int Order)[] Sections =
    [
        ("work_done", "WorkDone", "本月工作开展情况", "Work done this month", true, 1),
        ("problems", "Problems", "存在的问题", "Problems", false, 2),
        ("next_month_plan", "NextMonthPlan", "下月工作计划", "Next month's plan", false, 3),
    ];

    /// <summary>The month the sections apply from: before any report the portal can hold.</summary>
    private const int ActiveFrom = 200001;

    /// <summary>Run after the new tables exist and before the old columns are dropped.</summary>
    public static void Up(MigrationBuilder migrationBuilder)
    {
        foreach (var s in Sections)
        {
            migrationBuilder.InsertData(
                table: "ReportSections",
                columns: ["Code", "NameZh", "NameEn", "IsRequired", "MaxLength", "ActiveFrom", "ActiveUntil", "SortOrder", "Version"],
                values: [s.Code, s.NameZh, s.NameEn, s.Required, null, ActiveFrom, null, s.Order, 1]);
        }

        foreach (var s in Sections)
        {
            // Every report was written against all three sections, so each gets all three rows, empty or not.
            migrationBuilder.Sql($"""
                INSERT INTO "MonthlyReportTexts" ("MonthlyReportId", "ReportSectionId", "SectionCode", "SectionNameZh", "SectionNameEn", "SortOrder", "Text")
                SELECT r."Id", s."Id", s."Code", s."NameZh", s."NameEn", s."SortOrder", r."{s.Column}"
                FROM "MonthlyReports" r CROSS JOIN "ReportSections" s
                WHERE s."Code" = '{s.Code}'
                """);
        }
    }

    /// <summary>Run after the old columns are back and before the new tables are dropped.</summary>
    public static void Down(MigrationBuilder migrationBuilder)
    {
        foreach (var s in Sections)
        {
            migrationBuilder.Sql($"""
                UPDATE "MonthlyReports" SET "{s.Column}" = (
                    SELECT t."Text" FROM "MonthlyReportTexts" t
                    WHERE t."MonthlyReportId" = "MonthlyReports"."Id" AND t."SectionCode" = '{s.Code}')
                """);
        }
    }
}
