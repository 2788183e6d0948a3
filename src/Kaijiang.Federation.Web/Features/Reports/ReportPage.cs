using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using Kaijiang.Federation.Web.Authorization;
using Kaijiang.Federation.Web.Data;
using Kaijiang.Federation.Web.Domain;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Kaijiang.Federation.Web.Features.Reports;

/// <summary>What the chair types: the figures by indicator id, the text sections, and the version she read.</summary>
public sealed class ReportInput
{
    public int Version { get; set; }

    public Dictionary<int, string?> Values { get; set; } = [];

    /// <summary>The text sections by section id.</summary>
    public Dictionary<int, string?> Texts { get; set; } = [];
}

public sealed record ReportField(
    int IndicatorId, string Code, string Name, string Unit, IndicatorValueKind Kind, bool IsRequired,
    decimal? Minimum, decimal? Maximum, string Group, string Typed, string? Suggestion);

/// <summary>A text section as the form or the report shows it; <paramref name="MaxLength"/> is null on a report not being written.</summary>
public sealed record ReportSectionField(int SectionId, string Code, string Name, bool IsRequired, int? MaxLength, string Typed);

/// <summary>One step of a report's history: created, saved, submitted, returned, approved, reopened.</summary>
public sealed record TimelineStep(DateTimeOffset At, string? UserName, string Step, string? Comment);

public sealed record OutstandingReport(int Period, string PeriodText, ReportStatus? Status, bool Overdue);

public sealed class ReportPageModel
{
    public required int OrganisationId { get; init; }
    public required string TownshipName { get; init; }
    public required int Period { get; init; }
    public required string PeriodText { get; init; }
    public int? ReportId { get; init; }
    public ReportStatus? Status { get; init; }
    public int Version { get; set; }
    public ReportLock Lock { get; init; }
    public DateOnly OpensOn { get; init; }
    public DateOnly DueDate { get; init; }
    public bool Overdue { get; init; }
    public bool SubmittedLate { get; init; }
    public DateTimeOffset? SubmittedAt { get; init; }
    public string? SubmittedBy { get; init; }
    public DateTimeOffset? ReviewedAt { get; init; }
    public string? ReviewedBy { get; init; }
    public string? ReviewComment { get; init; }
    public bool CanReview { get; init; }
    public bool CanReopen { get; init; }
    public IReadOnlyList<ReportSectionField> Sections { get; init; } = [];
    public IReadOnlyList<ReportField> Fields { get; init; } = [];
    public IReadOnlyList<TimelineStep> Timeline { get; init; } = [];
    public IReadOnlyList<OutstandingReport> Outstanding { get; init; } = [];

    public bool IsEditable => Lock == ReportLock.None;
}

