using Kaijiang.Federation.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Kaijiang.Federation.Web.Seeding;

/// <summary>Stores a built demo county in one transaction (the caller's, or its own): all of it or nothing.</summary>
/// <remarks>
/// Rows are added in bulk and saved in a few dependency-ordered batches (the tree, then people, then what
/// hangs on them), so the provider batches the inserts; a save per row would take minutes.
/// </remarks>
public static class DemoCountyWriter
{
    // Joins the caller's transaction (the seeder adds the accounts in it) or opens one of its own.
    public static Task WriteAsync(FederationDbContext db, DemoCounty.Result county, CancellationToken cancellationToken) =>
        db.InTransactionAsync(ct => WriteInTransactionAsync(db, county, ct), cancellationToken);

    private static async Task WriteInTransactionAsync(FederationDbContext db, DemoCounty.Result county, CancellationToken cancellationToken)
    {
        // Nothing is changed after it is added, so the change tracker need not scan some 25,000 entries before each
        // save; the audit interceptor still detects changes once per save.
        using var _ = db.ChangeTracker.PauseDetectChanges();

        db.Organisations.AddRange(county.Organisations);
        await db.SaveChangesAsync(cancellationToken);

        db.People.AddRange(county.People);
        await db.SaveChangesAsync(cancellationToken);

        db.OfficeTerms.AddRange(county.OfficeTerms);
        db.StandardChecklistItems.AddRange(county.ChecklistItems);
        db.ServiceSites.AddRange(county.ServiceSites);
        db.AwardTitles.AddRange(county.AwardTitles);
        db.Families.AddRange(county.Families);
        db.FamilyAwards.AddRange(county.FamilyAwards);
        db.FamilyMottos.AddRange(county.FamilyMottos);
        db.Books.AddRange(county.Books);
        await db.SaveChangesAsync(cancellationToken);

        db.Loans.AddRange(county.Loans);
        db.StartupGrants.AddRange(county.StartupGrants);
        db.Bases.AddRange(county.Bases);
        db.Projects.AddRange(county.Projects);
        db.Trainings.AddRange(county.Trainings);
        db.Experts.AddRange(county.Experts);
        db.JobFairs.AddRange(county.JobFairs);
        db.Partners.AddRange(county.Partners);
        db.OutreachChannels.AddRange(county.OutreachChannels);
        db.ReportIndicators.AddRange(county.ReportIndicators);
        await UseStoredSectionsAsync(db, county, cancellationToken);
        db.MonthlyReports.AddRange(county.MonthlyReports);
        await db.SaveChangesAsync(cancellationToken);

        db.ChangeTracker.Clear();
    }

    /// <summary>
    /// The migration has written the default text sections: the demo's texts point at those rows, and only a
    /// section the database lacks is added.
    /// </summary>
    private static async Task UseStoredSectionsAsync(FederationDbContext db, DemoCounty.Result county, CancellationToken cancellationToken)
    {
        var stored = await db.ReportSections.ToDictionaryAsync(s => s.Code, StringComparer.Ordinal, cancellationToken);
        foreach (var section in county.ReportSections.Where(s => !stored.ContainsKey(s.Code)))
        {
            db.ReportSections.Add(section);
            stored[section.Code] = section;
        }

        foreach (var text in county.MonthlyReports.SelectMany(r => r.Texts))
        {
            text.ReportSection = stored[text.SectionCode];
        }
    }
}
