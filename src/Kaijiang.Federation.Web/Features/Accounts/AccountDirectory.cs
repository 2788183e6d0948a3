using Kaijiang.Federation.Web.Data;
using Kaijiang.Federation.Web.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Kaijiang.Federation.Web.Features.Accounts;

/// <summary>An organisation offered by the scope picker, indented by its depth under the administrator's scope.</summary>
public sealed record ScopeOption(int Id, string Name, OrganisationKind Kind, int Depth);

/// <summary>A field of a form and the message to show next to it ("" for the form as a whole).</summary>
public sealed record FieldError(string Field, string Message);

/// <summary>
/// The accounts an administrator may manage: those scoped to an organisation she can see. The organisation
/// query filter is the one scope mechanism, so accounts follow it rather than repeating it.
/// </summary>
public sealed class AccountDirectory(FederationDbContext db, UserManager<FederationUser> userManager)
{
    public IQueryable<FederationUser> Accounts =>
        db.Users.Where(u => db.Organisations.Any(o => o.Id == u.ScopeOrganisationId));

    public Task<FederationUser?> FindAsync(string id, CancellationToken cancellationToken) =>
        Accounts.FirstOrDefaultAsync(u => u.Id == id, cancellationToken);

    public async Task<string?> RoleOfAsync(FederationUser user) => (await userManager.GetRolesAsync(user)).FirstOrDefault();

    public Task<Organisation?> FindScopeAsync(int? organisationId, CancellationToken cancellationToken) =>
        organisationId is { } id
            ? db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id && o.ClosedOn == null, cancellationToken)
            : Task.FromResult<Organisation?>(null);

    public async Task<IReadOnlyList<ScopeOption>> ScopeOptionsAsync(CancellationToken cancellationToken)
    {
        var options = await db.Organisations.AsNoTracking()
            .Where(o => o.ClosedOn == null)
            .OrderBy(o => o.Path)
            .Select(o => new ScopeOption(o.Id, o.Name, o.Kind, o.Depth))
            .ToListAsync(cancellationToken);
        var top = options.Count == 0 ? 0 : options.Min(o => o.Depth);
        return options.Select(o => o with { Depth = o.Depth - top }).ToList();
    }

    /// <summary>
    /// Whether <paramref name="user"/> is the last enabled SystemAdmin of the whole deployment (not only of this
    /// administrator's subtree): disabling or demoting her would leave nobody to manage accounts.
    /// </summary>
    public async Task<bool> IsLastActiveAdminAsync(FederationUser user)
    {
        var admins = await userManager.GetUsersInRoleAsync(Roles.SystemAdmin);
        return !user.IsDisabled && admins.Any(a => a.Id == user.Id) && !admins.Any(a => a.Id != user.Id && !a.IsDisabled);
    }
}

/// <summary>How the account pages show times and organisations.</summary>
public static class AccountDisplay
{
    // China Standard Time has had no daylight saving since 1991: a fixed offset is exact.
    private static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);

    public static string ChinaTime(DateTimeOffset? value) =>
        value?.ToOffset(ChinaOffset).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture) ?? "";

    /// <summary>Non-breaking spaces before the name show the tree in a plain select list.</summary>
    public static string Indent(ScopeOption option) => new string('\u00A0', option.Depth * 3) + option.Name;
}
