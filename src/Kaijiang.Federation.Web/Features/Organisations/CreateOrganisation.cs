using Kaijiang.Federation.Web.Data;
using Kaijiang.Federation.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace Kaijiang.Federation.Web.Features.Organisations;

public sealed class CreateOrganisationInput : OrganisationParticulars
{
    public int ParentId { get; set; }

    /// <summary>Shown above the form (not bound).</summary>
    [Microsoft.AspNetCore.Mvc.ModelBinding.BindNever]
    public string ParentName { get; set; } = "";
}

/// <summary>
/// Creates an organisation under a parent: it takes the next sibling number there. Two people creating under one
/// parent at once may pick the same number; the unique path index refuses the second, which then tries the next.
/// </summary>
public sealed class CreateOrganisation(FederationDbContext db)
{
    public Task<Organisation?> LoadParentAsync(int parentId, CancellationToken cancellationToken) =>
        db.Organisations.AsNoTracking().SingleOrDefaultAsync(o => o.Id == parentId, cancellationToken);

    public IEnumerable<(string Field, string Key)> Check(Organisation parent, CreateOrganisationInput input)
    {
        if (parent.ClosedOn is not null)
        {
            yield return ("", "Organisations.ParentClosed");
        }

        foreach (var error in input.CheckShape(parent.Kind))
        {
            yield return error;
        }
    }

    public async Task<int> CreateAsync(Organisation parent, CreateOrganisationInput input, CancellationToken cancellationToken)
    {
        var organisation = new Organisation { ParentId = parent.Id };
        input.ApplyTo(organisation);
        for (var attempt = 1; ; attempt++)
        {
            organisation.Path = OrganisationPath.Child(parent.Path, await NextSiblingAsync(db, parent, cancellationToken));
            organisation.Depth = OrganisationPath.DepthOf(organisation.Path);
            if (attempt == 1)
            {
                db.Organisations.Add(organisation);
            }

            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return organisation.Id;
            }
            catch (DbUpdateException) when (attempt == 1)
            {
                if (!await PathTakenAsync(organisation.Path, cancellationToken))
                {
                    throw;
                }

                DropPendingAuditEntries(db);
            }
        }
    }

    /// <summary>One more than the highest sibling number ever used under the parent (closed ones keep theirs).</summary>
    internal static async Task<int> NextSiblingAsync(FederationDbContext db, Organisation parent, CancellationToken cancellationToken)
    {
        var upper = OrganisationPath.SubtreeUpperBound(parent.Path);
        var childLength = parent.Path.Length + OrganisationPath.SegmentWidth;
        var last = await db.Organisations.IgnoreQueryFilters().AsNoTracking()
            .Where(o => o.Path.CompareTo(parent.Path) > 0 && o.Path.CompareTo(upper) < 0 && o.Path.Length == childLength)
            .OrderByDescending(o => o.Path)
            .Select(o => o.Path)
            .FirstOrDefaultAsync(cancellationToken);
        return last is null ? 1 : int.Parse(last[^OrganisationPath.SegmentWidth..], System.Globalization.CultureInfo.InvariantCulture) + 1;
    }

    /// <summary>A failed save leaves its audit entries in the change tracker; the retry writes its own.</summary>
    internal static void DropPendingAuditEntries(FederationDbContext db)
    {
        foreach (var entry in db.ChangeTracker.Entries<AuditEntry>().Where(e => e.State == EntityState.Added).ToList())
        {
            entry.State = EntityState.Detached;
        }
    }

    private Task<bool> PathTakenAsync(string path, CancellationToken cancellationToken) =>
        db.Organisations.IgnoreQueryFilters().AsNoTracking().AnyAsync(o => o.Path == path, cancellationToken);
}
