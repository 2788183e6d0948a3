using System.Globalization;
using System.Net;
using Kaijiang.Federation.IntegrationTests.Infrastructure;
using Kaijiang.Federation.IntegrationTests.People;
using Kaijiang.Federation.Web.Domain;
using Microsoft.EntityFrameworkCore;
using static Kaijiang.Federation.IntegrationTests.People.PeopleTestData;

namespace Kaijiang.Federation.IntegrationTests.Terms;

/// <summary>Starting, editing and ending terms over HTTP on a county of its own: rules, history, concurrency, audit.</summary>
[Collection(DemoCountyCollection.Name)] // hosts start one at a time: Serilog's bootstrap logger is process-wide
public sealed class TermsWriteTests(WritableCountyFixture county) : IClassFixture<WritableCountyFixture>
{
    private PortalFactory Factory => county.Factory;

    private static readonly DateOnly Birth = new(1978, 3, 9);

    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));

    private static Dictionary<string, string> TermForm(string office = "ExecutiveMember", DateOnly? start = null, string stipend = "900", string pay = "3000", string? version = null)
    {
        var form = new Dictionary<string, string>
        {
            ["Input.Office"] = office,
            ["Input.IsFullTime"] = "false",
            ["Input.StartOn"] = Iso(start ?? Today.AddDays(-10)),
            ["Input.ElectedAt"] = "第二次妇女代表大会",
            ["Input.InTwoCommittees"] = "true",
            ["Input.IsPartySecretary"] = "false",
            ["Input.IsVillageDirector"] = "false",
            ["Input.MonthlyStipend"] = stipend,
            ["Input.SecretaryMonthlyPay"] = pay,
        };
        if (version is not null)
        {
            form["Input.Version"] = version;
        }

        return form;
    }

    /// <summary>Starts a term for a new person registered inline; returns the term's id.</summary>
    private async Task<(int TermId, int PersonId, string Name)> StartWithNewPersonAsync(PortalClient client, int organisationId, string stipend = "900", string pay = "3000")
    {
        var page = await client.Http.GetStringAsync($"/Terms/Start?organisationId={organisationId}");
        var name = Unique("新执委");
        var form = TermForm(stipend: stipend, pay: pay);
        foreach (var (key, value) in PersonForm(name, Birth, NewIdNumber(Birth), "15900000000", prefix: "NewPerson"))
        {
            form[key] = value;
        }

        var response = await client.PostFormAsync($"/Terms/Start?organisationId={organisationId}", page, form);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/Organisations/Details/{organisationId}", response.Headers.Location!.OriginalString);
        return await Factory.WithScopeAsync(db => db.OfficeTerms.Where(t => t.Person!.Name == name)
            .Select(t => new ValueTuple<int, int, string>(t.Id, t.PersonId, name)).SingleAsync());
    }

    [Fact]
    public async Task Starting_a_term_registers_the_new_person_computes_the_planned_end_and_shows_the_stipend_rule()
    {
        var jianshe = await OrganisationIdAsync(Factory, "建设社区");
        var client = await SignedInAsync(Factory, "county.staff");

        var (termId, personId, _) = await StartWithNewPersonAsync(client, jianshe, stipend: "900", pay: "3000");

        var term = await Factory.WithScopeAsync(db => db.OfficeTerms.SingleAsync(t => t.Id == termId));
        Assert.Equal(term.StartOn.AddYears(5), term.PlannedEndOn);
        Assert.Equal((Office.ExecutiveMember, true, 900m, 3000m), (term.Office, term.InTwoCommittees, term.MonthlyStipend!.Value, term.SecretaryMonthlyPay!.Value));
        var html = await client.Http.GetStringAsync($"/People/Details/{personId}");
        Assert.Contains("data-stipend-rule=\"not-met\"", html, StringComparison.Ordinal);
        Assert.Contains("补贴未达标（至少应为 1,000 元）", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_term_for_someone_on_file_is_started_by_picking_her_and_the_rule_is_met_at_one_third()
    {
        var jianshe = await OrganisationIdAsync(Factory, "建设社区");
        var xinning = await OrganisationIdAsync(Factory, "新宁镇");
        var client = await SignedInAsync(Factory, "chair.xinning");
        var (_, personId, name) = await StartWithNewPersonAsync(client, jianshe);

        var search = await client.Http.GetStringAsync($"/Terms/Start?organisationId={xinning}&q={Uri.EscapeDataString(name)}");
        Assert.Contains($"/Terms/Start?organisationId={xinning}&amp;personId={personId}", search, StringComparison.Ordinal);
        var page = await client.Http.GetStringAsync($"/Terms/Start?organisationId={xinning}&personId={personId}");
        var form = TermForm(stipend: "1000", pay: "3000");
        form["personId"] = personId.ToString(CultureInfo.InvariantCulture);
        var response = await client.PostFormAsync($"/Terms/Start?organisationId={xinning}", page, form);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var html = await client.Http.GetStringAsync($"/People/Details/{personId}");
        Assert.Contains("data-stipend-rule=\"met\"", html, StringComparison.Ordinal);
        Assert.Equal(2, await Factory.WithScopeAsync(db => db.OfficeTerms.CountAsync(t => t.PersonId == personId && t.EndedOn == null)));
    }

    [Fact]
    public async Task A_second_current_chair_is_refused_with_a_clear_message()
    {
        var chair = await ChairOfAsync(Factory, "建设社区");
        var jianshe = await OrganisationIdAsync(Factory, "建设社区");
        var client = await SignedInAsync(Factory, "county.staff");
        var page = await client.Http.GetStringAsync($"/Terms/Start?organisationId={jianshe}");
        var name = Unique("第二主席");
        var form = TermForm(office: "Chair");
        foreach (var (key, value) in PersonForm(name, Birth, NewIdNumber(Birth), prefix: "NewPerson"))
        {
            form[key] = value;
        }

        var html = await (await client.PostFormAsync($"/Terms/Start?organisationId={jianshe}", page, form)).Content.ReadAsStringAsync();

        Assert.Contains($"该组织已有现任主席 {chair.Name}", html, StringComparison.Ordinal);
        Assert.Equal(name, InputValue(html, "NewPerson.Name"));
        Assert.Equal(0, await Factory.WithScopeAsync(db => db.People.CountAsync(p => p.Name == name)));
    }

    [Theory]
    [InlineData("-1", "3000", null, "每月补贴（元）不能为负数。")]
    [InlineData("100", "-0.01", null, "党支部书记每月报酬（元）不能为负数。")]
    [InlineData("100.005", "3000", null, "每月补贴（元）最多保留两位小数")]
    [InlineData("100", "3000", "2999-01-01", "任职日期不能晚于今天。")]
    [InlineData("100", "3000", "1899-01-01", "任职日期不能早于 1900 年。")]
    public async Task Negative_money_and_impossible_dates_are_refused_and_nothing_changes(string stipend, string pay, string? start, string message)
    {
        var chair = await ChairOfAsync(Factory, "普安镇");
        var client = await SignedInAsync(Factory, "county.staff");
        var page = await client.Http.GetStringAsync($"/Terms/Edit/{chair.TermId}");
        var before = await Factory.WithScopeAsync(db => db.OfficeTerms.AsNoTracking().SingleAsync(t => t.Id == chair.TermId));
        var form = TermForm(office: "Chair", start: before.StartOn, stipend: stipend, pay: pay, version: InputValue(page, "Input.Version"));
        if (start is not null)
        {
            form["Input.StartOn"] = start;
        }

        var response = await client.PostFormAsync($"/Terms/Edit/{chair.TermId}", page, form);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, html, StringComparison.Ordinal);
        Assert.Equal(stipend, InputValue(html, "Input.MonthlyStipend"));
        var after = await Factory.WithScopeAsync(db => db.OfficeTerms.AsNoTracking().SingleAsync(t => t.Id == chair.TermId));
        Assert.Equal((before.Version, before.MonthlyStipend, before.StartOn), (after.Version, after.MonthlyStipend, after.StartOn));
    }

    [Fact]
    public async Task Editing_a_term_is_audited_with_the_values_before_and_after()
    {
        var jianshe = await OrganisationIdAsync(Factory, "建设社区");
        var client = await SignedInAsync(Factory, "chair.xinning");
        var (termId, personId, _) = await StartWithNewPersonAsync(client, jianshe, stipend: "900");
        var page = await client.Http.GetStringAsync($"/Terms/Edit/{termId}");
        var start = DateOnly.Parse(InputValue(page, "Input.StartOn")!, CultureInfo.InvariantCulture);

        var response = await client.PostFormAsync($"/Terms/Edit/{termId}", page, TermForm(start: start, stipend: "1200.50", version: InputValue(page, "Input.Version")));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/People/Details/{personId}", response.Headers.Location!.OriginalString);
        var audit = await Factory.WithScopeAsync(db => db.AuditEntries
            .Where(a => a.EntityType == nameof(OfficeTerm) && a.EntityId == termId.ToString(CultureInfo.InvariantCulture) && a.Action == "Modified")
            .SingleAsync());
        Assert.Equal("chair.xinning", audit.UserName);
        Assert.Contains("\"MonthlyStipend\":900", audit.Before, StringComparison.Ordinal);
        Assert.Contains("\"MonthlyStipend\":1200.50", audit.After, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(audit.OrganisationPath));
    }

    [Fact]
    public async Task Ending_a_term_keeps_it_as_history_with_its_reason_and_village_chairs_may_not_end_terms()
    {
        var jianshe = await OrganisationIdAsync(Factory, "建设社区");
        var staff = await SignedInAsync(Factory, "county.staff");
        var (termId, personId, name) = await StartWithNewPersonAsync(staff, jianshe);
        var villageChair = await SignedInAsync(Factory, "chair.jianshe");
        Assert.Equal(HttpStatusCode.Forbidden, (await villageChair.Http.GetAsync($"/Terms/End/{termId}")).StatusCode);
        var anyPage = await villageChair.Http.GetStringAsync("/");
        Assert.Equal(HttpStatusCode.Forbidden, (await villageChair.PostFormAsync($"/Terms/End/{termId}", anyPage, new() { ["Input.EndedOn"] = Iso(Today), ["Input.EndReason"] = "Resigned" })).StatusCode);

        var confirm = await staff.Http.GetStringAsync($"/Terms/End/{termId}");
        Assert.Contains("确认结束", confirm, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", confirm.Replace("<script src=", "", StringComparison.Ordinal), StringComparison.Ordinal);
        var noReason = await staff.PostFormAsync($"/Terms/End/{termId}", confirm, new() { ["Input.EndedOn"] = Iso(Today), ["Input.EndReason"] = "", ["Input.Version"] = InputValue(confirm, "Input.Version")! });
        Assert.Contains("请填写离任原因。", await noReason.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var ended = await staff.PostFormAsync($"/Terms/End/{termId}", confirm, new()
        {
            ["Input.EndedOn"] = Iso(Today),
            ["Input.EndReason"] = "Resigned",
            ["Input.EndNote"] = "<i>因工作调动</i>",
            ["Input.Version"] = InputValue(confirm, "Input.Version")!,
        });

        Assert.Equal(HttpStatusCode.Redirect, ended.StatusCode);
        var term = await Factory.WithScopeAsync(db => db.OfficeTerms.AsNoTracking().SingleAsync(t => t.Id == termId));
        Assert.Equal((Today, TermEndReason.Resigned), (term.EndedOn, term.EndReason));
        var html = await staff.Http.GetStringAsync($"/People/Details/{personId}");
        var past = html[html.IndexOf("data-terms=\"past-terms\"", StringComparison.Ordinal)..];
        Assert.Contains($"data-term=\"{termId}\"", past, StringComparison.Ordinal);
        Assert.Contains("离任：辞职", past, StringComparison.Ordinal);
        Assert.Contains("&lt;i&gt;因工作调动&lt;/i&gt;", past, StringComparison.Ordinal);
        Assert.Contains(name, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_people_editing_one_term_the_second_save_is_refused_and_keeps_her_typing()
    {
        var jianshe = await OrganisationIdAsync(Factory, "建设社区");
        var staff = await SignedInAsync(Factory, "county.staff");
        var other = await SignedInAsync(Factory, "chair.xinning");
        var (termId, _, _) = await StartWithNewPersonAsync(staff, jianshe);
        var mine = await staff.Http.GetStringAsync($"/Terms/Edit/{termId}");
        var theirs = await other.Http.GetStringAsync($"/Terms/Edit/{termId}");
        var start = DateOnly.Parse(InputValue(mine, "Input.StartOn")!, CultureInfo.InvariantCulture);
        var version = InputValue(mine, "Input.Version");

        Assert.Equal(HttpStatusCode.Redirect, (await other.PostFormAsync($"/Terms/Edit/{termId}", theirs, TermForm(start: start, stipend: "1100", version: version))).StatusCode);
        var refused = await staff.PostFormAsync($"/Terms/Edit/{termId}", mine, TermForm(start: start, stipend: "1300", pay: "3600", version: version));
        var html = await refused.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("其他人已修改了这条记录", html, StringComparison.Ordinal);
        Assert.Contains("他人已改为：1100.00", html, StringComparison.Ordinal);
        Assert.Equal("1300", InputValue(html, "Input.MonthlyStipend"));
        Assert.Equal("3600", InputValue(html, "Input.SecretaryMonthlyPay"));
        Assert.Equal(1100m, await Factory.WithScopeAsync(db => db.OfficeTerms.Where(t => t.Id == termId).Select(t => t.MonthlyStipend!.Value).SingleAsync()));

        // Saving again from the refused form, now at the newer version, goes through.
        var again = await staff.PostFormAsync($"/Terms/Edit/{termId}", html, TermForm(start: start, stipend: "1300", pay: "3600", version: InputValue(html, "Input.Version")));
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
    }
}