/// <summary>Reads the report page of a township's month: the form when the user may write it, the report otherwise.</summary>
public sealed class ReportPages(
    FederationDbContext db,
    IAuthorizationService authorization,
    RegisterSuggestions suggestions,
    TimeProvider clock,
    IOptions<ReportOptions> options)
{
    /// <summary>How far back the chair's list of missing and returned reports looks.</summary>
    public const int OutstandingMonths = 12;

    public async Task<ReportPageModel?> LoadAsync(ClaimsPrincipal user, int organisationId, int period, ReportInput? typed, CancellationToken cancellationToken)
    {
        if (!ReportCalendar.IsValid(period))
        {
            return null;
        }

        var township = await ReportScope.Townships(db).AsNoTracking()
            .Where(o => o.Id == organisationId)
            .Select(o => new { o.Id, o.Name, o.Path, o.Kind })
            .SingleOrDefaultAsync(cancellationToken);
        if (township is null)
        {
            return null;
        }

        var resource = new OrganisationResource(township.Id, township.Path, township.Kind);
        var maySubmit = (await authorization.AuthorizeAsync(user, resource, Operations.Submit)).Succeeded;
        var mayReview = (await authorization.AuthorizeAsync(user, resource, Operations.Approve)).Succeeded;
        var today = clock.Today();
        var dueDay = options.Value.DueDay;
        var english = CultureInfo.CurrentUICulture.Name.StartsWith("en", StringComparison.Ordinal);

        var report = await db.MonthlyReports.AsNoTracking()
            .Where(r => r.OrganisationId == organisationId && r.Period == period)
            .Select(r => new
            {
                r.Id, r.Status, r.Version, r.SubmittedAt, r.SubmittedBy,
                r.ReviewedAt, r.ReviewedBy, r.ReviewComment,
                Values = r.Values.OrderBy(v => v.Id).Select(v => new
                {
                    v.ReportIndicatorId, v.IndicatorCode, v.IndicatorNameZh, v.IndicatorNameEn, v.UnitZh, v.UnitEn, v.ValueKind, v.Value,
                }).ToList(),
                Texts = r.Texts.OrderBy(t => t.SortOrder).ThenBy(t => t.SectionCode).Select(t => new
                {
                    t.ReportSectionId, t.SectionCode, t.SectionNameZh, t.SectionNameEn, t.Text,
                }).ToList(),
            })
            .SingleOrDefaultAsync(cancellationToken);

        var lockReason = ReportEditing.LockOf(period, today, maySubmit, report?.Status);
        var stored = report?.Values.ToDictionary(v => v.ReportIndicatorId, v => v.Value) ?? [];
        string TypedOf(int indicatorId) =>
            typed is not null && typed.Values.TryGetValue(indicatorId, out var t) ? t ?? ""
            : stored.TryGetValue(indicatorId, out var v) && v is { } value ? value.ToString("0.####", CultureInfo.InvariantCulture) : "";

        var storedTexts = report?.Texts.ToDictionary(t => t.ReportSectionId, t => t.Text) ?? [];
        string TextOf(int sectionId) =>
            typed is not null ? (typed.Texts.TryGetValue(sectionId, out var t) ? t ?? "" : "")
            : storedTexts.TryGetValue(sectionId, out var v) ? v ?? "" : "";

        List<ReportField> fields;
        List<ReportSectionField> sections;
        if (report is not null && lockReason != ReportLock.None && typed is null)
        {
            sections = report.Texts.Select(t => new ReportSectionField(
                t.ReportSectionId, t.SectionCode, english ? t.SectionNameEn : t.SectionNameZh, false, null, t.Text ?? "")).ToList();

            // A report that is not being written shows the definitions it was filled against, not today's.
            fields = report.Values.Select(v => new ReportField(
                v.ReportIndicatorId, v.IndicatorCode, english ? v.IndicatorNameEn : v.IndicatorNameZh, english ? v.UnitEn : v.UnitZh,
                v.ValueKind, false, null, null, "", TypedOf(v.ReportIndicatorId), null)).ToList();
        }
        else
        {
            sections = (await ReportSections.ApplicableAsync(db, period, cancellationToken)).Select(s => new ReportSectionField(
                s.Id, s.Code, english ? s.NameEn : s.NameZh, s.IsRequired, s.Limit, TextOf(s.Id))).ToList();
            var indicators = await ApplicableIndicatorsAsync(period, cancellationToken);
            IReadOnlyDictionary<string, decimal> known = new Dictionary<string, decimal>();
            if (lockReason == ReportLock.None)
            {
                known = await suggestions.ForAsync(township.Path, period, indicators.ToDictionary(i => i.Code, i => i.UnitZh), cancellationToken);
            }

            fields = indicators.Select(i => new ReportField(
                i.Id, i.Code, english ? i.NameEn : i.NameZh, english ? i.UnitEn : i.UnitZh, i.ValueKind, i.IsRequired,
                i.Minimum, i.Maximum, english ? i.GroupEn : i.GroupZh, TypedOf(i.Id),
                known.TryGetValue(i.Code, out var s) ? s.ToString("#,0.##", CultureInfo.CurrentCulture) : null)).ToList();
        }

        return new ReportPageModel
        {
            OrganisationId = township.Id,
            TownshipName = township.Name,
            Period = period,
            PeriodText = ReportCalendar.Format(period, CultureInfo.CurrentCulture),
            ReportId = report?.Id,
            Status = report?.Status,
            Version = typed?.Version ?? report?.Version ?? 0,
            Lock = lockReason,
            OpensOn = ReportCalendar.OpensOn(period),
            DueDate = ReportCalendar.DueDate(period, dueDay),
            Overdue = report?.SubmittedAt is null && ReportCalendar.IsOverdue(period, today, dueDay),
            SubmittedLate = report?.SubmittedAt is { } at && ReportCalendar.IsLate(period, at, dueDay),
            SubmittedAt = report?.SubmittedAt,
            SubmittedBy = report?.SubmittedBy,
            ReviewedAt = report?.ReviewedAt,
            ReviewedBy = report?.ReviewedBy,
            ReviewComment = report?.ReviewComment,
            CanReview = mayReview && report?.Status == ReportStatus.Submitted,
            CanReopen = mayReview && report?.Status == ReportStatus.Approved,
            Sections = sections,
            Fields = fields,
            Timeline = report is null ? [] : await TimelineAsync(report.Id, cancellationToken),
            Outstanding = maySubmit ? await OutstandingAsync(organisationId, period, today, dueDay, cancellationToken) : [],
        };
    }

    /// <summary>The indicators in force for a period, in the order county staff set.</summary>
    public Task<List<ReportIndicator>> ApplicableIndicatorsAsync(int period, CancellationToken cancellationToken) =>
        db.ReportIndicators.AsNoTracking()
            .Where(i => i.ActiveFrom <= period && (i.ActiveUntil == null || i.ActiveUntil >= period))
            .OrderBy(i => i.SortOrder).ThenBy(i => i.Code)
            .ToListAsync(cancellationToken);

    /// <summary>The township of the chair's scope, or null when her scope is not a township.</summary>
    public Task<int?> TownshipOfAsync(int? scopeOrganisationId, CancellationToken cancellationToken) =>
        db.Organisations.AsNoTracking()
            .Where(o => o.Id == scopeOrganisationId && o.Kind == OrganisationKind.Township)
            .Select(o => (int?)o.Id)
            .SingleOrDefaultAsync(cancellationToken);

    private async Task<List<OutstandingReport>> OutstandingAsync(int organisationId, int shown, DateOnly today, int dueDay, CancellationToken cancellationToken)
    {
        var current = ReportCalendar.CurrentPeriod(today);
        var first = MonthlyReport.PeriodOf(MonthlyReport.FirstDayOf(current).AddMonths(-(OutstandingMonths - 1)));
        var firstIndicator = await db.ReportIndicators.MinAsync(i => (int?)i.ActiveFrom, cancellationToken) ?? current;
        var states = await db.MonthlyReports.AsNoTracking()
            .Where(r => r.OrganisationId == organisationId && r.Period >= first && r.Period <= current)
            .Select(r => new { r.Period, r.Status })
            .ToDictionaryAsync(r => r.Period, r => r.Status, cancellationToken);

        var list = new List<OutstandingReport>();
        for (var month = MonthlyReport.FirstDayOf(current); MonthlyReport.PeriodOf(month) >= Math.Max(first, firstIndicator); month = month.AddMonths(-1))
        {
            var period = MonthlyReport.PeriodOf(month);
            ReportStatus? status = states.TryGetValue(period, out var s) ? s : null;
            if (period != shown && status is null or ReportStatus.Draft or ReportStatus.Returned)
            {
                list.Add(new OutstandingReport(period, ReportCalendar.Format(period, CultureInfo.CurrentCulture), status, ReportCalendar.IsOverdue(period, today, dueDay)));
            }
        }

        return list;
    }

    private async Task<List<TimelineStep>> TimelineAsync(int reportId, CancellationToken cancellationToken)
    {
        var id = reportId.ToString(CultureInfo.InvariantCulture);
        var entries = await db.AuditEntries.AsNoTracking()
            .Where(a => a.EntityType == nameof(MonthlyReport) && a.EntityId == id)
            .OrderBy(a => a.Id)
            .Select(a => new { a.At, a.UserName, a.Action, a.Before, a.After })
            .ToListAsync(cancellationToken);

        var steps = new List<TimelineStep>();
        foreach (var e in entries)
        {
            var before = Read(e.Before);
            var after = Read(e.After);
            var from = StatusIn(before);
            var to = StatusIn(after);
            var comment = after.TryGetValue(nameof(MonthlyReport.ReviewComment), out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
            var step = (e.Action, from, to) switch
            {
                ("Added", _, ReportStatus.Submitted) => "Submitted",
                ("Added", _, _) => "Created",
                (_, ReportStatus.Approved, ReportStatus.Returned or ReportStatus.Draft) => "Reopened",
                (_, _, ReportStatus.Returned) => "Returned",
                (_, _, ReportStatus.Approved) => "Approved",
                (_, _, ReportStatus.Submitted) => "Submitted",
                _ => "Saved",
            };
            steps.Add(new TimelineStep(e.At, e.UserName, step, step is "Returned" or "Reopened" ? comment : null));
        }

        return steps;
    }

    private static Dictionary<string, JsonElement> Read(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return [];
        }

        return JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(json) ?? [];
    }

    private static ReportStatus? StatusIn(Dictionary<string, JsonElement> values) =>
        values.TryGetValue(nameof(MonthlyReport.Status), out var s) && s.ValueKind == JsonValueKind.Number ? (ReportStatus)s.GetInt32() : null;
}
