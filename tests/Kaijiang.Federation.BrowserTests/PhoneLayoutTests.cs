using Microsoft.Playwright;

namespace Kaijiang.Federation.BrowserTests;

/// <summary>
/// Township chairs often use a phone: at 390×844 the main pages scroll only vertically (wide tables scroll inside
/// their own box), and the navigation opens from its menu button.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PhoneLayoutTests(BrowserFixture fixture)
{
    private static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    [SkippableFact]
    public async Task The_main_pages_have_no_sideways_scroll_on_a_phone_and_the_menu_opens()
    {
        Skip.If(fixture.SkipReason is not null, fixture.SkipReason);
        await using var journey = await Journey.StartAsync(fixture, viewport: Phone);
        var wide = new List<string>();
        async Task CheckAsync(string url)
        {
            await journey.Page.GotoAsync(url);
            await journey.Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            var widths = await journey.Page.EvaluateAsync<int[]>("[document.documentElement.scrollWidth, window.innerWidth]");
            if (widths[0] > widths[1])
            {
                // What sticks out, from the first such element up to the page: what to fix. (An absolutely positioned
                // element escapes a scrolling box that is not itself positioned.)
                var culprit = await journey.Page.EvaluateAsync<string>("""
                    (() => {
                      const w = window.innerWidth;
                      const clipped = x => { for (let p = x.parentElement; p; p = p.parentElement) { const o = getComputedStyle(p).overflowX; if ((o === 'auto' || o === 'scroll' || o === 'hidden') && getComputedStyle(x).position !== 'absolute') return true; } return false; };
                      const out = [...document.querySelectorAll('body *')].filter(x => x.getBoundingClientRect().right > w + 1 && (!clipped(x) || x.getBoundingClientRect().right >= document.documentElement.scrollWidth - 1));
                      const name = x => x.tagName.toLowerCase() + (x.id ? '#' + x.id : '') + '.' + String(x.className).replace(/ /g, '.') + ' ' + Math.round(x.getBoundingClientRect().right);
                      const first = out.filter(x => !clipped(x) && !out.includes(x.parentElement))[0] || out[0];
                      const chain = []; for (let p = first; p; p = p.parentElement) chain.push(name(p) + ':' + getComputedStyle(p).overflowX + ':' + getComputedStyle(p).display);
                      return chain.join(' < ');
                    })()
                    """);
                wide.Add($"{url}: {widths[0]} > {widths[1]} ({culprit})");
            }
        }

        await CheckAsync("/Account/Login");
        await journey.SignInAsync("chair.xinning");
        foreach (var url in new[]
        {
            "/", "/Organisations/Tree", "/Reports/Current", "/Reports/Completeness", "/Reports/Totals", "/People", "/Registers", "/Loans",
            "/Awards", "/Homes", "/Summary",
        })
        {
            await CheckAsync(url);
        }

        await CheckAsync("/Organisations/Tree");
        var details = await journey.Page.Locator("a[href^='/Organisations/Details/']").First.GetAttributeAsync("href");
        Assert.NotNull(details);
        await CheckAsync(details!);
        Assert.True(wide.Count == 0, string.Join("\n", wide));

        // The navigation: hidden behind its menu button, which opens it.
        await journey.Page.GotoAsync("/");
        var toggler = journey.Page.Locator("button.navbar-toggler");
        Assert.True(await toggler.IsVisibleAsync());
        Assert.False(await journey.Page.Locator("#mainNav a[href='/Reports']").IsVisibleAsync());
        await toggler.ClickAsync();
        await journey.Page.Locator("#mainNav a[href='/Reports']").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Visible });
        Assert.Equal("true", await toggler.GetAttributeAsync("aria-expanded"));
        await journey.Page.ClickAsync("#mainNav a[href='/Reports']");
        Assert.EndsWith("/Reports/Current", journey.Page.Url, StringComparison.Ordinal);
        Assert.Empty(journey.Problems);
    }
}
