using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Kaijiang.Federation.IntegrationTests.Infrastructure;
using Kaijiang.Federation.Web.Authorization;
using Kaijiang.Federation.Web.Domain;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kaijiang.Federation.IntegrationTests.Accounts;

/// <summary>
/// Account administration over HTTP, as a system administrator uses it. Tests on the shared demo county create
/// accounts of their own (never a SystemAdmin); tests that need the last administrator or new organisations get
/// a database of their own.
/// </summary>
[Collection(DemoCountyCollection.Name)]
public sealed partial class AccountAdministrationTests(DemoCountyFixture county)
{
    private const string LoginFailed = "用户名或密码不正确。";

    [Fact]
    public async Task The_administrator_lists_accounts_with_role_scope_and_state_and_filters_them_in_the_url()
    {
        var admin = await SignInAsync(county.Factory, "admin");

        var html = await admin.Http.GetStringAsync("/Admin/Accounts");
        Assert.Contains("data-account=\"admin\"", html, StringComparison.Ordinal);
        Assert.Contains("data-account=\"county.staff\"", html, StringComparison.Ordinal);
        Assert.Contains("县妇联工作人员", html, StringComparison.Ordinal);
        Assert.Contains("开江县妇女联合会", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/Admin/Accounts\"", html, StringComparison.Ordinal); // the nav link

        var leaders = await admin.Http.GetStringAsync("/Admin/Accounts?role=Leadership");
        Assert.Contains("data-account=\"leader\"", leaders, StringComparison.Ordinal);
        Assert.DoesNotContain("data-account=\"admin\"", leaders, StringComparison.Ordinal);
        Assert.Contains("<option value=\"Leadership\" selected=\"selected\">", leaders, StringComparison.Ordinal);

        var found = await admin.Http.GetStringAsync("/Admin/Accounts?search=COUNTY.st");
        Assert.Contains("data-account=\"county.staff\"", found, StringComparison.Ordinal);
        Assert.DoesNotContain("data-account=\"leader\"", found, StringComparison.Ordinal);
        Assert.Contains("value=\"COUNTY.st\"", found, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Other_roles_see_no_accounts_link()
    {
        var staff = await SignInAsync(county.Factory, "county.staff");
        var html = await staff.Http.GetStringAsync("/");
        Assert.DoesNotContain("/Admin/Accounts", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("county.staff")]
    [InlineData("leader")]
    [InlineData("chair.xinning")]
    public async Task Other_roles_are_refused_every_account_page_and_action(string userName)
    {
        userName = await EnsureAccountAsync(county.Factory, userName);
        var adminId = await UserIdAsync(county.Factory, "admin");
        var client = await SignInAsync(county.Factory, userName);
        var home = await client.Http.GetStringAsync("/");

        foreach (var url in new[] { "/Admin/Accounts", "/Admin/Accounts/Create", $"/Admin/Accounts/{adminId}", $"/Admin/Accounts/{adminId}/Disable" })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await client.Http.GetAsync(url)).StatusCode);
        }

        var rootId = await RootIdAsync(county.Factory);
        var create = await client.PostFormAsync("/Admin/Accounts/Create", home, NewAccount("intruder." + userName, Roles.SystemAdmin, rootId, "Intruder-Passphrase-2026"));
        Assert.Equal(HttpStatusCode.Forbidden, create.StatusCode);
        foreach (var action in new[] { "Disable", "ResetPassword", "Unlock", "Enable" })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await client.PostFormAsync($"/Admin/Accounts/{adminId}/{action}", home, [])).StatusCode);
        }

        Assert.Null(await FindUserAsync(county.Factory, "intruder." + userName));
        var adminAccount = (await FindUserAsync(county.Factory, "admin"))!;
        Assert.False(adminAccount.IsDisabled);
        Assert.False(adminAccount.MustChangePassword);
    }

    [Fact]
    public async Task A_new_account_signs_in_with_its_typed_password_and_must_change_it_first()
    {
        var admin = await SignInAsync(county.Factory, "admin");
        var userName = UniqueName("typed");
        const string password = "Spring-Rain-Over-Kaijiang";

        var created = await CreateAsync(admin, NewAccount(userName, Roles.Leadership, await RootIdAsync(county.Factory), password));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var page = await admin.Http.GetStringAsync(created.Headers.Location!.OriginalString);
        Assert.Contains($"已创建账号 {userName}。", page, StringComparison.Ordinal);
        Assert.DoesNotContain("data-temporary-password", page, StringComparison.Ordinal);

        var stored = (await FindUserAsync(county.Factory, userName))!;
        Assert.True(stored.MustChangePassword);
        Assert.Equal(Roles.Leadership, await RoleOfAsync(county.Factory, userName));
        Assert.Contains(await AuditActionsAsync(county.Factory, userName), a => a == SecurityEvents.AccountCreated);

        var user = new PortalClient(county.Factory);
        var signIn = await user.LoginAsync(userName, password);
        Assert.Equal("/Account/ChangePassword", signIn.Headers.Location!.OriginalString);
        var anywhere = await user.Http.GetAsync("/");
        Assert.Equal("/Account/ChangePassword", anywhere.Headers.Location!.OriginalString);

        await ChangePasswordAsync(user, password, "Autumn-Wind-Over-Kaijiang");
        Assert.Equal(HttpStatusCode.OK, (await user.Http.GetAsync("/")).StatusCode);
        Assert.False((await FindUserAsync(county.Factory, userName))!.MustChangePassword);
    }

    [Fact]
    public async Task A_generated_password_is_shown_once_and_works()
    {
        var admin = await SignInAsync(county.Factory, "admin");
        var userName = UniqueName("generated");

        var created = await CreateAsync(admin, NewAccount(userName, Roles.CountyStaff, await RootIdAsync(county.Factory)));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var accountUrl = created.Headers.Location!.OriginalString;
        var first = await admin.Http.GetAsync(accountUrl);
        Assert.Contains("no-store", first.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        var password = TemporaryPasswordOn(await first.Content.ReadAsStringAsync());
        Assert.True(password.Length >= 12);

        var again = await admin.Http.GetStringAsync(accountUrl);
        Assert.DoesNotContain("data-temporary-password", again, StringComparison.Ordinal);

        var user = new PortalClient(county.Factory);
        var signIn = await user.LoginAsync(userName, password);
        Assert.Equal("/Account/ChangePassword", signIn.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_disabled_account_is_refused_with_the_generic_message_until_enabled()
    {
        var admin = await SignInAsync(county.Factory, "admin");
        var (userName, id, password) = await CreateTypedAsync(admin, county.Factory);

        var confirm = await admin.Http.GetStringAsync($"/Admin/Accounts/{id}/Disable");
        Assert.Contains($"确定停用账号 {userName}", confirm, StringComparison.Ordinal);
        Assert.DoesNotContain("confirm(", confirm, StringComparison.Ordinal);
        var disabled = await admin.PostFormAsync($"/Admin/Accounts/{id}/Disable", confirm, []);
        Assert.Equal(HttpStatusCode.Redirect, disabled.StatusCode);
        var page = await admin.Http.GetStringAsync(disabled.Headers.Location!.OriginalString);
        Assert.Contains("已停用", page, StringComparison.Ordinal);
        Assert.True((await FindUserAsync(county.Factory, userName))!.IsDisabled);
        Assert.Contains(await AuditActionsAsync(county.Factory, userName), a => a == SecurityEvents.AccountDisabled);

        var refused = await new PortalClient(county.Factory).LoginAsync(userName, password);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains(LoginFailed, await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var enabled = await admin.PostFormAsync($"/Admin/Accounts/{id}/Enable", page, []);
        Assert.Equal(HttpStatusCode.Redirect, enabled.StatusCode);
        var signIn = await new PortalClient(county.Factory).LoginAsync(userName, password);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
    }

    [Fact]
    public async Task A_locked_out_account_signs_in_again_once_unlocked()
    {
        var admin = await SignInAsync(county.Factory, "admin");
        var (userName, id, password) = await CreateTypedAsync(admin, county.Factory);
        var user = new PortalClient(county.Factory);
        for (var i = 0; i < 5; i++)
        {
            await user.LoginAsync(userName, "certainly-not-the-password");
        }

        var locked = await user.LoginAsync(userName, password);
        Assert.Contains("账号已暂时锁定", await locked.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var page = await admin.Http.GetStringAsync($"/Admin/Accounts/{id}");
        Assert.Contains("已锁定", page, StringComparison.Ordinal);

        var unlocked = await admin.PostFormAsync($"/Admin/Accounts/{id}/Unlock", page, []);
        Assert.Equal(HttpStatusCode.Redirect, unlocked.StatusCode);
        var stored = (await FindUserAsync(county.Factory, userName))!;
        Assert.Null(stored.LockoutEnd);
        Assert.Equal(0, stored.AccessFailedCount);

        var signIn = await new PortalClient(county.Factory).LoginAsync(userName, password);
        Assert.Equal("/Account/ChangePassword", signIn.Headers.Location!.OriginalString);
        Assert.Contains(await AuditActionsAsync(county.Factory, userName), a => a == SecurityEvents.AccountUnlocked);
    }

    [Fact]
    public async Task A_reset_password_is_shown_once_replaces_the_old_one_and_must_be_changed()
    {
        var admin = await SignInAsync(county.Factory, "admin");
        var (userName, id, password) = await CreateTypedAsync(admin, county.Factory);
        var user = new PortalClient(county.Factory);
        await user.LoginAsync(userName, password);
        const string ownPassword = "Her-Own-Chosen-Passphrase";
        await ChangePasswordAsync(user, password, ownPassword);
        Assert.False((await FindUserAsync(county.Factory, userName))!.MustChangePassword);

        var confirm = await admin.Http.GetStringAsync($"/Admin/Accounts/{id}/ResetPassword");
        var reset = await admin.PostFormAsync($"/Admin/Accounts/{id}/ResetPassword", confirm, []);
        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        var temporary = TemporaryPasswordOn(await admin.Http.GetStringAsync(reset.Headers.Location!.OriginalString));
        Assert.True((await FindUserAsync(county.Factory, userName))!.MustChangePassword);
        Assert.Contains(await AuditActionsAsync(county.Factory, userName), a => a == SecurityEvents.PasswordReset);

        var old = await new PortalClient(county.Factory).LoginAsync(userName, ownPassword);
        Assert.Contains(LoginFailed, await old.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var signIn = await new PortalClient(county.Factory).LoginAsync(userName, temporary);
        Assert.Equal("/Account/ChangePassword", signIn.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Invalid_input_comes_back_with_what_was_typed_and_the_message_next_to_the_field()
    {
        var admin = await SignInAsync(county.Factory, "admin");
        var rootId = await RootIdAsync(county.Factory);

        var noRole = await CreateAsync(admin, new()
        {
            ["Input.UserName"] = "wang.xiaohong",
            ["Input.DisplayName"] = "王小红",
            ["Input.Role"] = "",
            ["Input.ScopeOrganisationId"] = rootId.ToString(CultureInfo.InvariantCulture),
            ["Input.GeneratePassword"] = "true",
        });
        var html = await noRole.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, noRole.StatusCode);
        Assert.Contains("value=\"wang.xiaohong\"", html, StringComparison.Ordinal);
        Assert.Contains("value=\"王小红\"", html, StringComparison.Ordinal);
        Assert.Matches(ErrorFor("Input.Role", "请填写角色。"), html);
        Assert.Contains($"<option value=\"{rootId}\" selected=\"selected\">", html, StringComparison.Ordinal);

        var bad = await CreateAsync(admin, NewAccount("bad name!", Roles.Leadership, rootId, "short"));
        html = await bad.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.Contains("value=\"bad name!\"", html, StringComparison.Ordinal);
        Assert.Matches(ErrorFor("Input.UserName", "用户名“bad name!”无效"), html);
        Assert.Matches(ErrorFor("Input.Password", "密码至少需要 12 个字符。"), html);
        Assert.Contains("input-validation-error", html, StringComparison.Ordinal);
        Assert.DoesNotContain("value=\"short\"", html, StringComparison.Ordinal);

        var common = await CreateAsync(admin, NewAccount(UniqueName("common"), Roles.Leadership, rootId, "password1234"));
        Assert.Matches(ErrorFor("Input.Password", "这个密码太常见"), await common.Content.ReadAsStringAsync());

        var taken = await CreateAsync(admin, NewAccount("county.staff", Roles.CountyStaff, rootId));
        Assert.Matches(ErrorFor("Input.UserName", "用户名“county.staff”已被使用。"), await taken.Content.ReadAsStringAsync());
        Assert.Null(await FindUserAsync(county.Factory, "wang.xiaohong"));
    }

    [Theory]
    [InlineData(Roles.TownshipChair, "乡镇妇联主席的所属组织必须是乡镇。")]
    [InlineData(Roles.VillageChair, "村（社区）妇联主席的所属组织必须是村、社区或联建单位。")]
    public async Task A_chair_cannot_be_scoped_to_the_county(string role, string message)
    {
        var admin = await SignInAsync(county.Factory, "admin");
        var userName = UniqueName("mismatch");

        var refused = await CreateAsync(admin, NewAccount(userName, role, await RootIdAsync(county.Factory)));
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Matches(ErrorFor("Input.ScopeOrganisationId", message), await refused.Content.ReadAsStringAsync());
        Assert.Null(await FindUserAsync(county.Factory, userName));
    }

    [Fact]
    public async Task Role_and_scope_must_fit_when_creating_and_editing()
    {
        using var factory = new PortalFactory();
        var rootId = await RootIdAsync(factory);
        var township = await AddOrganisationAsync(factory, rootId, OrganisationKind.Township, "测试镇");
        var village = await AddOrganisationAsync(factory, township, OrganisationKind.Village, "测试村");
        var admin = await SignInAsync(factory, "admin");

        var form = await admin.Http.GetStringAsync("/Admin/Accounts/Create");
        Assert.Matches(@"<option value=""" + village + @""">(\u00A0|&#xA0;|&nbsp;){6}测试村", form);

        var chair = await CreateAsync(admin, NewAccount("chair.ceshi", Roles.TownshipChair, township));
        Assert.Equal(HttpStatusCode.Redirect, chair.StatusCode);
        var villageChair = await CreateAsync(admin, NewAccount("chair.ceshicun", Roles.VillageChair, township));
        Assert.Matches(ErrorFor("Input.ScopeOrganisationId", "村（社区）妇联主席的所属组织必须是村、社区或联建单位。"), await villageChair.Content.ReadAsStringAsync());
        var staff = await CreateAsync(admin, NewAccount("staff.ceshi", Roles.CountyStaff, village));
        Assert.Matches(ErrorFor("Input.ScopeOrganisationId", "县妇联工作人员的所属组织必须是县级或更高一级的妇联。"), await staff.Content.ReadAsStringAsync());

        var chairId = await UserIdAsync(factory, "chair.ceshi");
        var edit = await admin.Http.GetStringAsync($"/Admin/Accounts/{chairId}");
        var stamp = HiddenValue(edit, "Input.ConcurrencyStamp");

        var toVillage = await admin.PostFormAsync($"/Admin/Accounts/{chairId}", edit, EditForm("测试镇主席", Roles.TownshipChair, village, stamp));
        Assert.Matches(ErrorFor("Input.ScopeOrganisationId", "乡镇妇联主席的所属组织必须是乡镇。"), await toVillage.Content.ReadAsStringAsync());

        var toLeader = await admin.PostFormAsync($"/Admin/Accounts/{chairId}", edit, EditForm("测试镇领导", Roles.Leadership, township, stamp));
        Assert.Equal(HttpStatusCode.Redirect, toLeader.StatusCode);
        Assert.Equal(Roles.Leadership, await RoleOfAsync(factory, "chair.ceshi"));
        Assert.Equal("测试镇领导", (await FindUserAsync(factory, "chair.ceshi"))!.DisplayName);
        Assert.Contains(await AuditActionsAsync(factory, "chair.ceshi"), a => a == SecurityEvents.AccountUpdated);

        // The form of before the change is stale now.
        var stale = await admin.PostFormAsync($"/Admin/Accounts/{chairId}", edit, EditForm("又改了", Roles.TownshipChair, township, stamp));
        Assert.Contains("该账号已被他人修改", await stale.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(Roles.Leadership, await RoleOfAsync(factory, "chair.ceshi"));
    }

    [Fact]
    public async Task The_last_active_administrator_cannot_be_disabled_or_demoted()
    {
        using var factory = new PortalFactory();
        var admin = await SignInAsync(factory, "admin");
        var adminId = await UserIdAsync(factory, "admin");
        var rootId = await RootIdAsync(factory);

        var confirm = await admin.Http.GetStringAsync($"/Admin/Accounts/{adminId}/Disable");
        var disable = await admin.PostFormAsync($"/Admin/Accounts/{adminId}/Disable", confirm, []);
        Assert.Equal(HttpStatusCode.Redirect, disable.StatusCode);
        var page = await admin.Http.GetStringAsync(disable.Headers.Location!.OriginalString);
        Assert.Contains("这是最后一个启用的系统管理员账号", page, StringComparison.Ordinal);
        Assert.False((await FindUserAsync(factory, "admin"))!.IsDisabled);

        var demote = await admin.PostFormAsync($"/Admin/Accounts/{adminId}", page,
            EditForm("系统管理员", Roles.CountyStaff, rootId, HiddenValue(page, "Input.ConcurrencyStamp")));
        Assert.Matches(ErrorFor("Input.Role", "这是最后一个启用的系统管理员账号"), await demote.Content.ReadAsStringAsync());
        Assert.Equal(Roles.SystemAdmin, await RoleOfAsync(factory, "admin"));

        // With a second administrator, the first one may go.
        var second = await CreateAsync(admin, NewAccount("admin.two", Roles.SystemAdmin, rootId));
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        var secondId = await UserIdAsync(factory, "admin.two");
        confirm = await admin.Http.GetStringAsync($"/Admin/Accounts/{secondId}/Disable");
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync($"/Admin/Accounts/{secondId}/Disable", confirm, [])).StatusCode);
        Assert.True((await FindUserAsync(factory, "admin.two"))!.IsDisabled);

        // admin.two is disabled, so admin is the last active one again.
        confirm = await admin.Http.GetStringAsync($"/Admin/Accounts/{adminId}/Disable");
        await admin.PostFormAsync($"/Admin/Accounts/{adminId}/Disable", confirm, []);
        Assert.False((await FindUserAsync(factory, "admin"))!.IsDisabled);
    }

    [Fact]
    public async Task Disabling_an_account_ends_its_open_session()
    {
        using var factory = new ImmediateSessionCheckFactory();
        var admin = await SignInAsync(factory, "admin");
        var staffId = await UserIdAsync(factory, "county.staff");
        var staff = await SignInAsync(factory, "county.staff");
        Assert.Equal(HttpStatusCode.OK, (await staff.Http.GetAsync("/")).StatusCode);

        var confirm = await admin.Http.GetStringAsync($"/Admin/Accounts/{staffId}/Disable");
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync($"/Admin/Accounts/{staffId}/Disable", confirm, [])).StatusCode);

        var after = await staff.Http.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/Account/Login", after.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    /// <summary>Sessions are checked against their account on every request, not once a minute.</summary>
    private sealed class ImmediateSessionCheckFactory : PortalFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Security:SessionCheckSeconds", "0");
        }
    }

    private static string UniqueName(string prefix) => $"t.{prefix}.{Guid.NewGuid().ToString("N")[..8]}";

    private static async Task<PortalClient> SignInAsync(PortalFactory factory, string userName)
    {
        var client = new PortalClient(factory);
        var response = await client.LoginAsync(userName);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    private static Dictionary<string, string> NewAccount(string userName, string role, int scopeId, string? password = null) => new()
    {
        ["Input.UserName"] = userName,
        ["Input.DisplayName"] = "测试账号",
        ["Input.Role"] = role,
        ["Input.ScopeOrganisationId"] = scopeId.ToString(CultureInfo.InvariantCulture),
        ["Input.GeneratePassword"] = password is null ? "true" : "false",
        ["Input.Password"] = password ?? "",
    };

    private static Dictionary<string, string> EditForm(string displayName, string role, int scopeId, string stamp) => new()
    {
        ["Input.DisplayName"] = displayName,
        ["Input.Role"] = role,
        ["Input.ScopeOrganisationId"] = scopeId.ToString(CultureInfo.InvariantCulture),
        ["Input.ConcurrencyStamp"] = stamp,
    };

    private static async Task<HttpResponseMessage> CreateAsync(PortalClient admin, Dictionary<string, string> fields)
    {
        var form = await admin.Http.GetStringAsync("/Admin/Accounts/Create");
        return await admin.PostFormAsync("/Admin/Accounts/Create", form, fields);
    }

    /// <summary>A Leadership account of the county with a typed password, created through the form.</summary>
    private static async Task<(string UserName, string Id, string Password)> CreateTypedAsync(PortalClient admin, PortalFactory factory)
    {
        var userName = UniqueName("account");
        const string password = "Typed-Initial-Passphrase";
        var created = await CreateAsync(admin, NewAccount(userName, Roles.Leadership, await RootIdAsync(factory), password));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        return (userName, await UserIdAsync(factory, userName), password);
    }

    private static async Task ChangePasswordAsync(PortalClient user, string current, string next)
    {
        var form = await user.Http.GetStringAsync("/Account/ChangePassword");
        var changed = await user.PostFormAsync("/Account/ChangePassword", form, new()
        {
            ["CurrentPassword"] = current,
            ["NewPassword"] = next,
            ["ConfirmPassword"] = next,
        });
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
    }

    private static string TemporaryPasswordOn(string html)
    {
        var match = TemporaryPasswordPattern().Match(html);
        Assert.True(match.Success, "The page shows no temporary password.");
        return match.Groups[1].Value;
    }

    private static string HiddenValue(string html, string name)
    {
        var match = Regex.Match(html, $"name=\"{Regex.Escape(name)}\" value=\"([^\"]*)\"");
        Assert.True(match.Success, $"No field {name} on the page.");
        return System.Net.WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    private static Regex ErrorFor(string field, string message) =>
        new($"<span[^>]*field-validation-error[^>]*data-valmsg-for=\"{Regex.Escape(field)}\"[^>]*>[^<]*{Regex.Escape(message)}");

    private static Task<int> RootIdAsync(PortalFactory factory) => factory.WithScopeAsync(db =>
        db.Organisations.IgnoreQueryFilters().Where(o => o.ParentId == null).OrderBy(o => o.Path).Select(o => o.Id).FirstAsync());

    private static Task<FederationUser?> FindUserAsync(PortalFactory factory, string userName) => factory.WithScopeAsync(db =>
        db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.UserName == userName));

    private static async Task<string> UserIdAsync(PortalFactory factory, string userName) =>
        (await FindUserAsync(factory, userName))?.Id ?? throw new InvalidOperationException($"No account {userName}.");

    private static Task<string?> RoleOfAsync(PortalFactory factory, string userName) => factory.WithScopeAsync(db =>
        db.UserRoles.Where(ur => db.Users.Any(u => u.Id == ur.UserId && u.UserName == userName))
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => r.Name)
            .FirstOrDefaultAsync());

    private static Task<List<string>> AuditActionsAsync(PortalFactory factory, string userName) => factory.WithScopeAsync(db =>
        db.AuditEntries.Where(a => a.EntityType == SecurityAudit.EntityType && a.EntityId == userName).Select(a => a.Action).ToListAsync());

    private static async Task<int> AddOrganisationAsync(PortalFactory factory, int parentId, OrganisationKind kind, string name)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Kaijiang.Federation.Web.Data.FederationDbContext>();
        var parent = await db.Organisations.IgnoreQueryFilters().SingleAsync(o => o.Id == parentId);
        var siblings = await db.Organisations.IgnoreQueryFilters().CountAsync(o => o.ParentId == parentId);
        var organisation = new Organisation
        {
            ParentId = parentId,
            Name = name,
            Kind = kind,
            Path = OrganisationPath.Child(parent.Path, OrganisationPath.MaxSegment - siblings),
            Depth = parent.Depth + 1,
        };
        db.Organisations.Add(organisation);
        await db.SaveChangesAsync();
        return organisation.Id;
    }

    /// <summary>
    /// The demo account of that name when the seed has it; otherwise an account of the same role made for the test
    /// (the seed of this branch may not have the township chairs yet).
    /// </summary>
    private static async Task<string> EnsureAccountAsync(PortalFactory factory, string userName)
    {
        if (await FindUserAsync(factory, userName) is not null)
        {
            return userName;
        }

        var standIn = "t.standin." + userName;
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<FederationUser>>();
        if (await users.FindByNameAsync(standIn) is not null)
        {
            return standIn;
        }

        var db = scope.ServiceProvider.GetRequiredService<Kaijiang.Federation.Web.Data.FederationDbContext>();
        var scopeId = await db.Organisations.IgnoreQueryFilters().Where(o => o.Kind == OrganisationKind.Township).Select(o => (int?)o.Id).FirstOrDefaultAsync()
            ?? await RootIdAsync(factory);
        var user = new FederationUser { UserName = standIn, DisplayName = "测试", ScopeOrganisationId = scopeId, LockoutEnabled = true };
        Assert.True((await users.CreateAsync(user, PortalClient.DemoPassword)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, userName.StartsWith("chair.", StringComparison.Ordinal) ? Roles.TownshipChair : Roles.Leadership)).Succeeded);
        return standIn;
    }

    [GeneratedRegex("data-temporary-password>([^<]+)<")]
    private static partial Regex TemporaryPasswordPattern();
}
