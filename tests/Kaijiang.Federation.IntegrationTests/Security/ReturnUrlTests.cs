using System.Net;
using Kaijiang.Federation.IntegrationTests.Infrastructure;

namespace Kaijiang.Federation.IntegrationTests.Security;

/// <summary>
/// The language switch's return address, as wapiti attacked it: a non-ASCII or control character once made the
/// Location header invalid and the server answered 500. Now it is percent-encoded, or the user goes home.
/// </summary>
[Collection(DemoCountyCollection.Name)]
public sealed class ReturnUrlTests(DemoCountyFixture county)
{
    [Theory]
    [InlineData("/People?q=张三¿'\"(", "/People?q=%E5%BC%A0%E4%B8%89%C2%BF'\"(")]
    [InlineData("/\r\nSet-Cookie: x=1", "/")]
    [InlineData("https://evil.example/", "/")]
    [InlineData("//evil.example/", "/")]
    [InlineData("/Reports", "/Reports")]
    public async Task The_language_switch_redirects_only_to_a_local_address_that_fits_a_header(string returnUrl, string expected)
    {
        var client = new PortalClient(county.Factory);
        var page = await client.Http.GetStringAsync("/Account/Login");

        var response = await client.PostFormAsync("/Account/SetLanguage", page, new() { ["culture"] = "en", ["returnUrl"] = returnUrl });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(expected, response.Headers.Location?.OriginalString);
    }
}
