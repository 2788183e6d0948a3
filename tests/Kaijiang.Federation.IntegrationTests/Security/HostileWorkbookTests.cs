using System.Net;
using Kaijiang.Federation.IntegrationTests.Infrastructure;
using Kaijiang.Federation.IntegrationTests.RosterImport;
using Kaijiang.Federation.Web.Features.RosterImport;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace Kaijiang.Federation.IntegrationTests.Security;

/// <summary>
/// Hostile spreadsheets (issue 10, item 6): a roster workbook full of formulas, scripts, overlong and invisible text is
/// refused or shown encoded, never a 5xx and never stored overlong; and every export writes text that a spreadsheet
/// would run as a formula (= + - @) with a leading apostrophe (formula injection).
/// </summary>
public sealed class HostileWorkbookTests
{
    private const string Formula = "=cmd|' /C calc'!A0";

    [Fact]
    public async Task A_hostile_roster_workbook_is_refused_or_shown_encoded_and_nothing_overlong_is_stored()
    {
        using var factory = new PortalFactory();
        var client = new PortalClient(factory);
        await client.LoginAsync("county.staff");
        var xinning = await factory.WithScopeAsync(db => db.Organisations.Where(o => o.Name == "新宁镇").Select(o => o.Id).SingleAsync());
        var before = await factory.WithScopeAsync(db => db.People.CountAsync());

        var hostile = new[]
        {
            HostileInputTests.Script + HostileInputTests.Attribute, Formula, "+SUM(1,2)", "@SUM(A1)", "-2+3",
            HostileInputTests.Sql, HostileInputTests.Overlong, HostileInputTests.ZeroWidth, "\u0007\u001B[31m",
        };
        var rows = new List<Dictionary<string, object?>>();
        var n = 500;
        foreach (var value in hostile)
        {
            // The value in the name, the organisation, the phone and the ID number of a row each.
            foreach (var column in new[] { RosterColumns.Name, RosterColumns.Organisation, RosterColumns.Phone, RosterColumns.IdNumber, RosterColumns.Ethnicity })
            {
                var row = RosterSheets.Row("新宁镇", n++);
                row[column] = value;
                rows.Add(row);
            }
        }

        var response = await RosterSheets.UploadAsync(client, xinning, RosterSheets.Xlsx(rows));
        Assert.True((int)response.StatusCode < 500, $"upload answered {(int)response.StatusCode}");
        var page = response.StatusCode == HttpStatusCode.Redirect
            ? await client.Http.GetStringAsync(response.Headers.Location!.OriginalString)
            : await response.Content.ReadAsStringAsync();
        HostileInputTests.AssertEncoded(page, "roster preview");
        var problems = RosterSheets.Problems(page);
        Assert.Contains(problems, p => p.Column == RosterColumns.Phone);
        Assert.Contains(problems, p => p.Column == RosterColumns.IdNumber);
        Assert.Contains(problems, p => p.Column == RosterColumns.Organisation);

        // With problems on the sheet nothing can be committed: the commit form is absent or refuses.
        if (response.StatusCode == HttpStatusCode.Redirect && page.Contains("/RosterImport/Commit/", StringComparison.Ordinal))
        {
            var location = response.Headers.Location!.OriginalString;
            var commit = await RosterSheets.CommitAsync(client, location[(location.LastIndexOf('/') + 1)..], page);
            Assert.True((int)commit.StatusCode < 500, $"commit answered {(int)commit.StatusCode}");
        }

        Assert.Equal(before, await factory.WithScopeAsync(db => db.People.CountAsync()));
        var overlong = await factory.WithScopeAsync(db => db.People.CountAsync(p => p.Name.Length > 100 || (p.Ethnicity != null && p.Ethnicity.Length > 100)));
        Assert.Equal(0, overlong);
    }

    [Fact]
    public async Task Exports_write_formula_text_with_a_leading_apostrophe()
    {
        using var factory = new PortalFactory();
        var client = new PortalClient(factory);
        await client.LoginAsync("county.staff");

        // Hostile text already in the database (typed in a form, imported, or older data): a name and a home's name.
        var (xinning, personName) = await factory.WithScopeAsync(async db =>
        {
            var organisation = await db.Organisations.SingleAsync(o => o.Name == "新宁镇");
            var term = await db.OfficeTerms.Include(t => t.Person).Where(t => t.OrganisationId == organisation.Id && t.EndedOn == null).OrderBy(t => t.Id).FirstAsync();
            term.Person!.Name = Formula;
            var home = await db.ServiceSites.OrderBy(s => s.Id).FirstAsync();
            home.Name = "+SUM(1,2)";
            await db.SaveChangesAsync();
            return (organisation.Id, term.Person.Name);
        });
        Assert.Equal(Formula, personName);

        var roster = await DownloadAsync(client, $"/RosterExport?organisationId={xinning}");
        Assert.Contains(roster, row => Equals(row[RosterColumns.Name], "'" + Formula));
        AssertNoLiveFormula(roster, "roster export");

        var homes = await DownloadAsync(client, "/Homes/Export");
        Assert.Contains(homes, row => row.Values.Any(v => Equals(v, "'+SUM(1,2)")));
        AssertNoLiveFormula(homes, "homes export");
    }

    private static async Task<List<IDictionary<string, object?>>> DownloadAsync(PortalClient client, string url)
    {
        var response = await client.Http.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        return MiniExcel.Query(stream, useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
    }

    private static void AssertNoLiveFormula(List<IDictionary<string, object?>> rows, string what)
    {
        foreach (var value in rows.SelectMany(r => r.Values).OfType<string>())
        {
            Assert.False(Kaijiang.Federation.Web.Infrastructure.SpreadsheetCells.IsDangerous(value), $"{what}: a cell starts like a formula: {value}");
        }
    }
}
