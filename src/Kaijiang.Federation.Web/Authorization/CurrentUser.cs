using System.Security.Claims;
using Kaijiang.Federation.Web.Data;
using Kaijiang.Federation.Web.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Kaijiang.Federation.Web.Authorization;

/// <summary>Claim types the portal adds to the sign-in cookie.</summary>
public static class FederationClaims
{
    public const string ScopeOrganisationId = "federation:scope_org";
    public const string ScopePath = "federation:scope_path";

    /// <summary>The ids of the organisations above the scope, root first, comma-separated (may be empty).</summary>
    public const string ScopeAncestors = "federation:scope_ancestors";
    public const string DisplayName = "federation:display_name";
    public const string MustChangePassword = "federation:must_change_password";

    /// <summary>A path that sorts after every real path, so a signed-in user without a scope sees nothing.</summary>
    public const string NoScope = "X";
}

/// <summary>The signed-in user as the rest of the portal needs it: name, role, scope.</summary>
public sealed class CurrentUser(IHttpContextAccessor accessor) : IOrganisationScope, IAuditActor
{
    private ClaimsPrincipal? Principal => accessor.HttpContext?.User;

    public bool IsSignedIn => Principal?.Identity?.IsAuthenticated == true;

    public string? UserId => IsSignedIn ? Principal!.FindFirstValue(ClaimTypes.NameIdentifier) : null;

    public string? UserName => IsSignedIn ? Principal!.Identity!.Name : null;

    public string? DisplayName => IsSignedIn ? Principal!.FindFirstValue(FederationClaims.DisplayName) ?? UserName : null;

    public string? Role => IsSignedIn ? Roles.All.FirstOrDefault(Principal!.IsInRole) : null;

    /// <summary>Whether ID numbers and phones are shown to this user in full (<see cref="Roles.SeeFullIdentity"/>).</summary>
    public bool SeesFullIdentityNumbers => Role is { } role && Roles.SeeFullIdentity.Contains(role);

    public int? ScopeOrganisationId =>
        int.TryParse(Principal?.FindFirstValue(FederationClaims.ScopeOrganisationId), out var id) ? id : null;

    /// <summary>The organisations above the user's scope (a village chair's township, the county…), from the cookie.</summary>
    public IReadOnlyList<int> AncestorIds =>
        IsSignedIn && Principal!.FindFirstValue(FederationClaims.ScopeAncestors) is { Length: > 0 } ids
            ? ids.Split(',').Select(id => int.TryParse(id, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : 0).Where(n => n > 0).ToList()
            : [];

    /// <summary>
    /// The subtree the user sees. Outside a request (start-up, seeding, commands) there is no filter. Inside one,
    /// an anonymous visitor, or a signed-in user whose cookie lacks a scope, sees nothing rather than everything.
    /// </summary>
    public string? Path => accessor.HttpContext is null
        ? null
        : (IsSignedIn ? Principal!.FindFirstValue(FederationClaims.ScopePath) : null) ?? FederationClaims.NoScope;
}

/// <summary>Puts the user's scope (organisation id and path) and display name into the cookie at sign-in.</summary>
public sealed class FederationClaimsPrincipalFactory(
    UserManager<FederationUser> userManager,
    RoleManager<IdentityRole> roleManager,
    IOptions<IdentityOptions> options,
    FederationDbContext db)
    : UserClaimsPrincipalFactory<FederationUser, IdentityRole>(userManager, roleManager, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(FederationUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        var path = db.Organisations.IgnoreQueryFilters()
            .Where(o => o.Id == user.ScopeOrganisationId)
            .Select(o => o.Path)
            .FirstOrDefault();
        identity.AddClaim(new Claim(FederationClaims.ScopeOrganisationId, user.ScopeOrganisationId.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        identity.AddClaim(new Claim(FederationClaims.ScopePath, path ?? FederationClaims.NoScope));
        var ancestorPaths = path is null ? [] : OrganisationPath.Ancestors(path).ToList();
        var ancestors = ancestorPaths.Count == 0 ? [] : db.Organisations.IgnoreQueryFilters()
            .Where(o => ancestorPaths.Contains(o.Path))
            .OrderBy(o => o.Path)
            .Select(o => o.Id)
            .ToList();
        identity.AddClaim(new Claim(FederationClaims.ScopeAncestors, string.Join(',', ancestors)));
        identity.AddClaim(new Claim(FederationClaims.DisplayName, user.DisplayName));
        if (user.MustChangePassword)
        {
            identity.AddClaim(new Claim(FederationClaims.MustChangePassword, "true"));
        }
        return identity;
    }
}
