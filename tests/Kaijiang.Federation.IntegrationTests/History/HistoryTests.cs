using System.Globalization;
using System.Net;
using Kaijiang.Federation.IntegrationTests.Infrastructure;
using Kaijiang.Federation.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace Kaijiang.Federation.IntegrationTests.History;

/// <summary>Record history and the audit search on the shared demo county (reads, and exports that add audit entries only).</summary>
[Collection(DemoCountyCollection.Name)]
public sealed class HistoryTests(DemoCountyFixture county)
{
    private Task<int> IdOfAsync(string name) =>
        county.Factory.WithScopeAsync(db => db.Organisations.Where(o => o.Name == name).Select(o => o.Id).SingleAsync());

    private async Task<PortalClient> SignedInAsync(string user)
    {
        var client = new PortalClient(county.Factory);
        await client.LoginAsync(user);
        return client;
    }

    [Fact]
    public async Task A_record_in_another_township_or_of_an_unknown_type_is_not_found()
    {
        var puan = await IdOfAsync("普安镇");
        var xinning = await IdOfAsync("新宁镇");
        var puanPerson = await county.Factory.WithScopeAsync(db => db.People.Where(p => p.Organisation!.Name == "普安镇").Select(p => p.Id).FirstAsync());
        var client = await SignedInAsync("chair.xinning");

        Assert.Equal(HttpStatusCode.NotFound, (await client.Http.GetAsync($"/History/Organisation/{puan}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.Http.GetAsync($"/History/Person/{puanPerson}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.Http.GetAsync($"/History/AuditEntry/{xinning}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.Http.GetAsync($"/History/Organisation/999999")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync($"/History/Organisation/{xinning}")).StatusCode);
    }

    [Theory]
    [InlineData("chair.xinning", HttpStatusCode.Forbidden)]
    [InlineData("leader", HttpStatusCode.Forbidden)]
    [InlineData("chair.jianshe", HttpStatusCode.Forbidden)]
    [InlineData("county.staff", HttpStatusCode.OK)]
    [InlineData("admin", HttpStatusCode.OK)]
    public async Task Only_county_staff_search_the_audit_log(string user, HttpStatusCode expected)
    {
        var client = await SignedInAsync(user);
        Assert.Equal(expected, (await client.Http.GetAsync("/History/Search")).StatusCode);
    }

    [Fact]
    public async Task The_audit_search_filters_by_user_type_action_date_and_organisation()
    {
        var xinning = await IdOfAsync("新宁镇");
        var puan = await IdOfAsync("普安镇");
        // A leader of her own, so that other tests' exports do not show up in her search.
        var leader = await county.Factory.CreateUserAsync(Roles.Leadership, "开江县妇女联合会");
        var exporter = await SignedInAsync(leader);
        Assert.Equal(HttpStatusCode.OK, (await exporter.Http.GetAsync($"/RosterExport?organisationId={xinning}")).StatusCode);
        var client = await SignedInAsync("county.staff");
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var tomorrow = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        var found = await client.Http.GetStringAsync($"/History/Search?user={leader}&entityType=Roster&action=Export&from={today}&to={today}&organisationId={xinning}");
        var otherTownship = await client.Http.GetStringAsync($"/History/Search?user={leader}&entityType=Roster&action=Export&organisationId={puan}");
        var future = await client.Http.GetStringAsync($"/History/Search?user={leader}&action=Export&from={tomorrow}");

        Assert.Contains($"data-user=\"{leader}\" data-action=\"Export\" data-type=\"Roster\"", found, StringComparison.Ordinal);
        Assert.DoesNotContain("data-user=\"county.staff\"", found, StringComparison.Ordinal);
        Assert.Contains($"name=\"user\" value=\"{leader}\"", found, StringComparison.Ordinal); // the filter stays in the form and the URL
        Assert.Contains("data-total=\"0\"", otherTownship, StringComparison.Ordinal);
        Assert.Contains("data-total=\"0\"", future, StringComparison.Ordinal);
    }
}
