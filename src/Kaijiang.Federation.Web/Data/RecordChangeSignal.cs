using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Kaijiang.Federation.Web.Data;

/// <summary>
/// A generation number that moves on whenever a saved change adds, changes or removes a record
/// (<see cref="RecordChanges"/>); it is part of every <see cref="ReadCache"/> key, so a saved record makes every cached
/// figure stale at once and nobody reads figures older than their own last change. Sign-ins, the audit sealer, pending
/// imports and key-ring saves change no figure and leave the caches alone; the dashboard's snapshot refresher moves it
/// on itself when a newer snapshot replaces one that pages may hold. Coarse (any record drops every
/// scope's entries) but exact; the cache's lifetime still bounds memory.
/// </summary>
public sealed class RecordChangeSignal
{
    private long _generation;

    public long Generation => Interlocked.Read(ref _generation);

    public void Bump() => Interlocked.Increment(ref _generation);
}

/// <summary>
/// Moves <see cref="RecordChangeSignal"/> on after a save that changed a record, once the save (and the audit
/// interceptor's own transaction, which runs before this one) has committed. One per context.
/// </summary>
public sealed class RecordChangeInterceptor(RecordChangeSignal signal) : SaveChangesInterceptor
{
    private bool _recordsChanged;

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Inspect(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Inspect(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Signal(result);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Signal(result);
        return ValueTask.FromResult(result);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => _recordsChanged = false;

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        _recordsChanged = false;
        return Task.CompletedTask;
    }

    private void Inspect(DbContext? context)
    {
        if (context is null || _recordsChanged)
        {
            return;
        }

        // The audit interceptor, registered first, has detected the changes: no second scan of the tracker here.
        using (context.ChangeTracker.PauseDetectChanges())
        {
            _recordsChanged = context.ChangeTracker.Entries().Any(RecordChanges.IsRecordChange);
        }
    }

    private void Signal(int result)
    {
        if (_recordsChanged && result > 0)
        {
            signal.Bump();
        }

        _recordsChanged = false;
    }
}
