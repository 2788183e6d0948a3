using Kaijiang.Federation.Web.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace Kaijiang.Federation.Web.Features.Accounts;

/// <summary>The rules a create or an edit must pass before it touches the database: a known role, a scope that fits it.</summary>
public sealed class AccountChecks(AccountDirectory directory, IStringLocalizer<SharedResource> l)
{
    public const string RoleField = "Role";
    public const string ScopeField = "ScopeOrganisationId";
    public const string PasswordField = "Password";
    public const string UserNameField = "UserName";

    public async Task<(Organisation? Scope, IReadOnlyList<FieldError> Errors)> RoleAndScopeAsync(
        string role, int? scopeOrganisationId, CancellationToken cancellationToken)
    {
        var errors = new List<FieldError>();
        if (!Roles.All.Contains(role))
        {
            errors.Add(new FieldError(RoleField, l["Accounts.UnknownRole"]));
        }

        var scope = await directory.FindScopeAsync(scopeOrganisationId, cancellationToken);
        if (scope is null)
        {
            errors.Add(new FieldError(ScopeField, l["Accounts.UnknownScope"]));
        }
        else if (errors.Count == 0 && !RoleScope.Fits(role, scope.Kind))
        {
            errors.Add(new FieldError(ScopeField, l[$"Accounts.ScopeMismatch.{role}"]));
        }

        return (scope, errors);
    }

    /// <summary>Identity's errors, each put next to the field it is about.</summary>
    public static IEnumerable<FieldError> FromIdentity(IdentityResult result) =>
        result.Errors.Select(e => new FieldError(
            e.Code.StartsWith("Password", StringComparison.Ordinal) ? PasswordField
            : e.Code.Contains("UserName", StringComparison.Ordinal) ? UserNameField
            : "",
            e.Description));
}
