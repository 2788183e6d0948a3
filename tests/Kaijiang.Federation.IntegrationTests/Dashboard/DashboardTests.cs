using System.Net;
using System.Text.RegularExpressions;
using Kaijiang.Federation.IntegrationTests.Infrastructure;
using Kaijiang.Federation.Web.Data;
using Kaijiang.Federation.Web.Domain;
using Kaijiang.Federation.Web.Seeding;
using Microsoft.EntityFrameworkCore;
using static Kaijiang.Federation.IntegrationTests.Dashboard.DashboardPageReader;

namespace Kaijiang.Federation.IntegrationTests.Dashboard;

/// <summary>The dashboard's figures against counts made directly in the database, scope by scope.</summary>
[Collection(DemoCountyCollection.Name)]
public partial class DashboardTests(DemoCountyFixture fixture)
{
    private readonly PortalFactory _factory = fixture.Factory;

    private Task<T> Db<T>(Func<FederationDbContext, Task<T>> query) => _factory.WithScopeAsync(query);

    private static DateOnly Today => DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToOffset(DemoCounty.ChinaOffset).DateTime);

    private async Task<string> PageAsync(string user, string url, string language = "zh-CN")
    {
        var client = new PortalClient(_factory, language);
        await client.LoginAsync(user);
        var response = await client.Http.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    [Fact]
    public async Task The_leaders_dashboard_shows_the_figures_counted_in_the_database()
    {
        var today = Today;
        var grassroots = await Db(db => db.Organisations.CountAsync(o => o.Kind == OrganisationKind.Village || o.Kind == OrganisationKind.Community));
        var chairs = await Db(db => db.OfficeTerms.CountAsync(t => t.EndedOn == null && t.Office == Office.Chair
            && (t.Organisation!.Kind == OrganisationKind.Village || t.Organisation.Kind == OrganisationKind.Community)));
        var townshipLeaders = await Db(db => db.OfficeTerms.CountAsync(t => t.EndedOn == null && t.Office != Office.ExecutiveMember && t.Organisation!.Kind == OrganisationKind.Township));
        var awarded = await Db(db => db.FamilyAwards.CountAsync(a => a.Status == AwardStatus.Awarded));
        var pipeline = await Db(db => db.FamilyAwards.CountAsync(a => a.Status == AwardStatus.Nominated || a.Status == AwardStatus.Recommended || a.Status == AwardStatus.PublicNotice));
        var childrensHomes = await Db(db => db.ServiceSites.CountAsync(s => s.Kind == ServiceSiteKind.ChildrensHome));
        var fairs = await Db(db => db.JobFairs.CountAsync());
        var loans = await Db(db => db.Loans.Select(l => new { l.Amount, l.DueOn, l.WrittenOffOn, Repaid = l.Repayments.Select(r => r.Principal).ToList() }).ToListAsync());
        var standings = loans.Select(l =>
        {
            var outstanding = LoanStanding.Outstanding(l.Amount, l.Repaid);
            return (Status: LoanStanding.Status(outstanding, l.DueOn, l.WrittenOffOn, today), Days: LoanStanding.OverdueDays(outstanding, l.DueOn, today));
        }).ToList();
        var endingSoon = await Db(db => db.OfficeTerms.CountAsync(t => t.EndedOn == null && t.PlannedEndOn > today && t.PlannedEndOn <= today.AddDays(90)));

        var html = await PageAsync("leader", "/");

        Assert.Equal(grassroots, Number(Figure(html, "Dashboard.VillagesAndCommunities")));
        Assert.Equal(chairs, Number(Figure(html, "Dashboard.VillageChairs")));
        Assert.Equal(townshipLeaders, Number(Figure(html, "Dashboard.TownshipChairsAndVices")));
        Assert.Equal(awarded, Number(Figure(html, "Dashboard.AwardsDecided")));
        Assert.Equal(pipeline, Number(Figure(html, "Dashboard.Pipeline")));
        Assert.Equal(childrensHomes, Number(Figure(html, "Dashboard.ChildrensHomes")));
        Assert.Equal(fairs, Number(Figure(html, "Dashboard.JobFairs")));
        Assert.Equal(loans.Count, Number(Figure(html, "Dashboard.Loans")));
        Assert.Equal(standings.Count(s => s.Status == LoanStatus.Overdue), Number(Figure(html, "Dashboard.LoansOverdue")));
        Assert.Equal(standings.Count(s => s.Status == LoanStatus.Overdue && s.Days > 90), Number(Figure(html, "Dashboard.LoansOverdueOver90")));
        Assert.Equal(endingSoon, Number(Figure(html, "Dashboard.TermsEndingSoon")));
        Assert.Equal("100%", Figure(html, "Dashboard.StipendCompliance"));
        Assert.Equal("7,540 万元", Figure(html, "Dashboard.LoanAmount"));
    }

    [Fact]
    public async Task Last_months_report_completeness_matches_the_reports_in_the_database()
    {
        var today = Today;
        var period = MonthlyReport.PeriodOf(new DateOnly(today.Year, today.Month, 1).AddMonths(-1));
        var submitted = await Db(db => db.MonthlyReports.CountAsync(r => r.Period == period && r.Status != ReportStatus.Draft && r.SubmittedAt != null));

        var html = await PageAsync("leader", "/");

        Assert.Equal(20, Number(Figure(html, "Dashboard.ReportsDue")));
        Assert.Equal(submitted, Number(Figure(html, "Dashboard.ReportsSubmitted")));
        Assert.InRange(submitted, 1, 19);
    }

    [Fact]
    public async Task A_township_chairs_dashboard_shows_her_township_only()
    {
        var villages = await Db(db => db.Organisations.CountAsync(o =>
            (o.Kind == OrganisationKind.Village || o.Kind == OrganisationKind.Community) && o.Parent!.Name == "普安镇"));
        var loans = await Db(db => db.Loans.CountAsync(l => l.Organisation!.Parent!.Name == "普安镇"));

        var html = await PageAsync("chair.puan", "/");

        Assert.Contains("<h1 class=\"h3 mb-1\">普安镇</h1>", html, StringComparison.Ordinal);
        Assert.Equal(villages, Number(Figure(html, "Dashboard.VillagesAndCommunities")));
        Assert.Equal(villages, Number(Figure(html, "Dashboard.VillageChairs")));
        Assert.NotEqual(227, villages);
        Assert.Equal(loans, Number(Figure(html, "Dashboard.Loans")));
        Assert.Equal("1", Figure(html, "Dashboard.ReportsDue"));
        Assert.DoesNotContain("新宁镇", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_leader_drills_down_from_the_county_to_a_township_and_a_village()
    {
        var village = await Db(db => db.Organisations.Where(o => o.Kind == OrganisationKind.Village && o.Parent!.Name == "回龙镇")
            .Select(o => new { o.Id, o.Name, o.ParentId }).FirstAsync());

        var county = await PageAsync("leader", "/");
        Assert.Contains($"href=\"/Dashboard/Organisation/{village.ParentId}\"", county, StringComparison.Ordinal);

        var township = await PageAsync("leader", $"/Dashboard/Organisation/{village.ParentId}");
        Assert.Contains($"href=\"/Dashboard/Organisation/{village.Id}\"", township, StringComparison.Ordinal);

        var html = await PageAsync("leader", $"/Dashboard/Organisation/{village.Id}");
        Assert.Contains(village.Name, html, StringComparison.Ordinal);
        Assert.Contains("回龙镇</a>", html, StringComparison.Ordinal); // the breadcrumb
        Assert.Equal("1", Figure(html, "Dashboard.VillageChairs"));
        Assert.Equal("1", Figure(html, "Dashboard.VillagesAndCommunities"));
        Assert.Equal("0", Figure(html, "Dashboard.Townships"));
    }

    [Fact]
    public async Task Another_townships_village_is_not_found_for_a_township_chair()
    {
        var village = await Db(db => db.Organisations.Where(o => o.Kind == OrganisationKind.Village && o.Parent!.Name == "回龙镇").Select(o => o.Id).FirstAsync());
        var client = new PortalClient(_factory);
        await client.LoginAsync("chair.xinning");

        var response = await client.Http.GetAsync($"/Dashboard/Organisation/{village}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task The_comparison_table_sorts_the_townships_by_a_column_on_the_server()
    {
        var loansByTownship = await Db(db => db.Loans.GroupBy(l => l.Organisation!.Parent!.Name).Select(g => new { g.Key, Count = g.Count() }).ToListAsync());

        var html = await PageAsync("leader", "/Dashboard/Townships?sort=Loans&desc=true");

        var loans = Figures(html).Where(f => f.Key == "Dashboard.Loans").Select(f => Number(f.Value)).ToList();
        Assert.Equal(20, loans.Count);
        Assert.Equal(loans.OrderByDescending(n => n), loans);
        var first = TownshipPattern().Match(html).Groups[1].Value;
        Assert.Equal(loansByTownship.Max(t => t.Count), loansByTownship.Single(t => t.Key == first).Count);
        Assert.Contains("aria-sort=\"descending\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/Dashboard/Townships?sort=Loans\"", html, StringComparison.Ordinal); // next click: ascending

        var ascending = await PageAsync("leader", "/Dashboard/Townships?sort=Loans");
        var up = Figures(ascending).Where(f => f.Key == "Dashboard.Loans").Select(f => Number(f.Value)).ToList();
        Assert.Equal(up.Order(), up);
    }

    [Fact]
    public async Task Every_figure_is_a_link_to_the_list_behind_it()
    {
        foreach (var url in new[] { "/", "/Dashboard/Townships" })
        {
            var html = await PageAsync("leader", url);
            var figures = Regex.Count(html, "data-figure=");
            var links = Regex.Count(html, "<a [^>]*href=\"/[^\"]*\" data-figure=");
            Assert.True(figures > 40, $"{url}: {figures} figures");
            Assert.Equal(figures, links);
        }

        var dashboard = await PageAsync("leader", "/");
        Assert.Contains("href=\"/People?office=Chair&amp;kind=Village\" data-figure=\"Dashboard.VillageChairs\"", dashboard, StringComparison.Ordinal);
        Assert.Contains("href=\"/Homes?kind=WomensHome&amp;standardised=true\" data-figure=\"Dashboard.StandardisedWomensHomes\"", dashboard, StringComparison.Ordinal);
        var township = await PageAsync("chair.puan", "/");
        Assert.Matches("href=\"/Loans\\?township=[0-9]+\" data-figure=\"Dashboard.Loans\"", township);
    }

    [Fact]
    public async Task Charts_are_drawn_from_tables_by_a_script_file_with_no_inline_script()
    {
        var html = await PageAsync("leader", "/");

        foreach (var chart in new[] { "chart-trend", "chart-awards", "chart-industry", "chart-parts", "chart-completeness" })
        {
            Assert.Contains($"<canvas data-chart-table=\"{chart}\"", html, StringComparison.Ordinal);
            Assert.Contains($"id=\"{chart}\"", html, StringComparison.Ordinal);
        }

        Assert.Contains("src=\"/lib/chart.js/chart.umd.min.js\"", html, StringComparison.Ordinal);
        Assert.DoesNotMatch("<script(?![^>]*\\ssrc=)[^>]*>", html);
        Assert.DoesNotContain(" style=\"", html, StringComparison.Ordinal);
        var client = new PortalClient(_factory);
        Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync("/lib/chart.js/chart.umd.min.js")).StatusCode);
    }

    [Fact]
    public async Task The_dashboard_reads_in_English()
    {
        var html = await PageAsync("leader", "/", "en");

        Assert.Contains("Overdue 1–30 days", html, StringComparison.Ordinal);
        Assert.Equal("¥75,400,000.00", Figure(html, "Dashboard.LoanAmount"));
        Assert.Equal("2,065", Figure(html, "Dashboard.VillageExecutives"));
    }

    [GeneratedRegex("data-township=\"([^\"]+)\"")]
    private static partial Regex TownshipPattern();
}
