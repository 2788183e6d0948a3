using System.Net;
using System.Text.RegularExpressions;
using Kaijiang.Federation.IntegrationTests.Infrastructure;
using Kaijiang.Federation.Web.Authorization;
using Kaijiang.Federation.Web.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kaijiang.Federation.IntegrationTests.Accounts;

/// <summary>
/// Two-factor sign-in over HTTP: set-up with the key the page shows, codes computed as an authenticator app
/// would, recovery codes, and the configuration that requires it of some roles.
/// </summary>
public sealed partial class TwoFactorTests : IClassFixture<TwoFactorTests.Portal>
{
    private const string CodeRefused = "验证码不正确。";

    private readonly Portal _portal;

    public TwoFactorTests(Portal portal) => _portal = portal;

    /// <summary>One portal for the tests that make their own users; the required-role tests start their own.</summary>
    public sealed class Portal : IDisposable
    {
        public PortalFactory Factory { get; } = new();

        public void Dispose() => Factory.Dispose();
    }

    [Fact]
    public void The_code_helper_matches_the_RFC_6238_test_vector()
    {
        // RFC 6238 appendix B: the ASCII key "12345678901234567890" at T = 59 s gives 94287082 (8 digits).
        Assert.Equal("287082", Totp.Code("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", Totp.StepAt(DateTimeOffset.FromUnixTimeSeconds(59))));
    }

    [Fact]
    public async Task After_set_up_sign_in_asks_for_a_code_refuses_a_wrong_one_and_accepts_the_right_one()
    {
        var userName = await CreateUserAsync(_portal.Factory, Roles.TownshipChair);
        var client = new PortalClient(_portal.Factory);
        await client.LoginAsync(userName);
        var (key, recoveryCodes) = await EnableAsync(client);
        Assert.Equal(10, recoveryCodes.Count);
        Assert.True(await TwoFactorEnabledAsync(_portal.Factory, userName));

        await LogoutAsync(client);
        var login = await client.LoginAsync(userName);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.StartsWith("/TwoFactor/LoginWithTwoFactor", login.Headers.Location!.OriginalString, StringComparison.Ordinal);

        // Not signed in yet: the dashboard still sends her to the sign-in page.
        var early = await client.Http.GetAsync("/");
        Assert.StartsWith("/Account/Login", early.Headers.Location!.PathAndQuery, StringComparison.Ordinal);

        var page = await client.Http.GetStringAsync("/TwoFactor/LoginWithTwoFactor");
        Assert.Contains("name=\"Code\"", page, StringComparison.Ordinal);
        Assert.Contains("/TwoFactor/LoginWithRecoveryCode", page, StringComparison.Ordinal);

        var wrong = await client.PostFormAsync("/TwoFactor/LoginWithTwoFactor", page, new() { ["Code"] = WrongCode(key) });
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        var wrongHtml = await wrong.Content.ReadAsStringAsync();
        Assert.Contains(CodeRefused, wrongHtml, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await client.Http.GetAsync("/")).StatusCode);

