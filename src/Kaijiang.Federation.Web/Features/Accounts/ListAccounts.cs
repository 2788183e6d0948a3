using Kaijiang.Federation.Web.Data;
using Kaijiang.Federation.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace Kaijiang.Federation.Web.Features.Accounts;

/// <summary>The list's filters, kept in the query string so that a filtered page can be bookmarked and shared.</summary>
public sealed class AccountListFilter
{
    public string? Search { get; set; }

    public string? Role { get; set; }

    public int Page { get; set; } = 1;
}

public sealed record AccountRow(
    string Id,
    string UserName,
    string DisplayName,
    string? Role,
    string? ScopeName,
    bool IsDisabled,
    bool IsLockedOut,
    DateTimeOffset? LastSignInAt);

public sealed record AccountListPage(AccountListFilter Filter, IReadOnlyList<AccountRow> Rows, int Total, int PageCount);

/// <summary>Lists the accounts in the administrator's scope, filtered by text and role, a page at a time.</summary>
public sealed class ListAccounts(FederationDbContext db, AccountDirectory directory, TimeProvider clock)
{
    public const int PageSize = 25;

    public async Task<AccountListPage> RunAsync(AccountListFilter filter, CancellationToken cancellationToken)
    {
        var accounts = directory.Accounts.AsNoTracking();
        var search = filter.Search?.Trim();
        if (!string.IsNullOrEmpty(search))
        {
            // User names are compared through their normalised (upper-case) form so the search ignores case everywhere.
            var normalised = search.ToUpperInvariant();
            accounts = accounts.Where(u => u.NormalizedUserName!.Contains(normalised) || u.DisplayName.Contains(search));
        }

        if (filter.Role is { } role && Roles.All.Contains(role))
        {
            accounts = accounts.Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == role)));
        }
        else
        {
            filter.Role = null;
        }

        var total = await accounts.CountAsync(cancellationToken);
        var pageCount = Math.Max(1, (total + PageSize - 1) / PageSize);
        filter.Page = Math.Clamp(filter.Page, 1, pageCount);

        var rows = await accounts
            .OrderBy(u => u.UserName)
            .Skip((filter.Page - 1) * PageSize)
            .Take(PageSize)
            .Select(u => new
            {
                u.Id,
                u.UserName,
                u.DisplayName,
                Role = db.UserRoles.Where(ur => ur.UserId == u.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => r.Name).FirstOrDefault(),
                ScopeName = db.Organisations.Where(o => o.Id == u.ScopeOrganisationId).Select(o => o.Name).FirstOrDefault(),
                u.IsDisabled,
                u.LockoutEnd,
                u.LastSignInAt,
            })
            .ToListAsync(cancellationToken);

        var now = clock.GetUtcNow();
        return new AccountListPage(
            filter,
            rows.Select(r => new AccountRow(r.Id, r.UserName ?? "", r.DisplayName, r.Role, r.ScopeName, r.IsDisabled, r.LockoutEnd > now, r.LastSignInAt)).ToList(),
            total,
            pageCount);
    }
}
