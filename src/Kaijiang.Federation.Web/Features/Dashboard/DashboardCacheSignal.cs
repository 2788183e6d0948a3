using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Kaijiang.Federation.Web.Features.Dashboard;

/// <summary>
/// A generation number that moves on whenever a change is saved, and is part of the dashboard's cache key: a saved
/// record makes every cached dashboard stale at once, so nobody reads figures older than their own last change.
/// Coarse (any change drops every scope's figures) but exact; the 60-second lifetime still bounds memory.
/// </summary>
public sealed class DashboardCacheSignal : SaveChangesInterceptor
{
    private long _generation;

    public long Generation => Interlocked.Read(ref _generation);

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Bump(result);
        return base.SavedChanges(eventData, result);
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Bump(result);
        return base.SavedChangesAsync(eventData, result, cancellationToken);
    }

    private void Bump(int result)
    {
        if (result > 0)
        {
            Interlocked.Increment(ref _generation);
        }
    }
}
