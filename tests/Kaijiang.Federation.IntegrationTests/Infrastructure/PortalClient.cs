using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Kaijiang.Federation.IntegrationTests.Infrastructure;

/// <summary>A browser-like HTTP client: keeps cookies, posts forms with their anti-forgery token.</summary>
public sealed partial class PortalClient
{
    public const string DemoPassword = Kaijiang.Federation.Web.Seeding.DemoSeeder.DefaultDemoPassword;

    public HttpClient Http { get; }

    public PortalClient(WebApplicationFactory<Program> factory, string language = "zh-CN")
    {
        Http = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
    }

    public async Task<HttpResponseMessage> LoginAsync(string userName, string password = DemoPassword)
    {
        var form = await Http.GetStringAsync("/Account/Login");
        return await PostFormAsync("/Account/Login", form, new() { ["UserName"] = userName, ["Password"] = password });
    }

    public async Task<HttpResponseMessage> PostFormAsync(string url, string pageWithForm, Dictionary<string, string> fields)
    {
        var token = AntiforgeryToken(pageWithForm);
        var values = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = token };
        using var content = new FormUrlEncodedContent(values);
        return await Http.PostAsync(url, content);
    }

    public static string AntiforgeryToken(string html)
    {
        var match = TokenPattern().Match(html);
        return match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value) : throw new InvalidOperationException("No anti-forgery token on the page.");
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
