namespace Kaijiang.Federation.Web.Domain;

/// <summary>One change to one record, or one security event (sign-in, lockout …). Append-only.</summary>
public class AuditEntry
{
    public long Id { get; set; }

    public DateTimeOffset At { get; set; }

    public string? UserId { get; set; }

    public string? UserName { get; set; }

    /// <summary>Added, Modified, Deleted, or a security event such as SignIn.</summary>
    public string Action { get; set; } = "";

    public string EntityType { get; set; } = "";

    public string? EntityId { get; set; }

    /// <summary>Path of the organisation the record belongs to, so the log can be scoped like the records.</summary>
    public string? OrganisationPath { get; set; }

    /// <summary>JSON object of the changed properties' values before the change.</summary>
    public string? Before { get; set; }

    /// <summary>JSON object of the changed properties' values after the change.</summary>
    public string? After { get; set; }

    /// <summary>The hash of the entry before this one in the chain (see <see cref="Data.AuditChain"/>).</summary>
    public string? PreviousHash { get; set; }

    /// <summary>SHA-256 over this entry and <see cref="PreviousHash"/>; set once by the sealer, never changed.</summary>
    public string? Hash { get; set; }
}
