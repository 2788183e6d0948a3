using System.Diagnostics;
using System.Net;
using Kaijiang.Federation.IntegrationTests.Infrastructure;
using Kaijiang.Federation.Web.Domain;
using Kaijiang.Federation.Web.Features.RosterImport;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace Kaijiang.Federation.IntegrationTests.RosterImport;

/// <summary>Sheets that pass: preview, then one all-or-nothing commit; the audit trail of what was written.</summary>
[Collection(RosterWritesCollection.Name)]
public sealed class RosterImportCommitTests(RosterWritesFixture fixture, ITestOutputHelper output)
{
    private PortalFactory Factory => fixture.Factory;

    private Task<(int People, int Terms)> CountsAsync() =>
        Factory.WithScopeAsync(async db => (await db.People.CountAsync(), await db.OfficeTerms.CountAsync()));

    private async Task<(int Id, string Path, List<string> Villages)> XinningAsync() => await Factory.WithScopeAsync(async db =>
    {
        var xinning = await db.Organisations.SingleAsync(o => o.Name == "新宁镇");
        var upper = OrganisationPath.SubtreeUpperBound(xinning.Path);
        var names = await db.Organisations
            .Where(o => o.Path.CompareTo(xinning.Path) > 0 && o.Path.CompareTo(upper) < 0 && o.ClosedOn == null)
            .Select(o => o.Name).ToListAsync();
        var unique = names.GroupBy(n => n).Where(g => g.Count() == 1).Select(g => g.Key).Order(StringComparer.Ordinal).ToList();
        return (xinning.Id, xinning.Path, unique);
    });

    private async Task<PortalClient> SignedInAsync(string user)
    {
        var client = new PortalClient(Factory);
        await client.LoginAsync(user);
        return client;
    }

    [Fact]
    public async Task A_valid_sheet_previews_then_commits_every_row_in_one_go_with_its_audit_trail()
    {
        var (xinningId, xinningPath, villages) = await XinningAsync();
        // An existing person of Xinning, matched by her ID number: she gains a term, no second record.
        var existing = await Factory.WithScopeAsync(db => db.People
            .Where(p => p.Organisation!.Path.StartsWith(xinningPath) && p.IdNumber != null)
            .OrderBy(p => p.Id).Select(p => new { p.Id, p.IdNumber, p.BirthDate }).FirstAsync());
        var rows = Enumerable.Range(5_000, 20).Select(n => RosterSheets.Row(villages[n % villages.Count], n)).ToList();
        var update = RosterSheets.Row(villages[0], 5_100, office: "副主席");
        update[RosterColumns.IdNumber] = existing.IdNumber;
        update[RosterColumns.BirthDate] = null;
        rows.Add(update);
        var before = await CountsAsync();
        var client = await SignedInAsync("county.staff");

        var (token, html) = await RosterSheets.PreviewAsync(client, xinningId, RosterSheets.Xlsx(rows));

        Assert.Empty(RosterSheets.Problems(html));
        Assert.Equal(20, RosterSheets.CountOf(html, RowAction.Create));
        Assert.Equal(1, RosterSheets.CountOf(html, RowAction.Update));
        Assert.Equal(before, await CountsAsync()); // the preview wrote nothing

        var commit = await RosterSheets.CommitAsync(client, token, html);

        Assert.Equal(HttpStatusCode.Redirect, commit.StatusCode);
        Assert.Equal($"/Organisations/Details/{xinningId}", commit.Headers.Location!.OriginalString);
        Assert.Equal((before.People + 20, before.Terms + 21), await CountsAsync());
        var (personPaths, termPaths, imports) = await Factory.WithScopeAsync(async db =>
        {
            var ids = rows.Select(r => (string)r[RosterColumns.IdNumber]!).ToList();
            // ID numbers are stored encrypted: found through their keyed hashes.
            var hashes = ids.Select(db.PersonalData!.HashIdNumber).ToList();
            var people = await db.People.Where(p => hashes.Contains(p.IdNumberHash!)).Select(p => new { Id = p.Id.ToString(), p.Organisation!.Path }).ToListAsync();
            var personIds = people.Select(p => p.Id).ToList();
            var audit = await db.AuditEntries.Where(a => a.EntityType == nameof(Person) && a.Action == "Added" && personIds.Contains(a.EntityId!))
                .Select(a => new { a.EntityId, a.OrganisationPath }).ToListAsync();
            var terms = await db.AuditEntries.Where(a => a.EntityType == nameof(OfficeTerm) && a.Action == "Added" && a.UserName == "county.staff")
                .Select(a => a.OrganisationPath).ToListAsync();
            var importEntries = await db.AuditEntries.CountAsync(a => a.Action == AuditActions.Import && a.EntityId == xinningId.ToString());
            return (audit.Select(a => (a.EntityId, a.OrganisationPath)).ToList(), terms, importEntries);
        });

        // The interceptor gives each new person and term its organisation's path, though the organisations were not tracked.
        Assert.Equal(20, personPaths.Count);
        Assert.All(personPaths, p => Assert.StartsWith(xinningPath, p.OrganisationPath, StringComparison.Ordinal));
        Assert.True(termPaths.Count >= 21);
        Assert.All(termPaths, p => Assert.StartsWith(xinningPath, p ?? "", StringComparison.Ordinal));
        Assert.Equal(1, imports);

        // The token is spent: a second commit finds nothing.
        Assert.Equal(HttpStatusCode.NotFound, (await RosterSheets.CommitAsync(client, token, html)).StatusCode);
    }

