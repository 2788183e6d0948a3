using System.Net;
using Kaijiang.Federation.IntegrationTests.Homes;
using Kaijiang.Federation.IntegrationTests.Infrastructure;
using Kaijiang.Federation.Web.Domain;
using Kaijiang.Federation.Web.Features.Awards;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kaijiang.Federation.IntegrationTests.Awards;

[Collection(DemoCountyCollection.Name)]
public sealed class AwardsReadTests(DemoCountyFixture county)
{
    private Task<int> XinningAwardAsync() => county.Factory.WithScopeAsync(db => db.FamilyAwards
        .Where(a => a.Organisation!.Parent!.Name == "新宁镇" && a.Organisation.Name != "建设社区").OrderBy(a => a.Id).Select(a => a.Id).FirstAsync());

    [Fact]
    public async Task The_list_filters_by_title_level_year_and_status()
    {
        var mostBeautiful = await county.Factory.WithScopeAsync(db => db.AwardTitles.Where(t => t.Code == "MostBeautifulFamily").Select(t => t.Id).SingleAsync());
        var client = await Forms.SignedInAsync(county.Factory, "leader");

        Assert.Contains("data-total=\"1141\"", await client.Http.GetStringAsync("/Awards"), StringComparison.Ordinal);
        Assert.Contains("data-total=\"1131\"", await client.Http.GetStringAsync("/Awards?status=Awarded"), StringComparison.Ordinal);
        Assert.Contains("data-total=\"10\"", await client.Http.GetStringAsync($"/Awards?title={mostBeautiful}&level=City&status=Awarded"), StringComparison.Ordinal);
        Assert.Contains("data-total=\"80\"", await client.Http.GetStringAsync($"/Awards?title={mostBeautiful}&level=County&year=2017"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/Awards")]
    [InlineData("/Awards/Families")]
    [InlineData("/Awards/Mottos")]
    public async Task A_township_filter_keeps_each_list_to_that_township_and_a_township_out_of_scope_is_cleared(string list)
    {
        var puan = await county.Factory.WithScopeAsync(db => db.Organisations.Where(o => o.Name == "普安镇").Select(o => new
        {
            o.Id,
            Awards = db.FamilyAwards.Count(a => a.Organisation!.Path.StartsWith(o.Path)),
            Families = db.Families.Count(f => f.Organisation!.Path.StartsWith(o.Path)),
            Mottos = db.FamilyMottos.Count(m => m.Organisation!.Path.StartsWith(o.Path)),
            All = list == "/Awards" ? db.FamilyAwards.Count() : list == "/Awards/Families" ? db.Families.Count() : db.FamilyMottos.Count(),
        }).SingleAsync());
        var inPuan = list == "/Awards" ? puan.Awards : list == "/Awards/Families" ? puan.Families : puan.Mottos;
        Assert.InRange(inPuan, 1, puan.All - 1); // the filter has something to keep and something to leave out

        var staff = await Forms.SignedInAsync(county.Factory, "county.staff");
        Assert.Contains($"data-total=\"{inPuan}\"", await staff.Http.GetStringAsync($"{list}?township={puan.Id}"), StringComparison.Ordinal);

        // Xinning's chair cannot see Puan: her list is her own township's, with no township chosen.
        var xinning = await Forms.SignedInAsync(county.Factory, "chair.xinning");
        var own = await xinning.Http.GetStringAsync(list);
        var probed = await xinning.Http.GetStringAsync($"{list}?township={puan.Id}");
        var total = System.Text.RegularExpressions.Regex.Match(own, "data-total=\"(\\d+)\"").Value;
        Assert.NotEmpty(total);
        Assert.Contains(total, probed, StringComparison.Ordinal);
        Assert.DoesNotContain($"value=\"{puan.Id}\" selected", probed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_award_of_another_township_is_not_found()
    {
        var id = await XinningAwardAsync();
        var puan = await Forms.SignedInAsync(county.Factory, "chair.puan");
        Assert.Equal(HttpStatusCode.NotFound, (await puan.Http.GetAsync($"/Awards/Details/{id}")).StatusCode);

        var xinning = await Forms.SignedInAsync(county.Factory, "chair.xinning");
        Assert.Equal(HttpStatusCode.OK, (await xinning.Http.GetAsync($"/Awards/Details/{id}")).StatusCode);
    }

    [Fact]
    public async Task The_leader_may_not_take_a_pipeline_step()
    {
        var nominated = await county.Factory.WithScopeAsync(db => db.FamilyAwards.Where(a => a.Status == AwardStatus.Nominated).OrderBy(a => a.Id).Select(a => new { a.Id, a.Version }).FirstAsync());
        var leader = await Forms.SignedInAsync(county.Factory, "leader");
        var page = await leader.Http.GetStringAsync($"/Awards/Details/{nominated.Id}");
        Assert.DoesNotContain("/Awards/Recommend/", page, StringComparison.Ordinal);

        var fields = new Dictionary<string, string> { ["version"] = Forms.Text(nominated.Version), ["award"] = "true" };
        Assert.Equal(HttpStatusCode.Forbidden, (await leader.PostFormAsync($"/Awards/Recommend/{nominated.Id}", page, fields)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await leader.PostFormAsync($"/Awards/Decide/{nominated.Id}", page, fields)).StatusCode);
        Assert.Equal(AwardStatus.Nominated, await county.Factory.WithScopeAsync(db => db.FamilyAwards.Where(a => a.Id == nominated.Id).Select(a => a.Status).SingleAsync()));
    }

    [Fact]
    public async Task The_export_holds_the_filtered_awards()
    {
        var client = await Forms.SignedInAsync(county.Factory, "chair.xinning");
        var response = await client.Http.GetAsync("/Awards/Export?status=Awarded&level=County&year=2018");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var stream = await response.Content.ReadAsStreamAsync();
        var rows = MiniExcelLibs.MiniExcel.Query(stream, useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        var expected = await county.Factory.WithScopeAsync(db => db.FamilyAwards.CountAsync(a =>
            a.Status == AwardStatus.Awarded && a.Level == AwardLevel.County && a.Year == 2018 && a.Organisation!.Path.StartsWith(db.Organisations.Single(o => o.Name == "新宁镇").Path)));
        Assert.Equal(expected, rows.Count);
        Assert.All(rows, r => Assert.Equal("县级", r["级别"]));
    }

    [Fact]
    public async Task Families_mottos_books_and_titles_are_listed()
    {
        var client = await Forms.SignedInAsync(county.Factory, "county.staff");

        Assert.Contains("data-total=\"240\"", await client.Http.GetStringAsync("/Awards/Mottos"), StringComparison.Ordinal);
        var books = await client.Http.GetStringAsync("/Awards/Books");
        Assert.Contains("家和万事兴", books, StringComparison.Ordinal);
        Assert.Contains("最美阳台", await client.Http.GetStringAsync("/Awards/Titles"), StringComparison.Ordinal);
        var families = await client.Http.GetStringAsync("/Awards/Families");
        var total = await county.Factory.WithScopeAsync(db => db.Families.CountAsync());
        Assert.Contains($"data-total=\"{total}\"", families, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_figures_count_awards_by_township_title_level_and_year()
    {
        await using var scope = county.Factory.Services.CreateAsyncScope();
        var figures = scope.ServiceProvider.GetRequiredService<AwardFigures>();

        var awards = await figures.ByTownshipAsync(CancellationToken.None);
        var mottos = await figures.MottosByTownshipAsync(CancellationToken.None);

        Assert.Equal(1131, awards.Sum(f => f.Awarded));
        Assert.Equal(260, awards.Where(f => f.TitleCode == "MostBeautifulFamily" && f.Level == AwardLevel.County).Sum(f => f.Awarded));
        Assert.Equal(1, awards.Where(f => f.Level == AwardLevel.Province).Sum(f => f.Awarded));
        Assert.Equal(9, awards.Sum(f => f.InPipeline));
        Assert.Equal(240, mottos.Sum(m => m.Mottos));
        Assert.DoesNotContain(awards, f => f.TownshipName is null);
    }
}
