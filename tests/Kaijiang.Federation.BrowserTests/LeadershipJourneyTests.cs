using Microsoft.Playwright;

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
    public async Task The_leader_reads_the_charts_drills_into_a_township_and_prints_the_summary()
    {
        Skip.If(fixture.SkipReason is not null, fixture.SkipReason);
        await using var journey = await Journey.StartAsync(fixture);
        await journey.SignInAsync("leader");

        // Chart.js draws each chart from its table: the canvas gets a drawing size and the data table stays behind it.
        await journey.Page.WaitForFunctionAsync("() => document.querySelectorAll('canvas[data-chart-table]').length === 5 && [...document.querySelectorAll('canvas[data-chart-table]')].every(c => window.Chart && window.Chart.getChart(c))");
        Assert.Equal(5, await journey.Page.Locator("canvas[data-chart-table]").CountAsync());
        Assert.Equal(5, await journey.Page.Locator("table.chart-data").CountAsync());
        await journey.ScreenshotAsync("dashboard");

        await journey.Page.ClickAsync("a[data-drill]:has-text('回龙镇')");
        await journey.Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        Assert.Equal("回龙镇", await journey.Page.InnerTextAsync("h1"));
        Assert.Contains("/Dashboard/Organisation/", journey.Page.Url, StringComparison.Ordinal);

        await journey.Page.ClickAsync("nav a:has-text('年度总结')");
        await journey.Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        Assert.Equal("227", await journey.Page.InnerTextAsync("[data-summary='Summary.VillageChairs']"));
        await journey.Page.EmulateMediaAsync(new() { Media = Media.Print });
        Assert.False(await journey.Page.IsVisibleAsync("header nav"));
        Assert.False(await journey.Page.IsVisibleAsync("footer"));
        Assert.False(await journey.Page.IsVisibleAsync("button[data-print]"));
        Assert.True(await journey.Page.IsVisibleAsync("table.summary-table"));
        await journey.ScreenshotAsync("summary");
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
