using System.Globalization;
using Kaijiang.Federation.Web.Data;
using Kaijiang.Federation.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Kaijiang.Federation.Web.Features.Reports;

/// <summary>A township's month at a glance. Text and colour both come from this; the page never relies on colour alone.</summary>
public enum CellState
{
    /// <summary>The month has not ended: nothing is expected yet.</summary>
    NotOpen,
    /// <summary>Open, not yet due, nothing submitted.</summary>
    Open,
    Draft,
    Missing,
    Returned,
    /// <summary>Submitted by the due day, waiting for review.</summary>
    OnTime,
    /// <summary>Submitted after the due day, waiting for review.</summary>
    Late,
    ApprovedOnTime,
    ApprovedLate,
}

public sealed record CompletenessCell(int Period, CellState State);

public sealed record CompletenessRow(int OrganisationId, string Township, IReadOnlyList<CompletenessCell> Cells, int Expected, int Reported, int OnTime)
{
    public decimal? ReportingRate => Expected == 0 ? null : (decimal)Reported / Expected;

    public decimal? OnTimeRate => Expected == 0 ? null : (decimal)OnTime / Expected;
}

public sealed record CompletenessMatrix(int Year, IReadOnlyList<int> Periods, IReadOnlyList<CompletenessRow> Rows, int Expected, int Reported, int OnTime, int DueDay)
{
    public decimal? ReportingRate => Expected == 0 ? null : (decimal)Reported / Expected;

    public decimal? OnTimeRate => Expected == 0 ? null : (decimal)OnTime / Expected;
}

public sealed record MissingReport(int OrganisationId, string Township, ReportStatus? Status, bool Overdue, string? ContactName, string? ContactPhone);

public sealed record AwaitingReview(int OrganisationId, string Township, int Period, string PeriodText, DateTimeOffset? SubmittedAt, string? SubmittedBy, bool Late);

public sealed record MissingList(int Period, string PeriodText, DateOnly DueDate, IReadOnlyList<MissingReport> Rows);

/// <summary>
/// Completeness and timeliness (as DHIS2 reports them): a month is expected once its due day has passed; a report
/// counts as received when it is submitted or approved, and on time when submitted by the due day.
/// </summary>
public sealed class ReportCompleteness(FederationDbContext db, TimeProvider clock, IOptions<ReportOptions> options, ReadCache readCache)
{
    public static CellState StateOf(int period, DateOnly today, int dueDay, ReportStatus? status, DateTimeOffset? submittedAt)
    {
        var late = submittedAt is { } at && ReportCalendar.IsLate(period, at, dueDay);
        return status switch
        {
            ReportStatus.Approved => late ? CellState.ApprovedLate : CellState.ApprovedOnTime,
            ReportStatus.Submitted => late ? CellState.Late : CellState.OnTime,
            ReportStatus.Returned => CellState.Returned,
            _ when !ReportCalendar.IsOpen(period, today) => CellState.NotOpen,
            ReportStatus.Draft => CellState.Draft,
            _ => ReportCalendar.IsOverdue(period, today, dueDay) ? CellState.Missing : CellState.Open,
        };
    }

    public static bool IsReceived(CellState state) => state is CellState.OnTime or CellState.Late or CellState.ApprovedOnTime or CellState.ApprovedLate;

    public static bool IsOnTime(CellState state) => state is CellState.OnTime or CellState.ApprovedOnTime;

    /// <summary>The year's matrix of the townships in scope; cached briefly per scope and year (ReadCache), dropped by any saved record.</summary>
    public Task<CompletenessMatrix> MatrixAsync(int year, CancellationToken cancellationToken) =>
        readCache.GetOrCreateAsync("completeness", year.ToString(CultureInfo.InvariantCulture), () => ComputeMatrixAsync(year, cancellationToken));

