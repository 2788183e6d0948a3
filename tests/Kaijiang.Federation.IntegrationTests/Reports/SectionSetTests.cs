using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Kaijiang.Federation.Web.Domain;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using static Kaijiang.Federation.IntegrationTests.Reports.ReportsKit;

namespace Kaijiang.Federation.IntegrationTests.Reports;

/// <summary>
/// County staff keep the report's text sections as data, like its indicators; a report keeps the sections it was
/// written against, and a required section blocks submitting (never a draft).
/// </summary>
[Collection(Infrastructure.DemoCountyCollection.Name)]
public sealed partial class SectionSetTests(ReportsCountyFixture county) : IClassFixture<ReportsCountyFixture>
{
    private const int Period = ReportsCountyFixture.CurrentPeriod;

    [Fact]
    public async Task County_staff_create_and_edit_sections_bad_input_is_refused_with_the_typed_values_kept_and_others_may_not()
    {
        var factory = county.Factory;
        var staff = await SignedInAsync(factory, "county.staff");
        var form = await staff.Http.GetStringAsync("/Reports/CreateSection");
        Assert.Contains("name=\"MaxLength\"", form, StringComparison.Ordinal);

        // Bad: a code with capitals, a month that does not exist, an end before the start, a length of 0.
        var bad = Fields("Bad Code", "妇女心声", "Women's voices", 0, "202513", "202401");
        bad["MaxLength"] = "0";
        var refused = await staff.PostFormAsync("/Reports/CreateSection", form, bad);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Contains("只能由小写字母、数字和下划线组成", html, StringComparison.Ordinal);
        Assert.Contains("value=\"妇女心声\"", html, StringComparison.Ordinal);
        Assert.Contains("value=\"Women&#x27;s voices\"", html, StringComparison.Ordinal);
        Assert.False(await factory.WithScopeAsync(db => db.ReportSections.AnyAsync(s => s.NameZh == "妇女心声")));

        var months = Fields("voices", "妇女心声", "Women's voices", 0, "202513", "");
        var badMonth = await (await staff.PostFormAsync("/Reports/CreateSection", form, months)).Content.ReadAsStringAsync();
        Assert.Contains("应按 yyyyMM 填写月份", badMonth, StringComparison.Ordinal);

        // The field in error is marked and described by its message (the shared FieldErrorTagHelper); the others are not.
        var activeFrom = Regex.Match(badMonth, "<input[^>]*id=\"ActiveFrom\"[^>]*>").Value;
        Assert.Contains("aria-invalid=\"true\"", activeFrom, StringComparison.Ordinal);
        Assert.Contains("aria-describedby=\"month-hint ActiveFrom-error\"", activeFrom, StringComparison.Ordinal);
        Assert.Matches("<span[^>]*id=\"ActiveFrom-error\"[^>]*>[^<]*应按 yyyyMM 填写月份", badMonth);
        Assert.DoesNotContain("aria-invalid", Regex.Match(badMonth, "<input[^>]*id=\"NameZh\"[^>]*>").Value, StringComparison.Ordinal);
        Assert.Contains("src=\"/js/form-comfort.js", badMonth, StringComparison.Ordinal);

        // An end before the start is refused on the end's field (the same month rule as the indicators').
        var backwards = await (await staff.PostFormAsync("/Reports/CreateSection", form, Fields("voices", "妇女心声", "Women's voices", 0, "202402", "202401"))).Content.ReadAsStringAsync();
        Assert.Matches("<span[^>]*id=\"ActiveUntil-error\"[^>]*>[^<]*停用月份应是不早于起用月份的有效月份", backwards);
        Assert.False(await factory.WithScopeAsync(db => db.ReportSections.AnyAsync(s => s.Code == "voices")));

        // Good: created, listed; the code cannot be taken twice.
        var created = await staff.PostFormAsync("/Reports/CreateSection", form, Fields("voices", "妇女心声", "Women's voices", 0, "209901", "", maxLength: "500"));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var list = await staff.Http.GetStringAsync("/Reports/Indicators");
        Assert.Contains("data-section=\"voices\"", list, StringComparison.Ordinal);
        Assert.Contains("文字部分已保存。", list, StringComparison.Ordinal);
        var twice = await staff.PostFormAsync("/Reports/CreateSection", form, Fields("voices", "重复", "Again", 0, "209901", ""));
        Assert.Contains("代码 voices 已被另一个文字部分使用", await twice.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Edit: renamed and made required; a stale form is refused and changes nothing.
        var voices = await factory.WithScopeAsync(db => db.ReportSections.AsNoTracking().SingleAsync(s => s.Code == "voices"));
        Assert.Equal(500, voices.MaxLength);
        var edit = await staff.Http.GetStringAsync($"/Reports/EditSection/{voices.Id}");
        Assert.Contains("readonly", edit, StringComparison.Ordinal);
        var saved = await staff.PostFormAsync($"/Reports/EditSection/{voices.Id}", edit, Fields("voices", "妇女的心声", "What women say", voices.Version, "209901", "", required: true));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var stale = await staff.PostFormAsync($"/Reports/EditSection/{voices.Id}", edit, Fields("voices", "过时的名称", "Stale", voices.Version, "209901", ""));
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.Contains("value=\"过时的名称\"", await stale.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var after = await factory.WithScopeAsync(db => db.ReportSections.AsNoTracking().SingleAsync(s => s.Code == "voices"));
        Assert.Equal(("妇女的心声", "What women say", true), (after.NameZh, after.NameEn, after.IsRequired));

        // Nobody but county staff (and administrators) keeps the sections.
        foreach (var user in new[] { "chair.xinning", "leader", "chair.jianshe" })
        {
            var other = await SignedInAsync(factory, user);
            Assert.Equal(HttpStatusCode.Forbidden, (await other.Http.GetAsync("/Reports/CreateSection")).StatusCode);
            var post = await other.PostFormAsync($"/Reports/EditSection/{voices.Id}", await other.Http.GetStringAsync("/"), Fields("voices", "改名", "Renamed", after.Version, "209901", ""));
            Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        }

        Assert.Equal("妇女的心声", (await factory.WithScopeAsync(db => db.ReportSections.AsNoTracking().SingleAsync(s => s.Code == "voices"))).NameZh);
    }

    [Fact]
    public async Task A_required_section_blocks_submitting_not_a_draft_with_a_clear_message_and_the_typed_values_kept()
    {
        var factory = county.Factory;
        var staff = await SignedInAsync(factory, "county.staff");
        var form = await staff.Http.GetStringAsync("/Reports/CreateSection");
        var created = await staff.PostFormAsync("/Reports/CreateSection", form, Fields("highlights", "工作亮点", "Highlights", 0, "202611", "202611", required: true, maxLength: "20"));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);

        var id = await TownshipIdAsync(factory, "新太乡"); // no November report in the seed
        var chair = await SignedInAsync(factory, "chair.xintai");
        var page = await chair.Http.GetStringAsync("/Reports/Current");
        Assert.Contains("id=\"text-highlights\"", page, StringComparison.Ordinal);
        Assert.Contains("最多 20 字。", page, StringComparison.Ordinal);

        // Submitting without it: refused, the field marked and described, everything typed still there, nothing saved.
        var refused = await PostReportAsync(chair, factory, id, Period, ValidFigures, "submit", 0, workDone: "开展技能培训两期。", texts: new Dictionary<string, string> { ["next_month_plan"] = "下月开展家庭教育讲座。" });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Contains("未提交：请更正标出的内容后再提交。", html, StringComparison.Ordinal);
        Assert.Contains("id=\"text-highlights-error\" class=\"invalid-feedback d-block\">“工作亮点”为必填项，提交前请填写。", html, StringComparison.Ordinal);
        Assert.Matches(TextArea("highlights", "aria-invalid=\"true\" aria-describedby=\"text-highlights-hint text-highlights-error\""), html);
        Assert.Contains(">开展技能培训两期。</textarea>", html, StringComparison.Ordinal);
        Assert.Contains(">下月开展家庭教育讲座。</textarea>", html, StringComparison.Ordinal);
        Assert.Contains("value=\"2.5\"", html, StringComparison.Ordinal);
        Assert.Null(await ReportAsync(factory, id, Period));

        // Too long: refused even as a draft, with the limit and the length said.
        var tooLong = await PostReportAsync(chair, factory, id, Period, ValidFigures, "draft", 0, texts: new Dictionary<string, string> { ["highlights"] = new string('好', 21) });
        Assert.Contains("“工作亮点”最多 20 个字，现在有 21 个字。", await tooLong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null(await ReportAsync(factory, id, Period));

        // A draft may leave it empty; submitting with it passes, and the text keeps the section's copy.
        var draft = await PostReportAsync(chair, factory, id, Period, ValidFigures, "draft", 0);
        Assert.Equal(HttpStatusCode.Redirect, draft.StatusCode);
        var saved = await ReportAsync(factory, id, Period);
        Assert.Equal(ReportStatus.Draft, saved!.Status);
        var submitted = await PostReportAsync(chair, factory, id, Period, ValidFigures, "submit", saved.Version, texts: new Dictionary<string, string> { ["highlights"] = "巾帼家政培训就业率高。" });
        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        var report = await ReportAsync(factory, id, Period);
        Assert.Equal(ReportStatus.Submitted, report!.Status);
        var highlights = report.Texts.Single(t => t.SectionCode == "highlights");
        Assert.Equal(("工作亮点", "巾帼家政培训就业率高。"), (highlights.SectionNameZh, highlights.Text));
        Assert.Contains(report.Texts, t => t.SectionCode == "work_done");
    }

    [Fact]
    public async Task Renaming_retiring_and_adding_sections_leaves_a_submitted_report_as_it_was_and_the_month_export_has_its_texts()
    {
        var factory = county.Factory;
        var xinning = await TownshipIdAsync(factory, "新宁镇"); // November approved in the seed
        var before = await ReportAsync(factory, xinning, Period);
        Assert.Equal(ReportStatus.Approved, before!.Status);
        var staff = await SignedInAsync(factory, "county.staff");
        var list = await staff.Http.GetStringAsync("/Reports/Indicators");

        var workDone = await factory.WithScopeAsync(db => db.ReportSections.AsNoTracking().SingleAsync(s => s.Code == "work_done"));
        var rename = await staff.PostFormAsync($"/Reports/EditSection/{workDone.Id}", list, Fields("work_done", "本月重点工作", "Main work this month", workDone.Version, "200001", "", required: true));
        Assert.Equal(HttpStatusCode.Redirect, rename.StatusCode);
        var problems = await factory.WithScopeAsync(db => db.ReportSections.AsNoTracking().SingleAsync(s => s.Code == "problems"));
        var retire = await staff.PostFormAsync($"/Reports/EditSection/{problems.Id}", list, Fields("problems", problems.NameZh, problems.NameEn, problems.Version, "200001", "202610"));
        Assert.Equal(HttpStatusCode.Redirect, retire.StatusCode);
        var add = await staff.PostFormAsync("/Reports/CreateSection", list, Fields("next_steps", "意见建议", "Suggestions", 0, "202611", ""));
        Assert.Equal(HttpStatusCode.Redirect, add.StatusCode);

        // The approved report: the same texts under the same copies; its page shows them, not today's set.
        var after = await ReportAsync(factory, xinning, Period);
        Assert.Equal(
            before.Texts.OrderBy(t => t.Id).Select(t => (t.SectionCode, t.SectionNameZh, t.Text)),
            after!.Texts.OrderBy(t => t.Id).Select(t => (t.SectionCode, t.SectionNameZh, t.Text)));
        var page = await staff.Http.GetStringAsync(Url("Report", xinning, Period));
        Assert.Contains(">本月工作开展情况</h2>", page, StringComparison.Ordinal);
        Assert.Contains(">存在的问题</h2>", page, StringComparison.Ordinal);
        Assert.Contains(WebEncode(before.Texts.Single(t => t.SectionCode == "problems").Text!), page, StringComparison.Ordinal);
        Assert.DoesNotContain("本月重点工作", page, StringComparison.Ordinal);
        Assert.DoesNotContain("意见建议", page, StringComparison.Ordinal);

        // A report being written now has the new set.
        var chair = await SignedInAsync(factory, "chair.jingan");
        var form = await chair.Http.GetStringAsync("/Reports/Current");
        Assert.Contains("本月重点工作", form, StringComparison.Ordinal);
        Assert.Contains("id=\"text-next_steps\"", form, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"text-problems\"", form, StringComparison.Ordinal);

        // The month's export: townships as rows, the figures, then one column per section with each report's text.
        var export = await staff.Http.GetAsync($"/Reports/MonthExport?period={Period}");
        using var stream = new MemoryStream(await export.Content.ReadAsByteArrayAsync());
        var rows = stream.Query(useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        var row = rows.Single(r => (string)r["乡镇"] == "新宁镇");
        Assert.Equal(before.Texts.Single(t => t.SectionCode == "work_done").Text, (string)row["本月重点工作"]);
        Assert.Equal(before.Texts.Single(t => t.SectionCode == "problems").Text, (string)row["存在的问题"]);
        Assert.Equal(before.Texts.Single(t => t.SectionCode == "next_month_plan").Text, (string)row["下月工作计划"]);
    }

    private static string WebEncode(string text) => System.Text.Encodings.Web.HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All).Encode(text);

    private static Regex TextArea(string code, string attributes) =>
        new($"<textarea id=\"text-{code}\" name=\"Texts\\[\\d+\\]\" rows=\"4\" class=\"form-control is-invalid\"\\s+{Regex.Escape(attributes)}>");

    private static Dictionary<string, string> Fields(string code, string nameZh, string nameEn, int version, string from, string until, bool required = false, string maxLength = "") => new()
    {
        ["Code"] = code, ["NameZh"] = nameZh, ["NameEn"] = nameEn, ["IsRequired"] = required ? "true" : "false", ["MaxLength"] = maxLength,
        ["ActiveFrom"] = from, ["ActiveUntil"] = until, ["SortOrder"] = "60",
        ["Version"] = version.ToString(CultureInfo.InvariantCulture),
    };
}