    [Fact]
    public async Task Another_users_commit_token_is_refused_and_nothing_is_written()
    {
        var (xinningId, _, villages) = await XinningAsync();
        var rows = Enumerable.Range(6_000, 5).Select(n => RosterSheets.Row(villages[n % villages.Count], n)).ToList();
        var staff = await SignedInAsync("county.staff");
        var (token, _) = await RosterSheets.PreviewAsync(staff, xinningId, RosterSheets.Xlsx(rows));
        var before = await CountsAsync();

        var admin = await SignedInAsync("admin");
        var page = await admin.Http.GetStringAsync("/");
        Assert.Equal(HttpStatusCode.NotFound, (await admin.Http.GetAsync($"/RosterImport/Preview/{token}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await RosterSheets.CommitAsync(admin, token, page)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await RosterSheets.CommitAsync(admin, "../../federation", page)).StatusCode);

        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task A_sheet_of_2065_rows_validates_and_commits_correctly()
    {
        const int count = 2_065;
        var (xinningId, xinningPath, villages) = await XinningAsync();
        var rows = Enumerable.Range(10_000, count).Select(n => RosterSheets.Row(villages[n % villages.Count], n)).ToList();
        var file = RosterSheets.Xlsx(rows);
        var before = await CountsAsync();
        var client = await SignedInAsync("county.staff");

        var watch = Stopwatch.StartNew();
        var (token, html) = await RosterSheets.PreviewAsync(client, xinningId, file);
        var validated = watch.Elapsed;
        watch.Restart();
        var commit = await RosterSheets.CommitAsync(client, token, html);
        var committed = watch.Elapsed;
        output.WriteLine($"{count} rows, {file.Length / 1024} KiB: upload + validate + preview {validated.TotalMilliseconds:0} ms, commit {committed.TotalMilliseconds:0} ms");

        Assert.Equal(count, RosterSheets.CountOf(html, RowAction.Create));
        Assert.Equal(HttpStatusCode.Redirect, commit.StatusCode);
        Assert.Equal((before.People + count, before.Terms + count), await CountsAsync());
        var (imported, audited) = await Factory.WithScopeAsync(async db =>
        {
            var ids = rows.Select(r => (string)r[RosterColumns.IdNumber]!).ToList();
            var hashes = ids.Select(db.PersonalData!.HashIdNumber).ToList();
            var people = await db.People.Where(p => hashes.Contains(p.IdNumberHash!)).Select(p => new { p.Name, p.Organisation!.Path, Terms = db.OfficeTerms.Count(t => t.PersonId == p.Id) }).ToListAsync();
            var personIds = await db.People.Where(p => hashes.Contains(p.IdNumberHash!)).Select(p => p.Id.ToString()).ToListAsync();
            var entries = await db.AuditEntries.CountAsync(a => a.EntityType == nameof(Person) && personIds.Contains(a.EntityId!) && a.OrganisationPath != null);
            return (people, entries);
        });
        Assert.Equal(count, imported.Count);
        Assert.All(imported, p => Assert.Equal(1, p.Terms));
        Assert.All(imported, p => Assert.StartsWith(xinningPath, p.Path, StringComparison.Ordinal));
        Assert.Equal(count, audited);
    }
}
