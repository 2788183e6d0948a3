using Kaijiang.Federation.Web.Data;
using Kaijiang.Federation.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace Kaijiang.Federation.Web.Features.Organisations;

public sealed record OrganisationSummary(int Id, string Name, OrganisationKind Kind, UnitKind UnitKind, string? ChairName, int Children, int Officers);

public sealed record OfficerRow(int TermId, string Name, Office Office, bool IsFullTime, bool InTwoCommittees, bool IsPartySecretary, bool IsVillageDirector, DateOnly StartOn, DateOnly PlannedEndOn);

public sealed record OrganisationDetails
{
    public required int Id { get; init; }
    public required string Name { get; init; }
    public required OrganisationKind Kind { get; init; }
    public UnitKind UnitKind { get; init; }
    public int? ParentId { get; init; }
    public string? ParentName { get; init; }
    public string? DivisionCode { get; init; }
    public ReformStatus ReformStatus { get; init; }
    public DateOnly? ReformDate { get; init; }
    public decimal AnnualFunds { get; init; }
    public string? ContactName { get; init; }
    public string? ContactPhone { get; init; }
    public string? Address { get; init; }
    public DateOnly? ClosedOn { get; init; }
    public IReadOnlyList<OfficerRow> Officers { get; init; } = [];
    public IReadOnlyList<OrganisationSummary> Children { get; init; } = [];
}

/// <summary>Reads of the organisation pages. The scope filter makes an organisation outside the user's subtree not found.</summary>
public sealed class OrganisationQueries(FederationDbContext db, TimeProvider clock)
{
    public async Task<OrganisationDetails?> DetailsAsync(int id, CancellationToken cancellationToken)
    {
        var today = clock.Today();
        var organisation = await db.Organisations.AsNoTracking()
            .Where(o => o.Id == id)
            .Select(o => new OrganisationDetails
            {
                Id = o.Id,
                Name = o.Name,
                Kind = o.Kind,
                UnitKind = o.UnitKind,
                ParentId = o.ParentId,
                ParentName = o.Parent == null ? null : o.Parent.Name,
                DivisionCode = o.DivisionCode,
                ReformStatus = o.ReformStatus,
                ReformDate = o.ReformDate,
                AnnualFunds = o.AnnualFunds,
                ContactName = o.ContactName,
                ContactPhone = o.ContactPhone,
                Address = o.Address,
                ClosedOn = o.ClosedOn,
            })
            .SingleOrDefaultAsync(cancellationToken);
        if (organisation is null)
        {
            return null;
        }

        var officers = await db.OfficeTerms.AsNoTracking()
            .Where(t => t.OrganisationId == id && (t.EndedOn == null || t.EndedOn > today))
            .OrderBy(t => t.Office).ThenBy(t => t.Person!.Name)
            .Select(t => new OfficerRow(t.Id, t.Person!.Name, t.Office, t.IsFullTime, t.InTwoCommittees, t.IsPartySecretary, t.IsVillageDirector, t.StartOn, t.PlannedEndOn))
            .ToListAsync(cancellationToken);

        var children = await db.Organisations.AsNoTracking()
            .Where(o => o.ParentId == id && o.ClosedOn == null)
            .OrderBy(o => o.Path)
            .Select(o => new OrganisationSummary(
                o.Id,
                o.Name,
                o.Kind,
                o.UnitKind,
                o.OfficeTerms.Where(t => t.Office == Office.Chair && (t.EndedOn == null || t.EndedOn > today)).Select(t => t.Person!.Name).FirstOrDefault(),
                o.Children.Count(c => c.ClosedOn == null),
                o.OfficeTerms.Count(t => t.EndedOn == null || t.EndedOn > today)))
            .ToListAsync(cancellationToken);

        return organisation with { Officers = officers, Children = children };
    }
}
