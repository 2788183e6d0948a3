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
/// after the save, when their key is known, in the same transaction: their values are captured before the save,
/// and the entries are inserted, key included, by a second save right after it (one INSERT each, no UPDATE).
/// </summary>
/// <remarks>
/// It also keeps the keyed hashes of ID numbers and phones (<see cref="Person.IdNumberHash"/>) in step with the values,
/// and writes those values into the audit JSON encrypted, never in clear.
/// </remarks>
public sealed class AuditAndVersionInterceptor(TimeProvider clock, PersonalDataProtector personalData, IAuditActor? actor = null) : SaveChangesInterceptor
{
    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = false };

    // Values that must never reach the audit log in clear.
    private static readonly HashSet<string> Redacted = new(StringComparer.Ordinal)
    {
        nameof(FederationUser.PasswordHash), nameof(FederationUser.SecurityStamp), nameof(FederationUser.ConcurrencyStamp),
    };

    // Derived from values that are logged (encrypted) already: left out.
    private static readonly HashSet<string> Omitted = new(StringComparer.Ordinal) { nameof(Person.IdNumberHash), nameof(Person.PhoneHash) };

    // Personal values written into the audit JSON encrypted, under the same key as the columns (History decrypts them).
    private static readonly Dictionary<string, string> Encrypted = new(StringComparer.Ordinal)
    {
        [nameof(Person.IdNumber)] = PersonalDataProtector.IdNumberField,
        [nameof(Person.Phone)] = PersonalDataProtector.PhoneField,
    };

    // The audit entries this save added: taken back when the save fails, so a retried save does not log twice.
    private readonly List<AuditEntry> _added = [];

    private readonly List<(EntityEntry Entry, AuditEntry Audit)> _pendingAdded = [];

    // True during the save that inserts the added records' entries: its own preparation must not forget them.
    private bool _completing;
    private Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction? _ownTransaction;

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is { } context)
        {
            // Changes are detected once here; every Entries() call below would detect them again over the whole
            // tracker, which costs seconds in a save of thousands of records.
            context.ChangeTracker.DetectChanges();
            using var _ = context.ChangeTracker.PauseDetectChanges();
            var missing = UntrackedOrganisations(context);
            Prepare(context, missing.Count == 0 ? null : PathQuery(context, missing).ToDictionary(o => o.Id, o => o.Path));
        }

        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context)
        {
            context.ChangeTracker.DetectChanges();
            using var _ = context.ChangeTracker.PauseDetectChanges();
            var missing = UntrackedOrganisations(context);
            Prepare(context, missing.Count == 0 ? null : await PathQuery(context, missing).ToDictionaryAsync(o => o.Id, o => o.Path, cancellationToken));
        }

        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (CompleteAdded(eventData.Context!))
        {
            _completing = true;
            try
            {
                eventData.Context!.SaveChanges();
            }
            finally
            {
                _completing = false;
            }
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
        if (CompleteAdded(eventData.Context!))
        {
            _completing = true;
            try
            {
                await eventData.Context!.SaveChangesAsync(cancellationToken);
            }
            finally
            {
                _completing = false;
            }
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

    // EF Core reports a refused concurrency check and a cancellation through their own events, not SaveChangesFailed.
    public override InterceptionResult ThrowingConcurrencyException(ConcurrencyExceptionEventData eventData, InterceptionResult result)
    {
        Abandon();
        return result;
    }

    public override ValueTask<InterceptionResult> ThrowingConcurrencyExceptionAsync(
        ConcurrencyExceptionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
    {
        Abandon();
        return ValueTask.FromResult(result);
    }

    public override void SaveChangesCanceled(DbContextEventData eventData) => Abandon();

    public override Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
    {
        Abandon();
        return Task.CompletedTask;
    }

    private void Abandon()
    {
        _pendingAdded.Clear();
        foreach (var audit in _added)
        {
            if (_context?.Entry(audit) is { State: EntityState.Added } entry)
            {
                entry.State = EntityState.Detached;
            }
        }

        _added.Clear();
        var transaction = _ownTransaction;
        _ownTransaction = null;
        transaction?.Dispose(); // disposing an uncommitted transaction rolls it back
    }

    /// <summary>
    /// The organisations of changed organisation-owned records that the context does not track: their paths are
    /// read in one query per save (not one per record), so a bulk import of thousands of rows stays one round trip.
    /// </summary>
    private static HashSet<int> UntrackedOrganisations(DbContext context)
    {
        var missing = new HashSet<int>();
        if (context is not FederationDbContext { AuditDisabled: false })
        {
            return missing;
        }

        var tracked = TrackedOrganisationPaths(context);
        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted
                && entry.Entity is IOrganisationOwned
                && OwnerIdOf(entry) is { } id && id > 0 && !tracked.ContainsKey(id))
            {
                missing.Add(id);
            }
        }

        return missing;
    }

    private static IQueryable<OrganisationPathRow> PathQuery(DbContext context, HashSet<int> ids) =>
        context.Set<Organisation>().IgnoreQueryFilters().AsNoTracking()
            .Where(o => ids.Contains(o.Id))
            .Select(o => new OrganisationPathRow(o.Id, o.Path));

    private sealed record OrganisationPathRow(int Id, string Path);

    // Keys read through the entries, not the objects: a new organisation's temporary key lives only in its entry.
    private static Dictionary<int, string> TrackedOrganisationPaths(DbContext context)
    {
        var paths = new Dictionary<int, string>();
        foreach (var entry in context.ChangeTracker.Entries<Organisation>())
        {
            if (entry.Property(o => o.Id).CurrentValue is var id && id != 0 && !string.IsNullOrEmpty(entry.Entity.Path))
            {
                paths[id] = entry.Entity.Path;
            }
        }

        return paths;
    }

    private static int? OwnerIdOf(EntityEntry entry) =>
        entry.Metadata.FindProperty(nameof(IOrganisationOwned.OrganisationId)) is { } property
            ? entry.Property(property.Name).CurrentValue as int?
            : null;

    private DbContext? _context;

    private void Prepare(DbContext context, Dictionary<int, string>? untrackedPaths)
    {
        _context = context;
        if (!_completing)
        {
            _added.Clear();
        }

        var audit = context is FederationDbContext { AuditDisabled: false };
        var now = clock.GetUtcNow();
        var entries = new List<AuditEntry>();
        Dictionary<int, string>? paths = null;

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

            if (entry.Entity is Person person && entry.State is EntityState.Added or EntityState.Modified)
            {
                // Through the entry: changes were detected already, and it marks the column modified.
                entry.Property(nameof(Person.IdNumberHash)).CurrentValue = personalData.HashIdNumber(person.IdNumber);
                entry.Property(nameof(Person.PhoneHash)).CurrentValue = personalData.HashPhone(person.Phone);
            }

            // The data-protection key ring is key material, a pending import a transient (encrypted) copy of a sheet,
            // a dashboard snapshot figures derived from the records: none is a record, none is copied into the audit
            // log (the import's commit is audited). A snapshot must not move the change marker it is compared with.
            if (!audit || entry.Metadata.IsOwned() || entry.Metadata.HasSharedClrType
                || RecordChanges.IsBookkeeping(entry.Entity))
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
                OrganisationPath = OrganisationPathOf(entry, paths ??= MergePaths(TrackedOrganisationPaths(context), untrackedPaths)),
            };

            switch (entry.State)
            {
                case EntityState.Added:
                    // Inserted after the save, once the key exists (see CompleteAdded): not with the records.
                    record.After = Serialize(entry.Properties.Where(p => !p.Metadata.IsPrimaryKey()), p => p.CurrentValue);
                    _pendingAdded.Add((entry, record));
                    continue;
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

        // Added records' entries are inserted once keys exist, by a second save that must not be separable from the
        // first: both run in one transaction.
        context.Set<AuditEntry>().AddRange(entries);
        _added.AddRange(entries);
        if (_pendingAdded.Count > 0 && _ownTransaction is null && context.Database.CurrentTransaction is null)
        {
            _ownTransaction = context.Database.BeginTransaction();
        }
    }

    private bool CompleteAdded(DbContext context)
    {
        if (_pendingAdded.Count == 0)
        {
            return false;
        }

        var completed = new List<AuditEntry>(_pendingAdded.Count);
        foreach (var (entry, audit) in _pendingAdded)
        {
            audit.EntityId = KeyOf(entry);
            completed.Add(audit);
        }

        _pendingAdded.Clear();
        context.Set<AuditEntry>().AddRange(completed);
        _added.AddRange(completed);
        return true;
    }

    private static Dictionary<int, string> MergePaths(Dictionary<int, string> tracked, Dictionary<int, string>? untracked)
    {
        foreach (var (id, path) in untracked ?? [])
        {
            tracked.TryAdd(id, path);
        }

        return tracked;
    }

    // Looked up in a dictionary built once per save: scanning the tracker for each of thousands of entries is quadratic.
    private static string? OrganisationPathOf(EntityEntry entry, Dictionary<int, string> paths) => entry.Entity switch
    {
        Organisation o => o.Path,
        IOrganisationOwned when OwnerIdOf(entry) is { } id => paths.GetValueOrDefault(id),
        _ => null,
    };

    private static string? KeyOf(EntityEntry entry)
    {
        var key = entry.Metadata.FindPrimaryKey();
        return key is null ? null : string.Join(",", key.Properties.Select(p => entry.Property(p.Name).CurrentValue));
    }

    private string Serialize(IEnumerable<PropertyEntry> properties, Func<PropertyEntry, object?> value)
    {
        var values = new SortedDictionary<string, object?>(StringComparer.Ordinal);
        foreach (var p in properties)
        {
            var name = p.Metadata.Name;
            if (Omitted.Contains(name))
            {
                continue;
            }

            values[name] = Redacted.Contains(name) ? "***"
                : p.EntityEntry.Entity is Person && Encrypted.TryGetValue(name, out var field) && value(p) is string clear
                    ? personalData.Encrypt(clear, field)
                    : value(p);
        }

        return JsonSerializer.Serialize(values, JsonOptions);
    }
}
