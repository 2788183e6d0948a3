using System.Net;
using Kaijiang.Federation.IntegrationTests.Infrastructure;
using Kaijiang.Federation.Web.Domain;
using static Kaijiang.Federation.IntegrationTests.People.PeopleTestData;

namespace Kaijiang.Federation.IntegrationTests.People;

/// <summary>The people pages read over HTTP against the shared demo county: masking by role, search, filters, scope.</summary>
[Collection(DemoCountyCollection.Name)]
public sealed class PeopleReadTests(DemoCountyFixture county)
{
    private PortalFactory Factory => county.Factory;

    [Theory]
    [InlineData("county.staff", true)]
    [InlineData("admin", true)]
    [InlineData("leader", false)]
    [InlineData("chair.xinning", false)]
    [InlineData("chair.jianshe", false)]
    public async Task The_person_page_shows_ID_number_and_phone_in_full_only_to_county_staff(string user, bool full)
    {
        var chair = await ChairOfAsync(Factory, "建设社区");
        var client = await SignedInAsync(Factory, user);

        var html = await client.Http.GetStringAsync($"/People/Details/{chair.PersonId}");

        Assert.Contains(chair.Name, html, StringComparison.Ordinal);
        Assert.Equal(full, html.Contains(chair.IdNumber, StringComparison.Ordinal));
        Assert.Equal(full, html.Contains(chair.Phone, StringComparison.Ordinal));
        Assert.Equal(!full, html.Contains(ResidentIdNumber.Mask(chair.IdNumber), StringComparison.Ordinal));
        Assert.Equal(!full, html.Contains(MobilePhone.Mask(chair.Phone), StringComparison.Ordinal));
        Assert.Contains($"href=\"/History/Person/{chair.PersonId}\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lists_and_search_results_are_masked_even_for_county_staff()
    {
        var chair = await ChairOfAsync(Factory, "建设社区");
        var client = await SignedInAsync(Factory, "county.staff");

        var list = await client.Http.GetStringAsync($"/People?name={Uri.EscapeDataString(chair.Name)}");
        var byName = await client.Http.GetStringAsync($"/People/Search?q={Uri.EscapeDataString(chair.Name)}");
        var byId = await client.Http.GetStringAsync($"/People/Search?q={chair.IdNumber}");

        foreach (var html in new[] { list, byName, byId })
        {
            Assert.Contains($"data-person=\"{chair.PersonId}\"", html, StringComparison.Ordinal);
            Assert.Contains(ResidentIdNumber.Mask(chair.IdNumber), html, StringComparison.Ordinal);
            Assert.DoesNotContain(chair.IdNumber, html.Replace($"q={chair.IdNumber}", "", StringComparison.Ordinal).Replace($"value=\"{chair.IdNumber}\"", "", StringComparison.Ordinal), StringComparison.Ordinal);
            Assert.DoesNotContain(chair.Phone, html, StringComparison.Ordinal);
        }

        Assert.Contains("data-matches=\"1\"", byId, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_part_of_an_ID_number_finds_no_one()
    {
        var chair = await ChairOfAsync(Factory, "建设社区");
        var client = await SignedInAsync(Factory, "county.staff");

        var html = await client.Http.GetStringAsync($"/People/Search?q={chair.IdNumber[..10]}");

        Assert.Contains("data-matches=\"0\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_list_pages_in_a_stable_order_and_keeps_its_filters_in_the_links()
    {
        var xinning = await OrganisationIdAsync(Factory, "新宁镇");
        var client = await SignedInAsync(Factory, "county.staff");

        var html = await client.Http.GetStringAsync($"/People?township={xinning}&kind=Village&office=ExecutiveMember&crossPost=TwoCommittees");

        Assert.Contains($"<option value=\"{xinning}\" selected=\"selected\">", html, StringComparison.Ordinal);
        Assert.Contains("<option value=\"ExecutiveMember\" selected=\"selected\">", html, StringComparison.Ordinal);
        Assert.Contains("<option value=\"TwoCommittees\" selected=\"selected\">", html, StringComparison.Ordinal);
        var everyone = await client.Http.GetStringAsync("/People");
        Assert.Contains("page=2", everyone, StringComparison.Ordinal);
        var second = await client.Http.GetStringAsync("/People?page=2");
        var again = await client.Http.GetStringAsync("/People?page=2");
        Assert.Equal(RowIds(second), RowIds(again));
        Assert.Empty(RowIds(second).Intersect(RowIds(everyone)));
    }

    [Fact]
    public async Task A_township_chair_finds_no_one_of_another_township()
    {
        var puanChair = await ChairOfAsync(Factory, "普安镇");
        var client = await SignedInAsync(Factory, "chair.xinning");

        var byId = await client.Http.GetStringAsync($"/People/Search?q={puanChair.IdNumber}");
        var details = await client.Http.GetAsync($"/People/Details/{puanChair.PersonId}");

        Assert.Contains("data-matches=\"0\"", byId, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, details.StatusCode);
    }

    [Fact]
    public async Task Chair_puan_gets_404_for_a_Xinning_person_and_term_and_nothing_changes()
    {
        var chair = await ChairOfAsync(Factory, "建设社区");
        var client = await SignedInAsync(Factory, "chair.puan");
        var page = await client.Http.GetStringAsync("/");

        Assert.Equal(HttpStatusCode.NotFound, (await client.Http.GetAsync($"/People/Edit/{chair.PersonId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.Http.GetAsync($"/Terms/Edit/{chair.TermId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.Http.GetAsync($"/Terms/End/{chair.TermId}")).StatusCode);
        var edit = await client.PostFormAsync($"/People/Edit/{chair.PersonId}", page, PersonForm("篡改者", organisationId: 1));
        var end = await client.PostFormAsync($"/Terms/End/{chair.TermId}", page, new() { ["Input.EndedOn"] = Iso(DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1)), ["Input.EndReason"] = "Resigned", ["Input.Version"] = "0" });

        Assert.Equal(HttpStatusCode.NotFound, edit.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, end.StatusCode);
        Assert.Equal(chair, await ChairOfAsync(Factory, "建设社区"));
    }

    [Fact]
    public async Task The_leader_may_change_nothing()
    {
        var chair = await ChairOfAsync(Factory, "建设社区");
        var jianshe = await OrganisationIdAsync(Factory, "建设社区");
        var client = await SignedInAsync(Factory, "leader");
        var page = await client.Http.GetStringAsync("/");
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var before = await Factory.WithScopeAsync(db => Task.FromResult(db.People.Count()));

        Assert.Equal(HttpStatusCode.Forbidden, (await client.Http.GetAsync("/People/Create")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.Http.GetAsync($"/People/Edit/{chair.PersonId}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.Http.GetAsync($"/Terms/Start?organisationId={jianshe}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.Http.GetAsync($"/Terms/Edit/{chair.TermId}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.Http.GetAsync($"/Terms/End/{chair.TermId}")).StatusCode);
        var posts = new[]
        {
            await client.PostFormAsync("/People/Create", page, PersonForm("领导新增", new DateOnly(1980, 1, 1), organisationId: jianshe)),
            await client.PostFormAsync($"/People/Edit/{chair.PersonId}", page, PersonForm("领导改名", organisationId: jianshe)),
            await client.PostFormAsync($"/Terms/Start?organisationId={jianshe}", page, new() { ["personId"] = chair.PersonId.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Input.Office"] = "ExecutiveMember", ["Input.StartOn"] = Iso(today) }),
            await client.PostFormAsync($"/Terms/Edit/{chair.TermId}", page, new() { ["Input.Office"] = "Chair", ["Input.StartOn"] = Iso(today), ["Input.MonthlyStipend"] = "1" }),
            await client.PostFormAsync($"/Terms/End/{chair.TermId}", page, new() { ["Input.EndedOn"] = Iso(today), ["Input.EndReason"] = "Resigned" }),
        };

        Assert.All(posts, p => Assert.Equal(HttpStatusCode.Forbidden, p.StatusCode));
        Assert.Equal(chair, await ChairOfAsync(Factory, "建设社区"));
        Assert.Equal(before, await Factory.WithScopeAsync(db => Task.FromResult(db.People.Count())));
    }

    private static List<string> RowIds(string html) =>
        System.Text.RegularExpressions.Regex.Matches(html, "<tr data-person=\"(\\d+)\"").Select(m => m.Groups[1].Value).ToList();
}
