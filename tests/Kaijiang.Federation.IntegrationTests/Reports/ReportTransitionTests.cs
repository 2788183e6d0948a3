using System.Net;
using Kaijiang.Federation.Web.Domain;
using Microsoft.EntityFrameworkCore;
using static Kaijiang.Federation.IntegrationTests.Reports.ReportsKit;

namespace Kaijiang.Federation.IntegrationTests.Reports;

/// <summary>
/// Draft → Submitted → Approved, Returned with a comment and submitted again, reopened with a reason, and each
/// forbidden step. Each test works on a township of its own in a county of its own (ReportsCountyFixture).
/// </summary>
[Collection(Infrastructure.DemoCountyCollection.Name)]
public sealed class ReportTransitionTests(ReportsCountyFixture county) : IClassFixture<ReportsCountyFixture>
{
    private const int Period = ReportsCountyFixture.CurrentPeriod;

    [Fact]
    public async Task A_chair_drafts_and_submits_her_month_and_county_staff_approve_it_which_locks_it()
    {
        var factory = county.Factory;
        var id = await TownshipIdAsync(factory, "骑龙乡"); // no November report in the seed
        var chair = await SignedInAsync(factory, "chair.qilong");

        var current = await chair.Http.GetAsync("/Reports/Current");
        Assert.Equal(HttpStatusCode.OK, current.StatusCode);
        var form = await current.Content.ReadAsStringAsync();
        Assert.Contains("骑龙乡 2026年11月月报", form, StringComparison.Ordinal);
        Assert.Contains("截止日期：2026年12月5日", form, StringComparison.Ordinal);
        Assert.Contains("name=\"intent\" value=\"submit\"", form, StringComparison.Ordinal);
        Assert.Contains("data-suggestion=\"loans_count\"", form, StringComparison.Ordinal);

        // A draft may be incomplete.
        var draft = await PostReportAsync(chair, factory, id, Period, new Dictionary<string, string> { ["activities_held"] = "2" }, "draft", 0, workDone: null, page: form);
        Assert.Equal(HttpStatusCode.Redirect, draft.StatusCode);
        var saved = await ReportAsync(factory, id, Period);
        Assert.Equal(ReportStatus.Draft, saved!.Status);
        Assert.Equal(2m, saved.Values.Single(v => v.IndicatorCode == "activities_held").Value);

        var submitted = await PostReportAsync(chair, factory, id, Period, ValidFigures, "submit", saved.Version);
        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        var afterSubmit = await ReportAsync(factory, id, Period);
        Assert.Equal(ReportStatus.Submitted, afterSubmit!.Status);
        Assert.Equal("chair.qilong", afterSubmit.SubmittedBy);
        Assert.Equal(ValidFigures.Count, afterSubmit.Values.Count);

        // Submitting twice: refused, with the reason.
        var twice = await PostReportAsync(chair, factory, id, Period, ValidFigures, "submit", afterSubmit.Version);
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        Assert.Contains("正在等待县妇联审核", await twice.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var staff = await SignedInAsync(factory, "county.staff");
        var queue = await staff.Http.GetStringAsync("/Reports/Review");
        Assert.Contains("骑龙乡", queue, StringComparison.Ordinal);
        var approved = await ReviewAsync(staff, "Approve", id, Period, afterSubmit.Version);
        Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        var afterApproval = await ReportAsync(factory, id, Period);
        Assert.Equal(ReportStatus.Approved, afterApproval!.Status);
        Assert.Equal("county.staff", afterApproval.ReviewedBy);

        // Editing after approval: refused, the report unchanged, the reason stated.
        var changed = new Dictionary<string, string>(ValidFigures) { ["activities_held"] = "9" };
        var edit = await PostReportAsync(chair, factory, id, Period, changed, "draft", afterApproval.Version);
        Assert.Equal(HttpStatusCode.Conflict, edit.StatusCode);
        Assert.Contains("审核通过，已锁定", await edit.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(3m, (await ReportAsync(factory, id, Period))!.Values.Single(v => v.IndicatorCode == "activities_held").Value);

        // The timeline, oldest first, from the audit trail.
        var page = await chair.Http.GetStringAsync(Url("Report", id, Period));
        var steps = System.Text.RegularExpressions.Regex.Matches(page, "data-step=\"(\\w+)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(["Created", "Submitted", "Approved"], steps);
        Assert.Contains("data-lock=\"Approved\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Returned_with_a_comment_the_chair_sees_it_fixes_and_resubmits_and_an_approved_report_can_be_reopened_with_a_reason()
    {
        var factory = county.Factory;
        var id = await TownshipIdAsync(factory, "新太乡");
        var chair = await SignedInAsync(factory, "chair.xintai");
        var staff = await SignedInAsync(factory, "county.staff");
        Assert.Equal(HttpStatusCode.Redirect, (await PostReportAsync(chair, factory, id, Period, ValidFigures, "submit", 0)).StatusCode);
        var report = await ReportAsync(factory, id, Period);

        var noComment = await ReviewAsync(staff, "Return", id, Period, report!.Version, "  ");
        Assert.Equal(HttpStatusCode.OK, noComment.StatusCode);
        Assert.Contains("退回时必须填写意见", await noComment.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(ReportStatus.Submitted, (await ReportAsync(factory, id, Period))!.Status);

        Assert.Equal(HttpStatusCode.Redirect, (await ReviewAsync(staff, "Return", id, Period, report.Version, "培训人次与签到表不一致，请核实。")).StatusCode);
        report = await ReportAsync(factory, id, Period);
        Assert.Equal(ReportStatus.Returned, report!.Status);
        var seen = await chair.Http.GetStringAsync("/Reports/Current");
        Assert.Contains("培训人次与签到表不一致，请核实。", seen, StringComparison.Ordinal);
        Assert.Contains("name=\"intent\" value=\"submit\"", seen, StringComparison.Ordinal);

        var fixedFigures = new Dictionary<string, string>(ValidFigures) { ["women_trained"] = "18" };
        Assert.Equal(HttpStatusCode.Redirect, (await PostReportAsync(chair, factory, id, Period, fixedFigures, "submit", report.Version)).StatusCode);
        report = await ReportAsync(factory, id, Period);
        Assert.Equal(ReportStatus.Submitted, report!.Status);
        Assert.Equal(18m, report.Values.Single(v => v.IndicatorCode == "women_trained").Value);
        Assert.Equal(HttpStatusCode.Redirect, (await ReviewAsync(staff, "Approve", id, Period, report.Version)).StatusCode);
        report = await ReportAsync(factory, id, Period);

        var noReason = await ReviewAsync(staff, "Reopen", id, Period, report!.Version);
        Assert.Contains("必须填写理由", await noReason.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(ReportStatus.Approved, (await ReportAsync(factory, id, Period))!.Status);
        Assert.Equal(HttpStatusCode.Redirect, (await ReviewAsync(staff, "Reopen", id, Period, report.Version, "贷款金额需按银行回单更正。")).StatusCode);
        Assert.Equal(ReportStatus.Returned, (await ReportAsync(factory, id, Period))!.Status);

        var page = await staff.Http.GetStringAsync(Url("Report", id, Period));
        var steps = System.Text.RegularExpressions.Regex.Matches(page, "data-step=\"(\\w+)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(["Submitted", "Returned", "Submitted", "Approved", "Reopened"], steps);
        Assert.Contains("贷款金额需按银行回单更正。", page, StringComparison.Ordinal);
        var audits = await factory.WithScopeAsync(db => db.AuditEntries.CountAsync(a => a.EntityType == nameof(MonthlyReport) && a.EntityId == report.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(5, audits);
    }

    [Fact]
    public async Task Forbidden_steps_are_refused_and_change_nothing()
    {
        var factory = county.Factory;
        var meijia = await TownshipIdAsync(factory, "梅家乡");       // November: a draft
        var jiangzhi = await TownshipIdAsync(factory, "讲治镇");     // November: submitted
        var xinning = await TownshipIdAsync(factory, "新宁镇");      // November: approved
        var staff = await SignedInAsync(factory, "county.staff");

        // Approving a draft.
        var draft = await ReportAsync(factory, meijia, Period);
        var approveDraft = await ReviewAsync(staff, "Approve", meijia, Period, draft!.Version);
        Assert.Equal(HttpStatusCode.Conflict, approveDraft.StatusCode);
        Assert.Contains("只有已提交的月报才能审核通过", await approveDraft.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(ReportStatus.Draft, (await ReportAsync(factory, meijia, Period))!.Status);

        // A chair approving her own report.
        var submitted = await ReportAsync(factory, jiangzhi, Period);
        var own = await SignedInAsync(factory, "chair.jiangzhi");
        Assert.Equal(HttpStatusCode.Forbidden, (await ReviewAsync(own, "Approve", jiangzhi, Period, submitted!.Version)).StatusCode);
        Assert.Equal(ReportStatus.Submitted, (await ReportAsync(factory, jiangzhi, Period))!.Status);

        // Another township's chair: the report does not exist for her.
        var puan = await SignedInAsync(factory, "chair.puan");
        Assert.Equal(HttpStatusCode.NotFound, (await puan.Http.GetAsync(Url("Report", xinning, Period))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await PostReportAsync(puan, factory, meijia, Period, ValidFigures, "submit", draft.Version)).StatusCode);
        Assert.Equal(ReportStatus.Draft, (await ReportAsync(factory, meijia, Period))!.Status);

        // Leadership reads and changes nothing.
        var leader = await SignedInAsync(factory, "leader");
        Assert.Equal(HttpStatusCode.OK, (await leader.Http.GetAsync(Url("Report", xinning, Period))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await PostReportAsync(leader, factory, meijia, Period, ValidFigures, "submit", draft.Version)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await ReviewAsync(leader, "Approve", jiangzhi, Period, submitted.Version)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await ReviewAsync(leader, "Reopen", xinning, Period, 0, "理由")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await leader.Http.GetAsync("/Reports/Current")).StatusCode);

        // A village chair (建设社区, in 新宁镇) reads her own township's report, no other, and writes none.
        var village = await SignedInAsync(factory, "chair.jianshe");
        var ownResponse = await village.Http.GetAsync(Url("Report", xinning, Period));
        Assert.Equal(HttpStatusCode.OK, ownResponse.StatusCode);
        var ownPage = await ownResponse.Content.ReadAsStringAsync();
        Assert.Contains("data-lock=\"NotYourTownship\"", ownPage, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"report-form\"", ownPage, StringComparison.Ordinal);
        Assert.DoesNotContain("/Reports/Approve", ownPage, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await village.Http.GetAsync(Url("Report", meijia, Period))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await village.Http.GetAsync(Url("Report", jiangzhi, Period))).StatusCode);
        var xinningBefore = await ReportAsync(factory, xinning, Period);
        Assert.Equal(HttpStatusCode.Forbidden, (await PostReportAsync(village, factory, xinning, Period, ValidFigures, "draft", xinningBefore?.Version ?? 0)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await ReviewAsync(village, "Approve", xinning, Period, xinningBefore?.Version ?? 0)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await village.Http.GetAsync("/Reports/Current")).StatusCode);
        Assert.Equal(xinningBefore?.Version, (await ReportAsync(factory, xinning, Period))?.Version);
        Assert.Equal(ReportStatus.Submitted, (await ReportAsync(factory, jiangzhi, Period))!.Status);
    }

    [Fact]
    public async Task Bad_figures_are_marked_field_by_field_the_typed_values_kept_and_nothing_saved()
    {
        var factory = county.Factory;
        var id = await TownshipIdAsync(factory, "沙坝场乡");
        var chair = await SignedInAsync(factory, "chair.shabachang");
        var figures = new Dictionary<string, string>(ValidFigures)
        {
            ["activities_held"] = "三场",    // letters in a number
            ["women_trained"] = "12.5",     // decimals in a whole number
            ["loans_count"] = "-2",         // below the minimum
            ["home_activities"] = "",       // required, missing
        };

        var response = await PostReportAsync(chair, factory, id, Period, figures, "submit", 0);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("未提交：请更正标出的内容后再提交。", html, StringComparison.Ordinal);
        Assert.Contains("“开展活动”必须填写数字。", html, StringComparison.Ordinal);
        Assert.Contains("“培训妇女”必须是整数，不能有小数。", html, StringComparison.Ordinal);
        Assert.Contains("“发放贴息贷款”不能小于 0。", html, StringComparison.Ordinal);
        Assert.Contains("““妇女之家”活动”为必填项，提交前请填写。", html, StringComparison.Ordinal);
        Assert.Contains("value=\"三场\"", html, StringComparison.Ordinal);
        Assert.Contains("value=\"12.5\"", html, StringComparison.Ordinal);
        Assert.Contains("value=\"-2\"", html, StringComparison.Ordinal);
        Assert.Contains("value=\"2.5\"", html, StringComparison.Ordinal);
        Assert.Contains("组织开展妇女技能培训一期。", html, StringComparison.Ordinal);
        Assert.Equal(4, System.Text.RegularExpressions.Regex.Count(html, "aria-invalid=\"true\""));
        Assert.Null(await ReportAsync(factory, id, Period));

        // The same mistakes block a draft too, except the missing required figure.
        var asDraft = await PostReportAsync(chair, factory, id, Period, figures, "draft", 0);
        Assert.Equal(3, System.Text.RegularExpressions.Regex.Count(await asDraft.Content.ReadAsStringAsync(), "aria-invalid=\"true\""));
        Assert.Null(await ReportAsync(factory, id, Period));
    }

    [Fact]
    public async Task A_period_in_the_future_is_not_open_and_says_when_it_opens()
    {
        var factory = county.Factory;
        var id = await TownshipIdAsync(factory, "宝石乡");
        var chair = await SignedInAsync(factory, "chair.baoshi");

        var page = await chair.Http.GetStringAsync(Url("Report", id, 202612));
        Assert.Contains("2026年12月尚未结束，该期月报于 2027年1月1日", page, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"intent\"", page, StringComparison.Ordinal);

        var response = await PostReportAsync(chair, factory, id, 202612, ValidFigures, "submit", 0);
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("2026年12月尚未结束", html, StringComparison.Ordinal);
        Assert.Contains("value=\"2.5\"", html, StringComparison.Ordinal);
        Assert.Null(await ReportAsync(factory, id, 202612));
    }

    [Fact]
    public async Task A_stale_form_is_refused_with_the_typed_values_kept_and_the_other_save_intact()
    {
        var factory = county.Factory;
        var id = await TownshipIdAsync(factory, "靖安乡");
        var first = await SignedInAsync(factory, "chair.jingan");
        var second = await SignedInAsync(factory, "chair.jingan");
        var firstPage = await first.Http.GetStringAsync("/Reports/Current");
        var secondPage = await second.Http.GetStringAsync("/Reports/Current");
        Assert.Contains("name=\"Version\" value=\"0\"", secondPage, StringComparison.Ordinal);

        var mine = new Dictionary<string, string>(ValidFigures) { ["activities_held"] = "5" };
        Assert.Equal(HttpStatusCode.Redirect, (await PostReportAsync(first, factory, id, Period, mine, "draft", 0, page: firstPage)).StatusCode);

        var theirs = new Dictionary<string, string>(ValidFigures) { ["activities_held"] = "7" };
        var stale = await PostReportAsync(second, factory, id, Period, theirs, "submit", 0, page: secondPage);

        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        var html = await stale.Content.ReadAsStringAsync();
        Assert.Contains("其他人已修改了该月报", html, StringComparison.Ordinal);
        Assert.Contains("value=\"7\"", html, StringComparison.Ordinal);
        var stored = await ReportAsync(factory, id, Period);
        Assert.Equal(ReportStatus.Draft, stored!.Status);
        Assert.Equal(5m, stored.Values.Single(v => v.IndicatorCode == "activities_held").Value);
        Assert.Contains($"name=\"Version\" value=\"{stored.Version}\"", html, StringComparison.Ordinal);
    }
}
