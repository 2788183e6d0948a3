using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Kaijiang.Federation.Web.Data;

/// <summary>
/// Turns the change tracker's automatic change detection off until disposed, then restores what it was. With it on,
/// every <c>Add</c>, <c>Entries()</c> and save scans the whole tracker again, which costs seconds once thousands of
/// records are tracked; the caller detects the changes it needs itself (or leaves that to the save's interceptor).
/// </summary>
public static class DetectChangesPause
{
    /// <example><c>using (db.ChangeTracker.PauseDetectChanges()) { ... }</c></example>
    public static Scope PauseDetectChanges(this ChangeTracker tracker)
    {
        var scope = new Scope(tracker, tracker.AutoDetectChangesEnabled);
        tracker.AutoDetectChangesEnabled = false;
        return scope;
    }

    public readonly struct Scope(ChangeTracker tracker, bool wasEnabled) : IDisposable
    {
        public void Dispose() => tracker.AutoDetectChangesEnabled = wasEnabled;
    }
}