        // The next 30-second step: an app shows it soon, and it is not the code used at set-up.
        var right = await client.PostFormAsync("/TwoFactor/LoginWithTwoFactor", wrongHtml, new() { ["Code"] = Totp.Code(key, Totp.StepAt(DateTimeOffset.UtcNow) + 1) });
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        Assert.Equal("/", right.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync("/")).StatusCode);

        var audit = await AuditAsync(_portal.Factory, userName);
        Assert.Contains(audit, a => a.Action == SecurityEvents.TwoFactorEnabled);
        Assert.Contains(audit, a => a.Action == SecurityEvents.TwoFactorSignInFailed && a.After!.Contains("authenticator", StringComparison.Ordinal));
        Assert.Contains(audit, a => a.Action == SecurityEvents.TwoFactorSignIn && a.After!.Contains("authenticator", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_set_up_page_shows_the_key_in_groups_of_four_the_otpauth_URI_and_a_QR_code()
    {
        var userName = await CreateUserAsync(_portal.Factory, Roles.Leadership);
        var client = new PortalClient(_portal.Factory);
        await client.LoginAsync(userName);

        var html = await client.Http.GetStringAsync("/TwoFactor/Enable");
        Assert.Matches(SharedKeyPattern(), html);
        Assert.Matches(@"id=""shared-key""[^>]*>[A-Z2-7]{4}( [A-Z2-7]{1,4})+<", html);
        var key = SharedKey(html);
        var issuer = Uri.EscapeDataString("开江县妇联");
        Assert.Contains(WebUtility.HtmlEncode($"otpauth://totp/{issuer}:{userName}?secret={key}&issuer={issuer}&digits=6"), html, StringComparison.Ordinal);

        var qr = await client.Http.GetAsync("/TwoFactor/QrCode");
        Assert.Equal(HttpStatusCode.OK, qr.StatusCode);
        Assert.Equal("image/png", qr.Content.Headers.ContentType!.MediaType);
        Assert.Contains("no-store", qr.Headers.CacheControl!.ToString(), StringComparison.Ordinal);

        // A wrong confirmation code leaves it off, and the page comes back with the same key and the message.
        var refused = await client.PostFormAsync("/TwoFactor/Enable", html, new() { ["Code"] = WrongCode(key) });
        var refusedHtml = await refused.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains(CodeRefused, refusedHtml, StringComparison.Ordinal);
        Assert.Equal(key, SharedKey(refusedHtml));
        Assert.False(await TwoFactorEnabledAsync(_portal.Factory, userName));
        Assert.Contains(await AuditAsync(_portal.Factory, userName), a => a.Action == SecurityEvents.TwoFactorVerificationFailed);
    }

    [Fact]
    public async Task A_recovery_code_signs_in_once_and_not_twice()
    {
        var userName = await CreateUserAsync(_portal.Factory, Roles.TownshipChair);
        var client = new PortalClient(_portal.Factory);
        await client.LoginAsync(userName);
        var (_, recoveryCodes) = await EnableAsync(client);
        await LogoutAsync(client);

        await client.LoginAsync(userName);
        var page = await client.Http.GetStringAsync("/TwoFactor/LoginWithRecoveryCode");
        var first = await client.PostFormAsync("/TwoFactor/LoginWithRecoveryCode", page, new() { ["RecoveryCode"] = recoveryCodes[0] });
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal("/", first.Headers.Location!.OriginalString);
        Assert.Contains("剩余恢复码：9 个", await client.Http.GetStringAsync("/TwoFactor/Manage"), StringComparison.Ordinal);
        await LogoutAsync(client);

        await client.LoginAsync(userName);
        page = await client.Http.GetStringAsync("/TwoFactor/LoginWithRecoveryCode");
        var second = await client.PostFormAsync("/TwoFactor/LoginWithRecoveryCode", page, new() { ["RecoveryCode"] = recoveryCodes[0] });
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Contains(CodeRefused, await second.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await client.Http.GetAsync("/")).StatusCode);

        var audit = await AuditAsync(_portal.Factory, userName);
        Assert.Single(audit, a => a.Action == SecurityEvents.TwoFactorSignIn && a.After!.Contains("recovery-code", StringComparison.Ordinal));
        Assert.Contains(audit, a => a.Action == SecurityEvents.TwoFactorSignInFailed && a.After!.Contains("recovery-code", StringComparison.Ordinal));
    }

    [Fact]
    public async Task New_recovery_codes_replace_the_old_ones_after_the_password_is_confirmed()
    {
        var userName = await CreateUserAsync(_portal.Factory, Roles.TownshipChair);
        var client = new PortalClient(_portal.Factory);
        await client.LoginAsync(userName);
        var (_, oldCodes) = await EnableAsync(client);

        var page = await client.Http.GetStringAsync("/TwoFactor/RegenerateRecoveryCodes");
        var replaced = await client.PostFormAsync("/TwoFactor/RegenerateRecoveryCodes", page, new() { ["Password"] = PortalClient.DemoPassword });
        Assert.Equal("/TwoFactor/RecoveryCodes", replaced.Headers.Location!.OriginalString);
        var newCodes = RecoveryCodePattern().Matches(await client.Http.GetStringAsync("/TwoFactor/RecoveryCodes")).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(10, newCodes.Count);
        Assert.Empty(newCodes.Intersect(oldCodes));
        Assert.Equal(2, (await AuditAsync(_portal.Factory, userName)).Count(a => a.Action == SecurityEvents.RecoveryCodesGenerated));

        await LogoutAsync(client);
        await client.LoginAsync(userName);
        page = await client.Http.GetStringAsync("/TwoFactor/LoginWithRecoveryCode");
        var old = await client.PostFormAsync("/TwoFactor/LoginWithRecoveryCode", page, new() { ["RecoveryCode"] = oldCodes[0] });
        Assert.Equal(HttpStatusCode.OK, old.StatusCode);
        var fresh = await client.PostFormAsync("/TwoFactor/LoginWithRecoveryCode", await old.Content.ReadAsStringAsync(), new() { ["RecoveryCode"] = newCodes[0] });
        Assert.Equal(HttpStatusCode.Redirect, fresh.StatusCode);
    }

    [Fact]
    public async Task Five_wrong_codes_lock_the_account_and_then_even_the_right_code_is_refused()
    {
        var userName = await CreateUserAsync(_portal.Factory, Roles.TownshipChair);
        var client = new PortalClient(_portal.Factory);
        await client.LoginAsync(userName);
        var (key, _) = await EnableAsync(client);
        await LogoutAsync(client);

        await client.LoginAsync(userName);
        var html = await client.Http.GetStringAsync("/TwoFactor/LoginWithTwoFactor");
        for (var i = 0; i < 5; i++)
        {
            html = await (await client.PostFormAsync("/TwoFactor/LoginWithTwoFactor", html, new() { ["Code"] = WrongCode(key) })).Content.ReadAsStringAsync();
        }

        var right = await client.PostFormAsync("/TwoFactor/LoginWithTwoFactor", html, new() { ["Code"] = Totp.Code(key, Totp.StepAt(DateTimeOffset.UtcNow) + 1) });
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Contains("账号已暂时锁定", await right.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await client.Http.GetAsync("/")).StatusCode);
        Assert.Contains(await AuditAsync(_portal.Factory, userName), a => a.Action == SecurityEvents.LockedOut);
    }

    [Fact]
    public async Task The_code_step_without_the_password_step_goes_back_to_sign_in()
    {
        var client = new PortalClient(_portal.Factory);
        var response = await client.Http.GetAsync("/TwoFactor/LoginWithTwoFactor");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Turning_it_off_asks_for_the_password_then_sign_in_needs_only_the_password()
    {
        var userName = await CreateUserAsync(_portal.Factory, Roles.VillageChair);
        var client = new PortalClient(_portal.Factory);
        await client.LoginAsync(userName);
        await EnableAsync(client);

        var page = await client.Http.GetStringAsync("/TwoFactor/Disable");
        var wrong = await client.PostFormAsync("/TwoFactor/Disable", page, new() { ["Password"] = "not-the-password-at-all" });
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.True(await TwoFactorEnabledAsync(_portal.Factory, userName));

        var off = await client.PostFormAsync("/TwoFactor/Disable", await wrong.Content.ReadAsStringAsync(), new() { ["Password"] = PortalClient.DemoPassword });
        Assert.Equal(HttpStatusCode.Redirect, off.StatusCode);
        Assert.False(await TwoFactorEnabledAsync(_portal.Factory, userName));

        await LogoutAsync(client);
        var login = await client.LoginAsync(userName);
        Assert.Equal("/", login.Headers.Location!.OriginalString);
        var audit = await AuditAsync(_portal.Factory, userName);
        Assert.Contains(audit, a => a.Action == SecurityEvents.TwoFactorChangeRefused);
        Assert.Contains(audit, a => a.Action == SecurityEvents.TwoFactorDisabled);
    }

    [Fact]
    public async Task A_role_required_to_use_it_is_sent_to_set_it_up_and_cannot_turn_it_off()
    {
        using var factory = new PortalFactory
        {
            Settings = { ["Security:RequireTwoFactorForRoles:0"] = Roles.SystemAdmin, ["Security:RequireTwoFactorForRoles:1"] = Roles.CountyStaff },
        };
        var client = new PortalClient(factory);
        await client.LoginAsync("county.staff");

        var dashboard = await client.Http.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, dashboard.StatusCode);
        Assert.Equal("/TwoFactor/Enable", dashboard.Headers.Location!.OriginalString);
        Assert.Contains("您的账号必须先启用两步验证", await client.Http.GetStringAsync("/TwoFactor/Enable"), StringComparison.Ordinal);

        var (key, _) = await EnableAsync(client);
        Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync("/")).StatusCode);

        var manage = await client.Http.GetStringAsync("/TwoFactor/Manage");
        Assert.DoesNotContain("/TwoFactor/Disable", manage, StringComparison.Ordinal);
        var refused = await client.PostFormAsync("/TwoFactor/Disable", manage, new() { ["Password"] = PortalClient.DemoPassword });
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.True(await TwoFactorEnabledAsync(factory, "county.staff"));
        Assert.Contains(await AuditAsync(factory, "county.staff"), a => a.Action == SecurityEvents.TwoFactorChangeRefused && a.After!.Contains("required", StringComparison.Ordinal));

        // A role not listed is left alone.
        var leader = new PortalClient(factory);
        await leader.LoginAsync("leader");
        Assert.Equal(HttpStatusCode.OK, (await leader.Http.GetAsync("/")).StatusCode);

        // And the required user signs in with her code like anyone else.
        await LogoutAsync(client);
        await client.LoginAsync("county.staff");
        var page = await client.Http.GetStringAsync("/TwoFactor/LoginWithTwoFactor");
        var signedIn = await client.PostFormAsync("/TwoFactor/LoginWithTwoFactor", page, new() { ["Code"] = Totp.Code(key, Totp.StepAt(DateTimeOffset.UtcNow) + 1) });
        Assert.Equal("/", signedIn.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync("/")).StatusCode);
    }

    /// <summary>Sets up the authenticator from the key on the page and returns the key and the recovery codes shown once.</summary>
    private static async Task<(string Key, List<string> RecoveryCodes)> EnableAsync(PortalClient client)
    {
        var html = await client.Http.GetStringAsync("/TwoFactor/Enable");
        var key = SharedKey(html);
        var enabled = await client.PostFormAsync("/TwoFactor/Enable", html, new() { ["Code"] = Totp.Code(key, Totp.StepAt(DateTimeOffset.UtcNow)) });
        Assert.Equal(HttpStatusCode.Redirect, enabled.StatusCode);
        Assert.Equal("/TwoFactor/RecoveryCodes", enabled.Headers.Location!.OriginalString);

        var codesPage = await client.Http.GetStringAsync("/TwoFactor/RecoveryCodes");
        var codes = RecoveryCodePattern().Matches(codesPage).Select(m => m.Groups[1].Value).ToList();

        // Shown once: the page is gone on the next visit.
        Assert.Equal(HttpStatusCode.Redirect, (await client.Http.GetAsync("/TwoFactor/RecoveryCodes")).StatusCode);
        return (key, codes);
    }

    private static async Task LogoutAsync(PortalClient client)
    {
        var page = await client.Http.GetStringAsync("/TwoFactor/Manage");
        var response = await client.PostFormAsync("/Account/Logout", page, []);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    private static string SharedKey(string html) => SharedKeyPattern().Match(html).Groups[1].Value.Replace(" ", "", StringComparison.Ordinal);

    /// <summary>A six-digit code that no step of the accepted window (±2 steps of 30 s) produces.</summary>
    private static string WrongCode(string key)
    {
        var now = Totp.StepAt(DateTimeOffset.UtcNow);
        var valid = Enumerable.Range(-3, 7).Select(i => Totp.Code(key, now + i)).ToHashSet();
        return Enumerable.Range(0, 10).Select(d => new string((char)('0' + d), 6)).First(c => !valid.Contains(c));
    }

    private static async Task<string> CreateUserAsync(PortalFactory factory, string role)
    {
        var userName = "tf." + Guid.NewGuid().ToString("N")[..10];
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Kaijiang.Federation.Web.Data.FederationDbContext>();
        var root = await db.Organisations.IgnoreQueryFilters().Where(o => o.ParentId == null).Select(o => o.Id).FirstAsync();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<FederationUser>>();
        var user = new FederationUser { UserName = userName, DisplayName = userName, ScopeOrganisationId = root, CreatedAt = DateTimeOffset.UtcNow };
        var created = await users.CreateAsync(user, PortalClient.DemoPassword);
        Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));
        Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
        return userName;
    }

    private static Task<bool> TwoFactorEnabledAsync(PortalFactory factory, string userName) =>
        factory.WithScopeAsync(db => db.Users.Where(u => u.UserName == userName).Select(u => u.TwoFactorEnabled).SingleAsync());

    private static Task<List<AuditEntry>> AuditAsync(PortalFactory factory, string userName) =>
        factory.WithScopeAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.EntityId == userName).ToListAsync());

    [GeneratedRegex(@"id=""shared-key""[^>]*>([A-Z2-7 ]+)<")]
    private static partial Regex SharedKeyPattern();

    [GeneratedRegex(@"<code>([A-Z0-9]{5}-[A-Z0-9]{5})</code>")]
    private static partial Regex RecoveryCodePattern();
}
