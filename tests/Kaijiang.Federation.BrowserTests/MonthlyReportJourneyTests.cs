using Microsoft.Playwright;

namespace Kaijiang.Federation.BrowserTests;

/// <summary>
/// A township chair writes her month, county staff return it with a comment, she fixes and resubmits it, they approve.
/// Qilong's last month: the seed left it unwritten and no other browser test reads it.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class MonthlyReportJourneyTests(BrowserFixture fixture)
{
    private static readonly Dictionary<string, string> Figures = new(StringComparer.Ordinal)
    {
        ["activities_held"] = "4", ["women_trained"] = "35", ["loans_count"] = "2", ["loans_amount"] = "6.5",
        ["complaints_handled"] = "1", ["home_activities"] = "6",
    };

    [SkippableFact]
    public async Task Chair_submits_county_staff_return_chair_resubmits_county_staff_approve()
    {
        Skip.If(fixture.SkipReason is not null, fixture.SkipReason);
        await using var chair = await Journey.StartAsync(fixture);
        await chair.SignInAsync("chair.qilong");

        await chair.Page.ClickAsync("nav >> text=月报");
        Assert.EndsWith("/Reports/Current", chair.Page.Url, StringComparison.Ordinal);
        foreach (var (code, value) in Figures)
        {
            await chair.Page.FillAsync($"#value-{code}", value);
        }

        await chair.Page.FillAsync("#text-work_done", "开展“母亲课堂”家庭教育讲座两场，参与妇女 35 人次。");
        await chair.ScreenshotAsync("report-form");
        await chair.Page.ClickAsync("button[value=submit]");
        Assert.Contains("月报已提交", await chair.Page.InnerTextAsync("main"), StringComparison.Ordinal);

        await using var staff = await Journey.StartAsync(fixture);
        await staff.SignInAsync("county.staff");
        await staff.Page.ClickAsync("nav >> text=月报");
        Assert.EndsWith("/Reports/Review", staff.Page.Url, StringComparison.Ordinal);
        // Qilong has an older month waiting too: open last month's.
        var lastMonth = DateTime.UtcNow.AddHours(8).AddMonths(-1);
        var period = (lastMonth.Year * 100) + lastMonth.Month;
        await staff.Page.ClickAsync($"table a[href$='period={period}']:has-text('骑龙乡')");
        await staff.Page.FillAsync("#return-comment", "培训人次与签到表不一致，请核实后重新提交。");
        await staff.Page.ClickAsync("button:has-text('退回修改')");
        Assert.Contains("月报已退回", await staff.Page.InnerTextAsync("main"), StringComparison.Ordinal);

        await chair.Page.GotoAsync("/Reports/Current");
        Assert.Contains("培训人次与签到表不一致", await chair.Page.InnerTextAsync("[data-review-comment]"), StringComparison.Ordinal);
        await chair.Page.FillAsync("#value-women_trained", "32");
        await chair.Page.ClickAsync("button[value=submit]");
        Assert.Contains("月报已提交", await chair.Page.InnerTextAsync("main"), StringComparison.Ordinal);

        await staff.Page.ReloadAsync();
        await staff.Page.ClickAsync("button:has-text('审核通过')");
        Assert.Contains("月报已审核通过", await staff.Page.InnerTextAsync("main"), StringComparison.Ordinal);
        Assert.Equal("Approved", await staff.Page.GetAttributeAsync("[data-report-status]", "data-report-status"));
        var steps = await staff.Page.Locator("#timeline li").EvaluateAllAsync<string[]>("items => items.map(i => i.dataset.step)");
        Assert.Equal(["Submitted", "Returned", "Submitted", "Approved"], steps);

        await chair.Page.ReloadAsync();
        Assert.Contains("已锁定", await chair.Page.InnerTextAsync("[data-lock]"), StringComparison.Ordinal);
        Assert.Equal(0, await chair.Page.Locator("button[value=submit]").CountAsync());
        Assert.Empty(chair.Problems);
        Assert.Empty(staff.Problems);
    }
}
