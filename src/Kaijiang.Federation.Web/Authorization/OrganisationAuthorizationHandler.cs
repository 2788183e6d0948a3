using System.Security.Claims;
using Kaijiang.Federation.Web.Domain;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;

namespace Kaijiang.Federation.Web.Authorization;

/// <summary>
/// Decides an operation on a record of an organisation: the role must allow the operation, and the organisation
/// must lie in the user's subtree. Monthly reports belong to townships, so only township-level scopes submit.
/// </summary>
public sealed class OrganisationAuthorizationHandler
    : AuthorizationHandler<OperationAuthorizationRequirement, OrganisationResource>
{
    protected override Task HandleRequirementAsync(
        AuthorizationHandlerContext context, OperationAuthorizationRequirement requirement, OrganisationResource resource)
    {
        var user = context.User;
        var scopePath = user.FindFirstValue(FederationClaims.ScopePath);
        if (user.Identity?.IsAuthenticated != true || string.IsNullOrEmpty(scopePath) || scopePath == FederationClaims.NoScope)
        {
            return Task.CompletedTask;
        }

        var role = Roles.All.FirstOrDefault(user.IsInRole);
        if (!RolePermissions.Allows(role, requirement.Name) || !OrganisationPath.IsInSubtree(resource.Path, scopePath))
        {
            return Task.CompletedTask;
        }

        if (requirement.Name == Operations.Submit.Name && resource.Kind != OrganisationKind.Township)
        {
            return Task.CompletedTask;
        }

        context.Succeed(requirement);
        return Task.CompletedTask;
    }
}
