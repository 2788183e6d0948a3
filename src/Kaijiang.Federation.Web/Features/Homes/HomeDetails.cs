using Kaijiang.Federation.Web.Data;
using Kaijiang.Federation.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace Kaijiang.Federation.Web.Features.Homes;

public sealed record ChecklistStatus(int ItemId, string NameZh, string NameEn, bool IsMet, DateOnly? MetSince);

public sealed record InspectionRow(int Id, DateOnly VisitedOn, string Inspector, string? Note, bool MetStandard, string? RecordedBy, IReadOnlyList<string> FoundZh, IReadOnlyList<string> FoundEn);

public sealed record HomeDetailsModel
{
    public required int Id { get; init; }
    public required string Name { get; init; }
    public required ServiceSiteKind Kind { get; init; }
    public required int HostId { get; init; }
    public required string HostName { get; init; }
    public required OrganisationKind HostKind { get; init; }
    public DateOnly? StandardisedOn { get; init; }
    public decimal? AreaSquareMetres { get; init; }
    public decimal SubsidyReceived { get; init; }
    public DateOnly? OpenedOn { get; init; }
    public IReadOnlyList<string> Managers { get; init; } = [];
    public IReadOnlyList<ChecklistStatus> Checklist { get; init; } = [];
    public IReadOnlyList<InspectionRow> Inspections { get; init; } = [];
    public bool CanEdit { get; init; }
}

/// <summary>One home with its managers, checklist status and inspection visits. Outside the scope it is not found.</summary>
public sealed class HomeDetails(FederationDbContext db)
{
    public async Task<HomeDetailsModel?> RunAsync(int id, CancellationToken cancellationToken)
    {
        var home = await db.ServiceSites.AsNoTracking().Where(s => s.Id == id)
            .Select(s => new HomeDetailsModel
            {
                Id = s.Id,
                Name = s.Name,
                Kind = s.Kind,
                HostId = s.OrganisationId,
                HostName = s.Organisation!.Name,
                HostKind = s.Organisation.Kind,
                StandardisedOn = s.StandardisedOn,
                AreaSquareMetres = s.AreaSquareMetres,
                SubsidyReceived = s.SubsidyReceived,
                OpenedOn = s.OpenedOn,
                Managers = s.Managers.OrderBy(m => m.Person!.Name).Select(m => m.Person!.Name).ToList(),
            })
            .SingleOrDefaultAsync(cancellationToken);
        if (home is null)
        {
            return null;
        }

        var met = await db.ServiceSiteChecklistItems.AsNoTracking().Where(m => m.ServiceSiteId == id)
            .ToDictionaryAsync(m => m.StandardChecklistItemId, m => m.MetSince, cancellationToken);
        var items = await db.StandardChecklistItems.AsNoTracking().Where(i => i.Kind == home.Kind && i.IsActive)
            .OrderBy(i => i.SortOrder).ThenBy(i => i.Id)
            .Select(i => new { i.Id, i.NameZh, i.NameEn })
            .ToListAsync(cancellationToken);
        var inspections = await db.SiteInspections.AsNoTracking().Where(i => i.ServiceSiteId == id)
            .OrderByDescending(i => i.VisitedOn).ThenByDescending(i => i.Id)
            .Select(i => new InspectionRow(
                i.Id, i.VisitedOn, i.Inspector, i.Note, i.MetStandard, i.RecordedBy,
                i.Findings.OrderBy(f => f.Item!.SortOrder).Select(f => f.Item!.NameZh).ToList(),
                i.Findings.OrderBy(f => f.Item!.SortOrder).Select(f => f.Item!.NameEn).ToList()))
            .ToListAsync(cancellationToken);

        return home with
        {
            Checklist = items.Select(i => new ChecklistStatus(i.Id, i.NameZh, i.NameEn, met.ContainsKey(i.Id), met.TryGetValue(i.Id, out var since) ? since : null)).ToList(),
            Inspections = inspections,
        };
    }
}
