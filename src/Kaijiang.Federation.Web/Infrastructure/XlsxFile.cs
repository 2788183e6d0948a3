using MiniExcelLibs;

namespace Kaijiang.Federation.Web.Infrastructure;

/// <summary>
/// The one way the portal writes an .xlsx file: one sheet of rows (header → value), every cell passed through
/// <see cref="SpreadsheetCells.Neutralise(object?)"/> on the way (in the rows given: they are the export's own),
/// so no export can forget formula injection.
/// A unit test keeps MiniExcel's writing calls in this file.
/// </summary>
public static class XlsxFile
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>Writes the rows to <paramref name="output"/>; they are read as they are written, so they may stream.</summary>
    public static Task WriteAsync(
        Stream output, IEnumerable<IDictionary<string, object?>> rows, string sheetName = "Sheet1", CancellationToken cancellationToken = default) =>
        output.SaveAsAsync(
            rows.Select(SpreadsheetCells.NeutraliseCells), sheetName: sheetName, excelType: ExcelType.XLSX, cancellationToken: cancellationToken);

    /// <summary>The rows as the bytes of an .xlsx file.</summary>
    public static async Task<byte[]> BytesAsync(
        IEnumerable<IDictionary<string, object?>> rows, string sheetName = "Sheet1", CancellationToken cancellationToken = default)
    {
        using var stream = new MemoryStream();
        await WriteAsync(stream, rows, sheetName, cancellationToken);
        return stream.ToArray();
    }
}
