using System.Globalization;
using System.IO.Compression;
using System.Net;
using Kaijiang.Federation.IntegrationTests.Infrastructure;
using Kaijiang.Federation.Web.Domain;
using Kaijiang.Federation.Web.Features.RosterImport;
using Kaijiang.Federation.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace Kaijiang.Federation.IntegrationTests.RosterImport;

/// <summary>
/// The template, and every way a sheet can be refused, against the shared demo county: validation writes nothing to the
/// database (only a preview file), so these tests leave the seeded figures as they were — and check that they do.
/// </summary>
[Collection(DemoCountyCollection.Name)]
public sealed class RosterImportValidationTests(DemoCountyFixture county)
{
    private Task<(int People, int Terms)> CountsAsync() =>
        county.Factory.WithScopeAsync(async db => (await db.People.CountAsync(), await db.OfficeTerms.CountAsync()));

    private Task<int> IdOfAsync(string name) =>
        county.Factory.WithScopeAsync(db => db.Organisations.Where(o => o.Name == name).Select(o => o.Id).SingleAsync());

    /// <summary>Villages of Xinning whose names are unique in the county.</summary>
    private Task<List<string>> XinningVillagesAsync() => county.Factory.WithScopeAsync(async db =>
    {
        var xinning = await db.Organisations.SingleAsync(o => o.Name == "新宁镇");
        var names = await db.Organisations.Where(o => o.ParentId == xinning.Id && o.Kind == OrganisationKind.Village).Select(o => o.Name).ToListAsync();
        var duplicated = await db.Organisations.GroupBy(o => o.Name).Where(g => g.Count() > 1).Select(g => g.Key).ToListAsync();
        return names.Except(duplicated).Order(StringComparer.Ordinal).ToList();
    });

    private async Task<PortalClient> SignedInAsync(string user)
    {
        var client = new PortalClient(county.Factory);
        await client.LoginAsync(user);
        return client;
    }

    [Fact]
    public async Task The_template_has_the_Chinese_headers_and_an_example_row()
    {
        var client = await SignedInAsync("county.staff");
        var response = await client.Http.GetAsync("/RosterImport/Template");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(XlsxFile.ContentType, response.Content.Headers.ContentType?.MediaType);
        using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(RosterColumns.All, MiniExcel.GetColumns(stream, useHeaderRow: true));
        stream.Position = 0;
        var example = (IDictionary<string, object?>)MiniExcel.Query(stream, useHeaderRow: true).Single();
        Assert.True(ResidentIdNumber.IsValid(example[RosterColumns.IdNumber] as string));
        Assert.Equal("主席", example[RosterColumns.Office]);
    }

