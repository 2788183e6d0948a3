using System.Net;
using Kaijiang.Federation.IntegrationTests.Infrastructure;
using Kaijiang.Federation.Web.Domain;
using Kaijiang.Federation.Web.Features.Homes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kaijiang.Federation.IntegrationTests.Homes;

[Collection(DemoCountyCollection.Name)]
public sealed class HomesReadTests(DemoCountyFixture county)
{
    private Task<int> XinningVillageHomeAsync() => county.Factory.WithScopeAsync(db => db.ServiceSites
        .Where(s => s.Kind == ServiceSiteKind.WomensHome && s.Organisation!.Kind == OrganisationKind.Village && s.Organisation.Parent!.Name == "新宁镇")
        .OrderBy(s => s.Id).Select(s => s.Id).FirstAsync());

    [Fact]
    public async Task County_staff_list_all_328_homes_and_filter_the_53_standardised_ones()
    {
        var client = await Forms.SignedInAsync(county.Factory, "county.staff");

        var all = await client.Http.GetStringAsync("/Homes");
        Assert.Contains("data-total=\"328\"", all, StringComparison.Ordinal);

        var standardised = await client.Http.GetStringAsync("/Homes?kind=WomensHome&standardised=true");
        Assert.Contains("data-total=\"53\"", standardised, StringComparison.Ordinal);

        var units = await client.Http.GetStringAsync("/Homes?kind=WomensHome&hostKind=Unit&page=2");
        Assert.Contains("data-total=\"36\"", units, StringComparison.Ordinal);
        Assert.Contains("hostKind=Unit", units, StringComparison.Ordinal); // the pager keeps the filter
    }

    [Fact]
    public async Task A_township_filter_keeps_the_list_to_that_township()
    {
        var puan = await county.Factory.WithScopeAsync(db => db.Organisations.Where(o => o.Name == "普安镇").Select(o => new
        {
            o.Id,
            Homes = db.ServiceSites.Count(s => s.Organisation!.Path.StartsWith(o.Path)),
        }).SingleAsync());
        var client = await Forms.SignedInAsync(county.Factory, "county.staff");

        var html = await client.Http.GetStringAsync($"/Homes?township={puan.Id}");

        Assert.Contains($"data-total=\"{puan.Homes}\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Details_show_the_checklist_and_the_inspection_of_a_standardised_home()
    {
        var id = await county.Factory.WithScopeAsync(db => db.ServiceSites.Where(s => s.StandardisedOn != null).OrderBy(s => s.Id).Select(s => s.Id).FirstAsync());
        var client = await Forms.SignedInAsync(county.Factory, "leader");

        var html = await client.Http.GetStringAsync($"/Homes/Details/{id}");

        Assert.Contains("data-standardised=\"yes\"", html, StringComparison.Ordinal);
        Assert.Equal(6, System.Text.RegularExpressions.Regex.Count(html, "data-item-met=\"yes\""));
        Assert.Contains("有档案", html, StringComparison.Ordinal);
        Assert.Contains($"/History/ServiceSite/{id}", html, StringComparison.Ordinal);
        Assert.DoesNotContain("/Homes/Edit/", html, StringComparison.Ordinal); // the leader reads only
    }

    [Fact]
    public async Task A_home_of_another_township_is_not_found_and_the_leader_may_not_edit()
    {
        var id = await XinningVillageHomeAsync();

        var puan = await Forms.SignedInAsync(county.Factory, "chair.puan");
        Assert.Equal(HttpStatusCode.NotFound, (await puan.Http.GetAsync($"/Homes/Details/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await puan.Http.GetAsync($"/Homes/Edit/{id}")).StatusCode);

        var leader = await Forms.SignedInAsync(county.Factory, "leader");
        Assert.Equal(HttpStatusCode.Forbidden, (await leader.Http.GetAsync($"/Homes/Edit/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await leader.Http.GetAsync($"/Homes/Inspect/{id}")).StatusCode);

        var xinning = await Forms.SignedInAsync(county.Factory, "chair.xinning");
        Assert.Equal(HttpStatusCode.OK, (await xinning.Http.GetAsync($"/Homes/Edit/{id}")).StatusCode);
    }

    [Fact]
    public async Task The_export_is_an_xlsx_of_the_filtered_list_and_a_village_chair_may_not_export()
    {
        var client = await Forms.SignedInAsync(county.Factory, "county.staff");
        var response = await client.Http.GetAsync("/Homes/Export?kind=WomensHome&standardised=true");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        await using var stream = await response.Content.ReadAsStreamAsync();
        var rows = MiniExcelLibs.MiniExcel.Query(stream, useHeaderRow: true).ToList();
        Assert.Equal(53, rows.Count);

        var chair = await Forms.SignedInAsync(county.Factory, "chair.jianshe");
        Assert.Equal(HttpStatusCode.Forbidden, (await chair.Http.GetAsync("/Homes/Export")).StatusCode);
    }

    [Fact]
    public async Task The_checklist_lists_the_six_and_seven_haves()
    {
        var client = await Forms.SignedInAsync(county.Factory, "chair.jianshe");
        var html = await client.Http.GetStringAsync("/Homes/Checklist");

        Assert.Contains("有牌子", html, StringComparison.Ordinal);
        Assert.Contains("有经费", html, StringComparison.Ordinal);
        Assert.DoesNotContain("/Homes/ChecklistItem", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.Http.GetAsync("/Homes/ChecklistItem")).StatusCode);
    }

    [Fact]
    public async Task The_figures_count_homes_by_township_kind_and_host()
    {
        await using var scope = county.Factory.Services.CreateAsyncScope();
        var figures = scope.ServiceProvider.GetRequiredService<HomeFigures>();

        var byTownship = await figures.ByTownshipAsync(CancellationToken.None);
        var byYear = await figures.StandardisedByYearAsync(CancellationToken.None);

        Assert.Equal(328, byTownship.Sum(f => f.Homes));
        Assert.Equal(53, byTownship.Where(f => f.Kind == ServiceSiteKind.WomensHome && f.HostKind != OrganisationKind.Unit).Sum(f => f.Standardised));
        Assert.Equal(36, byTownship.Where(f => f.HostKind == OrganisationKind.Unit).Sum(f => f.Homes));
        Assert.Equal(20, byTownship.Select(f => f.TownshipName).Distinct().Count());
        Assert.DoesNotContain(byTownship, f => f.TownshipName is null);
        Assert.Equal(53, byYear.Sum(y => y.Homes));
    }

    [Fact]
    public async Task The_registers_index_links_every_register()
    {
        var client = await Forms.SignedInAsync(county.Factory, "leader");
        var html = await client.Http.GetStringAsync("/Registers");

        foreach (var url in new[] { "/Homes", "/Awards", "/Awards/Mottos", "/Loans", "/Grants", "/Bases", "/Projects", "/Trainings", "/Experts", "/JobFairs" })
        {
            Assert.Contains($"href=\"{url}\"", html, StringComparison.Ordinal);
        }
    }
}
