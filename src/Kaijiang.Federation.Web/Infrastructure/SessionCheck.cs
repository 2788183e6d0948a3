using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Kaijiang.Federation.Web.Infrastructure;

/// <summary>
/// When a signed-in session is due for its check against the account (<c>Security:SessionCheckSeconds</c>): the same
/// rule as Identity's <see cref="SecurityStampValidator"/> — a cookie without an issue time, or issued longer ago than
/// the interval — asked before the validator and its dependencies are created.
/// </summary>
public static class SessionCheck
{
    public static bool IsDue(CookieValidatePrincipalContext context)
    {
        var options = context.HttpContext.RequestServices.GetRequiredService<IOptions<SecurityStampValidatorOptions>>().Value;
        return IsDue(context.Properties.IssuedUtc, (options.TimeProvider ?? TimeProvider.System).GetUtcNow(), options.ValidationInterval);
    }

    public static bool IsDue(DateTimeOffset? issuedUtc, DateTimeOffset now, TimeSpan interval) =>
        issuedUtc is not { } issued || now - issued > interval;
}
