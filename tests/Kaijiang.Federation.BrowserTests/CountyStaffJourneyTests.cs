namespace Kaijiang.Federation.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class CountyStaffJourneyTests(BrowserFixture fixture)
{
    [SkippableFact]
    public async Task County_staff_open_a_township_from_the_county_and_then_one_of_its_villages()
    {
        Skip.If(fixture.SkipReason is not null, fixture.SkipReason);
        await using var journey = await Journey.StartAsync(fixture);
        await journey.SignInAsync("county.staff");

        await journey.Page.ClickAsync("nav >> text=组织与班子");
        Assert.Contains("/Organisations/Tree", journey.Page.Url, StringComparison.Ordinal);

        await journey.Page.ClickAsync("main a:text-is('新宁镇')");
        Assert.StartsWith("新宁镇", await journey.Page.InnerTextAsync("h1"), StringComparison.Ordinal);
        Assert.Contains("现任班子", await journey.Page.InnerTextAsync("main"), StringComparison.Ordinal);

        await journey.Page.ClickAsync("table >> text=建设社区");
        Assert.StartsWith("建设社区", await journey.Page.InnerTextAsync("h1"), StringComparison.Ordinal);
        Assert.Contains("主席", await journey.Page.InnerTextAsync("main"), StringComparison.Ordinal);
        await journey.ScreenshotAsync("organisation");
        Assert.Empty(journey.Problems);
    }
}