    private async Task<CompletenessMatrix> ComputeMatrixAsync(int year, CancellationToken cancellationToken)
    {
        var today = clock.Today();
        var dueDay = options.Value.DueDay;
        var periods = Enumerable.Range(1, 12).Select(m => (year * 100) + m).ToList();
        var townships = await TownshipsAsync(cancellationToken);

        // One query for the whole matrix, by the townships' ids: the (organisation, period) index then reads only their
        // reports, where the year's reports of every organisation were read and then kept to the scope (85 ms for
        // one county of a province, docs/performance.md).
        int first = periods[0], last = periods[^1];
        var townshipIds = townships.Select(t => t.Id).ToList();
        var reports = await db.MonthlyReports.AsNoTracking()
            .Where(r => townshipIds.Contains(r.OrganisationId) && r.Period >= first && r.Period <= last)
            .Select(r => new { r.OrganisationId, r.Period, r.Status, r.SubmittedAt })
            .ToListAsync(cancellationToken);
        var byCell = reports.ToDictionary(r => (r.OrganisationId, r.Period));

        var rows = townships.Select(t =>
        {
            var cells = periods.Select(p =>
            {
                var r = byCell.GetValueOrDefault((t.Id, p));
                return new CompletenessCell(p, StateOf(p, today, dueDay, r?.Status, r?.SubmittedAt));
            }).ToList();
            var expected = cells.Where(c => ReportCalendar.IsOverdue(c.Period, today, dueDay)).ToList();
            return new CompletenessRow(t.Id, t.Name, cells, expected.Count, expected.Count(c => IsReceived(c.State)), expected.Count(c => IsOnTime(c.State)));
        }).ToList();

        return new CompletenessMatrix(year, periods, rows, rows.Sum(r => r.Expected), rows.Sum(r => r.Reported), rows.Sum(r => r.OnTime), dueDay);
    }

    /// <summary>Townships whose report for the period has not been received (none, a draft, or returned).</summary>
    public async Task<MissingList> MissingAsync(int? period, CancellationToken cancellationToken)
    {
        var today = clock.Today();
        var dueDay = options.Value.DueDay;
        var p = period is { } given && ReportCalendar.IsValid(given) ? given : ReportCalendar.CurrentPeriod(today);
        var townships = await ReportScope.OpenTownships(db)
            .Select(o => new
            {
                o.Id, o.Name, o.ContactName, o.ContactPhone,
                Status = db.MonthlyReports.Where(r => r.OrganisationId == o.Id && r.Period == p).Select(r => (ReportStatus?)r.Status).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        var overdue = ReportCalendar.IsOverdue(p, today, dueDay);
        var rows = townships
            .Where(t => t.Status is null or ReportStatus.Draft or ReportStatus.Returned)
            .Select(t => new MissingReport(t.Id, t.Name, t.Status, overdue, t.ContactName, t.ContactPhone))
            .ToList();
        return new MissingList(p, ReportCalendar.Format(p, CultureInfo.CurrentCulture), ReportCalendar.DueDate(p, dueDay), rows);
    }

    /// <summary>Submitted reports waiting for county staff, oldest period first.</summary>
    public async Task<List<AwaitingReview>> AwaitingReviewAsync(CancellationToken cancellationToken)
    {
        var dueDay = options.Value.DueDay;
        var reports = await db.MonthlyReports.AsNoTracking()
            .Where(r => r.Status == ReportStatus.Submitted)
            .OrderBy(r => r.Period).ThenBy(r => r.Organisation!.Path)
            .Select(r => new { r.OrganisationId, Township = r.Organisation!.Name, r.Period, r.SubmittedAt, r.SubmittedBy })
            .ToListAsync(cancellationToken);
        return reports.Select(r => new AwaitingReview(r.OrganisationId, r.Township, r.Period, ReportCalendar.Format(r.Period, CultureInfo.CurrentCulture),
            r.SubmittedAt, r.SubmittedBy, r.SubmittedAt is { } at && ReportCalendar.IsLate(r.Period, at, dueDay))).ToList();
    }

    public Task<List<(int Id, string Name)>> TownshipsAsync(CancellationToken cancellationToken) =>
        ReportScope.OpenTownships(db)
            .Select(o => new ValueTuple<int, string>(o.Id, o.Name))
            .ToListAsync(cancellationToken);
}
