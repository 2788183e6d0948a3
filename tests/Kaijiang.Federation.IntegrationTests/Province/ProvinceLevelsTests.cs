using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Kaijiang.Federation.IntegrationTests.Dashboard;
using Kaijiang.Federation.IntegrationTests.Infrastructure;
using Kaijiang.Federation.Web.Domain;
using Kaijiang.Federation.Web.Features.Dashboard;
using Microsoft.EntityFrameworkCore;

namespace Kaijiang.Federation.IntegrationTests.Province;

/// <summary>
/// Levels above the county (issue 9, item 1): on a generated province, scoping, the dashboard, the completeness
/// matrix and the kind rules of new organisations work at the province, city and county levels as at a county.
/// </summary>
[Collection(DemoCountyCollection.Name)]
public sealed partial class ProvinceLevelsTests(ProvinceFixture province) : IClassFixture<ProvinceFixture>
{
    [Theory]
    [InlineData("province.admin", OrganisationKind.Province)]
    [InlineData("city.staff", OrganisationKind.City)]
    [InlineData("county.staff", OrganisationKind.County)]
    public async Task The_dashboard_counts_the_townships_and_villages_of_the_scope_at_any_level(string user, OrganisationKind level)
    {
        var scope = await province.OrganisationAsync(q => q.Where(o => o.Kind == level));
        var expected = await province.Factory.WithScopeAsync(async db =>
        {
            var subtree = db.Organisations.IgnoreQueryFilters().Where(o => o.Path.StartsWith(scope.Path));
            return (
                Townships: await subtree.CountAsync(o => o.Kind == OrganisationKind.Township),
                Grassroots: await subtree.CountAsync(o => o.Kind == OrganisationKind.Village || o.Kind == OrganisationKind.Community),
                Loans: await db.Loans.IgnoreQueryFilters().CountAsync(l => l.Organisation!.Path.StartsWith(scope.Path)));
        });
        Assert.True(expected.Townships > 0);
        await province.RefreshDashboardSnapshotsAsync(); // organisations added by other tests of the class

        var client = await province.SignedInAsync(user);
        var html = await client.Http.GetStringAsync("/Dashboard");

        Assert.Equal(expected.Townships, DashboardPageReader.Number(DashboardPageReader.Figure(html, FigureKeys.Townships)));
        Assert.Equal(expected.Grassroots, DashboardPageReader.Number(DashboardPageReader.Figure(html, FigureKeys.VillagesAndCommunities)));
        Assert.Equal(expected.Loans, DashboardPageReader.Number(DashboardPageReader.Figure(html, FigureKeys.Loans)));
    }

