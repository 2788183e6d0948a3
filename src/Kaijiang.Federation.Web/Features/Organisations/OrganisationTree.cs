using Kaijiang.Federation.Web.Data;
using Kaijiang.Federation.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace Kaijiang.Federation.Web.Features.Organisations;

/// <summary>One node of the tree as the page shows it: name, chair, counts.</summary>
public sealed record TreeNode(
    int Id, string Name, OrganisationKind Kind, UnitKind UnitKind, DateOnly? ClosedOn, string? ChairName, int Officers, int Children);

/// <summary>The nodes under one organisation, rendered as a nested list (the page and the on-demand partial).</summary>
public sealed record TreeLevel(int ParentId, IReadOnlyList<TreeNode> Nodes, bool ShowClosed);

public sealed record TreePage
{
    public required TreeNode Root { get; init; }
    public required TreeLevel Level { get; init; }
    public string? Query { get; init; }
    public bool ShowClosed { get; init; }
    public SearchResults? Results { get; init; }
}

/// <summary>A search hit with the names of its visible ancestors (county › township › village).</summary>
public sealed record SearchHit(int Id, string Name, OrganisationKind Kind, DateOnly? ClosedOn, IReadOnlyList<string> Ancestors);

public sealed record SearchResults(IReadOnlyList<SearchHit> Hits, int Total, int Page, int PageSize)
{
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

/// <summary>
/// Reads of the tree page. Every query goes through the scope filter, so an organisation outside the user's
/// subtree is not found; children are one query per expansion, the counts are correlated sub-queries of it.
/// </summary>
public sealed class OrganisationTree(FederationDbContext db, TimeProvider clock)
{
    public const int PageSize = 50;

    public async Task<TreeNode?> NodeAsync(int id, CancellationToken cancellationToken) =>
        await Nodes(db.Organisations.Where(o => o.Id == id), showClosed: true).SingleOrDefaultAsync(cancellationToken);

    /// <summary>The children of <paramref name="parentId"/>, or null when the parent is not in the user's scope.</summary>
    public async Task<TreeLevel?> ChildrenAsync(int parentId, bool showClosed, CancellationToken cancellationToken)
    {
        // The parent must itself be visible: its children may be (a township chair's township is a child of the
        // county), but expanding the county is not hers to do.
        var children = db.Organisations.Where(o => o.ParentId == parentId && db.Organisations.Any(p => p.Id == parentId));
        if (!showClosed)
        {
            children = children.Where(o => o.ClosedOn == null);
        }

        // Villages and communities first, then the units the organisation oversees; by path within each.
        var nodes = await Nodes(children.OrderBy(o => o.Kind == OrganisationKind.Unit ? 1 : 0).ThenBy(o => o.Path), showClosed)
            .ToListAsync(cancellationToken);
        if (nodes.Count == 0 && !await db.Organisations.AnyAsync(o => o.Id == parentId, cancellationToken))
        {
            return null;
        }

        return new TreeLevel(parentId, nodes, showClosed);
    }

    public async Task<SearchResults> SearchAsync(string query, bool showClosed, int page, CancellationToken cancellationToken)
    {
        var text = query.Trim();
        var initials = text.ToLowerInvariant();
        var matches = db.Organisations.AsNoTracking()
            .Where(o => o.Name.Contains(text) || (o.PinyinInitials != null && o.PinyinInitials.StartsWith(initials)));
        if (!showClosed)
        {
            matches = matches.Where(o => o.ClosedOn == null);
        }

        var total = await matches.CountAsync(cancellationToken);
        page = Math.Clamp(page, 1, Math.Max(1, (total + PageSize - 1) / PageSize));
        var rows = await matches.OrderBy(o => o.Path)
            .Skip((page - 1) * PageSize).Take(PageSize)
            .Select(o => new { o.Id, o.Name, o.Kind, o.ClosedOn, o.Path })
            .ToListAsync(cancellationToken);

        // The ancestors of every hit in one query; those outside the scope are simply not found.
        var ancestorPaths = rows.SelectMany(r => OrganisationPath.Ancestors(r.Path)).Distinct().ToList();
        var names = ancestorPaths.Count == 0
            ? []
            : await db.Organisations.AsNoTracking().Where(o => ancestorPaths.Contains(o.Path))
                .ToDictionaryAsync(o => o.Path, o => o.Name, cancellationToken);
        var hits = rows.Select(r => new SearchHit(
                r.Id, r.Name, r.Kind, r.ClosedOn,
                OrganisationPath.Ancestors(r.Path).Where(names.ContainsKey).Select(p => names[p]).ToList()))
            .ToList();
        return new SearchResults(hits, total, page, PageSize);
    }

    private IQueryable<TreeNode> Nodes(IQueryable<Organisation> organisations, bool showClosed)
    {
        var today = clock.Today();
        return organisations.AsNoTracking().Select(o => new TreeNode(
            o.Id,
            o.Name,
            o.Kind,
            o.UnitKind,
            o.ClosedOn,
            o.OfficeTerms.Where(t => t.Office == Office.Chair && (t.EndedOn == null || t.EndedOn > today))
                .OrderBy(t => t.StartOn).Select(t => t.Person!.Name).FirstOrDefault(),
            o.OfficeTerms.Count(t => t.EndedOn == null || t.EndedOn > today),
            o.Children.Count(c => showClosed || c.ClosedOn == null)));
    }
}
