using System.Globalization;
using Kaijiang.Federation.Web.Data;
using Kaijiang.Federation.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace Kaijiang.Federation.Web.Features.Reports;

public sealed record TotalsColumn(string Code, string Name, string Unit);

public sealed record TotalsRow(int OrganisationId, string Township, IReadOnlyDictionary<string, decimal> Values);

public sealed record MonthTotalsRow(int Period, string PeriodText, IReadOnlyDictionary<string, decimal> Values);

/// <summary>County totals of approved reports: by township for the year or one month, and by month for the year.</summary>
public sealed record ReportTotalsResult(
    int Year, int? Month, IReadOnlyList<TotalsColumn> Columns, IReadOnlyList<TotalsRow> Townships,
    IReadOnlyDictionary<string, decimal> County, IReadOnlyList<MonthTotalsRow> Months);

/// <summary>
/// Sums of the figures of approved reports per indicator (by code, so a renamed indicator still adds up), per
/// township and per month. Only approved figures count: a submitted report may still be returned.
/// The dashboard reuses it.
/// </summary>
public sealed class ReportTotals(FederationDbContext db)
{
    public async Task<ReportTotalsResult> ForAsync(int year, int? month, CancellationToken cancellationToken)
    {
        var from = (year * 100) + 1;
        var until = (year * 100) + 12;
        var english = CultureInfo.CurrentUICulture.Name.StartsWith("en", StringComparison.Ordinal);

        // One query over the year; summed here because SQLite cannot aggregate decimals. The month view and the
        // year view are cut from it.
        var figures = await db.MonthlyReports.AsNoTracking()
            .Where(r => r.Period >= from && r.Period <= until && r.Status == ReportStatus.Approved)
            .SelectMany(r => r.Values, (r, v) => new { r.OrganisationId, r.Period, v.IndicatorCode, v.Value })
            .Where(x => x.Value != null)
            .ToListAsync(cancellationToken);
        var sums = figures
            .GroupBy(x => (x.OrganisationId, x.Period, x.IndicatorCode))
            .Select(g => new { g.Key.OrganisationId, g.Key.Period, g.Key.IndicatorCode, Total = g.Sum(x => x.Value ?? 0m) })
            .ToList();

        var columns = await ColumnsAsync(sums.Select(s => s.IndicatorCode).ToHashSet(StringComparer.Ordinal), english, cancellationToken);
        var townships = await ReportScope.OpenTownships(db)
            .Select(o => new { o.Id, o.Name })
            .ToListAsync(cancellationToken);

        var selected = month is { } m ? sums.Where(s => s.Period == (year * 100) + m).ToList() : sums;
        var rows = townships.Select(t => new TotalsRow(t.Id, t.Name, selected.Where(s => s.OrganisationId == t.Id)
                .GroupBy(s => s.IndicatorCode, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Sum(s => s.Total), StringComparer.Ordinal)))
            .ToList();
        var county = selected.GroupBy(s => s.IndicatorCode, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Sum(s => s.Total), StringComparer.Ordinal);
        var months = Enumerable.Range(from, 12).Select(p => new MonthTotalsRow(p, ReportCalendar.Format(p, CultureInfo.CurrentCulture),
                sums.Where(s => s.Period == p).GroupBy(s => s.IndicatorCode, StringComparer.Ordinal)
                    .ToDictionary(g => g.Key, g => g.Sum(s => s.Total), StringComparer.Ordinal)))
            .ToList();
        return new ReportTotalsResult(year, month, columns, rows, county, months);
    }

    /// <summary>Indicator columns in the order county staff set, named in the UI language; codes no longer defined keep their last copy's name.</summary>
    public async Task<List<TotalsColumn>> ColumnsAsync(IReadOnlySet<string> extraCodes, bool english, CancellationToken cancellationToken)
    {
        var defined = await db.ReportIndicators.AsNoTracking()
            .OrderBy(i => i.SortOrder).ThenBy(i => i.Code)
            .Select(i => new TotalsColumn(i.Code, english ? i.NameEn : i.NameZh, english ? i.UnitEn : i.UnitZh))
            .ToListAsync(cancellationToken);
        var known = defined.Select(c => c.Code).ToHashSet(StringComparer.Ordinal);
        defined.AddRange(extraCodes.Where(c => !known.Contains(c)).Order(StringComparer.Ordinal).Select(c => new TotalsColumn(c, c, "")));
        return defined;
    }
}
