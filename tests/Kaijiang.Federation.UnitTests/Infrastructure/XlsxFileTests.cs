using System.Text.RegularExpressions;
using Kaijiang.Federation.Web.Infrastructure;
using MiniExcelLibs;

namespace Kaijiang.Federation.UnitTests.Infrastructure;

/// <summary>Every .xlsx the portal writes goes through <see cref="XlsxFile"/>, which neutralises formula injection.</summary>
public sealed partial class XlsxFileTests
{
    [Fact]
    public async Task Text_that_would_be_a_formula_is_written_with_an_apostrophe_and_numbers_stay_numbers()
    {
        var rows = new[]
        {
            new Dictionary<string, object?> { ["Name"] = "=cmd|' /C calc'!A0", ["Amount"] = -12.5m, ["Note"] = "-" },
        };

        var bytes = await XlsxFile.BytesAsync(rows, "Sheet", CancellationToken.None);

        using var stream = new MemoryStream(bytes);
        var row = (IDictionary<string, object?>)MiniExcel.Query(stream, useHeaderRow: true).Single();
        Assert.Equal("'=cmd|' /C calc'!A0", row["Name"]);
        Assert.Equal(-12.5m, Convert.ToDecimal(row["Amount"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("-", row["Note"]);

        // Neutralised in the export's own rows, not in a copy of each.
        Assert.Equal("'=cmd|' /C calc'!A0", rows[0]["Name"]);
    }

    [Fact]
    public void No_code_but_XlsxFile_writes_a_workbook_with_MiniExcel()
    {
        var offenders = Directory.EnumerateFiles(SourceTree.Web, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && Path.GetFileName(f) != "XlsxFile.cs")
            .Where(f => MiniExcelWrite().IsMatch(File.ReadAllText(f)))
            .Select(Path.GetFileName)
            .ToList();

        Assert.Empty(offenders);
    }

    [GeneratedRegex(@"\.SaveAs(Async)?\(|MiniExcel\.(SaveAs|Insert)")]
    private static partial Regex MiniExcelWrite();
}
