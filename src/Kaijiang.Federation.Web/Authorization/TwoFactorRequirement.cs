using System.Security.Claims;
using Kaijiang.Federation.Web.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Kaijiang.Federation.Web.Authorization;

/// <summary>The <c>Security</c> settings that decide who must sign in with a second factor.</summary>
public sealed class TwoFactorOptions
{
    public const string Section = "Security";

    /// <summary>Roles whose accounts must use an authenticator app, e.g. SystemAdmin and CountyStaff.</summary>
    public IList<string> RequireTwoFactorForRoles { get; } = [];
}

/// <summary>Whether the configuration requires two-factor sign-in of a user's role.</summary>
public sealed class TwoFactorRequirement(IOptionsMonitor<TwoFactorOptions> options)
{
    public bool IsRequiredFor(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true && options.CurrentValue.RequireTwoFactorForRoles.Any(user.IsInRole);
}

/// <summary>
/// A user whose role must use two-factor sign-in and who has not set it up can do nothing but set it up
/// (or change her password, or sign out). Read from the database, not the cookie, so that a reset takes effect at once.
/// </summary>
public sealed class RequireTwoFactorFilter(TwoFactorRequirement requirement, FederationDbContext db) : IAsyncActionFilter
{
    public async Task OnActionExecutionAsync(ActionExecutingContext context, ActionExecutionDelegate next)
    {
        var user = context.HttpContext.User;
        var exempt = context.ActionDescriptor is ControllerActionDescriptor { ControllerName: "TwoFactor" or "Account" or "Errors" };
        if (!exempt && requirement.IsRequiredFor(user))
        {
            var id = user.FindFirstValue(ClaimTypes.NameIdentifier);
            var enabled = await db.Users.AsNoTracking().Where(u => u.Id == id).Select(u => u.TwoFactorEnabled).FirstOrDefaultAsync(context.HttpContext.RequestAborted);
            if (!enabled)
            {
                context.Result = new RedirectToActionResult("Enable", "TwoFactor", null);
                return;
            }
        }

        await next();
    }
}
