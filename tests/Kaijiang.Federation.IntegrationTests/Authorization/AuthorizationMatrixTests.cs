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

    // The tree itself (create under, move, close) is county staff's: the forms open for them, 403 for the rest,
    // whatever the scope. The writes themselves are exercised in Organisations/OrganisationChangeTests on a county of their own.
    public static TheoryData<string, string, string, HttpStatusCode> TreeChangeCells
    {
        get
        {
            var cells = new TheoryData<string, string, string, HttpStatusCode>();
            foreach (var page in new[] { "Create", "Move", "Close" })
            {
                cells.Add("admin", page, "jianshe", HttpStatusCode.OK);
                cells.Add("county.staff", page, "jianshe", HttpStatusCode.OK);
                cells.Add("leader", page, "jianshe", HttpStatusCode.Forbidden);
                cells.Add("chair.xinning", page, "jianshe", HttpStatusCode.Forbidden);
                cells.Add("chair.xinning", page, "xinning", HttpStatusCode.Forbidden);
                cells.Add("chair.puan", page, "jianshe", HttpStatusCode.Forbidden);
                cells.Add("chair.jianshe", page, "jianshe", HttpStatusCode.Forbidden);
            }

            return cells;
        }
    }

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

    // Terms: starting one is Create, editing Update, ending Delete on the organisation (docs/authorization.md).
    public static TheoryData<string, string, HttpStatusCode> StartTermCells => new()
    {
        { "admin", "puan", HttpStatusCode.OK }, { "county.staff", "jianshe", HttpStatusCode.OK }, { "leader", "jianshe", HttpStatusCode.Forbidden },
        { "chair.xinning", "jianshe", HttpStatusCode.OK }, { "chair.xinning", "puan", HttpStatusCode.NotFound }, { "chair.puan", "jianshe", HttpStatusCode.NotFound },
        { "chair.jianshe", "jianshe", HttpStatusCode.OK }, { "chair.jianshe", "xinning", HttpStatusCode.NotFound },
    };

    // The forms of editing and ending Jianshe's chair's term; the refused ones are also posted, and change nothing.
    public static TheoryData<string, HttpStatusCode, HttpStatusCode> TermCells => new()
    {
        { "admin", HttpStatusCode.OK, HttpStatusCode.OK }, { "county.staff", HttpStatusCode.OK, HttpStatusCode.OK },
        { "chair.xinning", HttpStatusCode.OK, HttpStatusCode.OK }, { "chair.jianshe", HttpStatusCode.OK, HttpStatusCode.Forbidden },
        { "leader", HttpStatusCode.Forbidden, HttpStatusCode.Forbidden }, { "chair.puan", HttpStatusCode.NotFound, HttpStatusCode.NotFound },
    };

    [Theory]
    [MemberData(nameof(StartTermCells))]
    public async Task Start_a_term(string user, string target, HttpStatusCode expected)
    {
        var client = new PortalClient(county.Factory);
        await client.LoginAsync(user);
        var response = await client.Http.GetAsync($"/Terms/Start?organisationId={await IdOf(target)}");
        Assert.Equal(expected, response.StatusCode);
    }

    [Theory]
    [MemberData(nameof(TermCells))]
    public async Task Edit_and_end_a_term(string user, HttpStatusCode edit, HttpStatusCode end)
    {
        var jianshe = await IdOf("jianshe");
        var term = await county.Factory.WithScopeAsync(db => db.OfficeTerms.AsNoTracking()
            .SingleAsync(t => t.OrganisationId == jianshe && t.Office == Office.Chair && t.EndedOn == null));
        var client = new PortalClient(county.Factory);
        await client.LoginAsync(user);

        Assert.Equal(edit, (await client.Http.GetAsync($"/Terms/Edit/{term.Id}")).StatusCode);
        Assert.Equal(end, (await client.Http.GetAsync($"/Terms/End/{term.Id}")).StatusCode);
        if (end != HttpStatusCode.OK)
        {
            // The shared county keeps its figures: only refused writes are posted here (allowed ones: TermsWriteTests).
            var page = await client.Http.GetStringAsync("/");
            var posted = await client.PostFormAsync($"/Terms/End/{term.Id}", page, new()
            {
                ["Input.EndedOn"] = term.StartOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                ["Input.EndReason"] = nameof(TermEndReason.Resigned),
                ["Input.Version"] = term.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
            });
            Assert.Equal(end, posted.StatusCode);
            var after = await county.Factory.WithScopeAsync(db => db.OfficeTerms.AsNoTracking().SingleAsync(t => t.Id == term.Id));
            Assert.Equal((term.Version, (DateOnly?)null), (after.Version, after.EndedOn));
        }
    }
    // Import is county staff's (policy), export everyone's but a village chair's, each within scope (404 outside).
    public static TheoryData<string, HttpStatusCode> ImportCells => new()
    {
        { "admin", HttpStatusCode.OK }, { "county.staff", HttpStatusCode.OK }, { "leader", HttpStatusCode.Forbidden },
        { "chair.xinning", HttpStatusCode.Forbidden }, { "chair.jianshe", HttpStatusCode.Forbidden },
    };

    public static TheoryData<string, string, HttpStatusCode> ExportCells => new()
    {
        { "admin", "puan", HttpStatusCode.OK }, { "county.staff", "jianshe", HttpStatusCode.OK }, { "leader", "puan", HttpStatusCode.OK },
        { "chair.xinning", "xinning", HttpStatusCode.OK }, { "chair.xinning", "jianshe", HttpStatusCode.OK },
        { "chair.xinning", "puan", HttpStatusCode.NotFound }, { "chair.xinning", "county", HttpStatusCode.NotFound },
        { "chair.puan", "xinning", HttpStatusCode.NotFound }, { "chair.jianshe", "jianshe", HttpStatusCode.Forbidden },
    };

    public static TheoryData<string, HttpStatusCode> AuditSearchCells => new()
    {
        { "admin", HttpStatusCode.OK }, { "county.staff", HttpStatusCode.OK }, { "leader", HttpStatusCode.Forbidden },
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
            .Select(o => new { o.Name, o.Kind, o.UnitKind, o.PinyinInitials, o.Address, o.Version, o.DivisionCode, o.ReformStatus, o.ReformDate, o.AnnualFunds, o.ContactName, o.ContactPhone })
            .SingleAsync());
        var client = new PortalClient(county.Factory);
        await client.LoginAsync(user);
        var page = await client.Http.GetStringAsync("/"); // any page carries a token for this user
        var address = $"{user} 的测试地址";

        // The whole form as the page would post it, with only the address changed: other tests read this county.
        var response = await client.PostFormAsync($"/Organisations/Edit/{id}", page, new()
        {
            ["Name"] = before.Name,
            ["Kind"] = before.Kind.ToString(),
            ["UnitKind"] = before.UnitKind.ToString(),
            ["PinyinInitials"] = before.PinyinInitials ?? "",
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
    [MemberData(nameof(TreeChangeCells))]
    public async Task Change_the_tree(string user, string page, string target, HttpStatusCode expected)
    {
        var id = await IdOf(target);
        var client = new PortalClient(county.Factory);
        await client.LoginAsync(user);
        var url = page == "Create" ? $"/Organisations/Create?parentId={id}" : $"/Organisations/{page}/{id}";

        var response = await client.Http.GetAsync(url);
        Assert.Equal(expected, response.StatusCode);

        if (expected == HttpStatusCode.Forbidden)
        {
            // The POST is refused too, and nothing changes.
            var before = await county.Factory.WithScopeAsync(db => db.Organisations.Where(o => o.Id == id).Select(o => new { o.Path, o.ClosedOn, o.Version }).SingleAsync());
            var token = await client.Http.GetStringAsync("/");
            var post = page == "Create" ? "/Organisations/Create" : $"/Organisations/{page}/{id}";
            var fields = new Dictionary<string, string>
            {
                ["ParentId"] = id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Name"] = "越权",
                ["Kind"] = nameof(OrganisationKind.Unit),
                ["UnitKind"] = nameof(UnitKind.Enterprise),
                ["NewParentId"] = (await IdOf("puan")).ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Version"] = before.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
            };
            Assert.Equal(HttpStatusCode.Forbidden, (await client.PostFormAsync(post, token, fields)).StatusCode);
            var after = await county.Factory.WithScopeAsync(db => db.Organisations.Where(o => o.Id == id).Select(o => new { o.Path, o.ClosedOn, o.Version }).SingleAsync());
            Assert.Equal(before, after);
            Assert.False(await county.Factory.WithScopeAsync(db => db.Organisations.AnyAsync(o => o.Name == "越权")));
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

    [Theory]
    [MemberData(nameof(ReadCells))]
    public async Task Read_an_organisations_history(string user, string target, HttpStatusCode expected)
    {
        var client = new PortalClient(county.Factory);
        await client.LoginAsync(user);
        var response = await client.Http.GetAsync($"/History/Organisation/{await IdOf(target)}");
        Assert.Equal(expected, response.StatusCode);
    }

    [Theory]
    [MemberData(nameof(ImportCells))]
    public async Task Import_a_roster(string user, HttpStatusCode expected)
    {
        var client = new PortalClient(county.Factory);
        await client.LoginAsync(user);
        Assert.Equal(expected, (await client.Http.GetAsync("/RosterImport")).StatusCode);
        Assert.Equal(expected, (await client.Http.GetAsync("/RosterImport/Template")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(ExportCells))]
    public async Task Export_a_roster(string user, string target, HttpStatusCode expected)
    {
        var client = new PortalClient(county.Factory);
        await client.LoginAsync(user);
        var response = await client.Http.GetAsync($"/RosterExport?organisationId={await IdOf(target)}");
        Assert.Equal(expected, response.StatusCode);
    }

    [Theory]
    [MemberData(nameof(AuditSearchCells))]
    public async Task Search_the_audit_log(string user, HttpStatusCode expected)
    {
        var client = new PortalClient(county.Factory);
        await client.LoginAsync(user);
        Assert.Equal(expected, (await client.Http.GetAsync("/History/Search")).StatusCode);
    }

    // Registers (loans, grants, bases, projects, trainings, experts, job fairs): an open Xinning loan outside Jianshe Community,
    // read, edited (GET of the form) and written off (GET of the form). Nothing is changed by these requests.
    public static TheoryData<string, string, HttpStatusCode> LoanCells => new()
    {
        { "admin", "Details", HttpStatusCode.OK }, { "admin", "Edit", HttpStatusCode.OK }, { "admin", "WriteOff", HttpStatusCode.OK },
        { "county.staff", "Details", HttpStatusCode.OK }, { "county.staff", "Edit", HttpStatusCode.OK }, { "county.staff", "WriteOff", HttpStatusCode.OK },
        { "leader", "Details", HttpStatusCode.OK }, { "leader", "Edit", HttpStatusCode.Forbidden }, { "leader", "WriteOff", HttpStatusCode.Forbidden },
        { "chair.xinning", "Details", HttpStatusCode.OK }, { "chair.xinning", "Edit", HttpStatusCode.OK }, { "chair.xinning", "WriteOff", HttpStatusCode.Forbidden },
        { "chair.puan", "Details", HttpStatusCode.NotFound }, { "chair.puan", "Edit", HttpStatusCode.NotFound }, { "chair.puan", "WriteOff", HttpStatusCode.Forbidden },
        { "chair.jianshe", "Details", HttpStatusCode.NotFound }, { "chair.jianshe", "Edit", HttpStatusCode.Forbidden }, { "chair.jianshe", "WriteOff", HttpStatusCode.Forbidden },
    };

    [Theory]
    [MemberData(nameof(LoanCells))]
    public async Task Loans_by_role_and_scope(string user, string action, HttpStatusCode expected)
    {
        var jianshe = await IdOf("jianshe");
        var xinning = await county.Factory.WithScopeAsync(db => db.Organisations.Where(o => o.Name == "新宁镇").Select(o => o.Path).SingleAsync());
        // An open (active or overdue) loan, so that writing it off is possible at all.
        var id = await county.Factory.WithScopeAsync(async db => (await db.Loans
                .Where(l => l.Organisation!.Path.StartsWith(xinning) && l.OrganisationId != jianshe && l.WrittenOffOn == null)
                .Select(l => new { l.Id, l.Amount, Repaid = l.Repayments.Select(r => r.Principal).ToList() }).ToListAsync())
            .First(l => LoanStanding.Outstanding(l.Amount, l.Repaid) > 0m).Id);
        var client = new PortalClient(county.Factory);
        await client.LoginAsync(user);

        var response = await client.Http.GetAsync($"/Loans/{action}/{id}");

        Assert.Equal(expected, response.StatusCode);
    }

    public static TheoryData<string, HttpStatusCode> RegisterWriteCells => new()
    {
        { "leader", HttpStatusCode.Forbidden }, { "chair.jianshe", HttpStatusCode.Forbidden },
    };

    [Theory]
    [MemberData(nameof(RegisterWriteCells))]
    public async Task Leadership_and_village_chairs_read_the_registers_but_change_nothing(string user, HttpStatusCode expected)
    {
        var client = new PortalClient(county.Factory);
        await client.LoginAsync(user);
        foreach (var register in new[] { "Loans", "Grants", "Bases", "Projects", "Trainings", "Experts", "JobFairs" })
        {
            Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync($"/{register}")).StatusCode);
            var page = await client.Http.GetStringAsync($"/{register}");
            var response = await client.PostFormAsync($"/{register}/Create", page, new() { ["Version"] = "0" });
            Assert.Equal(expected, response.StatusCode);
        }
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
