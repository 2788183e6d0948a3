namespace Kaijiang.Federation.Web.Domain;

/// <summary>
/// The dashboard's figures of one large scope (a province, a city), computed in the background and stored, so that
/// the first request after a restart, or on another instance, reads them instead of counting the whole scope
/// (docs/decisions/0012-dashboard-snapshots.md). Not a record of the federation's work: never audited.
/// </summary>
public class DashboardSnapshot
{
    public long Id { get; set; }

    /// <summary>The materialised path of the scope organisation.</summary>
    public string ScopePath { get; set; } = "";

    /// <summary>The path length of the parts the figures are broken down by.</summary>
    public int PartPathLength { get; set; }

    /// <summary>The day the figures are counted at.</summary>
    public DateOnly AsOf { get; set; }

    public DateTimeOffset ComputedAt { get; set; }

    /// <summary>The database's change marker (the highest audit entry id) read before the figures were computed.</summary>
    public long ChangeMarker { get; set; }

    /// <summary>The figures as JSON (<c>SnapshotFigures</c>).</summary>
    public string Figures { get; set; } = "";
}
