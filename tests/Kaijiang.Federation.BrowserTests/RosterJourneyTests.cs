using Microsoft.Playwright;
using MiniExcelLibs;

namespace Kaijiang.Federation.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class RosterJourneyTests(BrowserFixture fixture)
{
    [SkippableFact]
    public async Task County_staff_add_a_person_start_a_term_see_it_on_the_roster_export_it_and_end_it()
    {
        Skip.If(fixture.SkipReason is not null, fixture.SkipReason);
        await using var journey = await Journey.StartAsync(fixture);
        var page = journey.Page;
        await journey.SignInAsync("county.staff");

        // From the tree to Jianshe Community's page, then "add officer".
        await page.GotoAsync("/Organisations/Tree?q=" + Uri.EscapeDataString("建设社区"));
        await page.ClickAsync("main a:text-is('建设社区')");
        Assert.StartsWith("建设社区", await page.InnerTextAsync("h1"), StringComparison.Ordinal);
        var organisationUrl = page.Url;
        await page.ClickAsync("a[href^='/Terms/Start']");

        const string name = "测试新执委";
        await page.FillAsync("#NewPerson_Name", name);
        await page.SelectOptionAsync("#NewPerson_Education", "SeniorHigh");
        await page.SelectOptionAsync("#NewPerson_PoliticalStatus", "Masses");
        await page.SelectOptionAsync("#Input_Office", "ExecutiveMember");
        await page.FillAsync("#Input_StartOn", DateTime.Today.AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await page.ClickAsync("main button[type=submit].btn-primary >> nth=-1");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        // She is on the roster.
        await page.GotoAsync(organisationUrl);
        Assert.Contains(name, await page.InnerTextAsync("main"), StringComparison.Ordinal);

        // The roster exports to Excel, with her in it.
        var organisationId = organisationUrl[(organisationUrl.LastIndexOf('/') + 1)..];
        var export = await page.APIRequest.GetAsync($"/RosterExport?organisationId={organisationId}");
        Assert.Equal(200, export.Status);
        using (var stream = new MemoryStream(await export.BodyAsync()))
        {
            var rows = stream.Query().Select(r => string.Join("|", ((IDictionary<string, object?>)r).Values)).ToList();
            Assert.Contains(rows, r => r.Contains(name, StringComparison.Ordinal));
        }

        // End the term again (the shared demo county keeps its figures): confirmation page, then history.
        await page.ClickAsync($"main a:text-is('{name}')");
        await page.ClickAsync("main a[href^='/Terms/End']");
        await page.SelectOptionAsync("#Input_EndReason", "Resigned");
        await page.ClickAsync("main button[type=submit].btn-danger");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await page.GotoAsync(organisationUrl);
        var roster = await page.InnerTextAsync("section[aria-labelledby=roster-heading]");
        Assert.DoesNotContain(name, roster, StringComparison.Ordinal);
        Assert.Empty(journey.Problems);
    }
}
