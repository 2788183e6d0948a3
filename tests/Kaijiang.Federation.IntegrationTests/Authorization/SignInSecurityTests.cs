using System.Net;
using Kaijiang.Federation.IntegrationTests.Infrastructure;
using Kaijiang.Federation.Web.Authorization;
using Kaijiang.Federation.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace Kaijiang.Federation.IntegrationTests.Authorization;

[Collection(DemoCountyCollection.Name)]
public sealed class SignInSecurityTests(DemoCountyFixture county)
{
    [Fact]
    public async Task Five_failures_lock_the_account_for_fifteen_minutes_and_each_is_audited()
    {
        var userName = await county.Factory.CreateUserAsync(Roles.CountyStaff, "开江县妇女联合会");
        var client = new PortalClient(county.Factory);
        for (var i = 0; i < 4; i++)
        {
            var html = await (await client.LoginAsync(userName, "wrong-password-" + i)).Content.ReadAsStringAsync();
            Assert.Contains("用户名或密码不正确。", html, StringComparison.Ordinal);
        }

        var fifth = await (await client.LoginAsync(userName, "wrong-password-5")).Content.ReadAsStringAsync();
        Assert.Contains("账号已暂时锁定", fifth, StringComparison.Ordinal);

        // Even the right password is refused while locked.
        var right = await client.LoginAsync(userName);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Contains("账号已暂时锁定", await right.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var events = await county.Factory.WithScopeAsync(db => db.AuditEntries
            .Where(a => a.EntityType == SecurityAudit.EntityType && a.EntityId == userName)
            .Select(a => a.Action).ToListAsync());
        Assert.Equal(4, events.Count(e => e == SecurityEvents.SignInFailed));
        Assert.Equal(2, events.Count(e => e == SecurityEvents.LockedOut));
        var lockoutEnd = await county.Factory.WithScopeAsync(db => db.Users.Where(u => u.UserName == userName).Select(u => u.LockoutEnd).SingleAsync());
        Assert.InRange(lockoutEnd!.Value - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(14), TimeSpan.FromMinutes(15));
    }

    [Fact]
    public async Task A_successful_sign_in_is_audited_and_issues_a_fresh_HttpOnly_cookie()
    {
        var userName = await county.Factory.CreateUserAsync(Roles.Leadership, "开江县妇女联合会");
        var client = new PortalClient(county.Factory);
        var response = await client.LoginAsync(userName);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        // Sign-in first clears any cookie the request came with, then issues a new one: a new session identifier.
        var cookie = response.Headers.GetValues("Set-Cookie").Last(c => c.StartsWith("kjfl.auth=", StringComparison.Ordinal));
        Assert.StartsWith("kjfl.auth=CfDJ8", cookie, StringComparison.Ordinal);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("expires", cookie, StringComparison.OrdinalIgnoreCase); // a session cookie, 30 minutes sliding on the server
        Assert.True(await county.Factory.WithScopeAsync(db => db.AuditEntries.AnyAsync(a => a.Action == SecurityEvents.SignIn && a.EntityId == userName)));
    }

    [Fact]
    public async Task A_disabled_account_gets_the_same_message_as_a_wrong_password()
    {
        var userName = await county.Factory.CreateUserAsync(Roles.Leadership, "开江县妇女联合会");
        await county.Factory.WithScopeAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.UserName == userName);
            user.IsDisabled = true;
            return await db.SaveChangesAsync();
        });

        var response = await new PortalClient(county.Factory).LoginAsync(userName);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("用户名或密码不正确。", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Changing_to_a_common_password_is_refused_and_a_good_one_is_accepted_and_audited()
    {
        var userName = await county.Factory.CreateUserAsync(Roles.Leadership, "开江县妇女联合会");
        var client = new PortalClient(county.Factory);
        await client.LoginAsync(userName);
        var form = await client.Http.GetStringAsync("/Account/ChangePassword");

        var refused = await client.PostFormAsync("/Account/ChangePassword", form, new()
        {
            ["CurrentPassword"] = PortalClient.DemoPassword, ["NewPassword"] = "password1234", ["ConfirmPassword"] = "password1234",
        });
        var refusedHtml = await refused.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("这个密码太常见或太容易猜到", refusedHtml, StringComparison.Ordinal);

        var accepted = await client.PostFormAsync("/Account/ChangePassword", refusedHtml, new()
        {
            ["CurrentPassword"] = PortalClient.DemoPassword, ["NewPassword"] = "春天的开江油菜花开满了山坡", ["ConfirmPassword"] = "春天的开江油菜花开满了山坡",
        });
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.True(await county.Factory.WithScopeAsync(db => db.AuditEntries.AnyAsync(a => a.Action == SecurityEvents.PasswordChanged && a.EntityId == userName)));

        var again = new PortalClient(county.Factory);
        Assert.Equal(HttpStatusCode.Redirect, (await again.LoginAsync(userName, "春天的开江油菜花开满了山坡")).StatusCode);
    }

    [Fact]
    public async Task A_tampered_cookie_is_treated_as_no_sign_in()
    {
        var client = new PortalClient(county.Factory);
        client.Http.DefaultRequestHeaders.Add("Cookie", "kjfl.auth=CfDJ8-forged-value");
        var response = await client.Http.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sign_in_is_rate_limited_per_address_with_a_localised_429_page()
    {
        using var factory = new PortalFactory { SeedDemo = false, SignInPermitsPerMinute = 2 };
        var client = new PortalClient(factory);
        await client.LoginAsync("nobody", "wrong-password-1");
        await client.LoginAsync("nobody", "wrong-password-2");

        var third = await client.LoginAsync("nobody", "wrong-password-3");
        var html = await third.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.Contains("请求过于频繁", html, StringComparison.Ordinal);
    }
}
