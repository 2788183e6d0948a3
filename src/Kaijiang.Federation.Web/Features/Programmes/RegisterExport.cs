using System.Globalization;
using Kaijiang.Federation.Web.Domain;
using Kaijiang.Federation.Web.Infrastructure;
using Microsoft.Extensions.Localization;
using MiniExcelLibs;

namespace Kaijiang.Federation.Web.Features.Programmes;

/// <summary>Writes a register list (every row the filters select) as an .xlsx sheet: numbers stay numbers.</summary>
public sealed class RegisterExport(IStringLocalizer<SharedResource> l, TimeProvider clock)
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public string FileName(string register) => $"{register}-{clock.Today():yyyyMMdd}.xlsx";

    public byte[] ToXlsx(IReadOnlyList<RegisterColumn> columns, IEnumerable<IReadOnlyList<object?>> rows)
    {
        var headers = columns.Select(c => l[c.LabelKey].Value).ToList();
        var sheet = rows.Select(cells =>
        {
            var row = new Dictionary<string, object?>(StringComparer.Ordinal);
            for (var i = 0; i < headers.Count; i++)
            {
                row[headers[i]] = SpreadsheetCells.Neutralise(Cell(columns[i].Kind, i < cells.Count ? cells[i] : null));
            }

            return row;
        }).ToList();

        if (sheet.Count == 0)
        {
            // A header row even when nothing matches, so the finance bureau sees what the sheet would hold.
            sheet.Add(headers.ToDictionary(h => h, _ => (object?)null, StringComparer.Ordinal));
        }

        using var stream = new MemoryStream();
        stream.SaveAs(sheet, excelType: ExcelType.XLSX);
        return stream.ToArray();
    }

    private object? Cell(CellKind kind, object? value) => value switch
    {
        null => null,
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        string key when kind == CellKind.Label => l[key].Value,
        _ => value,
    };
}
