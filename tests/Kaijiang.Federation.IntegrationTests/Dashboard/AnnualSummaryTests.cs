using System.Net;
using Kaijiang.Federation.IntegrationTests.Infrastructure;
using MiniExcelLibs;
using static Kaijiang.Federation.IntegrationTests.Dashboard.DashboardPageReader;

namespace Kaijiang.Federation.IntegrationTests.Dashboard;

/// <summary>The annual summary of the demo county shows exactly the figures of the source document (shared/seed/figures.md).</summary>
[Collection(DemoCountyCollection.Name)]
public class AnnualSummaryTests(DemoCountyFixture fixture)
{
    /// <summary>Each figure of figures.md as the Chinese page shows it.</summary>
    public static readonly IReadOnlyDictionary<string, string> DocumentFigures = new Dictionary<string, string>
    {
        // 思想认识到位 基层组织"活起来"
        ["Summary.TownshipExecutives"] = "140",
        ["Summary.TownshipChairsAndVices"] = "40",
        ["Summary.TownshipFunds"] = "3 万元",
        ["Summary.JointUnits"] = "23",
        ["Summary.VillagesAndCommunities"] = "196个村、31个社区，共227个",
        ["Summary.VillageChairs"] = "227",
        ["Summary.VillageViceChairs"] = "450",
        ["Summary.VillageExecutives"] = "2,065",
        ["Summary.ConversionRate"] = "100%",
        ["Summary.ChairsInTwoCommittees"] = "194",
        ["Summary.ChairsPartySecretaries"] = "23",
        ["Summary.ChairsVillageDirectors"] = "30",
        ["Summary.StipendRule"] = "227名（共227名主席）",
        ["Summary.Channels"] = "6个群、1个公众号",
        ["Summary.StandardisedWomensHomes"] = "53",
        ["Summary.ChildrensHomes"] = "65",
        ["Summary.UnitWomensHomes"] = "36",
        // 品牌活动到位 家庭建设"新起来"
        ["Summary.ProvincialNomination"] = "1",
        ["Summary.CityMostBeautiful"] = "10",
        ["Summary.CountyMostBeautiful"] = "260",
        ["Summary.CivilisedFamilies"] = "360",
        ["Summary.Mottos"] = "240",
        ["Summary.Books"] = "3",
        ["Summary.Lecturers"] = "11",
        ["Summary.GrowthCentres"] = "1",
        ["Summary.SocialOrganisations"] = "2",
        // 贴心服务到位 创新创业"干起来"
        ["Summary.Experts"] = "25",
        ["Summary.EntrepreneurshipBases"] = "5",
        ["Summary.HomelandVillages"] = "4",
        ["Summary.Courtyards"] = "500",
        ["Summary.Projects"] = "16",
        ["Summary.ProjectFunds"] = "79 万元",
        ["Summary.Borrowers"] = "985",
        ["Summary.LoanAmount"] = "7,540 万元",
        ["Summary.LoanJobs"] = "10,350",
        ["Summary.Grants"] = "268",
        ["Summary.GrantAmount"] = "1 万元",
        ["Summary.HomeBasedBases"] = "6",
        ["Summary.Cooperatives"] = "10",
        ["Summary.PovertyBases"] = "8",
        ["Summary.BaseJobs"] = "9,800",
        ["Summary.Trainings"] = "12",
        ["Summary.TrainingPersonTimes"] = "800",
        ["Summary.JobFairs"] = "11",
        ["Summary.MutualAid"] = "1",
    };

    private async Task<PortalClient> LeaderAsync(string language = "zh-CN")
    {
        var client = new PortalClient(fixture.Factory, language);
        await client.LoginAsync("leader");
        return client;
    }

