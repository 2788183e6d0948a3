using Kaijiang.Federation.Web.Authorization;
using Kaijiang.Federation.Web.Data;
using Kaijiang.Federation.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace Kaijiang.Federation.Web.Features.History;

/// <summary>The audit search's filters, all in the query string so that a search can be bookmarked and shared.</summary>
public sealed class AuditSearchFilter
{
    public string? User { get; set; }

    public string? EntityType { get; set; }

    public string? Action { get; set; }

    /// <summary>First day, China time, inclusive.</summary>
    public DateOnly? From { get; set; }

    /// <summary>Last day, China time, inclusive.</summary>
    public DateOnly? To { get; set; }

    /// <summary>Entries of this organisation and its subtree.</summary>
    public int? OrganisationId { get; set; }

    public int Page { get; set; } = 1;

    public bool IsEmpty => string.IsNullOrWhiteSpace(User) && EntityType is null && Action is null && From is null && To is null && OrganisationId is null;
}

public sealed record AuditRow(long Id, DateTimeOffset At, string? UserName, string Action, string EntityType, string? EntityId, string? OrganisationName, bool HasHistoryPage);

public sealed record AuditSearchPage(
    AuditSearchFilter Filter,
    IReadOnlyList<AuditRow> Rows,
    int Total,
    int PageCount,
    IReadOnlyList<string> EntityTypes,
    IReadOnlyList<string> Actions,
    IReadOnlyList<RosterImport.TargetOption> Organisations);

/// <summary>
/// Searches the audit log within the user's subtree (entries carry their organisation's path), paged on the server in a
/// stable order: newest first, then by id. Entries of no organisation (sign-ins, accounts) are the administrator's.
/// </summary>
public sealed class SearchAuditLog(FederationDbContext db, CurrentUser currentUser, RosterImport.ImportTargets targets)
{
    public const int PageSize = 50;

    public static readonly IReadOnlyList<string> Actions =
    [
        "Added", "Modified", "Deleted", RosterImport.AuditActions.Import, RosterImport.AuditActions.Export, People.IdentityViewAudit.Action,
        SecurityEvents.SignIn, SecurityEvents.SignInFailed, SecurityEvents.LockedOut, SecurityEvents.PasswordChanged,
        SecurityEvents.AccountCreated, SecurityEvents.AccountUpdated, SecurityEvents.AccountDisabled, SecurityEvents.PasswordReset,
    ];

    public async Task<AuditSearchPage> RunAsync(AuditSearchFilter filter, CancellationToken cancellationToken)
    {
        var entries = db.AuditEntries.AsNoTracking();
        var scope = db.ScopePath;
        if (scope is not null)
        {
            var upper = OrganisationPath.SubtreeUpperBound(scope);
            var seesUnowned = currentUser.Role == Roles.SystemAdmin;
            entries = entries.Where(a => (a.OrganisationPath != null && a.OrganisationPath.CompareTo(scope) >= 0 && a.OrganisationPath.CompareTo(upper) < 0)
                                         || (seesUnowned && a.OrganisationPath == null));
        }

        if (filter.OrganisationId is { } organisationId)
        {
            // Found through the scope filter: an organisation outside the subtree matches nothing.
            var path = await db.Organisations.AsNoTracking().Where(o => o.Id == organisationId).Select(o => o.Path).SingleOrDefaultAsync(cancellationToken);
            if (path is null)
            {
                entries = entries.Where(a => false);
            }
            else
            {
                var upper = OrganisationPath.SubtreeUpperBound(path);
                entries = entries.Where(a => a.OrganisationPath != null && a.OrganisationPath.CompareTo(path) >= 0 && a.OrganisationPath.CompareTo(upper) < 0);
            }
        }

        if (filter.User?.Trim() is { Length: > 0 } user)
        {
            entries = entries.Where(a => a.UserName != null && a.UserName.Contains(user));
        }

        if (filter.EntityType?.Trim() is { Length: > 0 } entityType)
        {
            entries = entries.Where(a => a.EntityType == entityType);
        }

        if (filter.Action?.Trim() is { Length: > 0 } action)
        {
            entries = entries.Where(a => a.Action == action);
        }

        // Days are China days whatever the server's zone: [from 00:00 +08:00, the day after to 00:00 +08:00).
        if (filter.From is { } from)
        {
            var start = ChinaTime.StartOfDay(from);
            entries = entries.Where(a => a.At >= start);
        }

        if (filter.To is { } to)
        {
            var end = ChinaTime.StartOfDay(to.AddDays(1));
            entries = entries.Where(a => a.At < end);
        }

        var total = await entries.CountAsync(cancellationToken);
        var pageCount = Math.Max(1, (total + PageSize - 1) / PageSize);
        filter.Page = Math.Clamp(filter.Page, 1, pageCount);
        var rows = await entries
            .OrderByDescending(a => a.At).ThenByDescending(a => a.Id)
            .Skip((filter.Page - 1) * PageSize).Take(PageSize)
            .Select(a => new
            {
                a.Id, a.At, a.UserName, a.Action, a.EntityType, a.EntityId,
                OrganisationName = db.Organisations.Where(o => o.Path == a.OrganisationPath).Select(o => o.Name).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);

        return new AuditSearchPage(
            filter,
            rows.Select(r => new AuditRow(r.Id, r.At, r.UserName, r.Action, r.EntityType, r.EntityId, r.OrganisationName,
                RecordHistory.IsKnown(r.EntityType) && int.TryParse(r.EntityId, out _))).ToList(),
            total,
            pageCount,
            [.. RecordHistory.KnownTypes.Order(StringComparer.Ordinal), RosterImport.AuditActions.RosterEntityType, SecurityAudit.EntityType],
            Actions,
            await targets.OptionsAsync(cancellationToken));
    }
}
