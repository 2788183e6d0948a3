namespace Kaijiang.Federation.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class LeadershipJourneyTests(BrowserFixture fixture)
{
    [SkippableFact]
    public async Task The_leader_signs_in_and_reads_the_dashboard_in_Chinese()
    {
        Skip.If(fixture.SkipReason is not null, fixture.SkipReason);
        await using var journey = await Journey.StartAsync(fixture);

        await journey.SignInAsync("leader");

        Assert.EndsWith("/", journey.Page.Url, StringComparison.Ordinal);
        Assert.Equal("全县妇联工作概览", await journey.Page.InnerTextAsync("h1"));
        Assert.Equal("227", await journey.Page.InnerTextAsync("[data-figure='Dashboard.VillageChairs']"));
        Assert.Equal("985", await journey.Page.InnerTextAsync("[data-figure='Dashboard.Loans']"));
        Assert.Equal("zh-CN", await journey.Page.GetAttributeAsync("html", "lang"));
        Assert.Contains("领导", await journey.Page.InnerTextAsync("nav"), StringComparison.Ordinal);
        await journey.ScreenshotAsync("dashboard");
        Assert.Empty(journey.Problems);
    }

    [SkippableFact]
    public async Task The_leader_switches_to_English_and_signs_out()
    {
        Skip.If(fixture.SkipReason is not null, fixture.SkipReason);
        await using var journey = await Journey.StartAsync(fixture);
        await journey.SignInAsync("leader");

        await journey.Page.ClickAsync("button:has-text('English')");
        Assert.Equal("The federation at a glance", await journey.Page.InnerTextAsync("h1"));

        await journey.Page.ClickAsync("button:has-text('Sign out')");
        Assert.Contains("/Account/Login", journey.Page.Url, StringComparison.Ordinal);
        Assert.Empty(journey.Problems);
    }
}
