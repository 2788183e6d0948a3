using System.Net;
using Kaijiang.Federation.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Kaijiang.Federation.BrowserTests;

/// <summary>
/// The demo county served by real Kestrel on a loopback port, and Debian's Chromium driven by Playwright.
/// Without Chromium the tests skip with a reason, unless <c>PORTAL_TEST_REQUIRE_BROWSER=1</c> (CI) makes them fail.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumVariable = "PORTAL_TEST_CHROMIUM";
    public const string RequireVariable = "PORTAL_TEST_REQUIRE_BROWSER";

    private IPlaywright? _playwright;

    public PortalFactory Factory { get; } = new();

    public IBrowser? Browser { get; private set; }

    public string BaseAddress { get; private set; } = "";

    public static string ChromiumPath => Environment.GetEnvironmentVariable(ChromiumVariable) is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public static bool Required => Environment.GetEnvironmentVariable(RequireVariable) == "1";

    public string? SkipReason { get; private set; }

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            SkipReason = $"Chromium not found at {ChromiumPath}: install Debian's chromium package or set {ChromiumVariable}.";
            if (Required)
            {
                throw new InvalidOperationException(SkipReason);
            }

            return;
        }

        Factory.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        Factory.StartServer();
        var server = Factory.Services.GetRequiredService<IServer>();
        BaseAddress = server.Features.Get<IServerAddressesFeature>()!.Addresses.First().Replace("127.0.0.1", "localhost", StringComparison.Ordinal);

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--disable-quic",
            ],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        await Factory.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser";
}
