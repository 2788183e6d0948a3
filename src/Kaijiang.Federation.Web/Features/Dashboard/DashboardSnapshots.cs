using System.Text.Json;
using Kaijiang.Federation.Web.Data;
using Kaijiang.Federation.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Kaijiang.Federation.Web.Features.Dashboard;

/// <summary>Which scopes read their figures from stored snapshots, and how often the snapshots are refreshed.</summary>
public sealed class DashboardSnapshotOptions
{
    public const string Section = "Dashboard";

    /// <summary>
    /// The organisation kinds whose dashboard is read from a snapshot, comma-separated (default <c>Province,City</c>);
    /// every other scope (a county and below) is counted live. Empty: no snapshots.
    /// </summary>
    public string SnapshotKinds { get; set; } = "Province,City";

    /// <summary>How often the background refresher looks for stale snapshots; 0 turns it off.</summary>
    public int SnapshotRefreshSeconds { get; set; } = 60;

    public IReadOnlySet<OrganisationKind> Kinds => Names
        .Select(k => Enum.TryParse<OrganisationKind>(k, ignoreCase: true, out var kind) ? kind : (OrganisationKind?)null)
        .OfType<OrganisationKind>()
        .ToHashSet();

    /// <summary>Names in <see cref="SnapshotKinds"/> that are no organisation kind (ignored; the refresher logs them).</summary>
    public IReadOnlyList<string> UnknownKinds => Names.Where(k => !Enum.TryParse<OrganisationKind>(k, ignoreCase: true, out _)).ToList();

    private string[] Names => SnapshotKinds.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public bool UsesSnapshot(OrganisationKind kind) => Kinds.Contains(kind);
}

/// <summary>The stored form of <see cref="ScopeFigures"/>: numbers and both languages' names, no formatted text.</summary>
public sealed record SnapshotFigures(
    int ReportPeriod,
    DateOnly ReportDueOn,
    Dictionary<string, decimal> Total,
    List<SnapshotPart> Parts,
    List<TrendPoint> Trend,
    List<IndustryLoans> LoansByIndustry,
    List<AwardTitleName> AwardTitles,
    List<decimal> TownshipFundsValues,
    List<decimal> GrantAmounts)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.General);

    public static string Serialize(ScopeFigures figures) => JsonSerializer.Serialize(
        new SnapshotFigures(
            figures.ReportPeriod,
            figures.ReportDueOn,
            new Dictionary<string, decimal>(figures.Total.Values, StringComparer.Ordinal),
            figures.Parts.Select(p => new SnapshotPart(p.Organisation, new Dictionary<string, decimal>(p.Figures.Values, StringComparer.Ordinal))).ToList(),
            figures.Trend.ToList(),
            figures.LoansByIndustry.ToList(),
            figures.AwardTitles.ToList(),
            figures.TownshipFundsValues.ToList(),
            figures.GrantAmounts.ToList()),
        Json);

    /// <summary>The figures of a stored snapshot, for <paramref name="scope"/> (the organisation as the user's context found it).</summary>
    public static ScopeFigures Deserialize(DashboardSnapshot row, OrganisationRef scope, bool refreshing)
    {
        var stored = JsonSerializer.Deserialize<SnapshotFigures>(row.Figures, Json)
            ?? throw new InvalidOperationException($"Dashboard snapshot {row.Id} is empty.");
        return new ScopeFigures
        {
            Scope = scope,
            AsOf = row.AsOf,
            ReportPeriod = stored.ReportPeriod,
            ReportDueOn = stored.ReportDueOn,
            Total = FigureSet.From(stored.Total),
            Parts = stored.Parts.Select(p => new ChildFigures(p.Organisation, FigureSet.From(p.Figures))).ToList(),
            Trend = stored.Trend,
            LoansByIndustry = stored.LoansByIndustry,
            AwardTitles = stored.AwardTitles,
            TownshipFundsValues = stored.TownshipFundsValues,
            GrantAmounts = stored.GrantAmounts,
            SnapshotAt = row.ComputedAt,
            Refreshing = refreshing,
        };
    }
}

public sealed record SnapshotPart(OrganisationRef Organisation, Dictionary<string, decimal> Figures);

/// <summary>Reads and writes the stored snapshots, and the database-wide change marker they are compared with.</summary>
public sealed class DashboardSnapshotStore(FederationDbContext db, TimeProvider clock)
{
    // Audit entries of record changes (the save interceptor's actions), not of sign-ins, views or exports.
    private static readonly string[] ChangeActions = [nameof(EntityState.Added), nameof(EntityState.Modified), nameof(EntityState.Deleted)];

    /// <summary>
    /// The highest id of an audit entry that records a change: every save of a record writes its audit entries in
    /// the same transaction, on every instance, so the number moves on with every change and survives restarts.
    /// Accounts are left out (a sign-in saves the account, and must not make the province's figures stale); so are
    /// the demo seed and generate-province, which load without the audit trail (the generator clears the snapshots).
    /// </summary>
    public async Task<long> ChangeMarkerAsync(CancellationToken cancellationToken) =>
        await db.AuditEntries
            .Where(e => ChangeActions.Contains(e.Action) && e.EntityType != RecordChanges.AccountTypeName && !e.EntityType.StartsWith(RecordChanges.IdentityTypePrefix))
            .MaxAsync(e => (long?)e.Id, cancellationToken) ?? 0;

