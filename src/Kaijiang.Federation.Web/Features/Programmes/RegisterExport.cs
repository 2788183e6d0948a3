using System.Globalization;
using Kaijiang.Federation.Web.Domain;
using Kaijiang.Federation.Web.Infrastructure;
using Microsoft.Extensions.Localization;

namespace Kaijiang.Federation.Web.Features.Programmes;

/// <summary>Writes a register list (every row the filters select) as an .xlsx sheet: numbers stay numbers.</summary>
public sealed class RegisterExport(IStringLocalizer<SharedResource> l, TimeProvider clock)
{
    public string FileName(string register) => $"{register}-{clock.Today():yyyyMMdd}.xlsx";

    public Task<byte[]> ToXlsxAsync(IReadOnlyList<RegisterColumn> columns, IEnumerable<IReadOnlyList<object?>> rows, CancellationToken cancellationToken)
    {
        var headers = columns.Select(c => l[c.LabelKey].Value).ToList();
        var sheet = rows.Select(cells =>
        {
            var row = new Dictionary<string, object?>(StringComparer.Ordinal);
            for (var i = 0; i < headers.Count; i++)
            {
                row[headers[i]] = Cell(columns[i].Kind, i < cells.Count ? cells[i] : null);
            }

            return row;
        }).ToList();

        if (sheet.Count == 0)
        {
            // A header row even when nothing matches, so the finance bureau sees what the sheet would hold.
            sheet.Add(headers.ToDictionary(h => h, _ => (object?)null, StringComparer.Ordinal));
        }

        return XlsxFile.BytesAsync(sheet, cancellationToken: cancellationToken);
    }

    private object? Cell(CellKind kind, object? value) => value switch
    {
        null => null,
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        string key when kind == CellKind.Label => l[key].Value,
        _ => value,
    };
}