    [Fact]
    public async Task The_demo_countys_summary_shows_every_figure_of_the_document_exactly()
    {
        var client = await LeaderAsync();

        var html = await client.Http.GetStringAsync("/Summary");

        var lines = SummaryLines(html);
        foreach (var (key, expected) in DocumentFigures)
        {
            Assert.True(lines.TryGetValue(key, out var shown), $"{key} is missing");
            Assert.Equal((key, expected), (key, shown));
        }

        Assert.Equal(DocumentFigures.Count, lines.Count);
        Assert.Contains("思想认识到位，基层组织“活起来”", html, StringComparison.Ordinal);
        Assert.Contains("品牌活动到位，家庭建设“新起来”", html, StringComparison.Ordinal);
        Assert.Contains("贴心服务到位，创新创业“干起来”", html, StringComparison.Ordinal);
        Assert.Contains("妇联主席进入村（社区）两委班子", html, StringComparison.Ordinal);
        Assert.Contains("累计", html, StringComparison.Ordinal); // how "year" applies is said on the page
    }

    [Fact]
    public async Task An_earlier_year_counts_only_what_existed_by_its_end()
    {
        var client = await LeaderAsync();

        var lines = SummaryLines(await client.Http.GetStringAsync("/Summary?year=2016"));

        Assert.Equal("0", lines["Summary.Mottos"]); // collected from 2017
        Assert.Equal("0", lines["Summary.JobFairs"]); // joined from 2017
        Assert.Equal("3", lines["Summary.Projects"]); // the three 2016 projects
    }

    [Fact]
    public async Task A_townships_summary_counts_its_own_records()
    {
        var client = await LeaderAsync();
        var puan = await fixture.Factory.WithScopeAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions
            .SingleAsync(db.Organisations, o => o.Name == "普安镇"));

        var html = await client.Http.GetStringAsync($"/Summary?organisationId={puan.Id}");

        var lines = SummaryLines(html);
        Assert.Equal("7", lines["Summary.TownshipExecutives"]);
        Assert.Equal("2", lines["Summary.TownshipChairsAndVices"]);
        Assert.NotEqual("227", lines["Summary.VillageChairs"]);
    }

    [Fact]
    public async Task The_summary_exports_to_Excel_with_the_same_figures()
    {
        var client = await LeaderAsync();

        var response = await client.Http.GetAsync("/Summary/Excel");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        await using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        var rows = stream.Query(useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(DocumentFigures.Count, rows.Count);
        var shown = rows.Select(r => (Term: r["指标"]?.ToString(), Value: r["数据"]?.ToString())).ToList();
        Assert.Contains(("乡镇妇联执委", "140"), shown);
        Assert.Contains(("执委", "2,065"), shown);
        Assert.Contains(("贷款金额", "7,540 万元"), shown);
        Assert.Contains(("为女性提供就业岗位", "9,800"), shown);
        Assert.Equal(75_400_000m, Convert.ToDecimal(rows.Single(r => (string)r["指标"] == "贷款金额")["数值"], System.Globalization.CultureInfo.InvariantCulture));
        foreach (var expected in DocumentFigures.Values)
        {
            Assert.Contains(expected, shown.Select(s => s.Value));
        }
    }

    [Fact]
    public async Task The_summary_reads_in_English()
    {
        var client = await LeaderAsync("en");

        var html = await client.Http.GetStringAsync("/Summary");

        var lines = SummaryLines(html);
        Assert.Contains("<html lang=\"en\">", html, StringComparison.Ordinal);
        Assert.Equal("¥75,400,000.00", lines["Summary.LoanAmount"]);
        Assert.Equal("196 villages, 31 communities: 227", lines["Summary.VillagesAndCommunities"]);
        Assert.Contains("Women elected village directors", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_summary_prints_on_A4_without_navigation()
    {
        var client = await LeaderAsync();

        var html = await client.Http.GetStringAsync("/Summary");
        var css = await client.Http.GetStringAsync("/css/print.css");

        Assert.Matches("<link rel=\"stylesheet\" href=\"/css/print.css[^\"]*\" media=\"print\"", html);
        Assert.Contains("size: A4", css, StringComparison.Ordinal);
        Assert.Matches("header, nav, footer, form, button", css);
        Assert.Contains("href=\"/Summary\">年度总结</a>", html, StringComparison.Ordinal);
    }
}
