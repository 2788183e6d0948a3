using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Kaijiang.Federation.Web.Authorization;
using Kaijiang.Federation.Web.Data;
using Kaijiang.Federation.Web.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace Kaijiang.Federation.Web.Features.Accounts;

public sealed class EditAccountInput
{
    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(100, ErrorMessage = "Validation.StringLength")]
    [Display(Name = "Accounts.DisplayName")]
    public string DisplayName { get; set; } = "";

    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "Accounts.Role")]
    public string Role { get; set; } = "";

    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "Accounts.Scope")]
    public int? ScopeOrganisationId { get; set; }

    /// <summary>The account as the form showed it; a different stamp means someone changed it meanwhile.</summary>
    public string? ConcurrencyStamp { get; set; }
}

/// <summary>The account page: what the account is, the form to change role and scope, and the status actions.</summary>
public sealed record EditAccountPage(
    string Id,
    string UserName,
    bool IsDisabled,
    bool IsLockedOut,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LastSignInAt,
    bool MustChangePassword,
    EditAccountInput Input,
    IReadOnlyList<ScopeOption> ScopeOptions)
{
    public static async Task<EditAccountPage> ForAsync(
        FederationUser user, EditAccountInput? input, AccountDirectory directory, TimeProvider clock, CancellationToken cancellationToken) =>
        new(
            user.Id,
            user.UserName ?? "",
            user.IsDisabled,
            user.LockoutEnd > clock.GetUtcNow(),
            user.CreatedAt,
            user.LastSignInAt,
            user.MustChangePassword,
            input ?? new EditAccountInput
            {
                DisplayName = user.DisplayName,
                Role = await directory.RoleOfAsync(user) ?? "",
                ScopeOrganisationId = user.ScopeOrganisationId,
                ConcurrencyStamp = user.ConcurrencyStamp,
            },
            await directory.ScopeOptionsAsync(cancellationToken));
}

/// <summary>Changes an account's display name, role and scope; the user's open sessions pick up the change.</summary>
public sealed class EditAccount(
    FederationDbContext db,
    UserManager<FederationUser> userManager,
    AccountDirectory directory,
    AccountChecks checks,
    SecurityAudit audit,
    IStringLocalizer<SharedResource> l)
{
    public async Task<IReadOnlyList<FieldError>> RunAsync(FederationUser user, EditAccountInput input, CancellationToken cancellationToken)
    {
        if (input.ConcurrencyStamp != user.ConcurrencyStamp)
        {
            return [new FieldError("", l["Identity.ConcurrencyFailure"])];
        }

        var (scope, errors) = await checks.RoleAndScopeAsync(input.Role, input.ScopeOrganisationId, cancellationToken);
        if (errors.Count > 0)
        {
            return errors;
        }

        var oldRole = await directory.RoleOfAsync(user);
        if (oldRole == Roles.SystemAdmin && input.Role != Roles.SystemAdmin && await directory.IsLastActiveAdminAsync(user))
        {
            return [new FieldError(AccountChecks.RoleField, l["Accounts.LastAdmin"])];
        }

        var before = new { displayName = user.DisplayName, role = oldRole, scope = user.ScopeOrganisationId };
        var roleChanged = oldRole != input.Role;
        var scopeChanged = user.ScopeOrganisationId != scope!.Id;

        // The account, its role, its stamp and the audit entry are one change; a refusal rolls all of it back.
        return await db.InTransactionAsync(
            async _ =>
            {
                user.DisplayName = input.DisplayName.Trim();
                user.ScopeOrganisationId = scope.Id;
                var result = await userManager.UpdateAsync(user);
                if (result.Succeeded && roleChanged)
                {
                    if (oldRole is not null)
                    {
                        result = await userManager.RemoveFromRoleAsync(user, oldRole);
                    }

                    if (result.Succeeded)
                    {
                        result = await userManager.AddToRoleAsync(user, input.Role);
                    }
                }

                if (result.Succeeded && (roleChanged || scopeChanged))
                {
                    // Role and scope live in the cookie: a new stamp makes open sessions sign in again and see the new ones.
                    result = await userManager.UpdateSecurityStampAsync(user);
                }

                if (!result.Succeeded)
                {
                    return (IReadOnlyList<FieldError>)AccountChecks.FromIdentity(result).ToList();
                }

                await audit.RecordAsync(SecurityEvents.AccountUpdated, user.UserName, user.Id, JsonSerializer.Serialize(new
                {
                    before,
                    after = new { displayName = user.DisplayName, role = input.Role, scope = scope.Id },
                }));
                return (IReadOnlyList<FieldError>)[];
            },
            commitWhen: errors => errors.Count == 0,
            cancellationToken);
    }
}
