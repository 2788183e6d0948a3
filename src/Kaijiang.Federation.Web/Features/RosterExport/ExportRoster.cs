using System.Globalization;
using System.Text.Json;
using Kaijiang.Federation.Web.Authorization;
using Kaijiang.Federation.Web.Data;
using Kaijiang.Federation.Web.Domain;
using Kaijiang.Federation.Web.Features.RosterImport;
using Kaijiang.Federation.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Kaijiang.Federation.Web.Features.RosterExport;

/// <summary>The cross-posts a roster list can be filtered by.</summary>
public enum CrossPost
{
    TwoCommittees = 1,   // 进两委
    PartySecretary = 2,  // 党支部书记
    VillageDirector = 3, // 村（居）委会主任
}

/// <summary>The roster list's filter, as in the URL: <c>/RosterExport?organisationId=&amp;office=&amp;crossPost=</c>.</summary>
public sealed class RosterFilter
{
    public int? OrganisationId { get; set; }

    public Office? Office { get; set; }

    public CrossPost? CrossPost { get; set; }
}

/// <summary>
/// Writes the current officers of an organisation's subtree, filtered as the list shows them, to an .xlsx file in the
/// template's columns (so an export with full numbers can be edited and imported again). Rows stream from the database
/// into a temporary file, never all in memory; ID numbers and phones are masked unless the role needs them.
/// </summary>
public sealed class ExportRoster(FederationDbContext db, TimeProvider clock, CurrentUser currentUser)
{
    // The words written for coded values, looked up once rather than searched for in every row.
    private static readonly IReadOnlyDictionary<Sex, string> SexWords = RosterColumns.WordsFor(RosterColumns.Sexes);
    private static readonly IReadOnlyDictionary<Education, string> EducationWords = RosterColumns.WordsFor(RosterColumns.Educations);
    private static readonly IReadOnlyDictionary<PoliticalStatus, string> PoliticalStatusWords = RosterColumns.WordsFor(RosterColumns.PoliticalStatuses);
    private static readonly IReadOnlyDictionary<Office, string> OfficeWords = RosterColumns.WordsFor(RosterColumns.Offices);
    private static readonly IReadOnlyDictionary<bool, string> FullTimeWords = RosterColumns.WordsFor(RosterColumns.FullTimeWords);

    private sealed record ExportRow(
        string Organisation, string Name, Sex Sex, DateOnly? BirthDate, string? Ethnicity, Education Education, PoliticalStatus PoliticalStatus,
        string? Phone, string? IdNumber, Office Office, bool IsFullTime, DateOnly StartOn, bool InTwoCommittees, bool IsPartySecretary,
        bool IsVillageDirector, decimal? MonthlyStipend, decimal? SecretaryMonthlyPay, DateOnly PlannedEndOn);

    /// <summary>Writes the file to <paramref name="output"/> and returns the number of rows, after recording the export in the audit log.</summary>
    public async Task<int> WriteAsync(Organisation organisation, RosterFilter filter, Stream output, CancellationToken cancellationToken)
    {
        var today = clock.Today();
        var upper = OrganisationPath.SubtreeUpperBound(organisation.Path);
        var terms = db.OfficeTerms.AsNoTracking()
            .Where(t => t.Organisation!.Path.CompareTo(organisation.Path) >= 0 && t.Organisation.Path.CompareTo(upper) < 0)
            .Where(t => t.EndedOn == null || t.EndedOn > today);
        if (filter.Office is { } office)
        {
            terms = terms.Where(t => t.Office == office);
        }

        terms = filter.CrossPost switch
        {
            CrossPost.TwoCommittees => terms.Where(t => t.InTwoCommittees),
            CrossPost.PartySecretary => terms.Where(t => t.IsPartySecretary),
            CrossPost.VillageDirector => terms.Where(t => t.IsVillageDirector),
            _ => terms,
        };

        var count = await terms.CountAsync(cancellationToken);
        var full = currentUser.SeesFullIdentityNumbers;

        // Recorded before the file is written: an export whose download is interrupted was still an export.
        db.AuditEntries.Add(new AuditEntry
        {
            At = clock.GetUtcNow(),
            UserId = currentUser.UserId,
            UserName = currentUser.UserName,
            Action = AuditActions.Export,
            EntityType = AuditActions.RosterEntityType,
            EntityId = organisation.Id.ToString(CultureInfo.InvariantCulture),
            OrganisationPath = organisation.Path,
            After = JsonSerializer.Serialize(new
            {
                OrganisationId = organisation.Id,
                Office = filter.Office?.ToString(),
                CrossPost = filter.CrossPost?.ToString(),
                Rows = count,
                Masked = !full,
            }),
        });
        await db.SaveChangesAsync(cancellationToken);

        var rows = terms
            .OrderBy(t => t.Organisation!.Path).ThenBy(t => t.Office).ThenBy(t => t.Person!.Name).ThenBy(t => t.Id)
            .Select(t => new ExportRow(
                t.Organisation!.Name, t.Person!.Name, t.Person.Sex, t.Person.BirthDate, t.Person.Ethnicity, t.Person.Education, t.Person.PoliticalStatus,
                t.Person.Phone, t.Person.IdNumber, t.Office, t.IsFullTime, t.StartOn, t.InTwoCommittees, t.IsPartySecretary,
                t.IsVillageDirector, t.MonthlyStipend, t.SecretaryMonthlyPay, t.PlannedEndOn))
            .AsEnumerable()
            .Select(r => ToCells(r, full));
        await XlsxFile.WriteAsync(output, rows, "名册", cancellationToken);
        return count;
    }

    private static Dictionary<string, object?> ToCells(ExportRow r, bool full) => new(StringComparer.Ordinal)
    {
        [RosterColumns.Organisation] = r.Organisation,
        [RosterColumns.Name] = r.Name,
        [RosterColumns.Sex] = SexWords.GetValueOrDefault(r.Sex, ""),
        [RosterColumns.BirthDate] = r.BirthDate is { } birth ? RosterColumns.FormatDate(birth) : null,
        [RosterColumns.Ethnicity] = r.Ethnicity,
        [RosterColumns.Education] = EducationWords.GetValueOrDefault(r.Education, ""),
        [RosterColumns.PoliticalStatus] = PoliticalStatusWords.GetValueOrDefault(r.PoliticalStatus, ""),
        [RosterColumns.Phone] = full ? r.Phone : MobilePhone.Mask(r.Phone),
        [RosterColumns.IdNumber] = full ? r.IdNumber : ResidentIdNumber.Mask(r.IdNumber),
        [RosterColumns.Office] = OfficeWords.GetValueOrDefault(r.Office, ""),
        [RosterColumns.FullTime] = FullTimeWords.GetValueOrDefault(r.IsFullTime, ""),
        [RosterColumns.StartOn] = RosterColumns.FormatDate(r.StartOn),
        [RosterColumns.InTwoCommittees] = RosterColumns.Yes(r.InTwoCommittees),
        [RosterColumns.PartySecretary] = RosterColumns.Yes(r.IsPartySecretary),
        [RosterColumns.VillageDirector] = RosterColumns.Yes(r.IsVillageDirector),
        [RosterColumns.MonthlyStipend] = r.MonthlyStipend,
        [RosterColumns.SecretaryPay] = r.SecretaryMonthlyPay,
        [RosterColumns.PlannedEndOn] = RosterColumns.FormatDate(r.PlannedEndOn),
    };
}
