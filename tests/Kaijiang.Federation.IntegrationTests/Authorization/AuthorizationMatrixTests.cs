using System.Net;
using Kaijiang.Federation.IntegrationTests.Infrastructure;
using Kaijiang.Federation.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace Kaijiang.Federation.IntegrationTests.Authorization;

/// <summary>
/// Role × target × operation over real HTTP with real anti-forgery tokens against the seeded county.
/// docs/authorization.md states the same matrix in words.
/// </summary>
[Collection(DemoCountyCollection.Name)]
public sealed class AuthorizationMatrixTests(DemoCountyFixture county)
{
    // Targets: the county (parent of every township), Xinning (a township), Puan (another township),
    // Jianshe Community (a community in Xinning).
    public static TheoryData<string, string, HttpStatusCode> ReadCells => new()
    {
        { "admin", "county", HttpStatusCode.OK }, { "admin", "xinning", HttpStatusCode.OK }, { "admin", "puan", HttpStatusCode.OK }, { "admin", "jianshe", HttpStatusCode.OK },
        { "county.staff", "county", HttpStatusCode.OK }, { "county.staff", "puan", HttpStatusCode.OK }, { "county.staff", "jianshe", HttpStatusCode.OK },
        { "leader", "county", HttpStatusCode.OK }, { "leader", "puan", HttpStatusCode.OK }, { "leader", "jianshe", HttpStatusCode.OK },
        { "chair.xinning", "county", HttpStatusCode.NotFound }, { "chair.xinning", "xinning", HttpStatusCode.OK },
        { "chair.xinning", "puan", HttpStatusCode.NotFound }, { "chair.xinning", "jianshe", HttpStatusCode.OK },
        { "chair.puan", "xinning", HttpStatusCode.NotFound }, { "chair.puan", "jianshe", HttpStatusCode.NotFound }, { "chair.puan", "puan", HttpStatusCode.OK },
        { "chair.jianshe", "county", HttpStatusCode.NotFound }, { "chair.jianshe", "xinning", HttpStatusCode.NotFound },
        { "chair.jianshe", "puan", HttpStatusCode.NotFound }, { "chair.jianshe", "jianshe", HttpStatusCode.OK },
    };

    // Editing an organisation's own particulars is county staff's work; out of scope is 404 before anything else.
    public static TheoryData<string, string, HttpStatusCode> UpdateCells => new()
    {
        { "admin", "puan", HttpStatusCode.Redirect }, { "county.staff", "jianshe", HttpStatusCode.Redirect },
        { "leader", "puan", HttpStatusCode.Forbidden }, { "leader", "county", HttpStatusCode.Forbidden },
        { "chair.xinning", "xinning", HttpStatusCode.Forbidden }, { "chair.xinning", "jianshe", HttpStatusCode.Forbidden },
        { "chair.xinning", "puan", HttpStatusCode.Forbidden }, { "chair.jianshe", "jianshe", HttpStatusCode.Forbidden },
    };

    public static TheoryData<string, HttpStatusCode> ManageUsersCells => new()
    {
        { "admin", HttpStatusCode.OK }, { "county.staff", HttpStatusCode.Forbidden }, { "leader", HttpStatusCode.Forbidden },
        { "chair.xinning", HttpStatusCode.Forbidden }, { "chair.jianshe", HttpStatusCode.Forbidden },
    };

    private async Task<int> IdOf(string target)
    {
        var name = target switch
        {
            "county" => "开江县妇女联合会",
            "xinning" => "新宁镇",
            "puan" => "普安镇",
            "jianshe" => "建设社区",
            _ => throw new ArgumentOutOfRangeException(nameof(target)),
        };
        return await county.Factory.WithScopeAsync(db => db.Organisations.Where(o => o.Name == name).Select(o => o.Id).SingleAsync());
    }

    [Theory]
    [MemberData(nameof(ReadCells))]
    public async Task Read_an_organisation(string user, string target, HttpStatusCode expected)
    {
        var client = new PortalClient(county.Factory);
        await client.LoginAsync(user);
        var response = await client.Http.GetAsync($"/Organisations/Details/{await IdOf(target)}");

        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.NotFound)
        {
            var html = await response.Content.ReadAsStringAsync();
            Assert.Contains("页面不存在", html, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(UpdateCells))]
    public async Task Update_an_organisation(string user, string target, HttpStatusCode expected)
    {
        var id = await IdOf(target);
        var before = await county.Factory.WithScopeAsync(db => db.Organisations.Where(o => o.Id == id)
            .Select(o => new { o.Address, o.Version, o.DivisionCode, o.ReformStatus, o.ReformDate, o.AnnualFunds, o.ContactName, o.ContactPhone })
            .SingleAsync());
        var client = new PortalClient(county.Factory);
        await client.LoginAsync(user);
        var page = await client.Http.GetStringAsync("/"); // any page carries a token for this user
        var address = $"{user} 的测试地址";

        // The whole form as the page would post it, with only the address changed: other tests read this county.
        var response = await client.PostFormAsync($"/Organisations/Edit/{id}", page, new()
        {
            ["DivisionCode"] = before.DivisionCode ?? "",
            ["ReformStatus"] = before.ReformStatus.ToString(),
            ["ReformDate"] = before.ReformDate?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "",
            ["AnnualFunds"] = before.AnnualFunds.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["ContactName"] = before.ContactName ?? "",
            ["ContactPhone"] = before.ContactPhone ?? "",
            ["Address"] = address,
            ["Version"] = before.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });

        Assert.Equal(expected, response.StatusCode);
        var after = await county.Factory.WithScopeAsync(db => db.Organisations.Where(o => o.Id == id).Select(o => o.Address).SingleAsync());
        if (expected == HttpStatusCode.Redirect)
        {
            Assert.Equal(address, after);
        }
        else
        {
            Assert.Equal(before.Address, after);
        }
    }

