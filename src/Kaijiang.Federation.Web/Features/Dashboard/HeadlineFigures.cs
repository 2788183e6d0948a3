using Kaijiang.Federation.Web.Data;
using Kaijiang.Federation.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace Kaijiang.Federation.Web.Features.Dashboard;

public sealed record HeadlineFiguresModel
{
    public int Townships { get; init; }
    public int Villages { get; init; }
    public int Communities { get; init; }
    public int Units { get; init; }
    public int Converted { get; init; }
    public int VillageChairs { get; init; }
    public int VillageViceChairs { get; init; }
    public int VillageExecutives { get; init; }
    public int TownshipExecutives { get; init; }
    public int TownshipChairsAndVices { get; init; }
    public int ChairsInTwoCommittees { get; init; }
    public int ChairsPartySecretaries { get; init; }
    public int ChairsVillageDirectors { get; init; }
    public int ChairsMeetingStipendRule { get; init; }
    public int StandardisedWomensHomes { get; init; }
    public int WomensHomes { get; init; }
    public int ChildrensHomes { get; init; }
    public int UnitWomensHomes { get; init; }
    public int Loans { get; init; }
    public decimal LoanAmount { get; init; }
    public int LoanJobs { get; init; }
    public int AwardsDecided { get; init; }
    public int Mottos { get; init; }

    public decimal ConversionRate => Villages + Communities == 0 ? 0 : (decimal)Converted / (Villages + Communities);
}

/// <summary>The dashboard's headline counts, computed from the records in the user's scope.</summary>
public sealed class HeadlineFigures(FederationDbContext db, TimeProvider clock)
{
    public async Task<HeadlineFiguresModel> ForScopeAsync(CancellationToken cancellationToken)
    {
        var today = clock.Today();
        var orgs = await db.Organisations.AsNoTracking()
            .Where(o => o.ClosedOn == null)
            .GroupBy(o => new { o.Kind, Converted = o.ReformStatus == ReformStatus.Converted })
            .Select(g => new { g.Key.Kind, g.Key.Converted, Count = g.Count() })
            .ToListAsync(cancellationToken);

        var terms = db.OfficeTerms.AsNoTracking().Where(t => t.EndedOn == null || t.EndedOn > today);
        var village = terms.Where(t => t.Organisation!.Kind == OrganisationKind.Village || t.Organisation.Kind == OrganisationKind.Community);
        var termCounts = await terms
            .GroupBy(t => new { t.Organisation!.Kind, t.Office })
            .Select(g => new { g.Key.Kind, g.Key.Office, Count = g.Count() })
            .ToListAsync(cancellationToken);
        int Terms(Func<OrganisationKind, bool> kind, Office office) =>
            termCounts.Where(t => kind(t.Kind) && t.Office == office).Sum(t => t.Count);
        static bool IsVillage(OrganisationKind k) => k is OrganisationKind.Village or OrganisationKind.Community;

        var chairs = village.Where(t => t.Office == Office.Chair);
        var sites = db.ServiceSites.AsNoTracking();
        var loans = db.Loans.AsNoTracking();

        return new HeadlineFiguresModel
        {
            Townships = orgs.Where(o => o.Kind == OrganisationKind.Township).Sum(o => o.Count),
            Villages = orgs.Where(o => o.Kind == OrganisationKind.Village).Sum(o => o.Count),
            Communities = orgs.Where(o => o.Kind == OrganisationKind.Community).Sum(o => o.Count),
            Units = orgs.Where(o => o.Kind == OrganisationKind.Unit).Sum(o => o.Count),
            Converted = orgs.Where(o => IsVillage(o.Kind) && o.Converted).Sum(o => o.Count),
            VillageChairs = Terms(IsVillage, Office.Chair),
            VillageViceChairs = Terms(IsVillage, Office.ViceChair),
            VillageExecutives = Terms(IsVillage, Office.ExecutiveMember),
            TownshipExecutives = Terms(k => k == OrganisationKind.Township, Office.ExecutiveMember),
            TownshipChairsAndVices = Terms(k => k == OrganisationKind.Township, Office.Chair) + Terms(k => k == OrganisationKind.Township, Office.ViceChair),
            ChairsInTwoCommittees = await chairs.CountAsync(t => t.InTwoCommittees, cancellationToken),
            ChairsPartySecretaries = await chairs.CountAsync(t => t.IsPartySecretary, cancellationToken),
            ChairsVillageDirectors = await chairs.CountAsync(t => t.IsVillageDirector, cancellationToken),
            ChairsMeetingStipendRule = await chairs.CountAsync(
                t => t.MonthlyStipend != null && t.SecretaryMonthlyPay != null && t.MonthlyStipend * 3 >= t.SecretaryMonthlyPay, cancellationToken),
            WomensHomes = await sites.CountAsync(s => s.Kind == ServiceSiteKind.WomensHome, cancellationToken),
            StandardisedWomensHomes = await sites.CountAsync(
                s => s.Kind == ServiceSiteKind.WomensHome && s.StandardisedOn != null && s.Organisation!.Kind != OrganisationKind.Unit, cancellationToken),
            UnitWomensHomes = await sites.CountAsync(
                s => s.Kind == ServiceSiteKind.WomensHome && s.Organisation!.UnitKind == UnitKind.NonPublicEconomic, cancellationToken),
            ChildrensHomes = await sites.CountAsync(s => s.Kind == ServiceSiteKind.ChildrensHome, cancellationToken),
            Loans = await loans.CountAsync(cancellationToken),
            LoanAmount = await loans.SumAsync(l => l.Amount, cancellationToken),
            LoanJobs = await loans.SumAsync(l => l.JobsCreated, cancellationToken),
            AwardsDecided = await db.FamilyAwards.CountAsync(a => a.Status == AwardStatus.Awarded, cancellationToken),
            Mottos = await db.FamilyMottos.CountAsync(cancellationToken),
        };
    }
}
