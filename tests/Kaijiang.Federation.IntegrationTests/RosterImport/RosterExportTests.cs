using System.Net;
using Kaijiang.Federation.IntegrationTests.Infrastructure;
using Kaijiang.Federation.Web.Domain;
using Kaijiang.Federation.Web.Features.RosterImport;
using Kaijiang.Federation.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace Kaijiang.Federation.IntegrationTests.RosterImport;

/// <summary>Roster export: full numbers for county staff, masked for everyone else, scoped, audited.</summary>
[Collection(DemoCountyCollection.Name)]
public sealed class RosterExportTests(DemoCountyFixture county)
{
    private Task<int> IdOfAsync(string name) =>
        county.Factory.WithScopeAsync(db => db.Organisations.Where(o => o.Name == name).Select(o => o.Id).SingleAsync());

    private async Task<List<IDictionary<string, object?>>> ExportAsync(string user, string query, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var client = new PortalClient(county.Factory);
        await client.LoginAsync(user);
        var response = await client.Http.GetAsync("/RosterExport" + query);
        Assert.Equal(expected, response.StatusCode);
        if (expected != HttpStatusCode.OK)
        {
            return [];
        }

        Assert.Equal(XlsxFile.ContentType, response.Content.Headers.ContentType?.MediaType);
        using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(RosterColumns.All.Append(RosterColumns.PlannedEndOn), MiniExcel.GetColumns(stream, useHeaderRow: true));
        stream.Position = 0;
        return MiniExcel.Query(stream, useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
    }

    private Task<List<string>> CurrentOfficerIdsAsync(string township) => county.Factory.WithScopeAsync(async db =>
    {
        var path = await db.Organisations.Where(o => o.Name == township).Select(o => o.Path).SingleAsync();
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        return await db.OfficeTerms.Where(t => t.Organisation!.Path.StartsWith(path) && (t.EndedOn == null || t.EndedOn > today))
            .Select(t => t.Person!.IdNumber!).ToListAsync();
    });

    [Fact]
    public async Task County_staff_export_a_townships_current_officers_with_full_numbers_and_the_export_is_audited()
    {
        var xinning = await IdOfAsync("新宁镇");
        var expected = await CurrentOfficerIdsAsync("新宁镇");
        var auditsBefore = await county.Factory.WithScopeAsync(db => db.AuditEntries.CountAsync(a => a.Action == AuditActions.Export && a.UserName == "county.staff"));

        var rows = await ExportAsync("county.staff", $"?organisationId={xinning}");

        Assert.Equal(expected.Order(StringComparer.Ordinal), rows.Select(r => (string)r[RosterColumns.IdNumber]!).Order(StringComparer.Ordinal));
        Assert.All(rows, r => Assert.True(ResidentIdNumber.IsValid((string?)r[RosterColumns.IdNumber])));
        Assert.All(rows, r => Assert.True(MobilePhone.IsValid(r[RosterColumns.Phone]?.ToString())));
        var audit = await county.Factory.WithScopeAsync(db => db.AuditEntries
            .Where(a => a.Action == AuditActions.Export && a.UserName == "county.staff").OrderByDescending(a => a.Id).FirstAsync());
        Assert.Equal(auditsBefore + 1, await county.Factory.WithScopeAsync(db => db.AuditEntries.CountAsync(a => a.Action == AuditActions.Export && a.UserName == "county.staff")));
        Assert.Contains($"\"Rows\":{rows.Count}", audit.After, StringComparison.Ordinal);
        Assert.Equal(xinning.ToString(System.Globalization.CultureInfo.InvariantCulture), audit.EntityId);
    }

    [Fact]
    public async Task The_filter_narrows_the_export_to_an_office_and_a_cross_post()
    {
        var chairs = await ExportAsync("county.staff", "?office=Chair&crossPost=TwoCommittees");
        Assert.NotEmpty(chairs);
        Assert.All(chairs, r => Assert.Equal("主席", r[RosterColumns.Office]));
        Assert.All(chairs, r => Assert.Equal("是", r[RosterColumns.InTwoCommittees]));
    }

    [Theory]
    [InlineData("leader")]
    [InlineData("chair.xinning")]
    public async Task Others_get_masked_numbers(string user)
    {
        var rows = await ExportAsync(user, $"?organisationId={await IdOfAsync("新宁镇")}");
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.Matches("^[0-9]{4}\\*{10}[0-9]{3}[0-9X]$", (string)r[RosterColumns.IdNumber]!));
        Assert.All(rows, r => Assert.Matches("^1[0-9]{2}\\*{4}[0-9]{4}$", (string)r[RosterColumns.Phone]!));
    }

    [Fact]
    public async Task A_township_chairs_export_holds_only_her_townships_people()
    {
        var (own, others) = await county.Factory.WithScopeAsync(async db =>
        {
            var xinning = await db.Organisations.SingleAsync(o => o.Name == "新宁镇");
            var inside = await db.Organisations.Where(o => o.Path.StartsWith(xinning.Path)).Select(o => o.Name).ToListAsync();
            return (inside.ToHashSet(), await db.Organisations.CountAsync());
        });
        Assert.True(others > own.Count);

        var rows = await ExportAsync("chair.xinning", "");

        Assert.Equal((await CurrentOfficerIdsAsync("新宁镇")).Count, rows.Count);
        Assert.All(rows, r => Assert.Contains((string)r[RosterColumns.Organisation]!, own));
        await ExportAsync("chair.xinning", $"?organisationId={await IdOfAsync("普安镇")}", HttpStatusCode.NotFound);
        await ExportAsync("chair.jianshe", "", HttpStatusCode.Forbidden);
    }
}
