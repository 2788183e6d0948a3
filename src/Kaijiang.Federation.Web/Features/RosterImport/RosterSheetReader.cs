using System.Globalization;
using Kaijiang.Federation.Web.Infrastructure;
using MiniExcelLibs;
using MiniExcelLibs.OpenXml;

namespace Kaijiang.Federation.Web.Features.RosterImport;

/// <summary>One data row of a sheet: its row number in Excel and its cells as text, in <see cref="RosterColumns.All"/> order.</summary>
public sealed record SheetRow(int Number, string?[] Cells)
{
    public string? this[string column] => Cells[ColumnIndex(column)];

    public static int ColumnIndex(string column)
    {
        for (var i = 0; i < RosterColumns.All.Count; i++)
        {
            if (RosterColumns.All[i] == column)
            {
                return i;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(column), column, "Not a roster column.");
    }
}

/// <summary>Why a whole file was refused before any row was looked at; <see cref="Key"/> is a resource key.</summary>
public sealed record FileProblem(string Key, params string[] Arguments);

public sealed record SheetReadResult(IReadOnlyList<SheetRow> Rows, FileProblem? Problem);

/// <summary>
/// Reads an uploaded roster sheet with MiniExcel, row by row. Cells are read as stored: a formula's last computed
/// value, never a formula evaluated here. Anything that is not an .xlsx workbook is refused with a reason, not an exception.
/// </summary>
public static class RosterSheetReader
{
    public const long MaxBytes = 5 * 1024 * 1024;
    public const int MaxRows = 10_000;

    /// <summary>Longer cells are cut here: every column's limit is far below, so the cell is still reported too long.</summary>
    public const int MaxCellLength = 500;

    private static readonly byte[] ZipSignature = [0x50, 0x4B, 0x03, 0x04];

    public static SheetReadResult Read(Stream stream)
    {
        Span<byte> head = stackalloc byte[4];
        if (stream.Length < 4 || stream.ReadAtLeast(head, 4, throwOnEndOfStream: false) < 4 || !head.SequenceEqual(ZipSignature))
        {
            return Refuse("RosterImport.File.NotXlsx");
        }

        stream.Position = 0;
        try
        {
            return ReadRows(stream);
        }
        catch (Exception e) when (e is InvalidDataException or System.Xml.XmlException or InvalidOperationException
                                      or NotSupportedException or ArgumentException or FormatException or IndexOutOfRangeException
                                      or KeyNotFoundException or InvalidCastException or IOException)
        {
            // A damaged or disguised file: MiniExcel's message is for developers, the clerk gets ours.
            return Refuse("RosterImport.File.NotXlsx");
        }
    }

    private static SheetReadResult ReadRows(Stream stream)
    {
        var configuration = new OpenXmlConfiguration { TrimColumnNames = true, FillMergedCells = false };
        var rows = new List<SheetRow>();
        var number = 1;
        var headersChecked = false;
        foreach (IDictionary<string, object?> record in MiniExcel.Query(stream, useHeaderRow: true, excelType: ExcelType.XLSX, configuration: configuration))
        {
            number++;
            if (!headersChecked)
            {
                var missing = RosterColumns.All.Where(c => !record.ContainsKey(c)).ToList();
                if (missing.Count > 0)
                {
                    return Refuse("RosterImport.File.WrongHeaders", string.Join("、", missing));
                }

                headersChecked = true;
            }

            var cells = new string?[RosterColumns.All.Count];
            var empty = true;
            for (var i = 0; i < cells.Length; i++)
            {
                var column = RosterColumns.All[i];
                cells[i] = Text(record[column], RosterColumns.DateColumns.Contains(column));
                empty &= cells[i] is null;
            }

            if (empty)
            {
                continue;
            }

            if (rows.Count == MaxRows)
            {
                return Refuse("RosterImport.File.TooManyRows", MaxRows.ToString("N0", CultureInfo.InvariantCulture));
            }

            rows.Add(new SheetRow(number, cells));
        }

        if (!headersChecked)
        {
            // No row under the header (or no header at all): the columns may still be wrong, which says more.
            stream.Position = 0;
            var columns = MiniExcel.GetColumns(stream, useHeaderRow: true, excelType: ExcelType.XLSX, configuration: configuration) ?? [];
            var missing = RosterColumns.All.Where(c => !columns.Contains(c)).ToList();
            return columns.Count > 0 && missing.Count > 0
                ? Refuse("RosterImport.File.WrongHeaders", string.Join("、", missing))
                : Refuse("RosterImport.File.Empty");
        }

        return rows.Count == 0 ? Refuse("RosterImport.File.Empty") : new SheetReadResult(rows, null);
    }

    private static SheetReadResult Refuse(string key, params string[] arguments) => new([], new FileProblem(key, arguments));

    private static string? Text(object? value, bool isDate)
    {
        var text = value switch
        {
            null => null,
            DateTime d => RosterColumns.FormatDate(DateOnly.FromDateTime(d)),
            // A date typed into a cell without a date format arrives as its serial number.
            double n when isDate && n is > 0 and < 2_958_466 => RosterColumns.FormatDate(DateOnly.FromDateTime(DateTime.FromOADate(n))),
            double n => n.ToString("R", CultureInfo.InvariantCulture),
            decimal n => n.ToString(CultureInfo.InvariantCulture),
            bool b => RosterColumns.Yes(b),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString(),
        };
        text = SpreadsheetCells.Restore(text?.Trim());
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        return text.Length > MaxCellLength ? text[..MaxCellLength] : text;
    }
}
