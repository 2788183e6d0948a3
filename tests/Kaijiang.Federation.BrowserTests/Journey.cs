using Microsoft.Playwright;

namespace Kaijiang.Federation.BrowserTests;

/// <summary>One user's session in the browser; it records console errors and failed requests, which fail the journey.</summary>
public sealed class Journey : IAsyncDisposable
{
    private readonly IBrowserContext _context;
    private readonly List<string> _problems = [];

    private Journey(IBrowserContext context, IPage page)
    {
        _context = context;
        Page = page;
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                _problems.Add("console: " + message.Text);
            }
        };
        page.PageError += (_, error) => _problems.Add("page error: " + error);
        page.RequestFailed += (_, request) => _problems.Add($"request failed: {request.Method} {request.Url} {request.Failure}");
        page.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                _problems.Add($"HTTP {response.Status}: {response.Url}");
            }
        };
    }

    public IPage Page { get; }

    public IReadOnlyList<string> Problems => _problems;

    /// <summary>A session in the given language, on a desktop window unless a viewport is given (390×844 is a phone).</summary>
    public static async Task<Journey> StartAsync(BrowserFixture fixture, string locale = "zh-CN", ViewportSize? viewport = null)
    {
        var context = await fixture.Browser!.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = fixture.BaseAddress,
            Locale = locale,
            ExtraHTTPHeaders = new Dictionary<string, string> { ["Accept-Language"] = locale },
            ViewportSize = viewport ?? new ViewportSize { Width = 1280, Height = 900 },
            // Not IsMobile: a mobile viewport zooms out to fit wide content, which would hide the sideways scroll we test for.
            HasTouch = viewport is { Width: < 600 },
        });
        return new Journey(context, await context.NewPageAsync());
    }

    public async Task SignInAsync(string userName, string password = Kaijiang.Federation.Web.Seeding.DemoSeeder.DefaultDemoPassword)
    {
        await Page.GotoAsync("/Account/Login");
        await Page.FillAsync("input[name=UserName]", userName);
        await Page.FillAsync("input[name=Password]", password);
        await Page.ClickAsync("button[type=submit].btn-primary");
        await Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
    }

    /// <summary>Saves a screenshot under docs/screenshots when <c>PORTAL_SCREENSHOTS=1</c> (see README).</summary>
    public async Task ScreenshotAsync(string name)
    {
        if (Environment.GetEnvironmentVariable("PORTAL_SCREENSHOTS") != "1")
        {
            return;
        }

        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Kaijiang.Federation.sln")))
        {
            dir = dir.Parent;
        }

        var folder = Path.Combine(dir!.FullName, "docs", "screenshots");
        Directory.CreateDirectory(folder);
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png"), FullPage = true });
    }

    public async ValueTask DisposeAsync() => await _context.DisposeAsync();
}