    [Fact]
    public async Task The_province_dashboard_breaks_down_by_city_and_drills_down_to_a_county()
    {
        var cities = await province.Factory.WithScopeAsync(db => db.Organisations.IgnoreQueryFilters().Where(o => o.Kind == OrganisationKind.City).OrderBy(o => o.Path).ToListAsync());
        var county = await province.OrganisationAsync(q => q.Where(o => o.Kind == OrganisationKind.County && o.ParentId == cities[1].Id));
        var countyTownships = await province.Factory.WithScopeAsync(db => db.Organisations.IgnoreQueryFilters().CountAsync(o => o.ParentId == county.Id));
        var admin = await province.SignedInAsync("province.admin");
        await province.RefreshDashboardSnapshotsAsync(); // a city added by another test of the class

        var html = await admin.Http.GetStringAsync("/Dashboard");
        Assert.All(cities, c => Assert.Contains($"/Dashboard/Organisation/{c.Id}\"", html, StringComparison.Ordinal));

        var drilled = await admin.Http.GetStringAsync($"/Dashboard/Organisation/{county.Id}");
        Assert.Equal(countyTownships, DashboardPageReader.Number(DashboardPageReader.Figure(drilled, FigureKeys.Townships)));

        // The city staff of the first city cannot drill into the second.
        var cityStaff = await province.SignedInAsync("city.staff");
        Assert.Equal(HttpStatusCode.NotFound, (await cityStaff.Http.GetAsync($"/Dashboard/Organisation/{cities[1].Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await cityStaff.Http.GetAsync($"/Organisations/Details/{county.Id}")).StatusCode);
    }

    [Theory]
    [InlineData("province.admin", OrganisationKind.Province)]
    [InlineData("city.staff", OrganisationKind.City)]
    [InlineData("county.staff", OrganisationKind.County)]
    public async Task The_completeness_matrix_lists_every_township_of_the_scope_however_deep(string user, OrganisationKind level)
    {
        var scope = await province.OrganisationAsync(q => q.Where(o => o.Kind == level));
        var townships = await province.Factory.WithScopeAsync(db => db.Organisations.IgnoreQueryFilters()
            .Where(o => o.Kind == OrganisationKind.Township && o.Path.StartsWith(scope.Path)).OrderBy(o => o.Path).Select(o => o.Name).ToListAsync());
        var client = await province.SignedInAsync(user);

        var html = await client.Http.GetStringAsync("/Reports/Completeness?year=2026");

        Assert.Equal(townships, MatrixRows(html));
        Assert.Contains("data-state=\"ApprovedOnTime\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_province_admin_creates_a_city_and_a_county_under_it_and_the_kind_rules_hold()
    {
        var root = await province.OrganisationAsync(q => q.Where(o => o.ParentId == null));
        var admin = await province.SignedInAsync("province.admin");

        var cityName = "测试" + Guid.NewGuid().ToString("N")[..6] + "市妇女联合会";
        var created = await CreateAsync(admin, root.Id, cityName, OrganisationKind.City);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var city = await province.OrganisationAsync(q => q.Where(o => o.Name == cityName));
        Assert.Equal((OrganisationKind.City, 1, root.Id), (city.Kind, city.Depth, city.ParentId));

        var countyName = "测试" + Guid.NewGuid().ToString("N")[..6] + "县妇女联合会";
        Assert.Equal(HttpStatusCode.Redirect, (await CreateAsync(admin, city.Id, countyName, OrganisationKind.County)).StatusCode);
        var county = await province.OrganisationAsync(q => q.Where(o => o.Name == countyName));
        Assert.Equal((OrganisationKind.County, 2, city.Id), (county.Kind, county.Depth, county.ParentId));
        Assert.StartsWith(city.Path, county.Path, StringComparison.Ordinal);

        // A township directly under the province, or a city under a city, is refused with the form shown again.
        var refusedName = "测试" + Guid.NewGuid().ToString("N")[..6] + "镇";
        var refused = await CreateAsync(admin, root.Id, refusedName, OrganisationKind.Township);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains(refusedName, await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await CreateAsync(admin, city.Id, refusedName, OrganisationKind.City)).StatusCode);
        Assert.False(await province.Factory.WithScopeAsync(db => db.Organisations.IgnoreQueryFilters().AnyAsync(o => o.Name == refusedName)));
    }

    private static async Task<HttpResponseMessage> CreateAsync(PortalClient client, int parentId, string name, OrganisationKind kind)
    {
        var form = await client.Http.GetStringAsync($"/Organisations/Create?parentId={parentId}");
        return await client.PostFormAsync("/Organisations/Create", form, new()
        {
            ["ParentId"] = parentId.ToString(CultureInfo.InvariantCulture),
            ["Name"] = name,
            ["Kind"] = kind.ToString(),
            ["UnitKind"] = nameof(UnitKind.None),
            ["PinyinInitials"] = "cs",
            ["DivisionCode"] = "",
            ["ReformStatus"] = nameof(ReformStatus.NotStarted),
            ["ReformDate"] = "",
            ["AnnualFunds"] = "0",
            ["ContactName"] = "",
            ["ContactPhone"] = "",
            ["Address"] = "",
        });
    }

    /// <summary>The township names of the completeness matrix's rows, in page order.</summary>
    public static IReadOnlyList<string> MatrixRows(string html) =>
        RowPattern().Matches(html).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();

    [GeneratedRegex("<tr data-township=\"([^\"]+)\"")]
    private static partial Regex RowPattern();
}
