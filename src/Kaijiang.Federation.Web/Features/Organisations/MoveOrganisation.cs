using Kaijiang.Federation.Web.Data;
using Kaijiang.Federation.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace Kaijiang.Federation.Web.Features.Organisations;

public sealed class MoveOrganisationInput
{
    [System.ComponentModel.DataAnnotations.Display(Name = "Organisations.NewParent")]
    public int NewParentId { get; set; }

    public int Version { get; set; }
}

public sealed record ParentChoice(int Id, string Name, OrganisationKind Kind, IReadOnlyList<string> Ancestors);

public sealed record MoveOrganisationPage(int Id, string Name, OrganisationKind Kind, string? CurrentParentName, int SubtreeSize,
    IReadOnlyList<ParentChoice> Choices, MoveOrganisationInput Input);

public enum MoveResult
{
    Moved,
    Conflict,
}

/// <summary>
/// Moves an organisation (and everything under it) to another parent: the subtree is loaded by its path range and
/// every path and depth rewritten in one transaction; each row's change is audited by the interceptor.
/// </summary>
public sealed class MoveOrganisation(FederationDbContext db)
{
    public Task<Organisation?> LoadAsync(int id, CancellationToken cancellationToken) =>
        db.Organisations.Include(o => o.Parent).SingleOrDefaultAsync(o => o.Id == id, cancellationToken);

    public Task<Organisation?> LoadParentAsync(int id, CancellationToken cancellationToken) =>
        db.Organisations.AsNoTracking().SingleOrDefaultAsync(o => o.Id == id, cancellationToken);

    public async Task<MoveOrganisationPage> PageAsync(Organisation organisation, MoveOrganisationInput input, CancellationToken cancellationToken)
    {
        var upper = OrganisationPath.SubtreeUpperBound(organisation.Path);
        var holders = Enum.GetValues<OrganisationKind>().Where(k => OrganisationHierarchy.CanHold(k, organisation.Kind)).ToList();
        var candidates = await db.Organisations.AsNoTracking()
            .Where(o => holders.Contains(o.Kind) && o.ClosedOn == null && o.Id != organisation.ParentId
                        && (o.Path.CompareTo(organisation.Path) < 0 || o.Path.CompareTo(upper) >= 0))
            .OrderBy(o => o.Path)
            .Select(o => new { o.Id, o.Name, o.Kind, o.Path })
            .ToListAsync(cancellationToken);
        var ancestorPaths = candidates.SelectMany(c => OrganisationPath.Ancestors(c.Path)).Distinct().ToList();
        var names = await db.Organisations.AsNoTracking().Where(o => ancestorPaths.Contains(o.Path))
            .ToDictionaryAsync(o => o.Path, o => o.Name, cancellationToken);
        var size = await db.Organisations.CountAsync(o => o.Path.CompareTo(organisation.Path) >= 0 && o.Path.CompareTo(upper) < 0, cancellationToken);
        var choices = candidates
            .Select(c => new ParentChoice(c.Id, c.Name, c.Kind, OrganisationPath.Ancestors(c.Path).Where(names.ContainsKey).Select(p => names[p]).ToList()))
            .ToList();
        return new MoveOrganisationPage(organisation.Id, organisation.Name, organisation.Kind, organisation.Parent?.Name, size, choices, input);
    }

    public static IEnumerable<(string Field, string Key)> Check(Organisation organisation, Organisation newParent)
    {
        if (OrganisationPath.IsInSubtree(newParent.Path, organisation.Path))
        {
            yield return (nameof(MoveOrganisationInput.NewParentId), "Organisations.MoveIntoOwnSubtree");
        }
        else if (newParent.Id == organisation.ParentId)
        {
            yield return (nameof(MoveOrganisationInput.NewParentId), "Organisations.MoveToSameParent");
        }
        else if (!OrganisationHierarchy.CanHold(newParent.Kind, organisation.Kind))
        {
            yield return (nameof(MoveOrganisationInput.NewParentId), "Organisations.KindDoesNotFitParent");
        }
        else if (newParent.ClosedOn is not null)
        {
            yield return (nameof(MoveOrganisationInput.NewParentId), "Organisations.ParentClosed");
        }
    }

    public Task<MoveResult> MoveAsync(Organisation organisation, Organisation newParent, int version, CancellationToken cancellationToken) =>
        // One transaction; a transient failure runs the whole move again from the stored (original) paths.
        db.InTransactionAsync(ct => MoveInTransactionAsync(organisation, newParent, version, ct), cancellationToken);

    private async Task<MoveResult> MoveInTransactionAsync(Organisation organisation, Organisation newParent, int version, CancellationToken cancellationToken)
    {
        var oldPath = db.Entry(organisation).Property(o => o.Path).OriginalValue;
        var upper = OrganisationPath.SubtreeUpperBound(oldPath);
        // The whole subtree, whatever the user's scope (she may move it only if the organisation is hers anyway).
        var subtree = await db.Organisations.IgnoreQueryFilters()
            .Where(o => o.Path.CompareTo(oldPath) > 0 && o.Path.CompareTo(upper) < 0)
            .ToListAsync(cancellationToken);
        var newPath = OrganisationPath.Child(newParent.Path, await CreateOrganisation.NextSiblingAsync(db, newParent, cancellationToken));
        var deepest = subtree.Select(o => o.Path.Length).DefaultIfEmpty(oldPath.Length).Max() - oldPath.Length + newPath.Length;
        if (deepest > OrganisationPath.MaxLength)
        {
            throw new InvalidOperationException("The tree would be deeper than a path can hold.");
        }

        db.Entry(organisation).Property(o => o.Version).OriginalValue = version;
        organisation.ParentId = newParent.Id;
        foreach (var o in subtree.Append(organisation))
        {
            // From the stored path, not the tracked one: a retried attempt finds them already rewritten in memory.
            o.Path = newPath + db.Entry(o).Property(x => x.Path).OriginalValue[oldPath.Length..];
            o.Depth = OrganisationPath.DepthOf(o.Path);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return MoveResult.Conflict;
        }

        return MoveResult.Moved;
    }
}
