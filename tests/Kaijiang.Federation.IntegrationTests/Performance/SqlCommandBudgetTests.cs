using System.Net;
using Kaijiang.Federation.IntegrationTests.Infrastructure;
using Kaijiang.Federation.Web.Data;
using Kaijiang.Federation.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Kaijiang.Federation.IntegrationTests.Performance;

/// <summary>
/// The regression guard against N+1 queries: each page family, read by the role that uses it on the demo county,
/// issues at most a fixed number of SQL commands, counted per request (<see cref="SqlCommandCounter"/>) — every
/// command of the request, sign-in cookie checks included. The bound of each page is today's count plus a little
/// room (written next to it); a page that starts querying per row goes far above it, whatever the data. Raise a
/// bound only for a real new need, and say why in the line.
/// </summary>
[Collection(DemoCountyCollection.Name)]
public sealed class SqlCommandBudgetTests(DemoCountyFixture county, ITestOutputHelper output)
{
    private PortalFactory Factory => county.Factory;

    [Theory]
    // family, user, page ({township} = Xinning, {village} = its first village, {person}, {loan}, {home}, {award}, {period}:
    // demo records), bound = the count measured on 2026-11-29 (first request after sign-in, dashboard uncached) + 2
    [InlineData("dashboard", "county.staff", "/", 25)]                                          // measured: 23
    [InlineData("dashboard", "chair.xinning", "/", 25)]                                         // measured: 23
    [InlineData("organisation page", "county.staff", "/Organisations/Details/{township}", 12)]  // measured: 10 (12 before the loan figures became one aggregate)
    [InlineData("organisation page", "chair.xinning", "/Organisations/Details/{village}", 12)]  // measured: 10
    [InlineData("people list", "county.staff", "/People", 5)]                                  // measured: 3
    [InlineData("people list", "county.staff", "/People?Township={township}&Office=Chair", 5)] // measured: 3
    [InlineData("person page", "county.staff", "/People/Details/{person}", 4)]                 // measured: 2
    [InlineData("tree", "county.staff", "/Organisations/Tree", 4)]                              // measured: 2
    [InlineData("tree expansion", "county.staff", "/Organisations/Children/{township}", 3)]    // measured: 1
    [InlineData("person search", "county.staff", "/People/Search?q=%E5%BC%A0", 3)]             // measured: 1
    [InlineData("report form", "chair.xinning", "/Reports/Report?organisationId={township}&period={period}", 7)] // measured: 5
    [InlineData("report form", "county.staff", "/Reports/Report?organisationId={township}&period={period}", 5)]  // measured: 3
    [InlineData("completeness matrix", "county.staff", "/Reports/Completeness", 4)]           // measured: 2
    [InlineData("register list", "county.staff", "/Loans", 7)]                                 // measured: 5
    [InlineData("register list", "county.staff", "/Awards", 6)]                                // measured: 4
    [InlineData("register list", "county.staff", "/Homes", 5)]                                 // measured: 3
    [InlineData("register list", "county.staff", "/Trainings", 5)]                             // measured: 3
    [InlineData("register record", "county.staff", "/Loans/Details/{loan}", 4)]                // measured: 2
    [InlineData("register record", "county.staff", "/Homes/Details/{home}", 7)]                // measured: 5
    [InlineData("register record", "county.staff", "/Awards/Details/{award}", 4)]              // measured: 2
    [InlineData("history", "county.staff", "/History/Organisation/{township}", 6)]             // measured: 4
    [InlineData("history", "admin", "/History/Search", 5)]                                     // measured: 3
    public async Task A_page_issues_no_more_SQL_commands_than_its_bound(string family, string user, string page, int bound)
    {
        var url = await ResolveAsync(page);
        var client = await PeopleTestDataSignIn(user);
        // The bound is for the page uncached: the short read cache (ReadCache) may hold what another test read.
        Factory.Services.GetRequiredService<RecordChangeSignal>().Bump();
        var id = Guid.NewGuid().ToString("N");
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add(SqlCommandCounter.Header, id);

        using var response = await client.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var commands = Factory.SqlCommands.CommandsOf(id);
        output.WriteLine($"{family}: {user} {url}: {commands.Count} SQL commands (bound {bound})");
        foreach (var sql in commands)
        {
            output.WriteLine("  " + sql.ReplaceLineEndings(" ")[..Math.Min(sql.Length, 160)]);
        }

        Assert.True(commands.Count > 0, "The counter saw no command: the page was not counted.");
        Assert.True(commands.Count <= bound,
            $"{family} ({url}) issued {commands.Count} SQL commands, more than its bound of {bound}:\n\n"
            + string.Join("\n\n", commands));
    }

    [Fact]
    public async Task The_counter_counts_per_request_and_only_requests_that_ask()
    {
        var client = await PeopleTestDataSignIn("county.staff");
        var first = Guid.NewGuid().ToString("N");
        var second = Guid.NewGuid().ToString("N");
        using var one = new HttpRequestMessage(HttpMethod.Get, "/People");
        one.Headers.Add(SqlCommandCounter.Header, first);
        using var two = new HttpRequestMessage(HttpMethod.Get, "/Account/Login");
        two.Headers.Add(SqlCommandCounter.Header, second);

        (await client.Http.SendAsync(one)).EnsureSuccessStatusCode();
        await client.Http.GetAsync("/People");
        (await client.Http.SendAsync(two)).EnsureSuccessStatusCode();

        Assert.Contains(Factory.SqlCommands.CommandsOf(first), sql => sql.Contains("People", StringComparison.Ordinal));
        Assert.Empty(Factory.SqlCommands.CommandsOf(second)); // the sign-in page reads no database
    }

    private async Task<PortalClient> PeopleTestDataSignIn(string user)
    {
        var client = new PortalClient(Factory);
        Assert.Equal(HttpStatusCode.Redirect, (await client.LoginAsync(user)).StatusCode);
        return client;
    }

    private async Task<string> ResolveAsync(string page) => await Factory.WithScopeAsync(async db =>
    {
        var township = await db.Organisations.Where(o => o.Name == "新宁镇").Select(o => o.Id).SingleAsync();
        var village = await db.Organisations.Where(o => o.ParentId == township).OrderBy(o => o.Path).Select(o => o.Id).FirstAsync();
        var person = await db.OfficeTerms.Where(t => t.OrganisationId == village).OrderBy(t => t.Id).Select(t => t.PersonId).FirstAsync();
        var period = await db.MonthlyReports.Where(r => r.OrganisationId == township).MaxAsync(r => r.Period);
        var loan = await db.Loans.OrderBy(l => l.Id).Select(l => l.Id).FirstAsync();
        var home = await db.ServiceSites.OrderBy(s => s.Id).Select(s => s.Id).FirstAsync();
        var award = await db.FamilyAwards.OrderBy(a => a.Id).Select(a => a.Id).FirstAsync();
        return page.Replace("{township}", $"{township}").Replace("{village}", $"{village}").Replace("{person}", $"{person}")
            .Replace("{period}", $"{period}").Replace("{loan}", $"{loan}").Replace("{home}", $"{home}").Replace("{award}", $"{award}");
    });
}
