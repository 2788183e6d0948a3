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

    // Writing a monthly report (the Submit operation) is the township chair's, for her own township only. The form
    // carries a figure that is not a number: the allowed cell gets past authorization to the form's validation (200,
    // the form again) and no cell writes anything into the shared county.
    public static TheoryData<string, string, HttpStatusCode> SubmitCells => new()
    {
        { "admin", "xinning", HttpStatusCode.Forbidden }, { "county.staff", "xinning", HttpStatusCode.Forbidden },
        { "leader", "xinning", HttpStatusCode.Forbidden }, { "chair.xinning", "xinning", HttpStatusCode.OK },
        { "chair.xinning", "puan", HttpStatusCode.NotFound }, { "chair.puan", "xinning", HttpStatusCode.NotFound },
        { "chair.jianshe", "xinning", HttpStatusCode.Forbidden },
    };

    // Approve / return / reopen is county staff's. On a month without a report the allowed roles get past
    // authorization and are refused by the state (409: nothing to approve), so no cell changes the county.
    public static TheoryData<string, string, HttpStatusCode> ApproveCells => new()
    {
        { "admin", "puan", HttpStatusCode.Conflict }, { "county.staff", "xinning", HttpStatusCode.Conflict },
        { "leader", "xinning", HttpStatusCode.Forbidden }, { "chair.xinning", "xinning", HttpStatusCode.Forbidden },
        { "chair.puan", "xinning", HttpStatusCode.Forbidden }, { "chair.jianshe", "xinning", HttpStatusCode.Forbidden },
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
    [MemberData(nameof(SubmitCells))]
    public async Task Write_a_monthly_report(string user, string target, HttpStatusCode expected)
    {
        const int period = 202001;
        var id = await IdOf(target);
        var client = new PortalClient(county.Factory);
        await client.LoginAsync(user);
        var page = await client.Http.GetStringAsync("/");

        var indicator = await county.Factory.WithScopeAsync(db => db.ReportIndicators.Where(i => i.Code == "activities_held").Select(i => i.Id).SingleAsync());
        var response = await client.PostFormAsync($"/Reports/Save?organisationId={id}&period={period}", page, new()
        {
            ["Version"] = "0", ["WorkDone"] = $"{user} 的测试月报", ["intent"] = "draft", [$"Values[{indicator}]"] = "abc",
        });

        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.OK)
        {
            Assert.Contains("必须填写数字", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.False(await county.Factory.WithScopeAsync(db => db.MonthlyReports.AnyAsync(r => r.OrganisationId == id && r.Period == period)));
    }

    [Theory]
    [MemberData(nameof(ApproveCells))]
    public async Task Approve_a_monthly_report(string user, string target, HttpStatusCode expected)
    {
        var id = await IdOf(target);
        var client = new PortalClient(county.Factory);
        await client.LoginAsync(user);
        var page = await client.Http.GetStringAsync("/");

        var response = await client.PostFormAsync($"/Reports/Approve?organisationId={id}&period=202002", page, new() { ["version"] = "0" });

        Assert.Equal(expected, response.StatusCode);
        Assert.False(await county.Factory.WithScopeAsync(db => db.MonthlyReports.AnyAsync(r => r.OrganisationId == id && r.Period == 202002)));
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
}
