using Kaijiang.Federation.IntegrationTests.Infrastructure;

namespace Kaijiang.Federation.IntegrationTests.Shell;

[Collection(DemoCountyCollection.Name)]
public sealed class SecurityHeadersTests(DemoCountyFixture county)
{
    [Theory]
    [InlineData("/Account/Login")]
    [InlineData("/")]
    [InlineData("/Organisations")]
    [InlineData("/No/Such/Page")]
    public async Task Every_page_forbids_inline_script_framing_sniffing_and_caching(string url)
    {
        var client = new PortalClient(county.Factory);
        await client.LoginAsync("county.staff");
        var response = await client.Http.GetAsync(url);

        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("same-origin", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Contains("camera=()", response.Headers.GetValues("Permissions-Policy").Single(), StringComparison.Ordinal);
        Assert.True(response.Headers.CacheControl?.NoStore, $"{url} may be cached by the browser");
    }

    [Fact]
    public async Task Static_assets_may_be_cached_and_views_hold_no_inline_script()
    {
        var client = new PortalClient(county.Factory);
        var css = await client.Http.GetAsync("/lib/bootstrap/dist/css/bootstrap.min.css");
        Assert.NotEqual(true, css.Headers.CacheControl?.NoStore);

        await client.LoginAsync("county.staff");
        foreach (var url in new[] { "/Account/Login", "/", "/Account/ChangePassword" })
        {
            var html = await client.Http.GetStringAsync(url);
            Assert.DoesNotMatch(@"<script(?![^>]*\bsrc=)[^>]*>", html);
            Assert.DoesNotMatch(@"\son[a-z]+\s*=", html);
            Assert.DoesNotContain("style=\"", html, StringComparison.Ordinal);
        }
    }
}