    [Theory]
    [MemberData(nameof(ManageUsersCells))]
    public async Task Manage_accounts(string user, HttpStatusCode expected)
    {
        var client = new PortalClient(county.Factory);
        await client.LoginAsync(user);
        var response = await client.Http.GetAsync("/Admin/Accounts");
        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task A_write_without_an_anti_forgery_token_changes_nothing()
    {
        var id = await IdOf("puan");
        var client = new PortalClient(county.Factory);
        await client.LoginAsync("county.staff");
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["Address"] = "伪造的请求", ["Version"] = "0" });

        var response = await client.Http.PostAsync($"/Organisations/Edit/{id}", form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotEqual("伪造的请求", await county.Factory.WithScopeAsync(db => db.Organisations.Where(o => o.Id == id).Select(o => o.Address).SingleAsync()));
    }

    // Registers: a Women's Home of a Xinning village (not Jianshe), and Jianshe Community's own home.
    public static TheoryData<string, string, string, HttpStatusCode> HomeCells => new()
    {
        { "admin", "xinning", "Edit", HttpStatusCode.OK }, { "county.staff", "xinning", "Edit", HttpStatusCode.OK },
        { "leader", "xinning", "Details", HttpStatusCode.OK }, { "leader", "xinning", "Edit", HttpStatusCode.Forbidden }, { "leader", "xinning", "Inspect", HttpStatusCode.Forbidden },
        { "chair.xinning", "xinning", "Edit", HttpStatusCode.OK }, { "chair.xinning", "jianshe", "Inspect", HttpStatusCode.OK },
        { "chair.puan", "xinning", "Details", HttpStatusCode.NotFound }, { "chair.puan", "xinning", "Edit", HttpStatusCode.NotFound },
        { "chair.jianshe", "xinning", "Details", HttpStatusCode.NotFound }, { "chair.jianshe", "jianshe", "Edit", HttpStatusCode.OK },
    };

    private Task<int> HomeOf(string target) => county.Factory.WithScopeAsync(db => db.ServiceSites
        .Where(s => s.Kind == ServiceSiteKind.WomensHome && (target == "jianshe"
            ? s.Organisation!.Name == "建设社区"
            : s.Organisation!.Kind == OrganisationKind.Village && s.Organisation.Parent!.Name == "新宁镇"))
        .OrderBy(s => s.Id).Select(s => s.Id).FirstAsync());

    [Theory]
    [MemberData(nameof(HomeCells))]
    public async Task Read_and_edit_a_home(string user, string target, string action, HttpStatusCode expected)
    {
        var client = new PortalClient(county.Factory);
        await client.LoginAsync(user);
        var response = await client.Http.GetAsync($"/Homes/{action}/{await HomeOf(target)}");
        Assert.Equal(expected, response.StatusCode);
    }

    // Pipeline steps that must be refused whatever the award's state; nothing is changed, so the shared county is safe.
    public static TheoryData<string, string, string, HttpStatusCode> PipelineRefusals => new()
    {
        { "leader", "xinning", "Recommend", HttpStatusCode.Forbidden }, { "leader", "xinning", "Decide", HttpStatusCode.Forbidden },
        { "chair.jianshe", "jianshe", "Recommend", HttpStatusCode.Forbidden }, { "chair.jianshe", "jianshe", "Notice", HttpStatusCode.Forbidden },
        { "chair.xinning", "xinning", "Decide", HttpStatusCode.Forbidden }, { "chair.puan", "xinning", "Recommend", HttpStatusCode.NotFound },
    };

    [Theory]
    [MemberData(nameof(PipelineRefusals))]
    public async Task Take_a_pipeline_step(string user, string target, string step, HttpStatusCode expected)
    {
        var award = await county.Factory.WithScopeAsync(db => db.FamilyAwards
            .Where(a => target == "jianshe" ? a.Organisation!.Name == "建设社区" : a.Organisation!.Kind == OrganisationKind.Village && a.Organisation.Parent!.Name == "新宁镇")
            .OrderBy(a => a.Id).Select(a => new { a.Id, a.Version, a.Status }).FirstAsync());
        var client = new PortalClient(county.Factory);
        await client.LoginAsync(user);
        var page = await client.Http.GetStringAsync("/");

        var response = await client.PostFormAsync($"/Awards/{step}/{award.Id}", page, new() { ["version"] = award.Version.ToString(System.Globalization.CultureInfo.InvariantCulture), ["award"] = "true" });

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal(award.Status, await county.Factory.WithScopeAsync(db => db.FamilyAwards.Where(a => a.Id == award.Id).Select(a => a.Status).SingleAsync()));
    }
}
