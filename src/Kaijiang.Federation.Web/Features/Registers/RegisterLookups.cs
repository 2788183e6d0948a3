using System.Linq.Expressions;
using Kaijiang.Federation.Web.Data;
using Kaijiang.Federation.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace Kaijiang.Federation.Web.Features.Registers;

public sealed record TownshipOption(int Id, string Name, string Path);

public sealed record OrganisationOption(int Id, string Name, OrganisationKind Kind, string? TownshipName);

/// <summary>Look-ups the registers share: the townships a user may filter by, the organisations that host records.</summary>
public sealed class RegisterLookups(FederationDbContext db)
{
    public const int PageSize = 25;

    /// <summary>The townships in the user's scope (for a village chair, none: her own records are all she sees).</summary>
    public Task<List<TownshipOption>> TownshipsAsync(CancellationToken cancellationToken) =>
        db.Organisations.AsNoTracking()
            .Where(o => o.Kind == OrganisationKind.Township && o.ClosedOn == null)
            .OrderBy(o => o.Path)
            .Select(o => new TownshipOption(o.Id, o.Name, o.Path))
            .ToListAsync(cancellationToken);

    /// <summary>The path of a township in scope, or null (an unknown or out-of-scope township filters nothing in).</summary>
    public Task<string?> PathOfAsync(int organisationId, CancellationToken cancellationToken) =>
        db.Organisations.AsNoTracking().Where(o => o.Id == organisationId).Select(o => o.Path).FirstOrDefaultAsync(cancellationToken);

    /// <summary>
    /// Narrows a register's list to the organisation chosen in its filter (a township): the records of organisations in
    /// its subtree, one index range on the path. An organisation the user cannot see, or that does not exist, narrows
    /// nothing and comes back null, so a page can show the filter cleared rather than a choice it did not apply.
    /// </summary>
    public async Task<(IQueryable<T> Records, int? OrganisationId)> InSubtreeAsync<T>(IQueryable<T> records, int? organisationId, CancellationToken cancellationToken)
        where T : class, IOrganisationOwned
    {
        if (organisationId is not { } id || await PathOfAsync(id, cancellationToken) is not { } path)
        {
            return (records, null);
        }

        var upper = OrganisationPath.SubtreeUpperBound(path);
        return (records.Where(r => db.Organisations.Any(o => o.Id == r.OrganisationId && o.Path.CompareTo(path) >= 0 && o.Path.CompareTo(upper) < 0)), id);
    }

    /// <summary>Villages, communities and units in scope: the hosts of homes and the homes of families.</summary>
    public Task<List<OrganisationOption>> HostsAsync(bool includeUnits, CancellationToken cancellationToken) =>
        db.Organisations.AsNoTracking()
            .Where(o => o.ClosedOn == null && (o.Kind == OrganisationKind.Village || o.Kind == OrganisationKind.Community
                || (includeUnits && o.Kind == OrganisationKind.Unit)))
            .OrderBy(o => o.Path)
            .Select(o => new OrganisationOption(o.Id, o.Name, o.Kind, o.Parent == null ? null : o.Parent.Name))
            .ToListAsync(cancellationToken);

    /// <summary>Records whose organisation lies in the subtree of <paramref name="path"/>: an index range on the path.</summary>
    public static Expression<Func<Organisation, bool>> InSubtree(string path)
    {
        var upper = OrganisationPath.SubtreeUpperBound(path);
        return o => o.Path.CompareTo(path) >= 0 && o.Path.CompareTo(upper) < 0;
    }

    /// <summary>The length of a township's path, to group records by township with one SUBSTRING; null without townships.</summary>
    public async Task<int?> TownshipPathLengthAsync(CancellationToken cancellationToken)
    {
        var path = await db.Organisations.AsNoTracking().IgnoreQueryFilters()
            .Where(o => o.Kind == OrganisationKind.Township).Select(o => o.Path).FirstOrDefaultAsync(cancellationToken);
        return path?.Length;
    }

    /// <summary>Township names by path, for the figures (townships outside the scope are not named).</summary>
    public Task<Dictionary<string, string>> TownshipNamesAsync(CancellationToken cancellationToken) =>
        db.Organisations.AsNoTracking().Where(o => o.Kind == OrganisationKind.Township)
            .ToDictionaryAsync(o => o.Path, o => o.Name, StringComparer.Ordinal, cancellationToken);
}
