using Kaijiang.Federation.Web.Data;
using Kaijiang.Federation.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace Kaijiang.Federation.Web.Features.Programmes;

/// <summary>The townships of the user's scope and how to tell which one a record's organisation lies in.</summary>
public sealed class TownshipIndex(IReadOnlyDictionary<string, string> namesByPath, int pathLength)
{
    /// <summary>The length of a township's path: a record's township is the prefix of its organisation's path.</summary>
    public int PathLength => pathLength;

    /// <summary>The township's path for an organisation path; records above township level keep their own path.</summary>
    public string KeyOf(string path) => path.Length >= pathLength && pathLength > 0 ? path[..pathLength] : path;

    public string NameOf(string key) => namesByPath.TryGetValue(key, out var name) ? name : "";

    public bool IsTownship(string key) => namesByPath.ContainsKey(key);
}

public sealed record FigureRow(string Township, string TownshipName, int? Year, string? Kind, int Count, decimal Amount, int People, int Jobs);

/// <summary>
/// Figures of the grants, bases, projects, trainings and job fairs for the dashboard, by township, year and kind:
/// one grouped query each, in the user's scope. Rows above township level (the county's own) carry an empty name.
/// </summary>
public sealed class ProgrammeFigures(FederationDbContext db)
{
    public async Task<TownshipIndex> TownshipsAsync(CancellationToken cancellationToken)
    {
        var townships = await db.Organisations.AsNoTracking().Where(o => o.Kind == OrganisationKind.Township)
            .Select(o => new { o.Path, o.Name }).ToListAsync(cancellationToken);
        var length = townships.Count == 0 ? 0 : townships.Min(t => t.Path.Length);
        return new TownshipIndex(townships.Where(t => t.Path.Length == length).ToDictionary(t => t.Path, t => t.Name, StringComparer.Ordinal), length);
    }

    /// <summary>Start-up grants: count and amount by township and year granted.</summary>
    public async Task<IReadOnlyList<FigureRow>> GrantsAsync(CancellationToken cancellationToken)
    {
        var townships = await TownshipsAsync(cancellationToken);
        var length = Math.Max(townships.PathLength, 1);
        var rows = await db.StartupGrants.AsNoTracking()
            .GroupBy(g => new { Township = g.Organisation!.Path.Substring(0, length), g.GrantedOn.Year })
            .Select(g => new { g.Key.Township, g.Key.Year, Count = g.Count(), Amount = g.Sum(x => x.Amount) })
            .ToListAsync(cancellationToken);
        return rows.Select(r => new FigureRow(townships.KeyOf(r.Township), townships.NameOf(r.Township), r.Year, null, r.Count, r.Amount, 0, 0))
            .OrderBy(r => r.Township, StringComparer.Ordinal).ThenBy(r => r.Year).ToList();
    }

    /// <summary>Bases: count, jobs provided (Jobs) and women employed (People) by township and kind.</summary>
    public async Task<IReadOnlyList<FigureRow>> BasesAsync(CancellationToken cancellationToken)
    {
        var townships = await TownshipsAsync(cancellationToken);
        var length = Math.Max(townships.PathLength, 1);
        var rows = await db.Bases.AsNoTracking()
            .GroupBy(b => new { Township = b.Organisation!.Path.Substring(0, length), b.Kind })
            .Select(g => new { g.Key.Township, g.Key.Kind, Count = g.Count(), Jobs = g.Sum(x => x.JobsProvided), Women = g.Sum(x => x.WomenEmployed) })
            .ToListAsync(cancellationToken);
        return rows.Select(r => new FigureRow(townships.KeyOf(r.Township), townships.NameOf(r.Township), null, r.Kind.ToString(), r.Count, 0m, r.Women, r.Jobs))
            .OrderBy(r => r.Township, StringComparer.Ordinal).ThenBy(r => r.Kind, StringComparer.Ordinal).ToList();
    }

    /// <summary>Projects: count and funds by township, year and status.</summary>
    public async Task<IReadOnlyList<FigureRow>> ProjectsAsync(CancellationToken cancellationToken)
    {
        var townships = await TownshipsAsync(cancellationToken);
        var length = Math.Max(townships.PathLength, 1);
        var rows = await db.Projects.AsNoTracking()
            .GroupBy(p => new { Township = p.Organisation!.Path.Substring(0, length), p.Year, p.Status })
            .Select(g => new { g.Key.Township, g.Key.Year, g.Key.Status, Count = g.Count(), Funds = g.Sum(x => x.Funds) })
            .ToListAsync(cancellationToken);
        return rows.Select(r => new FigureRow(townships.KeyOf(r.Township), townships.NameOf(r.Township), r.Year, r.Status.ToString(), r.Count, r.Funds, 0, 0))
            .OrderBy(r => r.Township, StringComparer.Ordinal).ThenBy(r => r.Year).ToList();
    }

    /// <summary>Trainings: sessions (Count) and person-times (People) by township and year held.</summary>
    public async Task<IReadOnlyList<FigureRow>> TrainingsAsync(CancellationToken cancellationToken)
    {
        var townships = await TownshipsAsync(cancellationToken);
        var length = Math.Max(townships.PathLength, 1);
        var rows = await db.Trainings.AsNoTracking()
            .GroupBy(t => new { Township = t.Organisation!.Path.Substring(0, length), t.HeldOn.Year })
            .Select(g => new { g.Key.Township, g.Key.Year, Count = g.Count(), People = g.Sum(x => x.Participants) })
            .ToListAsync(cancellationToken);
        return rows.Select(r => new FigureRow(townships.KeyOf(r.Township), townships.NameOf(r.Township), r.Year, null, r.Count, 0m, r.People, 0))
            .OrderBy(r => r.Township, StringComparer.Ordinal).ThenBy(r => r.Year).ToList();
    }

    /// <summary>Job fairs: count, employers (People) and positions offered (Jobs) by year.</summary>
    public async Task<IReadOnlyList<FigureRow>> JobFairsAsync(CancellationToken cancellationToken)
    {
        var rows = await db.JobFairs.AsNoTracking()
            .GroupBy(f => f.HeldOn.Year)
            .Select(g => new { Year = g.Key, Count = g.Count(), Employers = g.Sum(x => x.Employers), Positions = g.Sum(x => x.PositionsOffered) })
            .ToListAsync(cancellationToken);
        return rows.Select(r => new FigureRow("", "", r.Year, null, r.Count, 0m, r.Employers, r.Positions)).OrderBy(r => r.Year).ToList();
    }

    /// <summary>Experts and lecturers: count by kind.</summary>
    public async Task<IReadOnlyList<FigureRow>> ExpertsAsync(CancellationToken cancellationToken)
    {
        var rows = await db.Experts.AsNoTracking().GroupBy(e => e.Kind).Select(g => new { Kind = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        return rows.Select(r => new FigureRow("", "", null, r.Kind.ToString(), r.Count, 0m, 0, 0)).OrderBy(r => r.Kind, StringComparer.Ordinal).ToList();
    }
}
