using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;

namespace Kaijiang.Federation.BrowserTests;

/// <summary>axe-core finds no serious or critical violation on the main pages (docs/ux.md lists them).</summary>
[Collection(BrowserCollection.Name)]
public sealed class AccessibilityTests(BrowserFixture fixture)
{
    public static TheoryData<string, string?> Pages => new()
    {
        { "/Account/Login", null },
        { "/", "leader" },
        { "/Organisations", "county.staff" },
        { "/Account/ChangePassword", "county.staff" },
        { "/Admin/Accounts", "admin" },
        { "/TwoFactor/Manage", "county.staff" },
        { "/Organisations/Tree", "county.staff" },
        { "/People", "county.staff" },
        { "/People/Create", "chair.xinning" },
        { "/Reports/Current", "chair.baoshi" },
        { "/Reports/Indicators", "county.staff" },
        { "/Reports/CreateSection", "county.staff" },
        { "/Reports/Completeness", "chair.jianshe" },
        { "/Loans?status=Outstanding", "leader" },
        { "/Awards?pipeline=true", "leader" },
        { "/Partners", "leader" },
        { "/Channels", "leader" },
    };

    [SkippableTheory]
    [MemberData(nameof(Pages))]
    public async Task The_page_has_no_serious_or_critical_violation(string url, string? user)
    {
        Skip.If(fixture.SkipReason is not null, fixture.SkipReason);
        await using var journey = await Journey.StartAsync(fixture);
        if (user is not null)
        {
            await journey.SignInAsync(user);
        }

        await journey.Page.GotoAsync(url);
        var results = await journey.Page.RunAxe(new AxeRunOptions());

        var serious = results.Violations
            .Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id} ({v.Impact}): {v.Help} — {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html + " " + n.Target))}")
            .ToList();
        Assert.Empty(serious);
        Assert.Empty(journey.Problems);
    }
}
