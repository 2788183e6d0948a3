using Kaijiang.Federation.Web.Data;
using Kaijiang.Federation.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace Kaijiang.Federation.Web.Features.RosterImport;

public sealed record TargetOption(int Id, string Name, OrganisationKind Kind, int Depth);

/// <summary>The organisations a user may import into or export from: her open subtree, found through the scope filter.</summary>
public sealed class ImportTargets(FederationDbContext db)
{
    /// <summary>Tracked-free, scoped: an organisation outside the user's subtree is null (the caller answers 404).</summary>
    public Task<Organisation?> FindAsync(int id, CancellationToken cancellationToken) =>
        db.Organisations.AsNoTracking().SingleOrDefaultAsync(o => o.Id == id, cancellationToken);

    public async Task<IReadOnlyList<TargetOption>> OptionsAsync(CancellationToken cancellationToken)
    {
        var options = await db.Organisations.AsNoTracking()
            .Where(o => o.ClosedOn == null)
            .OrderBy(o => o.Path)
            .Select(o => new TargetOption(o.Id, o.Name, o.Kind, o.Depth))
            .ToListAsync(cancellationToken);
        var top = options.Count == 0 ? 0 : options.Min(o => o.Depth);
        return options.Select(o => o with { Depth = o.Depth - top }).ToList();
    }

    /// <summary>Non-breaking spaces before the name show the tree in a plain select list.</summary>
    public static string Indent(TargetOption option) => new string('\u00A0', option.Depth * 3) + option.Name;
}
