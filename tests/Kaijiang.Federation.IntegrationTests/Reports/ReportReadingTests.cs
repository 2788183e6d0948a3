using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Kaijiang.Federation.IntegrationTests.Infrastructure;
using Kaijiang.Federation.Web.Domain;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using static Kaijiang.Federation.IntegrationTests.Reports.ReportsKit;

namespace Kaijiang.Federation.IntegrationTests.Reports;

/// <summary>
/// Completeness, the missing list, totals and exports on the seeded county, each checked against figures computed
/// here straight from the database. Read-only: the shared county keeps its data.
/// </summary>
[Collection(DemoCountyCollection.Name)]
public sealed partial class ReportReadingTests(DemoCountyFixture county)
{
    private static readonly CultureInfo Chinese = new("zh-CN");

    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));

    private static int LastMonth => (Today.AddMonths(-1).Year * 100) + Today.AddMonths(-1).Month;

    private static DateOnly DueOf(int period) => new DateOnly(period / 100, period % 100, 1).AddMonths(1).AddDays(4);

    [Fact]
    public async Task The_completeness_matrix_shows_each_townships_months_and_rates_as_the_database_holds_them()
    {
        var year = LastMonth / 100;
        var reports = await county.Factory.WithScopeAsync(db => db.MonthlyReports
            .Where(r => r.Period / 100 == year)
            .Select(r => new { Township = r.Organisation!.Name, r.Period, r.Status, r.SubmittedAt })
            .ToListAsync());
        var townships = await county.Factory.WithScopeAsync(db => db.Organisations.Where(o => o.Kind == OrganisationKind.Township).Select(o => o.Name).ToListAsync());
        var client = await SignedInAsync(county.Factory, "leader");

        var html = await client.Http.GetStringAsync($"/Reports/Completeness?year={year}");

        Assert.Contains("<th scope=\"col\"", html, StringComparison.Ordinal);
        int countyExpected = 0, countyReported = 0, countyOnTime = 0;
        foreach (var township in townships)
        {
            var row = Regex.Match(html, $"<tr data-township=\"{township}\">(.*?)</tr>", RegexOptions.Singleline);
            Assert.True(row.Success, township);
            var cells = CellPattern().Matches(row.Groups[1].Value).ToDictionary(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), m => m.Groups[2].Value);
            Assert.Equal(12, cells.Count);
            int expected = 0, reported = 0, onTime = 0;
            for (var month = 1; month <= 12; month++)
            {
                var period = (year * 100) + month;
                var report = reports.SingleOrDefault(r => r.Township == township && r.Period == period);
                var late = report?.SubmittedAt is { } at && DateOnly.FromDateTime(at.UtcDateTime.AddHours(8)) > DueOf(period);
                var state = report?.Status switch
                {
                    ReportStatus.Approved => late ? "ApprovedLate" : "ApprovedOnTime",
                    ReportStatus.Submitted => late ? "Late" : "OnTime",
                    ReportStatus.Returned => "Returned",
                    _ when period > LastMonth => "NotOpen",
                    ReportStatus.Draft => "Draft",
                    _ => Today > DueOf(period) ? "Missing" : "Open",
                };
                Assert.Equal(state, cells[period]);
                if (Today > DueOf(period))
                {
                    expected++;
                    var received = report?.Status is ReportStatus.Submitted or ReportStatus.Approved;
                    reported += received ? 1 : 0;
                    onTime += received && !late ? 1 : 0;
                }
            }

            Assert.Contains($"<td data-rate=\"reporting\">{Rate(reported, expected)}</td>", row.Groups[1].Value, StringComparison.Ordinal);
            Assert.Contains($"<td data-rate=\"ontime\">{Rate(onTime, expected)}</td>", row.Groups[1].Value, StringComparison.Ordinal);
            countyExpected += expected;
            countyReported += reported;
            countyOnTime += onTime;
        }

        Assert.Contains($"<td data-rate=\"county-reporting\">{Rate(countyReported, countyExpected)}</td>", html, StringComparison.Ordinal);
        Assert.Contains($"<td data-rate=\"county-ontime\">{Rate(countyOnTime, countyExpected)}</td>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_missing_list_names_the_townships_without_a_received_report_and_exports_them()
    {
        var received = await county.Factory.WithScopeAsync(db => db.MonthlyReports
            .Where(r => r.Period == LastMonth && (r.Status == ReportStatus.Submitted || r.Status == ReportStatus.Approved))
            .Select(r => r.Organisation!.Name).ToListAsync());
        var all = await county.Factory.WithScopeAsync(db => db.Organisations.Where(o => o.Kind == OrganisationKind.Township).Select(o => o.Name).ToListAsync());
        var missing = all.Except(received).Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(missing);
        var client = await SignedInAsync(county.Factory, "county.staff");

        var html = await client.Http.GetStringAsync("/Reports/Missing");
        foreach (var name in all)
        {
            Assert.Equal(missing.Contains(name), html.Contains($">{name}</a>", StringComparison.Ordinal));
        }

        var export = await client.Http.GetAsync("/Reports/MissingExport");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", export.Content.Headers.ContentType?.MediaType);
        using var stream = new MemoryStream(await export.Content.ReadAsByteArrayAsync());
        var rows = stream.Query(useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(missing, rows.Select(r => (string)r["乡镇"]).Order(StringComparer.Ordinal).ToList());
    }

    [Fact]
    public async Task A_months_reports_export_to_one_sheet_with_townships_as_rows_and_indicators_as_columns()
    {
        var values = await county.Factory.WithScopeAsync(db => db.MonthlyReportValues
            .Where(v => v.MonthlyReport!.Period == LastMonth && v.IndicatorCode == "women_trained")
            .Select(v => new { v.MonthlyReport!.Organisation!.Name, v.Value }).ToListAsync());
        var client = await SignedInAsync(county.Factory, "county.staff");

        var export = await client.Http.GetAsync($"/Reports/MonthExport?period={LastMonth}");

        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        using var stream = new MemoryStream(await export.Content.ReadAsByteArrayAsync());
        Assert.Single(MiniExcel.GetSheetNames(stream));
        var rows = stream.Query(useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(20, rows.Count);
        Assert.Contains("开展活动 (场次)", rows[0].Keys);
        Assert.Contains("发放贷款金额 (万元)", rows[0].Keys);
        foreach (var v in values)
        {
            var row = rows.Single(r => (string)r["乡镇"] == v.Name);
            Assert.Equal(v.Value, Convert.ToDecimal(row["培训妇女 (人次)"], CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public async Task County_totals_add_up_the_approved_reports_of_the_month()
    {
        var approved = await county.Factory.WithScopeAsync(db => db.MonthlyReportValues
            .Where(v => v.MonthlyReport!.Period == LastMonth && v.MonthlyReport.Status == ReportStatus.Approved && v.IndicatorCode == "activities_held")
            .Select(v => v.Value).ToListAsync());
        var client = await SignedInAsync(county.Factory, "leader");

        var html = await client.Http.GetStringAsync($"/Reports/Totals?year={LastMonth / 100}&month={LastMonth % 100}");

        var countyRow = Regex.Match(html, "<tr data-county>(.*?)</tr>", RegexOptions.Singleline).Groups[1].Value;
        var expected = approved.Sum(v => v ?? 0m).ToString("#,0.##", Chinese);
        Assert.Contains($"data-code=\"activities_held\">{expected}</td>", countyRow, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_role_lands_on_its_reports_page_and_an_approved_month_says_why_it_is_locked()
    {
        var chair = await SignedInAsync(county.Factory, "chair.xinning");
        Assert.Equal("/Reports/Current", (await chair.Http.GetAsync("/Reports")).Headers.Location?.OriginalString);
        var current = await chair.Http.GetStringAsync("/Reports/Current");
        Assert.Contains("data-lock=\"Approved\"", current, StringComparison.Ordinal);
        Assert.Contains("审核通过，已锁定", current, StringComparison.Ordinal);

        var staff = await SignedInAsync(county.Factory, "county.staff");
        Assert.Equal("/Reports/Review", (await staff.Http.GetAsync("/Reports")).Headers.Location?.OriginalString);
        var leader = await SignedInAsync(county.Factory, "leader");
        Assert.Equal("/Reports/Completeness", (await leader.Http.GetAsync("/Reports")).Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Forbidden, (await leader.Http.GetAsync("/Reports/Indicators")).StatusCode);

        var layout = await leader.Http.GetStringAsync("/");
        Assert.Contains("href=\"/Reports\">月报</a>", layout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_three_former_columns_are_seeded_sections_and_every_demo_report_has_their_texts()
    {
        var sections = await county.Factory.WithScopeAsync(db => db.ReportSections.AsNoTracking().OrderBy(s => s.SortOrder).ToListAsync());
        Assert.Equal(["work_done", "problems", "next_month_plan"], sections.Select(s => s.Code));
        Assert.Equal(["本月工作开展情况", "存在的问题", "下月工作计划"], sections.Select(s => s.NameZh));
        Assert.Equal([true, false, false], sections.Select(s => s.IsRequired));
        var reportsWithoutThree = await county.Factory.WithScopeAsync(db => db.MonthlyReports.CountAsync(r => r.Texts.Count != 3));
        Assert.Equal(0, reportsWithoutThree);

        var staff = await SignedInAsync(county.Factory, "county.staff");
        var page = await staff.Http.GetStringAsync("/Reports/Indicators");
        Assert.Contains("data-section=\"work_done\"", page, StringComparison.Ordinal);
        Assert.Contains("href=\"/Reports/CreateSection\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_village_chair_reads_her_own_townships_reports_and_completeness_and_nothing_of_another_township()
    {
        var xinning = await TownshipIdAsync(county.Factory, "新宁镇"); // 建设社区 lies in it
        var puan = await TownshipIdAsync(county.Factory, "普安镇");
        var approved = await county.Factory.WithScopeAsync(db => db.MonthlyReports
            .Where(r => r.OrganisationId == xinning && r.Status == ReportStatus.Approved)
            .OrderByDescending(r => r.Period).Select(r => r.Period).FirstAsync());
        var client = await SignedInAsync(county.Factory, "chair.jianshe");

        var page = await client.Http.GetStringAsync(Url("Report", xinning, approved));
        Assert.Contains("data-lock=\"NotYourTownship\"", page, StringComparison.Ordinal);
        Assert.Contains("data-indicator=\"activities_held\"", page, StringComparison.Ordinal);
        Assert.Contains("data-section=\"work_done\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<form method=\"post\" action=\"/Reports/", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await client.Http.GetAsync(Url("Report", puan, approved))).StatusCode);

        var matrix = await client.Http.GetStringAsync($"/Reports/Completeness?year={approved / 100}");
        Assert.Equal(["新宁镇"], Regex.Matches(matrix, "<tr data-township=\"([^\"]+)\">").Select(m => m.Groups[1].Value));
        var totals = await client.Http.GetStringAsync($"/Reports/Totals?year={approved / 100}");
        Assert.Contains("新宁镇", totals, StringComparison.Ordinal);
        Assert.DoesNotContain("普安镇", totals, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.Http.GetAsync($"/Reports/MonthExport?period={approved}")).StatusCode);
    }

    private static string Rate(int part, int whole) => whole == 0 ? "—" : ((decimal)part / whole).ToString("P0", Chinese);

    [GeneratedRegex("data-period=\"(\\d+)\" data-state=\"(\\w+)\"")]
    private static partial Regex CellPattern();
}
