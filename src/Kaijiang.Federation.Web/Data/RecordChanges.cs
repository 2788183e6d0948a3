using Kaijiang.Federation.Web.Domain;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Kaijiang.Federation.Web.Data;

/// <summary>
/// What a saved entity is. A <em>record</em> (an organisation, a person, a report, a loan…) is what every figure is
/// counted from: the read caches and the dashboard snapshots follow its changes. An <em>account</em> changes no figure
/// (every sign-in saves one). <em>Bookkeeping</em> (the audit trail, the data-protection key ring, a pending import's
/// encrypted copy of a sheet, a stored dashboard snapshot) is neither a record nor copied into the audit log.
/// </summary>
public static class RecordChanges
{
    /// <summary>The entity type name the audit log gives an account; Identity's own tables start with <see cref="IdentityTypePrefix"/>.</summary>
    public const string AccountTypeName = nameof(FederationUser);

    public const string IdentityTypePrefix = "Identity";

    public static bool IsBookkeeping(object entity) =>
        entity is AuditEntry or DataProtectionKey or PendingImport or DashboardSnapshot;

    public static bool IsAccount(Type type) =>
        type.Name == AccountTypeName || type.Name.StartsWith(IdentityTypePrefix, StringComparison.Ordinal);

    /// <summary>True when the entry adds, changes or removes a record (its changes must have been detected already).</summary>
    public static bool IsRecordChange(EntityEntry entry) =>
        entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted
        && !IsBookkeeping(entry.Entity)
        && !IsAccount(entry.Metadata.ClrType);
}
