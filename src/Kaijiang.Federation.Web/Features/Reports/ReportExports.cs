using System.Globalization;
using Kaijiang.Federation.Web.Data;
using Kaijiang.Federation.Web.Domain;
using Kaijiang.Federation.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Kaijiang.Federation.Web.Features.Reports;

/// <summary>Excel exports: who has not reported a month (for the office to phone), and a month's reports in one sheet.</summary>
public sealed class ReportExports(FederationDbContext db, ReportCompleteness completeness, ReportTotals totals, IStringLocalizer<SharedResource> l)
{
    public async Task<byte[]> MissingAsync(int? period, CancellationToken cancellationToken)
    {
        var list = await completeness.MissingAsync(period, cancellationToken);
        var rows = list.Rows.Select(r => new Dictionary<string, object?>
        {
            [l["Reports.Township"]] = r.Township,
            [l["Reports.Period"]] = list.PeriodText,
            [l["Reports.State"]] = r.Status is { } s ? l["ReportStatus." + s].Value : l["Reports.NotStarted"].Value,
            [l["Reports.DueDate"]] = list.DueDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            [l["Reports.Overdue"]] = r.Overdue ? l["Common.Yes"].Value : l["Common.No"].Value,
            [l["Reports.ContactName"]] = r.ContactName ?? "",
            [l["Reports.ContactPhone"]] = r.ContactPhone ?? "",
        }).ToList();
        return await SaveAsync(rows, l["Reports.Missing.Title"], cancellationToken);
    }

    /// <summary>Townships as rows, indicators as columns: the figures of every report of the month, whatever its state.</summary>
    public async Task<byte[]> MonthAsync(int period, CancellationToken cancellationToken)
    {
        var english = CultureInfo.CurrentUICulture.Name.StartsWith("en", StringComparison.Ordinal);
        var reports = await db.MonthlyReports.AsNoTracking()
            .Where(r => r.Period == period)
            .Select(r => new
            {
                r.OrganisationId, r.Status, r.SubmittedAt,
                Values = r.Values.Select(v => new { v.IndicatorCode, v.Value }).ToList(),
                Texts = r.Texts.Select(t => new { t.SectionCode, t.SectionNameZh, t.SectionNameEn, t.SortOrder, t.Text }).ToList(),
            })
            .ToDictionaryAsync(r => r.OrganisationId, cancellationToken);
        var columns = await totals.ColumnsAsync(reports.Values.SelectMany(r => r.Values.Select(v => v.IndicatorCode)).ToHashSet(StringComparer.Ordinal), english, cancellationToken);
        var used = reports.Values.SelectMany(r => r.Values.Select(v => v.IndicatorCode)).ToHashSet(StringComparer.Ordinal);
        columns = columns.Where(c => used.Contains(c.Code)).ToList();
        var townships = await completeness.TownshipsAsync(cancellationToken);

        // The text sections after the figures: today's definitions first, in their order, then any section only
        // an older report of the month has, under the name that report kept.
        var sectionColumns = (await db.ReportSections.AsNoTracking()
                .OrderBy(s => s.SortOrder).ThenBy(s => s.Code)
                .Select(s => new { s.Code, Name = english ? s.NameEn : s.NameZh })
                .ToListAsync(cancellationToken))
            .Select(s => (s.Code, s.Name))
            .ToList();
        foreach (var t in reports.Values.SelectMany(r => r.Texts).OrderBy(t => t.SortOrder))
        {
            if (!sectionColumns.Exists(c => c.Code == t.SectionCode))
            {
                sectionColumns.Add((t.SectionCode, english ? t.SectionNameEn : t.SectionNameZh));
            }
        }

        var usedSections = reports.Values.SelectMany(r => r.Texts.Select(t => t.SectionCode)).ToHashSet(StringComparer.Ordinal);
        sectionColumns = sectionColumns.Where(c => usedSections.Contains(c.Code)).ToList();

        var rows = townships.Select(t =>
        {
            var row = new Dictionary<string, object?>
            {
                [l["Reports.Township"]] = t.Name,
                [l["Reports.State"]] = reports.TryGetValue(t.Id, out var r) ? l["ReportStatus." + r.Status].Value : l["Reports.NotStarted"].Value,
                [l["Reports.SubmittedAt"]] = r?.SubmittedAt?.ToOffset(ChinaTime.Offset).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "",
            };
            foreach (var c in columns)
            {
                row[string.IsNullOrEmpty(c.Unit) ? c.Name : $"{c.Name} ({c.Unit})"] = r?.Values.FirstOrDefault(v => v.IndicatorCode == c.Code)?.Value;
            }

            foreach (var (code, name) in sectionColumns)
            {
                // A section named like an indicator still gets its own column.
                var header = row.ContainsKey(name) ? $"{name} [{code}]" : name;
                row[header] = r?.Texts.FirstOrDefault(t => t.SectionCode == code)?.Text ?? "";
            }

            return row;
        }).ToList();
        return await SaveAsync(rows, ReportCalendar.Format(period, CultureInfo.CurrentCulture), cancellationToken);
    }

    private static Task<byte[]> SaveAsync(List<Dictionary<string, object?>> rows, string sheet, CancellationToken cancellationToken) =>
        XlsxFile.BytesAsync(rows, sheet, cancellationToken);
}
