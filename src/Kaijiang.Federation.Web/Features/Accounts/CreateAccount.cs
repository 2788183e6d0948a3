using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Kaijiang.Federation.Web.Authorization;
using Kaijiang.Federation.Web.Data;
using Kaijiang.Federation.Web.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace Kaijiang.Federation.Web.Features.Accounts;

public sealed class CreateAccountInput
{
    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(64, ErrorMessage = "Validation.StringLength")]
    [Display(Name = "Account.UserName")]
    public string UserName { get; set; } = "";

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

    /// <summary>On (the default): the portal makes up a strong password and shows it once.</summary>
    // Explicit, so that the implicit [Required] of a bool does not bring the English default message of DataAnnotations along.
    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "Accounts.GeneratePassword")]
    public bool GeneratePassword { get; set; } = true;

    [StringLength(128, ErrorMessage = "Validation.StringLength")]
    [DataType(DataType.Password)]
    [Display(Name = "Accounts.InitialPassword")]
    public string? Password { get; set; }
}

public sealed record CreateAccountPage(CreateAccountInput Input, IReadOnlyList<ScopeOption> ScopeOptions);

public sealed record CreateAccountOutcome(string? UserId, string? GeneratedPassword, IReadOnlyList<FieldError> Errors);

/// <summary>Creates an account with one role and one scope; the user must change the initial password at first sign-in.</summary>
public sealed class CreateAccount(
    FederationDbContext db,
    UserManager<FederationUser> userManager,
    AccountChecks checks,
    SecurityAudit audit,
    TimeProvider clock,
    IStringLocalizer<SharedResource> l)
{
    public async Task<CreateAccountOutcome> RunAsync(CreateAccountInput input, CancellationToken cancellationToken)
    {
        var userName = input.UserName.Trim();
        var (scope, scopeErrors) = await checks.RoleAndScopeAsync(input.Role, input.ScopeOrganisationId, cancellationToken);
        var errors = scopeErrors.ToList();
        if (!input.GeneratePassword && string.IsNullOrEmpty(input.Password))
        {
            errors.Add(new FieldError(AccountChecks.PasswordField, l["Validation.Required", l["Accounts.InitialPassword"]]));
        }

        var password = input.GeneratePassword ? TemporaryPassword.Generate(userName) : input.Password ?? "";
        var user = new FederationUser
        {
            UserName = userName,
            DisplayName = input.DisplayName.Trim(),
            ScopeOrganisationId = scope?.Id ?? 0,
            CreatedAt = clock.GetUtcNow(),
            LockoutEnabled = true,
            MustChangePassword = true,
        };

        // Identity checks the name (valid, not taken) and the password (length, common list) here, so that every
        // mistake of the form is reported at once; CreateAsync would stop at the first kind.
        foreach (var validator in userManager.UserValidators)
        {
            errors.AddRange(AccountChecks.FromIdentity(await validator.ValidateAsync(userManager, user)));
        }

        if (password.Length > 0)
        {
            foreach (var validator in userManager.PasswordValidators)
            {
                errors.AddRange(AccountChecks.FromIdentity(await validator.ValidateAsync(userManager, user, password)));
            }
        }

        if (errors.Count > 0)
        {
            return new CreateAccountOutcome(null, null, errors);
        }

        // The account, its role and the audit entry are one change: none of them without the others.
        return await db.InTransactionAsync(
            async _ =>
            {
                var created = await userManager.CreateAsync(user, password);
                if (!created.Succeeded)
                {
                    return new CreateAccountOutcome(null, null, AccountChecks.FromIdentity(created).ToList());
                }

                var roleAdded = await userManager.AddToRoleAsync(user, input.Role);
                if (!roleAdded.Succeeded)
                {
                    return new CreateAccountOutcome(null, null, AccountChecks.FromIdentity(roleAdded).ToList());
                }

                await audit.RecordAsync(SecurityEvents.AccountCreated, user.UserName, user.Id,
                    JsonSerializer.Serialize(new { role = input.Role, scope = user.ScopeOrganisationId, generatedPassword = input.GeneratePassword }));
                return new CreateAccountOutcome(user.Id, input.GeneratePassword ? password : null, []);
            },
            commitWhen: outcome => outcome.UserId is not null,
            cancellationToken);
    }
}