    /// <summary>The newest snapshot of (path, parts, day), with its figures, or null.</summary>
    public Task<DashboardSnapshot?> NewestAsync(string path, int partPathLength, DateOnly asOf, CancellationToken cancellationToken) =>
        db.DashboardSnapshots.AsNoTracking()
            .Where(s => s.ScopePath == path && s.PartPathLength == partPathLength && s.AsOf == asOf)
            .OrderByDescending(s => s.Id)
            .FirstOrDefaultAsync(cancellationToken);

    /// <summary>Stores freshly computed figures, counted after the marker was read, and removes the older snapshots of the same key.</summary>
    public async Task SaveAsync(ScopeFigures figures, int partPathLength, long marker, CancellationToken cancellationToken)
    {
        var row = new DashboardSnapshot
        {
            ScopePath = figures.Scope.Path,
            PartPathLength = partPathLength,
            AsOf = figures.AsOf,
            ComputedAt = clock.GetUtcNow(),
            ChangeMarker = marker,
            Figures = SnapshotFigures.Serialize(figures),
        };
        db.DashboardSnapshots.Add(row);
        await db.SaveChangesAsync(cancellationToken);
        db.Entry(row).State = EntityState.Detached;
        await db.DashboardSnapshots
            .Where(s => s.ScopePath == row.ScopePath && s.PartPathLength == partPathLength && s.Id < row.Id)
            .ExecuteDeleteAsync(cancellationToken);
    }
}

/// <summary>
/// Keeps the snapshots current: every <see cref="DashboardSnapshotOptions.SnapshotRefreshSeconds"/> it recomputes
/// each stored key whose change marker is not the database's or whose day is not today, and removes old days' rows;
/// at its first round it makes sure the top organisations of a snapshot kind have today's snapshot. A failure (the
/// database down) is logged and the next round tries again: it never stops the host.
/// </summary>
public sealed class DashboardSnapshotRefresher(
    IServiceScopeFactory scopes, IOptions<DashboardSnapshotOptions> options, RecordChangeSignal signal, TimeProvider clock,
    ILogger<DashboardSnapshotRefresher> logger)
    : BackgroundService
{
    private bool _ensuredTop;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.UnknownKinds is { Count: > 0 } unknown)
        {
            logger.LogWarning("Dashboard:SnapshotKinds names no organisation kind in {Unknown}; ignored", string.Join(", ", unknown));
        }

        var seconds = options.Value.SnapshotRefreshSeconds;
        if (seconds <= 0 || options.Value.Kinds.Count == 0)
        {
            return;
        }

        await Task.Yield();
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(seconds), clock);
        do
        {
            try
            {
                await RefreshAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "Refreshing the dashboard snapshots failed; retrying at the next round");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>One round; returns the number of snapshots computed.</summary>
    public async Task<int> RefreshAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<FederationDbContext>();
        var store = services.GetRequiredService<DashboardSnapshotStore>();
        var figures = services.GetRequiredService<DashboardFigures>();
        var today = clock.Today();
        var marker = await store.ChangeMarkerAsync(cancellationToken);

        var stored = await db.DashboardSnapshots.AsNoTracking()
            .Select(s => new { s.Id, s.ScopePath, s.PartPathLength, s.AsOf, s.ChangeMarker })
            .ToListAsync(cancellationToken);
        var newest = stored.GroupBy(s => (s.ScopePath, s.PartPathLength))
            .ToDictionary(g => g.Key, g => g.MaxBy(s => s.Id)!);
        var due = newest.Where(n => n.Value.AsOf != today || n.Value.ChangeMarker != marker).Select(n => n.Key).ToList();

        if (!_ensuredTop)
        {
            var kinds = options.Value.Kinds.ToList();
            var ofKind = await db.Organisations.AsNoTracking().Where(o => kinds.Contains(o.Kind) && (o.ClosedOn == null || o.ClosedOn > today))
                .Select(o => o.Path).ToListAsync(cancellationToken);
            var top = ofKind.Where(p => !ofKind.Any(a => a.Length < p.Length && p.StartsWith(a, StringComparison.Ordinal)));
            due.AddRange(top.Select(p => (p, p.Length + OrganisationPath.SegmentWidth)).Where(k => !newest.ContainsKey(k)));
            _ensuredTop = true;
        }

        var computed = 0;
        foreach (var (path, length) in due)
        {
            var organisation = await db.Organisations.AsNoTracking().Where(o => o.Path == path)
                .Select(o => new OrganisationRef(o.Id, o.Name, o.Path, o.Kind, o.ParentId))
                .FirstOrDefaultAsync(cancellationToken);
            if (organisation is null || !options.Value.UsesSnapshot(organisation.Kind))
            {
                // The organisation moved or is gone, or its kind no longer uses snapshots: its rows are dropped.
                await db.DashboardSnapshots.Where(s => s.ScopePath == path && s.PartPathLength == length).ExecuteDeleteAsync(cancellationToken);
                continue;
            }

            var started = clock.GetTimestamp();
            var result = await figures.ComputeLiveAsync(organisation, length, today, cancellationToken);
            await store.SaveAsync(result, length, marker, cancellationToken);
            computed++;
            logger.LogInformation("Dashboard snapshot of {Path} (parts {Length}) computed in {Elapsed} ms", path, length, (int)clock.GetElapsedTime(started).TotalMilliseconds);
        }

        // Old days' rows (today's replaced them above).
        await db.DashboardSnapshots.Where(s => s.AsOf < today).ExecuteDeleteAsync(cancellationToken);
        if (computed > 0)
        {
            // A snapshot save is not a record change, but pages may hold an older snapshot in their read cache:
            // one bump for the round (each bump drops every scope's cached reads).
            signal.Bump();
        }

        return computed;
    }
}
