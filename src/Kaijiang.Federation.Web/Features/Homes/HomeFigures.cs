using Kaijiang.Federation.Web.Data;
using Kaijiang.Federation.Web.Domain;
using Kaijiang.Federation.Web.Features.Registers;
using Microsoft.EntityFrameworkCore;

namespace Kaijiang.Federation.Web.Features.Homes;

/// <summary>Homes of one kind and host kind in one township.</summary>
public sealed record HomeFigure(string? TownshipName, ServiceSiteKind Kind, OrganisationKind HostKind, int Homes, int Standardised, decimal Subsidy, decimal Area);

/// <summary>Homes that became standardised in a year.</summary>
public sealed record StandardisedInYear(ServiceSiteKind Kind, int Year, int Homes);

/// <summary>
/// The homes' figures for the dashboard, within the user's scope: one grouped query each. Records are put under
/// their township by the township-length prefix of their organisation's path, so units under a community count too.
/// </summary>
public sealed class HomeFigures(FederationDbContext db, RegisterLookups lookups)
{
    public async Task<IReadOnlyList<HomeFigure>> ByTownshipAsync(CancellationToken cancellationToken)
    {
        var length = await lookups.TownshipPathLengthAsync(cancellationToken) ?? 0;
        var groups = await db.ServiceSites.AsNoTracking()
            .GroupBy(s => new
            {
                Township = s.Organisation!.Path.Length >= length ? s.Organisation.Path.Substring(0, length) : null,
                s.Kind,
                HostKind = s.Organisation.Kind,
            })
            .Select(g => new
            {
                g.Key.Township,
                g.Key.Kind,
                g.Key.HostKind,
                Homes = g.Count(),
                Standardised = g.Count(s => s.StandardisedOn != null),
                Subsidy = g.Sum(s => s.SubsidyReceived),
                Area = g.Sum(s => s.AreaSquareMetres ?? 0m),
            })
            .ToListAsync(cancellationToken);
        var names = await lookups.TownshipNamesAsync(cancellationToken);
        return groups
            .Select(g => new HomeFigure(g.Township is null ? null : names.GetValueOrDefault(g.Township), g.Kind, g.HostKind, g.Homes, g.Standardised, g.Subsidy, g.Area))
            .OrderBy(g => g.TownshipName, StringComparer.Ordinal).ThenBy(g => g.Kind).ThenBy(g => g.HostKind)
            .ToList();
    }

    public async Task<List<StandardisedInYear>> StandardisedByYearAsync(CancellationToken cancellationToken)
    {
        var groups = await db.ServiceSites.AsNoTracking()
            .Where(s => s.StandardisedOn != null)
            .Select(s => new { s.Kind, s.StandardisedOn!.Value.Year })
            .GroupBy(s => new { s.Kind, s.Year })
            .Select(g => new { g.Key.Kind, g.Key.Year, Homes = g.Count() })
            .ToListAsync(cancellationToken);
        return groups.Select(g => new StandardisedInYear(g.Kind, g.Year, g.Homes)).OrderBy(g => g.Kind).ThenBy(g => g.Year).ToList();
    }
}
