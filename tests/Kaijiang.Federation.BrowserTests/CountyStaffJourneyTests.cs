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
        Assert.Equal("开江县妇女联合会", await journey.Page.InnerTextAsync("h1"));

        await journey.Page.ClickAsync("table >> text=新宁镇");
        Assert.Equal("新宁镇", await journey.Page.InnerTextAsync("h1"));
        Assert.Contains("现任班子", await journey.Page.InnerTextAsync("main"), StringComparison.Ordinal);

        await journey.Page.ClickAsync("table >> text=建设社区");
        Assert.Equal("建设社区", await journey.Page.InnerTextAsync("h1"));
        Assert.Contains("主席", await journey.Page.InnerTextAsync("main"), StringComparison.Ordinal);
        await journey.ScreenshotAsync("organisation");
        Assert.Empty(journey.Problems);
    }
}
