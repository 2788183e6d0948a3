using Kaijiang.Federation.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Kaijiang.Federation.Web.Data;

/// <summary>
/// Audit entries are append-only: the application may add them, and the sealer may set an entry's hash once.
/// Any other change or deletion through EF is refused before it reaches the database.
/// </summary>
public sealed class AppendOnlyAuditGuard : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Check(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Check(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private static void Check(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        // Only the audit entries are scanned for changes (each on its own): Entries() with automatic detection on
        // would scan every tracked record again, thousands of them in a bulk save, to check a handful.
        using var _ = context.ChangeTracker.PauseDetectChanges();
        foreach (var entry in context.ChangeTracker.Entries<AuditEntry>())
        {
            entry.DetectChanges();
            Check(entry);
        }
    }

    private static void Check(EntityEntry<AuditEntry> entry)
    {
        var allowed = entry.State switch
        {
            EntityState.Added or EntityState.Unchanged or EntityState.Detached => true,
            EntityState.Modified => entry.Properties.Where(p => p.IsModified).All(p =>
                (p.Metadata.Name is nameof(AuditEntry.Hash) or nameof(AuditEntry.PreviousHash) && p.OriginalValue is null)
                || (p.Metadata.Name == nameof(AuditEntry.EntityId) && p.OriginalValue is null)),
            _ => false,
        };
        if (!allowed)
        {
            throw new InvalidOperationException($"Audit entries are append-only; entry {entry.Entity.Id} may not be {entry.State}.");
        }
    }
}
