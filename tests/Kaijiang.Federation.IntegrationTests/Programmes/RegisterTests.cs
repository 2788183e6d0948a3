using System.Globalization;
using System.Net;
using Kaijiang.Federation.IntegrationTests.Loans;
using Kaijiang.Federation.Web.Data;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using static Kaijiang.Federation.IntegrationTests.Loans.RegisterWritesFixture;

namespace Kaijiang.Federation.IntegrationTests.Programmes;

/// <summary>Grants, bases, projects, trainings, experts and job fairs over HTTP: create, edit, scope, audit, export, bad input.</summary>
[Collection(RegisterWritesCollection.Name)]
public sealed class RegisterTests(RegisterWritesFixture county)
{
    private static string S(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Each register: its route, a valid form, the field edited and its new value, how to count its records.</summary>
    private async Task<(string Register, Dictionary<string, string> Fields, string EditField, string EditValue, Func<FederationDbContext, IQueryable<object>> Set)> CaseAsync(string register)
    {
        var village = (await county.PersonInAsync("新宁镇", skip: 20)).OrganisationId;
        var xinning = await county.OrganisationIdAsync("新宁镇");
        var (graduate, _) = await county.PersonInAsync("新宁镇", skip: 21);
        return register switch
        {
            "Bases" => (register, new() { ["Kind"] = "Cooperative", ["Name"] = "测试巾帼专业合作社", ["OrganisationId"] = S(village), ["LeaderId"] = "", ["LeaderQuery"] = "", ["JobsProvided"] = "40", ["WomenEmployed"] = "30", ["YearRecognised"] = S(Today.Year) },
                "JobsProvided", "45", db => db.Bases),
            "Projects" => (register, new() { ["Name"] = "测试争取项目", ["Funder"] = "四川省妇联", ["Funds"] = "35000", ["Year"] = S(Today.Year), ["Status"] = "InProgress", ["OrganisationId"] = S(xinning) },
                "Funds", "36000", db => db.Projects),
            "Trainings" => (register, new() { ["Title"] = "测试技能培训", ["HeldOn"] = Date(Today.AddDays(-10)), ["EndsOn"] = Date(Today.AddDays(-8)), ["Organiser"] = "新宁镇妇联", ["Topic"] = "电商", ["Participants"] = "60", ["OrganisationId"] = S(xinning) },
                "Participants", "65", db => db.Trainings),
            "Experts" => (register, new() { ["Kind"] = "FamilyEducationLecturer", ["Name"] = "测试讲师", ["Speciality"] = "家庭教育", ["Employer"] = "开江中学", ["PersonId"] = "", ["PersonQuery"] = "", ["OrganisationId"] = S(xinning) },
                "Employer", "开江县实验小学", db => db.Experts),
            "JobFairs" => (register, new() { ["Name"] = "测试招聘会", ["HeldOn"] = Date(Today.AddDays(-3)), ["Place"] = "新宁镇文化广场", ["Employers"] = "25", ["PositionsOffered"] = "400", ["OrganisationId"] = S(xinning) },
                "PositionsOffered", "420", db => db.JobFairs),
            "Grants" => (register, new() { ["GraduateId"] = S(graduate), ["GraduateQuery"] = "", ["Business"] = "测试农产品网店", ["Amount"] = "10000", ["GrantedOn"] = Date(Today.AddDays(-1)) },
                "Business", "测试乡村民宿", db => db.StartupGrants),
            _ => throw new ArgumentOutOfRangeException(nameof(register)),
        };
    }

    public static TheoryData<string> Registers => new() { "Bases", "Projects", "Trainings", "Experts", "JobFairs", "Grants" };

    [Theory]
    [MemberData(nameof(Registers))]
    public async Task A_township_chair_creates_and_edits_in_her_township_and_the_audit_trail_records_it(string register)
    {
        var (_, fields, editField, editValue, set) = await CaseAsync(register);
        var client = await county.SignInAsync("chair.xinning");
        var before = await county.Factory.WithScopeAsync(db => set(db).CountAsync());

        var created = await PostAsync(client, $"/{register}/Create", $"/{register}/Create", fields);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Equal(before + 1, await county.Factory.WithScopeAsync(db => set(db).CountAsync()));
        var entityType = register switch { "Grants" => "StartupGrant", "Bases" => "Base", _ => register[..^1] };
        var id = await county.Factory.WithScopeAsync(db => db.AuditEntries.Where(a => a.EntityType == entityType && a.Action == "Added" && a.UserName == "chair.xinning")
            .OrderByDescending(a => a.Id).Select(a => a.EntityId).FirstAsync());

        var form = await client.Http.GetStringAsync($"/{register}/Edit/{id}");
        var edited = await client.PostFormAsync($"/{register}/Edit/{id}", form, new(fields) { [editField] = editValue, ["Version"] = "0" });
        Assert.Equal(HttpStatusCode.Redirect, edited.StatusCode);
        var modified = await county.Factory.WithScopeAsync(db => db.AuditEntries.Where(a => a.EntityType == entityType && a.EntityId == id && a.Action == "Modified").Select(a => a.After).ToListAsync());
        Assert.Contains(modified, after => after!.Contains(editValue.Length > 4 && !char.IsDigit(editValue[0]) ? System.Text.Json.JsonSerializer.Serialize(editValue).Trim('"') : editValue, StringComparison.Ordinal) || after.Contains("\\u", StringComparison.Ordinal));

        // A stale version is refused with the conflict message.
        var stale = await client.PostFormAsync($"/{register}/Edit/{id}", form, new(fields) { ["Version"] = "0" });
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.Contains("其他人已修改了这条记录", await stale.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Out of scope: another township's chair does not find it; leadership may not change it.
        var puan = await county.SignInAsync("chair.puan");
        Assert.Equal(HttpStatusCode.NotFound, (await puan.Http.GetAsync($"/{register}/Edit/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await puan.PostFormAsync($"/{register}/Edit/{id}", await puan.Http.GetStringAsync($"/{register}"), new(fields) { ["Version"] = "1" })).StatusCode);
        var leader = await county.SignInAsync("leader");
        Assert.Equal(HttpStatusCode.Forbidden, (await leader.PostFormAsync($"/{register}/Edit/{id}", await leader.Http.GetStringAsync($"/{register}"), new(fields) { ["Version"] = "1" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await leader.PostFormAsync($"/{register}/Create", await leader.Http.GetStringAsync($"/{register}"), fields)).StatusCode);
        Assert.Equal(before + 1, await county.Factory.WithScopeAsync(db => set(db).CountAsync()));
    }

    [Theory]
    [MemberData(nameof(Registers))]
    public async Task The_list_pages_and_the_export_holds_every_record_in_scope(string register)
    {
        var (_, _, _, _, set) = await CaseAsync(register);
        var client = await county.SignInAsync("leader");
        var list = await client.Http.GetAsync($"/{register}?page=999");
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);

        var export = await client.Http.GetAsync($"/{register}/Export");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        await using var stream = await export.Content.ReadAsStreamAsync();
        var rows = stream.Query(useHeaderRow: true).ToList();
        Assert.Equal(await county.Factory.WithScopeAsync(db => set(db).CountAsync()), rows.Count);
    }

    public static TheoryData<string, string, string, string> BadInput => new()
    {
        { "Bases", "JobsProvided", "-5", "提供就业岗位应在 0 到 1000000 之间" },
        { "Bases", "WomenEmployed", "50", "带动妇女就业人数不能多于提供的岗位数" },
        { "Projects", "Funds", "-100", "争取资金（元）应在 0.01 到 100000000 之间" },
        { "Trainings", "EndsOn", Date(Today.AddDays(-20)), "结束日期不能早于开始日期" },
        { "Trainings", "Participants", "-1", "参训人次应在 0 到 100000 之间" },
        { "JobFairs", "PositionsOffered", "-10", "提供岗位应在 0 到 1000000 之间" },
        { "Grants", "Amount", "0", "扶持金额（元）应在 0.01 到 1000000 之间" },
        { "Grants", "GrantedOn", Date(Today.AddDays(5)), "日期不能晚于今天" },
    };

    [Theory]
    [MemberData(nameof(BadInput))]
    public async Task Bad_input_is_refused_with_the_message_the_typed_value_kept_and_nothing_written(string register, string field, string value, string message)
    {
        var (_, fields, _, _, set) = await CaseAsync(register);
        var client = await county.SignInAsync("county.staff");
        var before = await county.Factory.WithScopeAsync(db => set(db).CountAsync());

        var response = await PostAsync(client, $"/{register}/Create", $"/{register}/Create", new(fields) { [field] = value });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains(message, html, StringComparison.Ordinal);
        Assert.Contains($"value=\"{value}\"", html, StringComparison.Ordinal);
        Assert.Equal(before, await county.Factory.WithScopeAsync(db => set(db).CountAsync()));
    }
}
