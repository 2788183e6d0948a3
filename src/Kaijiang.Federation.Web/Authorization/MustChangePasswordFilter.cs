using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Kaijiang.Federation.Web.Authorization;

/// <summary>After an administrator's password reset, the user can do nothing but set a new password (or sign out).</summary>
public sealed class MustChangePasswordFilter : IAsyncActionFilter
{
    public Task OnActionExecutionAsync(ActionExecutingContext context, ActionExecutionDelegate next)
    {
        var mustChange = context.HttpContext.User.HasClaim(c => c.Type == FederationClaims.MustChangePassword);
        var isAccount = context.ActionDescriptor is ControllerActionDescriptor { ControllerName: "Account" or "Errors" };
        if (mustChange && !isAccount)
        {
            context.Result = new RedirectToActionResult("ChangePassword", "Account", null);
            return Task.CompletedTask;
        }

        return next();
    }
}