    [Fact]
    public async Task The_import_page_shows_the_upload_form_with_a_progress_script_and_a_plain_form_fallback()
    {
        var client = await SignedInAsync("county.staff");
        var html = await client.Http.GetStringAsync("/RosterImport");

        Assert.Contains("action=\"/RosterImport/Upload\" enctype=\"multipart/form-data\"", html, StringComparison.Ordinal);
        Assert.Contains("/js/roster-import.js", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync("/js/roster-import.js")).StatusCode);
    }

    [Fact]
    public async Task Every_kind_of_bad_row_is_reported_with_its_row_and_column_and_nothing_is_written()
    {
        var villages = await XinningVillagesAsync();
        var (a, b) = (villages[0], villages[1]);
        var puanVillage = await county.Factory.WithScopeAsync(db => db.Organisations
            .Where(o => o.Parent!.Name == "普安镇" && o.Kind == OrganisationKind.Village).Select(o => o.Name).FirstAsync());
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        var wrongCheck = RosterSheets.IdNumber(1)[..17] + (RosterSheets.IdNumber(1)[17] == '0' ? "1" : "0");
        var rows = new List<Dictionary<string, object?>>
        {
            With(RosterSheets.Row(a, 1), RosterColumns.IdNumber, wrongCheck),                       // row 2
            With(RosterSheets.Row(a, 2), RosterColumns.Phone, "12345"),                             // 3
            With(RosterSheets.Row("没有这个村", 3), RosterColumns.Organisation, "没有这个村"),        // 4
            RosterSheets.Row(puanVillage, 4),                                                       // 5 outside the chosen township
            With(RosterSheets.Row(a, 5), RosterColumns.Name, null),                                 // 6
            With(RosterSheets.Row(a, 6), RosterColumns.StartOn, "2024-13-45"),                      // 7
            With(RosterSheets.Row(a, 7), RosterColumns.StartOn, today.AddDays(30).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), // 8
            With(RosterSheets.Row(a, 8), RosterColumns.BirthDate, "1899-12-31"),                    // 9
            With(RosterSheets.Row(a, 9), RosterColumns.MonthlyStipend, "-5"),                       // 10
            With(RosterSheets.Row(a, 10), RosterColumns.MonthlyStipend, "abc"),                     // 11
            With(RosterSheets.Row(a, 11), RosterColumns.Office, "秘书长"),                          // 12
            RosterSheets.Row(a, 12),                                                                // 13
            With(RosterSheets.Row(b, 13), RosterColumns.IdNumber, RosterSheets.IdNumber(12)),       // 14 same ID as row 13
            RosterSheets.Row(b, 14, office: "主席"),                                                // 15
            RosterSheets.Row(b, 15, office: "主席"),                                                // 16 second chair of b
            With(RosterSheets.Row(a, 16), RosterColumns.Name, "王😀芳"),                             // 17
            With(RosterSheets.Row(a, 17), RosterColumns.Name, new string('王', 60)),                // 18
            With(RosterSheets.Row(a, 18), RosterColumns.Name, "<script>alert(1)</script>"),         // 19
            With(RosterSheets.Row(a, 19), RosterColumns.IdNumber, "51172319800101"),                // 20
            With(RosterSheets.Row(a, 20), RosterColumns.Sex, "未知"),                               // 21
        };
        var before = await CountsAsync();
        var client = await SignedInAsync("county.staff");

        var (token, html) = await RosterSheets.PreviewAsync(client, await IdOfAsync("新宁镇"), RosterSheets.Xlsx(rows));
        var problems = RosterSheets.Problems(html);

        Assert.Contains((2, RosterColumns.IdNumber, "RosterImport.Problem.IdNumber"), problems);
        Assert.Contains("校验位不正确", html, StringComparison.Ordinal);
        Assert.Contains((3, RosterColumns.Phone, "RosterImport.Problem.Phone"), problems);
        Assert.Contains((4, RosterColumns.Organisation, "RosterImport.Problem.UnknownOrganisation"), problems);
        Assert.Contains((5, RosterColumns.Organisation, "RosterImport.Problem.UnknownOrganisation"), problems);
        Assert.Contains((6, RosterColumns.Name, "RosterImport.Problem.Required"), problems);
        Assert.Contains((7, RosterColumns.StartOn, "RosterImport.Problem.BadDate"), problems);
        Assert.Contains((8, RosterColumns.StartOn, "RosterImport.Problem.DateInFuture"), problems);
        Assert.Contains((9, RosterColumns.BirthDate, "RosterImport.Problem.DateTooEarly"), problems);
        Assert.Contains((10, RosterColumns.MonthlyStipend, "RosterImport.Problem.Negative"), problems);
        Assert.Contains((11, RosterColumns.MonthlyStipend, "RosterImport.Problem.NotANumber"), problems);
        Assert.Contains((12, RosterColumns.Office, "RosterImport.Problem.UnknownWord"), problems);
        Assert.Contains((14, RosterColumns.IdNumber, "RosterImport.Problem.DuplicateInSheet"), problems);
        Assert.Contains((16, RosterColumns.Office, "RosterImport.Problem.SecondChairInSheet"), problems);
        Assert.Contains((17, RosterColumns.Name, "RosterImport.Problem.NameCharacters"), problems);
        Assert.Contains((18, RosterColumns.Name, "RosterImport.Problem.TooLong"), problems);
        Assert.Contains((19, RosterColumns.Name, "RosterImport.Problem.NameCharacters"), problems);
        Assert.Contains((20, RosterColumns.IdNumber, "RosterImport.Problem.IdNumber"), problems);
        Assert.Contains((21, RosterColumns.Sex, "RosterImport.Problem.UnknownWord"), problems);
        Assert.DoesNotContain(problems, p => p.Row == 13);

        // Markup typed into a cell is shown as text, never as markup.
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert(1)", html, StringComparison.Ordinal);
        Assert.DoesNotContain("/RosterImport/Commit/", html, StringComparison.Ordinal);

        // A forced commit of the refused sheet is refused too.
        var commit = await RosterSheets.CommitAsync(client, token, html);
        Assert.Equal(HttpStatusCode.Conflict, commit.StatusCode);
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task One_bad_row_among_a_hundred_good_ones_blocks_the_whole_sheet()
    {
        var villages = await XinningVillagesAsync();
        var rows = Enumerable.Range(100, 101).Select(n => RosterSheets.Row(villages[n % villages.Count], n)).ToList();
        rows[57] = With(rows[57], RosterColumns.Phone, "1380013800"); // ten digits
        var before = await CountsAsync();
        var client = await SignedInAsync("county.staff");

        var (token, html) = await RosterSheets.PreviewAsync(client, await IdOfAsync("新宁镇"), RosterSheets.Xlsx(rows));

        Assert.Equal([(59, RosterColumns.Phone, "RosterImport.Problem.Phone")], RosterSheets.Problems(html));
        Assert.Equal(HttpStatusCode.Conflict, (await RosterSheets.CommitAsync(client, token, html)).StatusCode);
        Assert.Equal(before, await CountsAsync());
    }

    public static TheoryData<string, string> BadFiles => new()
    {
        { "text", "RosterImport.File.NotXlsx" },
        { "zip", "RosterImport.File.NotXlsx" },
        { "empty-file", "RosterImport.File.Missing" },
        { "headers-only", "RosterImport.File.Empty" },
        { "no-rows", "RosterImport.File.Empty" },
        { "wrong-headers", "RosterImport.File.WrongHeaders" },
        { "too-many-rows", "RosterImport.File.TooManyRows" },
        { "too-large", "RosterImport.File.TooLarge" },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public async Task A_bad_file_gets_a_clear_message_and_nothing_is_written(string kind, string expectedKey)
    {
        var file = kind switch
        {
            "text" => "姓名,身份证号\n张三,110101199001010011\n"u8.ToArray(),
            "zip" => Zip(),
            "empty-file" => [],
            "headers-only" => RosterSheets.HeadersOnly(RosterColumns.All),
            "no-rows" => RosterSheets.Xlsx([]),
            "wrong-headers" => RosterSheets.Xlsx([new() { ["名字"] = "张三", ["号码"] = "1" }]),
            "too-many-rows" => RosterSheets.Xlsx(Enumerable.Range(0, RosterSheetReader.MaxRows + 1).Select(n =>
                RosterColumns.All.ToDictionary(c => c, c => c == RosterColumns.Name ? (object?)"张" : null, StringComparer.Ordinal))),
            "too-large" => new byte[(int)RosterSheetReader.MaxBytes + 1],
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
        var before = await CountsAsync();
        var client = await SignedInAsync("county.staff");

        var response = await RosterSheets.UploadAsync(client, await IdOfAsync("新宁镇"), file);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains($"data-problem=\"{expectedKey}\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", html, StringComparison.Ordinal);
        Assert.DoesNotContain(" at Kaijiang", html, StringComparison.Ordinal);
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task Leadership_and_chairs_may_not_import()
    {
        var xinning = await IdOfAsync("新宁镇");
        foreach (var user in new[] { "leader", "chair.xinning", "chair.jianshe" })
        {
            var client = await SignedInAsync(user);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.Http.GetAsync("/RosterImport")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.Http.GetAsync("/RosterImport/Template")).StatusCode);
            var upload = await RosterSheets.UploadAsync(client, xinning, RosterSheets.Xlsx([RosterSheets.Row("新宁镇", 1)]));
            Assert.Equal(HttpStatusCode.Forbidden, upload.StatusCode);
        }
    }

    private static Dictionary<string, object?> With(Dictionary<string, object?> row, string column, object? value)
    {
        row[column] = value;
        return row;
    }

    private static byte[] Zip()
    {
        using var stream = new MemoryStream();
        using (var archive = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var writer = new StreamWriter(archive.CreateEntry("readme.txt").Open());
            writer.Write("not a workbook");
        }

        return stream.ToArray();
    }
}
