using Kaijiang.Federation.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace Kaijiang.Federation.Web.Features.Registers;

/// <summary>A register's rows as an .xlsx download; columns are localised headers in the order given.</summary>
public static class ExcelExport
{
    public static async Task<FileContentResult> FileAsync(string fileName, IEnumerable<IDictionary<string, object?>> rows, CancellationToken cancellationToken) =>
        new(await XlsxFile.BytesAsync(rows, cancellationToken: cancellationToken), XlsxFile.ContentType) { FileDownloadName = fileName };
}
