using Kaijiang.Federation.Web.Authorization;
using Kaijiang.Federation.Web.Data;
using Kaijiang.Federation.Web.Domain;

namespace Kaijiang.Federation.Web.Features.People;

/// <summary>
/// Showing a person's ID number or phone in full is itself an audit entry (who, when, whose record, which page): the
/// person's history lists it, and the audit search finds it under <see cref="Action"/>.
/// </summary>
public sealed class IdentityViewAudit(FederationDbContext db, TimeProvider clock, CurrentUser currentUser)
{
    public const string Action = "IdentityViewed";

    /// <summary>Records the view when something was shown in full; nothing for a person without ID number or phone.</summary>
    public async Task RecordAsync(int personId, string? organisationPath, bool shownInFull, bool hasIdentity, string page, CancellationToken cancellationToken)
    {
        if (!shownInFull || !hasIdentity)
        {
            return;
        }

        db.AuditEntries.Add(new AuditEntry
        {
            At = clock.GetUtcNow(),
            UserId = currentUser.UserId,
            UserName = currentUser.UserName,
            Action = Action,
            EntityType = nameof(Person),
            EntityId = personId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            OrganisationPath = organisationPath,
            After = System.Text.Json.JsonSerializer.Serialize(new { Page = page }),
        });
        await db.SaveChangesAsync(cancellationToken);
    }
}
