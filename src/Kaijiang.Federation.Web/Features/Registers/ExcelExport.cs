using Kaijiang.Federation.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using MiniExcelLibs;

namespace Kaijiang.Federation.Web.Features.Registers;

/// <summary>A register's rows as an .xlsx download; columns are localised headers in the order given.</summary>
public static class ExcelExport
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static async Task<FileContentResult> FileAsync(string fileName, IEnumerable<IDictionary<string, object?>> rows, CancellationToken cancellationToken)
    {
        using var stream = new MemoryStream();
        await stream.SaveAsAsync(rows.Select(r => SpreadsheetCells.Neutralise(r)), cancellationToken: cancellationToken);
        return new FileContentResult(stream.ToArray(), ContentType) { FileDownloadName = fileName };
    }
}
