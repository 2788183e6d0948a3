using System.Data;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Kaijiang.Federation.IntegrationTests.Infrastructure;
using Kaijiang.Federation.Web.Domain;
using Kaijiang.Federation.Web.Features.RosterImport;
using Kaijiang.Federation.Web.Infrastructure;
using MiniExcelLibs;

namespace Kaijiang.Federation.IntegrationTests.RosterImport;

/// <summary>Builds roster sheets the way a clerk fills the template, and drives the import over HTTP.</summary>
internal static partial class RosterSheets
{
    /// <summary>A region code the demo county never uses, so test people never collide with seeded ones.</summary>
    private const string TestRegion = "110101";

    public static string IdNumber(int n) => ResidentIdNumber.Create(TestRegion, BirthOf(n), (n % 400) * 2);

    public static DateOnly BirthOf(int n) => new DateOnly(1960, 1, 1).AddDays(n % 15_000);

    /// <summary>A valid row: an executive member of <paramref name="organisation"/>, person number <paramref name="n"/>.</summary>
    public static Dictionary<string, object?> Row(string organisation, int n, string office = "执委") => new(StringComparer.Ordinal)
    {
        [RosterColumns.Organisation] = organisation,
        [RosterColumns.Name] = "测试" + Names[n % Names.Length],
        [RosterColumns.Sex] = "女",
        [RosterColumns.BirthDate] = BirthOf(n).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        [RosterColumns.Ethnicity] = "汉族",
        [RosterColumns.Education] = "高中",
        [RosterColumns.PoliticalStatus] = "群众",
        [RosterColumns.Phone] = "139" + (n % 100_000_000).ToString("D8", CultureInfo.InvariantCulture),
        [RosterColumns.IdNumber] = IdNumber(n),
        [RosterColumns.Office] = office,
        [RosterColumns.FullTime] = "兼职",
        [RosterColumns.StartOn] = "2024-01-01",
        [RosterColumns.InTwoCommittees] = "否",
        [RosterColumns.PartySecretary] = "否",
        [RosterColumns.VillageDirector] = "否",
        [RosterColumns.MonthlyStipend] = "300",
        [RosterColumns.SecretaryPay] = "900",
    };

    private static readonly string[] Names = ["秀英", "桂英", "秀兰", "玉兰", "桂兰", "凤英", "丽华", "淑珍", "海燕", "春梅"];

    public static byte[] Xlsx(IEnumerable<Dictionary<string, object?>> rows)
    {
        using var stream = new MemoryStream();
        stream.SaveAs(rows);
        return stream.ToArray();
    }

    /// <summary>A sheet with the given headers and no rows.</summary>
    public static byte[] HeadersOnly(IEnumerable<string> headers)
    {
        using var table = new DataTable();
        foreach (var header in headers)
        {
            table.Columns.Add(header, typeof(string));
        }

        using var stream = new MemoryStream();
        stream.SaveAs(table);
        return stream.ToArray();
    }

    public static async Task<HttpResponseMessage> UploadAsync(PortalClient client, int organisationId, byte[] file, string fileName = "名册.xlsx")
    {
        var page = await client.Http.GetStringAsync("/"); // any page carries a token for this user
        using var content = new MultipartFormDataContent
        {
            { new StringContent(PortalClient.AntiforgeryToken(page)), "__RequestVerificationToken" },
            { new StringContent(organisationId.ToString(CultureInfo.InvariantCulture)), "organisationId" },
        };
        var fileContent = new ByteArrayContent(file);
        fileContent.Headers.ContentType = new MediaTypeHeaderValue(XlsxFile.ContentType);
        content.Add(fileContent, "file", fileName);
        return await client.Http.PostAsync("/RosterImport/Upload", content);
    }

    /// <summary>Uploads a sheet that the server accepts for preview; returns the preview's token and page.</summary>
    public static async Task<(string Token, string Html)> PreviewAsync(PortalClient client, int organisationId, byte[] file)
    {
        var response = await UploadAsync(client, organisationId, file);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        var token = location[(location.LastIndexOf('/') + 1)..];
        return (token, await client.Http.GetStringAsync(location));
    }

    public static async Task<HttpResponseMessage> CommitAsync(PortalClient client, string token, string pageWithForm) =>
        await client.PostFormAsync($"/RosterImport/Commit/{token}", pageWithForm, []);

    /// <summary>The problems the preview lists: (row, column, resource key).</summary>
    public static List<(int Row, string Column, string Key)> Problems(string html) =>
        ProblemPattern().Matches(html)
            .Select(m => (int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), WebUtility.HtmlDecode(m.Groups[2].Value), m.Groups[3].Value))
            .ToList();

    public static int CountOf(string html, RowAction action) =>
        CountPattern().Matches(html).Where(m => m.Groups[1].Value == action.ToString()).Select(m => int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture)).SingleOrDefault();

    [GeneratedRegex("data-row=\"(\\d+)\" data-column=\"([^\"]+)\" data-problem=\"([^\"]+)\"")]
    private static partial Regex ProblemPattern();

    [GeneratedRegex("data-action=\"(\\w+)\" data-count=\"(\\d+)\"")]
    private static partial Regex CountPattern();
}
