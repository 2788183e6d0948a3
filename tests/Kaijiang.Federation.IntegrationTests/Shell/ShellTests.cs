using System.Net;
using Kaijiang.Federation.IntegrationTests.Infrastructure;

namespace Kaijiang.Federation.IntegrationTests.Shell;

/// <summary>The shell of the UI over HTTP: health, sign-in, the dashboard, both languages.</summary>
[Collection(DemoCountyCollection.Name)]
public sealed class ShellTests(DemoCountyFixture county)
{
    [Fact]
    public async Task Health_answers_200_without_sign_in_when_the_database_is_up()
    {
        var client = new PortalClient(county.Factory);
        var response = await client.Http.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Health_answers_503_when_the_database_does_not()
    {
        // Nothing listens on port 1: the provider is PostgreSQL, the server is down.
        using var factory = new PortalFactory
        {
            Provider = "PostgreSql",
            ConnectionString = "Host=127.0.0.1;Port=1;Database=kjfl;Username=x;Password=x;Timeout=2",
            SeedDemo = false,
            Migrate = false,
        };
        var response = await factory.CreateClient().GetAsync("/health");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
    }

    [Fact]
    public async Task Pages_need_a_signed_in_user()
    {
        var client = new PortalClient(county.Factory);
        var response = await client.Http.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_sign_in_page_has_the_contract_fields_in_Chinese()
    {
        var html = await new PortalClient(county.Factory).Http.GetStringAsync("/Account/Login");
        Assert.Contains("name=\"UserName\"", html, StringComparison.Ordinal);
        Assert.Contains("name=\"Password\"", html, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"zh-CN\">", html, StringComparison.Ordinal);
        Assert.Contains("开江县妇联工作平台", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_password_is_refused_without_saying_whether_the_user_exists()
    {
        var known = new PortalClient(county.Factory);
        var unknown = new PortalClient(county.Factory);
        var knownHtml = await (await known.LoginAsync("county.staff", "not-the-password-at-all")).Content.ReadAsStringAsync();
        var unknownHtml = await (await unknown.LoginAsync("nobody.here", "not-the-password-at-all")).Content.ReadAsStringAsync();

        Assert.Contains("用户名或密码不正确。", knownHtml, StringComparison.Ordinal);
        Assert.Contains("用户名或密码不正确。", unknownHtml, StringComparison.Ordinal);
        Assert.Contains("value=\"county.staff\"", knownHtml, StringComparison.Ordinal); // her typing is kept
    }

    [Fact]
    public async Task The_leader_sees_the_headline_figures_on_the_dashboard()
    {
        var client = new PortalClient(county.Factory);
        var login = await client.LoginAsync("leader");
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);

        var html = await client.Http.GetStringAsync("/");
        Assert.Contains("全县妇联工作概览", html, StringComparison.Ordinal);
        Assert.Contains("data-figure=\"Dashboard.VillageChairs\">227<", html, StringComparison.Ordinal);
        Assert.Contains("data-figure=\"Dashboard.VillageExecutives\">2,065<", html, StringComparison.Ordinal);
        Assert.Contains("data-figure=\"Dashboard.StandardisedWomensHomes\">53<", html, StringComparison.Ordinal);
        Assert.Contains("data-figure=\"Dashboard.Loans\">985<", html, StringComparison.Ordinal);
        Assert.Contains("data-figure=\"Dashboard.LoanAmount\">7,540 万元<", html, StringComparison.Ordinal);
        Assert.Contains("data-figure=\"Dashboard.ConversionRate\">100%<", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_dashboard_speaks_English_when_the_browser_asks()
    {
        var client = new PortalClient(county.Factory, "en");
        await client.LoginAsync("leader");
        var html = await client.Http.GetStringAsync("/");
        Assert.Contains("<html lang=\"en\">", html, StringComparison.Ordinal);
        Assert.Contains("The federation at a glance", html, StringComparison.Ordinal);
        Assert.Contains("data-figure=\"Dashboard.LoanAmount\">¥75,400,000.00<", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_language_switch_remembers_English()
    {
        var client = new PortalClient(county.Factory);
        var login = await client.Http.GetStringAsync("/Account/Login");
        var switched = await client.PostFormAsync("/Account/SetLanguage", login, new() { ["culture"] = "en", ["returnUrl"] = "/Account/Login" });
        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);

        var again = await client.Http.GetStringAsync("/Account/Login");
        Assert.Contains("<html lang=\"en\">", again, StringComparison.Ordinal);
        Assert.Contains("Sign in", again, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sign_out_is_a_POST_with_an_anti_forgery_token()
    {
        var client = new PortalClient(county.Factory);
        await client.LoginAsync("leader");
        var page = await client.Http.GetStringAsync("/");

        using var noToken = new FormUrlEncodedContent([]);
        var refused = await client.Http.PostAsync("/Account/Logout", noToken);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);

        var signedOut = await client.PostFormAsync("/Account/Logout", page, []);
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        var after = await client.Http.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
    }

    [Fact]
    public async Task An_organisation_that_does_not_exist_is_a_localised_404()
    {
        var client = new PortalClient(county.Factory);
        await client.LoginAsync("county.staff");
        var response = await client.Http.GetAsync("/Organisations/Details/987654");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("页面不存在", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_anti_forgery_token_is_a_localised_400_and_nothing_happens()
    {
        var client = new PortalClient(county.Factory);
        await client.LoginAsync("leader");
        var page = await client.Http.GetStringAsync("/");
        var forged = page.Replace(PortalClient.AntiforgeryToken(page), "CfDJ8-not-a-real-token", StringComparison.Ordinal);

        var response = await client.PostFormAsync("/Account/Logout", forged, []);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("请求无效", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync("/")).StatusCode); // still signed in
    }

    [Fact]
    public async Task An_unknown_address_gets_a_localised_404_page_with_a_reference()
    {
        var client = new PortalClient(county.Factory);
        await client.LoginAsync("leader");
        var response = await client.Http.GetAsync("/No/Such/Page");
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("页面不存在", html, StringComparison.Ordinal);
        Assert.Contains("错误编号", html, StringComparison.Ordinal);
    }
}

/// <summary>Outside Development the demo county is not loaded and no account with a known password exists.</summary>
public sealed class ProductionDefaultsTests
{
    [Fact]
    public async Task In_production_there_is_no_demo_data_and_no_demo_account()
    {
        using var factory = new PortalFactory { EnvironmentName = "Production", SeedDemo = null };
        var client = new PortalClient(factory);

        var health = await client.Http.GetAsync("/health");
        var login = await client.LoginAsync("admin");

        Assert.Equal(System.Net.HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.OK, login.StatusCode); // the form again: refused
        Assert.Equal(0, await factory.WithScopeAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.Users)));
        Assert.Equal(0, await factory.WithScopeAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.Organisations)));
    }
}
