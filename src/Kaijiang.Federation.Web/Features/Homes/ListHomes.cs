using Kaijiang.Federation.Web.Data;
using Kaijiang.Federation.Web.Domain;
using Kaijiang.Federation.Web.Features.Registers;
using Microsoft.EntityFrameworkCore;

namespace Kaijiang.Federation.Web.Features.Homes;

/// <summary>The list's filters, kept in the query string so that a filtered list can be bookmarked and exported.</summary>
public sealed class HomeListFilter
{
    public int? Township { get; set; }

    public ServiceSiteKind? Kind { get; set; }

    public bool? Standardised { get; set; }

    public OrganisationKind? HostKind { get; set; }

    public string? Search { get; set; }

    public int Page { get; set; } = 1;
}

public sealed record HomeRow(
    int Id,
    string Name,
    ServiceSiteKind Kind,
    string HostName,
    OrganisationKind HostKind,
    string? ParentName,
    DateOnly? StandardisedOn,
    decimal? AreaSquareMetres,
    decimal SubsidyReceived,
    int ItemsMet,
    int ItemsRequired);

public sealed record HomeListPage(HomeListFilter Filter, IReadOnlyList<TownshipOption> Townships, IReadOnlyList<HomeRow> Rows, int Total, int PageCount);

/// <summary>Women's and Children's Homes in the user's scope, filtered, a page at a time (or all, for the export).</summary>
public sealed class ListHomes(FederationDbContext db, RegisterLookups lookups)
{
    public async Task<HomeListPage> RunAsync(HomeListFilter filter, CancellationToken cancellationToken)
    {
        var homes = await FilteredAsync(filter, cancellationToken);
        var total = await homes.CountAsync(cancellationToken);
        var pageCount = Math.Max(1, (total + RegisterLookups.PageSize - 1) / RegisterLookups.PageSize);
        filter.Page = Math.Clamp(filter.Page, 1, pageCount);
        var rows = await Project(homes.OrderBy(s => s.Organisation!.Path).ThenBy(s => s.Kind).ThenBy(s => s.Id)
                .Skip((filter.Page - 1) * RegisterLookups.PageSize).Take(RegisterLookups.PageSize))
            .ToListAsync(cancellationToken);
        return new HomeListPage(filter, await lookups.TownshipsAsync(cancellationToken), rows, total, pageCount);
    }

    public async Task<List<HomeRow>> AllAsync(HomeListFilter filter, CancellationToken cancellationToken) =>
        await Project((await FilteredAsync(filter, cancellationToken)).OrderBy(s => s.Organisation!.Path).ThenBy(s => s.Kind).ThenBy(s => s.Id))
            .ToListAsync(cancellationToken);

    private async Task<IQueryable<ServiceSite>> FilteredAsync(HomeListFilter filter, CancellationToken cancellationToken)
    {
        (var homes, filter.Township) = await lookups.InSubtreeAsync(db.ServiceSites.AsNoTracking(), filter.Township, cancellationToken);

        if (filter.Kind is { } kind)
        {
            homes = homes.Where(s => s.Kind == kind);
        }

        if (filter.Standardised is { } standardised)
        {
            homes = standardised ? homes.Where(s => s.StandardisedOn != null) : homes.Where(s => s.StandardisedOn == null);
        }

        if (filter.HostKind is { } hostKind)
        {
            homes = homes.Where(s => s.Organisation!.Kind == hostKind);
        }

        var search = filter.Search?.Trim();
        if (!string.IsNullOrEmpty(search))
        {
            homes = homes.Where(s => s.Name.Contains(search) || s.Organisation!.Name.Contains(search));
        }

        return homes;
    }

    private IQueryable<HomeRow> Project(IQueryable<ServiceSite> homes) => homes.Select(s => new HomeRow(
        s.Id,
        s.Name,
        s.Kind,
        s.Organisation!.Name,
        s.Organisation.Kind,
        s.Organisation.Parent == null ? null : s.Organisation.Parent.Name,
        s.StandardisedOn,
        s.AreaSquareMetres,
        s.SubsidyReceived,
        s.MetItems.Count(m => m.Item!.IsActive),
        db.StandardChecklistItems.Count(i => i.Kind == s.Kind && i.IsActive)));
}
