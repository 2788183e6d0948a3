using Kaijiang.Federation.Web.Data;
using Kaijiang.Federation.Web.Domain;
using Kaijiang.Federation.Web.Features.Registers;
using Microsoft.EntityFrameworkCore;

namespace Kaijiang.Federation.Web.Features.Awards;

/// <summary>Awards of one title, level and year in one township: awarded, and still in the pipeline.</summary>
public sealed record AwardFigure(string? TownshipName, string TitleCode, AwardLevel Level, int Year, int Awarded, int InPipeline, int Declined);

/// <summary>Mottos collected in a year in one township.</summary>
public sealed record MottoFigure(string? TownshipName, int Year, int Mottos);

/// <summary>The awards' and mottos' figures for the dashboard, within the user's scope: one grouped query each.</summary>
public sealed class AwardFigures(FederationDbContext db, RegisterLookups lookups)
{
    public async Task<IReadOnlyList<AwardFigure>> ByTownshipAsync(CancellationToken cancellationToken)
    {
        var length = await lookups.TownshipPathLengthAsync(cancellationToken) ?? 0;
        var groups = await db.FamilyAwards.AsNoTracking()
            .GroupBy(a => new
            {
                Township = a.Organisation!.Path.Length >= length ? a.Organisation.Path.Substring(0, length) : null,
                a.AwardTitle!.Code,
                a.Level,
                a.Year,
            })
            .Select(g => new
            {
                g.Key.Township,
                g.Key.Code,
                g.Key.Level,
                g.Key.Year,
                Awarded = g.Count(a => a.Status == AwardStatus.Awarded),
                Declined = g.Count(a => a.Status == AwardStatus.Declined),
                Total = g.Count(),
            })
            .ToListAsync(cancellationToken);
        var names = await lookups.TownshipNamesAsync(cancellationToken);
        return groups
            .Select(g => new AwardFigure(g.Township is null ? null : names.GetValueOrDefault(g.Township), g.Code, g.Level, g.Year, g.Awarded, g.Total - g.Awarded - g.Declined, g.Declined))
            .OrderBy(g => g.TownshipName, StringComparer.Ordinal).ThenBy(g => g.TitleCode, StringComparer.Ordinal).ThenBy(g => g.Level).ThenBy(g => g.Year)
            .ToList();
    }

    public async Task<IReadOnlyList<MottoFigure>> MottosByTownshipAsync(CancellationToken cancellationToken)
    {
        var length = await lookups.TownshipPathLengthAsync(cancellationToken) ?? 0;
        var groups = await db.FamilyMottos.AsNoTracking()
            .GroupBy(m => new { Township = m.Organisation!.Path.Length >= length ? m.Organisation.Path.Substring(0, length) : null, m.YearCollected })
            .Select(g => new { g.Key.Township, g.Key.YearCollected, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var names = await lookups.TownshipNamesAsync(cancellationToken);
        return groups.Select(g => new MottoFigure(g.Township is null ? null : names.GetValueOrDefault(g.Township), g.YearCollected, g.Count))
            .OrderBy(g => g.TownshipName, StringComparer.Ordinal).ThenBy(g => g.Year).ToList();
    }
}
