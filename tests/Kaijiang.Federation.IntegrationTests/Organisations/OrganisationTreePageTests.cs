using System.Net;
using Kaijiang.Federation.IntegrationTests.Infrastructure;
using Kaijiang.Federation.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace Kaijiang.Federation.IntegrationTests.Organisations;

/// <summary>The tree page, its on-demand children and its search, read against the shared demo county.</summary>
[Collection(DemoCountyCollection.Name)]
public sealed class OrganisationTreePageTests(DemoCountyFixture county)
{
    private Task<int> IdOf(string name) =>
        county.Factory.WithScopeAsync(db => db.Organisations.Where(o => o.Name == name).Select(o => o.Id).SingleAsync());

    private async Task<PortalClient> SignedInAsync(string user)
    {
        var client = new PortalClient(county.Factory);
        await client.LoginAsync(user);
        return client;
    }

    [Fact]
    public async Task County_staff_see_the_county_with_its_townships_and_their_chairs()
    {
        var client = await SignedInAsync("county.staff");

        var html = await client.Http.GetStringAsync("/Organisations/Tree");

        Assert.Contains("开江县妇女联合会", html, StringComparison.Ordinal);
        foreach (var township in new[] { "新宁镇", "普安镇", "宝石乡" })
        {
            Assert.Contains(township, html, StringComparison.Ordinal);
        }

        Assert.Contains($"/Organisations/Children/{await IdOf("新宁镇")}", html, StringComparison.Ordinal);
        Assert.Contains("/js/organisation-tree.js", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Expanding_a_township_lists_its_villages_communities_and_units_with_chairs_and_counts()
    {
        var xinning = await IdOf("新宁镇");
        var expected = await county.Factory.WithScopeAsync(db => db.Organisations
            .Where(o => o.ParentId == xinning && o.ClosedOn == null)
            .Select(o => new
            {
                o.Name,
                o.Kind,
                Chair = o.OfficeTerms.Where(t => t.Office == Office.Chair && t.EndedOn == null).Select(t => t.Person!.Name).FirstOrDefault(),
            })
            .ToListAsync());
        var client = await SignedInAsync("county.staff");

        var response = await client.Http.GetAsync($"/Organisations/Children/{xinning}");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("<html", html, StringComparison.Ordinal); // a fragment, not a page
        Assert.All(expected, o => Assert.Contains(o.Name, html, StringComparison.Ordinal));
        Assert.Contains(expected, o => o.Kind == OrganisationKind.Unit);
        var withChair = expected.First(o => o.Chair is not null);
        Assert.Contains(withChair.Chair!, html, StringComparison.Ordinal);
        // Villages and communities come before the units the township oversees.
        var lastVillage = expected.Where(o => o.Kind != OrganisationKind.Unit).Max(o => html.IndexOf(o.Name, StringComparison.Ordinal));
        var firstUnit = expected.Where(o => o.Kind == OrganisationKind.Unit).Min(o => html.IndexOf(o.Name, StringComparison.Ordinal));
        Assert.True(lastVillage < firstUnit);
    }

    [Fact]
    public async Task A_township_chair_expands_her_own_township_but_not_another_or_the_county()
    {
        var client = await SignedInAsync("chair.xinning");

        Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync($"/Organisations/Children/{await IdOf("新宁镇")}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.Http.GetAsync($"/Organisations/Children/{await IdOf("普安镇")}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.Http.GetAsync($"/Organisations/Children/{await IdOf("开江县妇女联合会")}")).StatusCode);

        var tree = await client.Http.GetStringAsync("/Organisations/Tree");
        Assert.Contains("建设社区", tree, StringComparison.Ordinal);
        Assert.DoesNotContain("普安镇", tree, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_by_name_shows_the_path_of_each_hit()
    {
        var client = await SignedInAsync("county.staff");

        var html = await client.Http.GetStringAsync("/Organisations/Tree?q=" + Uri.EscapeDataString("建设"));

        Assert.Contains("开江县妇女联合会 › 新宁镇 › 建设社区", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_by_pinyin_initials_finds_the_township()
    {
        var client = await SignedInAsync("county.staff");

        var html = await client.Http.GetStringAsync("/Organisations/Tree?q=xnz");

        Assert.Contains($"/Organisations/Details/{await IdOf("新宁镇")}", html, StringComparison.Ordinal);
        Assert.Contains("开江县妇女联合会 › 新宁镇", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_stays_inside_the_scope()
    {
        var client = await SignedInAsync("chair.xinning");

        var html = await client.Http.GetStringAsync("/Organisations/Tree?q=" + Uri.EscapeDataString("普安"));

        Assert.DoesNotContain($"/Organisations/Details/{await IdOf("普安镇")}\"", html, StringComparison.Ordinal);
        Assert.Contains("没有找到匹配的组织", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_results_page_in_path_order_and_keep_the_query_in_the_links()
    {
        // "村" matches every village: more than one page of results.
        var client = await SignedInAsync("county.staff");

        var first = await client.Http.GetStringAsync("/Organisations/Tree?q=" + Uri.EscapeDataString("村"));
        var second = await client.Http.GetStringAsync("/Organisations/Tree?q=" + Uri.EscapeDataString("村") + "&page=2");

        Assert.Contains("page=2", first, StringComparison.Ordinal);
        Assert.Contains("q=%E6%9D%91", first, StringComparison.Ordinal);
        Assert.Contains("第 2 / ", second, StringComparison.Ordinal);
        Assert.NotEqual(first, second);
    }
}
