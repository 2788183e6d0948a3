using Kaijiang.Federation.Web.Data;
using Kaijiang.Federation.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace Kaijiang.Federation.Web.Features.Reports;

/// <summary>
/// Whose reports a user reads: the townships in her subtree, and the township her scope lies in — a village chair
/// reads (never writes) her own township's reports, as the report filter of <see cref="FederationDbContext"/> lets
/// her. Writing stays with the township's chair and reviewing with county staff (the authorization handler).
/// </summary>
public static class ReportScope
{
    public static IQueryable<Organisation> Townships(FederationDbContext db)
    {
        var path = db.ScopePath;
        if (path is null)
        {
            return db.Organisations.Where(o => o.Kind == OrganisationKind.Township);
        }

        var upper = OrganisationPath.SubtreeUpperBound(path);
        var ancestors = db.ScopeAncestorIds.ToList();

        // The tree's filter hides what lies above the scope, so the same subtree rule is written out here.
        return db.Organisations.IgnoreQueryFilters()
            .Where(o => o.Kind == OrganisationKind.Township
                && ((o.Path.CompareTo(path) >= 0 && o.Path.CompareTo(upper) < 0) || ancestors.Contains(o.Id)));
    }

    /// <summary>The townships of <see cref="Townships"/> that are not closed, in tree order, read-only: those that report.</summary>
    public static IOrderedQueryable<Organisation> OpenTownships(FederationDbContext db) =>
        Townships(db).AsNoTracking().Where(o => o.ClosedOn == null).OrderBy(o => o.Path);
}
