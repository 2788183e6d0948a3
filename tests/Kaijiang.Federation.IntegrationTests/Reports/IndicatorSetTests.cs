using System.Globalization;
using System.Net;
using Kaijiang.Federation.Web.Domain;
using Microsoft.EntityFrameworkCore;
using static Kaijiang.Federation.IntegrationTests.Reports.ReportsKit;

namespace Kaijiang.Federation.IntegrationTests.Reports;

/// <summary>County staff change the indicator set; reports already submitted keep the definitions they were filled against.</summary>
[Collection(Infrastructure.DemoCountyCollection.Name)]
public sealed class IndicatorSetTests(ReportsCountyFixture county) : IClassFixture<ReportsCountyFixture>
{
    [Fact]
    public async Task Renaming_adding_and_retiring_indicators_leaves_submitted_reports_as_they_were()
    {
        var factory = county.Factory;
        var xinning = await TownshipIdAsync(factory, "新宁镇");
        var period = ReportsCountyFixture.CurrentPeriod; // approved in the seed
        var before = await ReportAsync(factory, xinning, period);
        var staff = await SignedInAsync(factory, "county.staff");
        var ids = await IndicatorIdsAsync(factory);
        var list = await staff.Http.GetStringAsync("/Reports/Indicators");
        Assert.Contains("开展活动", list, StringComparison.Ordinal);

        var activities = await factory.WithScopeAsync(db => db.ReportIndicators.AsNoTracking().SingleAsync(i => i.Code == "activities_held"));
        var rename = await staff.PostFormAsync($"/Reports/EditIndicator/{activities.Id}", list, Fields(activities.Code, "开展主题活动", "Themed activities held", activities.Version, "201901", ""));
        Assert.Equal(HttpStatusCode.Redirect, rename.StatusCode);
        var visits = await factory.WithScopeAsync(db => db.ReportIndicators.AsNoTracking().SingleAsync(i => i.Code == "home_visits"));
        var retire = await staff.PostFormAsync($"/Reports/EditIndicator/{visits.Id}", list, Fields(visits.Code, visits.NameZh, visits.NameEn, visits.Version, "201901", "202510"));
        Assert.Equal(HttpStatusCode.Redirect, retire.StatusCode);
        var create = await staff.PostFormAsync("/Reports/CreateIndicator", list, Fields("volunteers", "巾帼志愿者", "Women volunteers", 0, "201901", "", required: true));
        Assert.Equal(HttpStatusCode.Redirect, create.StatusCode);
        var duplicate = await staff.PostFormAsync("/Reports/CreateIndicator", list, Fields("volunteers", "重复", "Duplicate", 0, "201901", ""));
        Assert.Contains("代码 volunteers 已被其他指标使用", await duplicate.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // The approved report: same values, same copies, no new indicator; its page shows its own definitions.
        var after = await ReportAsync(factory, xinning, period);
        Assert.Equal(
            before!.Values.OrderBy(v => v.Id).Select(v => (v.IndicatorCode, v.IndicatorNameZh, v.Value)),
            after!.Values.OrderBy(v => v.Id).Select(v => (v.IndicatorCode, v.IndicatorNameZh, v.Value)));
        var page = await staff.Http.GetStringAsync(Url("Report", xinning, period));
        Assert.Contains(">开展活动</th>", page, StringComparison.Ordinal);
        Assert.Contains("data-indicator=\"home_visits\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("巾帼志愿者", page, StringComparison.Ordinal);
        Assert.DoesNotContain("开展主题活动", page, StringComparison.Ordinal);

        // A report being written now uses the new set.
        var chair = await SignedInAsync(factory, "chair.qilong");
        var form = await chair.Http.GetStringAsync("/Reports/Current");
        Assert.Contains("开展主题活动", form, StringComparison.Ordinal);
        Assert.Contains("巾帼志愿者", form, StringComparison.Ordinal);
        Assert.DoesNotContain("value-home_visits", form, StringComparison.Ordinal);
        Assert.True(ids.ContainsKey("home_visits"));
    }

    [Fact]
    public async Task Indicator_forms_refuse_bad_months_and_bounds_with_the_typed_values_kept()
    {
        var staff = await SignedInAsync(county.Factory, "county.staff");
        var page = await staff.Http.GetStringAsync("/Reports/CreateIndicator");
        var fields = Fields("bad_months", "坏月份", "Bad months", 0, "202513", "");
        fields["Minimum"] = "10";
        fields["Maximum"] = "5";

        var response = await staff.PostFormAsync("/Reports/CreateIndicator", page, fields);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("应按 yyyyMM 填写月份", html, StringComparison.Ordinal);
        Assert.Contains("最大值不能小于最小值", html, StringComparison.Ordinal);
        Assert.Contains("value=\"坏月份\"", html, StringComparison.Ordinal);
        Assert.False(await county.Factory.WithScopeAsync(db => db.ReportIndicators.AnyAsync(i => i.Code == "bad_months")));

        var chair = await SignedInAsync(county.Factory, "chair.qilong");
        Assert.Equal(HttpStatusCode.Forbidden, (await chair.PostFormAsync("/Reports/CreateIndicator", await chair.Http.GetStringAsync("/"), Fields("chair_made", "主席", "Chair", 0, "201901", ""))).StatusCode);
    }

    private static Dictionary<string, string> Fields(string code, string nameZh, string nameEn, int version, string from, string until, bool required = false) => new()
    {
        ["Code"] = code, ["NameZh"] = nameZh, ["NameEn"] = nameEn, ["UnitZh"] = "人", ["UnitEn"] = "people",
        ["ValueKind"] = nameof(IndicatorValueKind.Whole), ["IsRequired"] = required ? "true" : "false", ["Minimum"] = "0", ["Maximum"] = "",
        ["ActiveFrom"] = from, ["ActiveUntil"] = until, ["SortOrder"] = "50", ["GroupZh"] = "工作开展", ["GroupEn"] = "Work done",
        ["Version"] = version.ToString(CultureInfo.InvariantCulture),
    };
}
