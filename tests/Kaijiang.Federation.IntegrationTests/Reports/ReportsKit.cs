using System.Globalization;
using System.Net;
using Kaijiang.Federation.IntegrationTests.Infrastructure;
using Kaijiang.Federation.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Kaijiang.Federation.IntegrationTests.Reports;

/// <summary>
/// A demo county of its own for tests that change reports, on a fixed day: 3 December 2026, noon in China.
/// The current period is then November 2026, due by 5 December; the seed wrote November's reports in mixed states.
/// </summary>
public sealed class ReportsCountyFixture : IDisposable
{
    public static readonly DateTimeOffset Now = new(2026, 12, 3, 4, 0, 0, TimeSpan.Zero);

    public const int CurrentPeriod = 202611;

    public PortalFactory Factory { get; } = new() { Clock = new FakeTimeProvider(Now) };

    public ReportsCountyFixture() => _ = Factory.Server;

    public void Dispose() => Factory.Dispose();
}

public static class ReportsKit
{
    /// <summary>Figures that satisfy every indicator of the demo, by code.</summary>
    public static readonly Dictionary<string, string> ValidFigures = new(StringComparer.Ordinal)
    {
        ["activities_held"] = "3", ["women_trained"] = "20", ["loans_count"] = "1", ["loans_amount"] = "2.5",
        ["home_visits"] = "30", ["complaints_handled"] = "0", ["rights_cases"] = "0", ["new_executives"] = "0",
        ["home_activities"] = "4", ["families_nominated"] = "1",
    };

    public static Task<int> TownshipIdAsync(PortalFactory factory, string name) =>
        factory.WithScopeAsync(db => db.Organisations.Where(o => o.Name == name).Select(o => o.Id).SingleAsync());

    public static Task<Dictionary<string, int>> IndicatorIdsAsync(PortalFactory factory) =>
        factory.WithScopeAsync(db => db.ReportIndicators.ToDictionaryAsync(i => i.Code, i => i.Id));

    public static Task<Dictionary<string, int>> SectionIdsAsync(PortalFactory factory) =>
        factory.WithScopeAsync(db => db.ReportSections.ToDictionaryAsync(s => s.Code, s => s.Id));

    public static Task<MonthlyReport?> ReportAsync(PortalFactory factory, int organisationId, int period) =>
        factory.WithScopeAsync(db => db.MonthlyReports.AsNoTracking().Include(r => r.Values).Include(r => r.Texts)
            .SingleOrDefaultAsync(r => r.OrganisationId == organisationId && r.Period == period));

    public static string Url(string action, int organisationId, int period) =>
        string.Create(CultureInfo.InvariantCulture, $"/Reports/{action}?organisationId={organisationId}&period={period}");

    public static async Task<PortalClient> SignedInAsync(PortalFactory factory, string user)
    {
        var client = new PortalClient(factory);
        var response = await client.LoginAsync(user);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    /// <summary>Posts the report form as the page would: figures by indicator id, text sections by section id, version and intent.</summary>
    public static async Task<HttpResponseMessage> PostReportAsync(
        PortalClient client, PortalFactory factory, int organisationId, int period, IReadOnlyDictionary<string, string> figures,
        string intent, int version, string? workDone = "组织开展妇女技能培训一期。", string? page = null,
        IReadOnlyDictionary<string, string>? texts = null)
    {
        var ids = await IndicatorIdsAsync(factory);
        var sections = await SectionIdsAsync(factory);
        page ??= await client.Http.GetStringAsync("/Reports/Completeness");
        var fields = new Dictionary<string, string>
        {
            ["Version"] = version.ToString(CultureInfo.InvariantCulture),
            [$"Texts[{sections["work_done"]}]"] = workDone ?? "",
            [$"Texts[{sections["problems"]}]"] = "",
            [$"Texts[{sections["next_month_plan"]}]"] = "继续开展活动。",
            ["intent"] = intent,
        };
        foreach (var (code, text) in texts ?? new Dictionary<string, string>())
        {
            fields[$"Texts[{sections[code]}]"] = text;
        }

        foreach (var (code, value) in figures)
        {
            fields[$"Values[{ids[code]}]"] = value;
        }

        return await client.PostFormAsync(Url("Save", organisationId, period), page, fields);
    }

    public static async Task<HttpResponseMessage> ReviewAsync(PortalClient client, string action, int organisationId, int period, int version, string? comment = null)
    {
        var page = await client.Http.GetStringAsync("/Reports/Completeness");
        var fields = new Dictionary<string, string> { ["version"] = version.ToString(CultureInfo.InvariantCulture) };
        if (comment is not null)
        {
            fields["comment"] = comment;
        }

        return await client.PostFormAsync(Url(action, organisationId, period), page, fields);
    }
}
