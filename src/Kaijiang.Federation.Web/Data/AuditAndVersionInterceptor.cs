using System.Text.Json;
using Kaijiang.Federation.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Kaijiang.Federation.Web.Data;

/// <summary>Who is making the change, for the audit trail.</summary>
public interface IAuditActor
{
    string? UserId { get; }

    string? UserName { get; }
}

/// <summary>
/// The one place that bumps concurrency tokens and writes audit entries. Added records get their audit entry
/// after the save, when their key is known, in the same transaction.
/// </summary>
public sealed class AuditAndVersionInterceptor(TimeProvider clock, IAuditActor? actor = null) : SaveChangesInterceptor
{
    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = false };

    // Values that must never reach the audit log in clear.
    private static readonly HashSet<string> Redacted = new(StringComparer.Ordinal)
    {
        nameof(FederationUser.PasswordHash), nameof(FederationUser.SecurityStamp), nameof(FederationUser.ConcurrencyStamp),
    };

    private readonly List<(EntityEntry Entry, AuditEntry Audit)> _pendingAdded = [];
    private Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction? _ownTransaction;

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Prepare(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Prepare(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (CompleteAdded())
        {
            eventData.Context!.SaveChanges();
        }

        if (_ownTransaction is { } transaction)
        {
            _ownTransaction = null;
            transaction.Commit();
            transaction.Dispose();
        }

        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(
        SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (CompleteAdded())
        {
            await eventData.Context!.SaveChangesAsync(cancellationToken);
        }

        if (_ownTransaction is { } transaction)
        {
            _ownTransaction = null;
            await transaction.CommitAsync(cancellationToken);
            await transaction.DisposeAsync();
        }

        return result;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Abandon();

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Abandon();
        return Task.CompletedTask;
    }

    private void Abandon()
    {
        _pendingAdded.Clear();
        var transaction = _ownTransaction;
        _ownTransaction = null;
        transaction?.Dispose(); // disposing an uncommitted transaction rolls it back
    }

    private void Prepare(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        context.ChangeTracker.DetectChanges();
        var audit = context is FederationDbContext { AuditDisabled: false };
        var now = clock.GetUtcNow();
        var entries = new List<AuditEntry>();

        foreach (var entry in context.ChangeTracker.Entries().ToList())
        {
            if (entry.Entity is AuditEntry || entry.State is EntityState.Unchanged or EntityState.Detached)
            {
                continue;
            }

            if (entry.State == EntityState.Modified && entry.Entity is EditableEntity editable)
            {
                var version = entry.Property(nameof(EditableEntity.Version));
                version.CurrentValue = (int)version.OriginalValue! + 1;
            }

            if (!audit || entry.Metadata.IsOwned() || entry.Metadata.HasSharedClrType)
            {
                continue;
            }

            var record = new AuditEntry
            {
                At = now,
                UserId = actor?.UserId,
                UserName = actor?.UserName,
                Action = entry.State.ToString(),
                EntityType = entry.Metadata.ClrType.Name,
                OrganisationPath = OrganisationPathOf(context, entry.Entity),
            };

            switch (entry.State)
            {
                case EntityState.Added:
                    record.After = Serialize(entry.Properties.Where(p => !p.Metadata.IsPrimaryKey()), p => p.CurrentValue);
                    _pendingAdded.Add((entry, record));
                    break;
                case EntityState.Modified:
                    var changed = entry.Properties.Where(p => p.IsModified && !Equals(p.OriginalValue, p.CurrentValue)).ToList();
                    record.EntityId = KeyOf(entry);
                    record.Before = Serialize(changed, p => p.OriginalValue);
                    record.After = Serialize(changed, p => p.CurrentValue);
                    break;
                case EntityState.Deleted:
                    record.EntityId = KeyOf(entry);
                    record.Before = Serialize(entry.Properties, p => p.OriginalValue);
                    break;
            }

            entries.Add(record);
        }

        // Added records' entries are inserted with them and completed once keys exist, by a second save
        // that must not be separable from the first: both run in one transaction.
        context.Set<AuditEntry>().AddRange(entries);
        if (_pendingAdded.Count > 0 && _ownTransaction is null && context.Database.CurrentTransaction is null)
        {
            _ownTransaction = context.Database.BeginTransaction();
        }
    }

    private bool CompleteAdded()
    {
        if (_pendingAdded.Count == 0)
        {
            return false;
        }

        foreach (var (entry, audit) in _pendingAdded)
        {
            audit.EntityId = KeyOf(entry);
        }

        _pendingAdded.Clear();
        return true;
    }

    private static string? OrganisationPathOf(DbContext context, object entity) => entity switch
    {
        Organisation o => o.Path,
        IOrganisationOwned owned => context.ChangeTracker.Entries<Organisation>()
            .FirstOrDefault(e => e.Entity.Id == owned.OrganisationId)?.Entity.Path,
        _ => null,
    };

    private static string? KeyOf(EntityEntry entry)
    {
        var key = entry.Metadata.FindPrimaryKey();
        return key is null ? null : string.Join(",", key.Properties.Select(p => entry.Property(p.Name).CurrentValue));
    }

    private static string Serialize(IEnumerable<PropertyEntry> properties, Func<PropertyEntry, object?> value)
    {
        var values = new SortedDictionary<string, object?>(StringComparer.Ordinal);
        foreach (var p in properties)
        {
            values[p.Metadata.Name] = Redacted.Contains(p.Metadata.Name) ? "***" : value(p);
        }

        return JsonSerializer.Serialize(values, JsonOptions);
    }
}
