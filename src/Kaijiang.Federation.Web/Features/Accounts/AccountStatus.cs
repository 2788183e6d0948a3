using Kaijiang.Federation.Web.Authorization;
using Kaijiang.Federation.Web.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace Kaijiang.Federation.Web.Features.Accounts;

/// <summary>What became of a status action: refused with a message, or done (with a password to show once).</summary>
public sealed record StatusOutcome(string? Error, string? TemporaryPassword = null)
{
    public static readonly StatusOutcome Done = new((string?)null);
}

/// <summary>Disable, enable, unlock and reset the password of an account.</summary>
public sealed class AccountStatus(
    UserManager<FederationUser> userManager,
    AccountDirectory directory,
    SecurityAudit audit,
    IStringLocalizer<SharedResource> l)
{
    public async Task<StatusOutcome> DisableAsync(FederationUser user)
    {
        if (await directory.IsLastActiveAdminAsync(user))
        {
            return new StatusOutcome(l["Accounts.LastAdmin"]);
        }

        user.IsDisabled = true;
        // A new stamp ends the user's open sessions at their next check (Security:SessionCheckSeconds).
        var result = await userManager.UpdateSecurityStampAsync(user);
        if (!result.Succeeded)
        {
            return new StatusOutcome(string.Join(" ", result.Errors.Select(e => e.Description)));
        }

        await audit.RecordAsync(SecurityEvents.AccountDisabled, user.UserName, user.Id);
        return StatusOutcome.Done;
    }

    public async Task<StatusOutcome> EnableAsync(FederationUser user)
    {
        user.IsDisabled = false;
        var result = await userManager.UpdateAsync(user);
        if (!result.Succeeded)
        {
            return new StatusOutcome(string.Join(" ", result.Errors.Select(e => e.Description)));
        }

        await audit.RecordAsync(SecurityEvents.AccountEnabled, user.UserName, user.Id);
        return StatusOutcome.Done;
    }

    public async Task<StatusOutcome> UnlockAsync(FederationUser user)
    {
        var result = await userManager.SetLockoutEndDateAsync(user, null);
        if (result.Succeeded)
        {
            result = await userManager.ResetAccessFailedCountAsync(user);
        }

        if (!result.Succeeded)
        {
            return new StatusOutcome(string.Join(" ", result.Errors.Select(e => e.Description)));
        }

        await audit.RecordAsync(SecurityEvents.AccountUnlocked, user.UserName, user.Id);
        return StatusOutcome.Done;
    }

    /// <summary>
    /// Gives the account a strong temporary password (shown once to the administrator), which the user must change
    /// at the next sign-in. It also lifts a lockout: a user who forgot her password has usually locked herself out.
    /// </summary>
    public async Task<StatusOutcome> ResetPasswordAsync(FederationUser user)
    {
        var password = TemporaryPassword.Generate(user.UserName);
        var token = await userManager.GeneratePasswordResetTokenAsync(user);
        user.MustChangePassword = true;
        // ResetPasswordAsync validates the password, stores it with the flag above and renews the security stamp.
        var result = await userManager.ResetPasswordAsync(user, token, password);
        if (result.Succeeded)
        {
            result = await userManager.SetLockoutEndDateAsync(user, null);
        }

        if (result.Succeeded)
        {
            result = await userManager.ResetAccessFailedCountAsync(user);
        }

        if (!result.Succeeded)
        {
            return new StatusOutcome(string.Join(" ", result.Errors.Select(e => e.Description)));
        }

        await audit.RecordAsync(SecurityEvents.PasswordReset, user.UserName, user.Id);
        return new StatusOutcome(null, password);
    }
}
