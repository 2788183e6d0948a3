using System.ComponentModel.DataAnnotations;
using Kaijiang.Federation.Web.Authorization;
using Kaijiang.Federation.Web.Domain;
using Kaijiang.Federation.Web.Features.Account;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace Kaijiang.Federation.Web.Features.TwoFactor;

public sealed class TwoFactorLoginInput
{
    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(7, MinimumLength = 6, ErrorMessage = "Validation.CodeLength")]
    [Display(Name = "TwoFactor.Code")]
    public string Code { get; set; } = "";

    public string? ReturnUrl { get; set; }
}

public sealed class RecoveryCodeLoginInput
{
    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(32, ErrorMessage = "Validation.StringLength")]
    [Display(Name = "TwoFactor.RecoveryCode")]
    public string RecoveryCode { get; set; } = "";

    public string? ReturnUrl { get; set; }
}

public sealed class ManageViewModel
{
    public bool IsEnabled { get; init; }

    public bool IsRequired { get; init; }

    public int RecoveryCodesLeft { get; init; }
}

public sealed class EnableModel
{
    [BindNever]
    public string SharedKey { get; set; } = "";

    [BindNever]
    public string AuthenticatorUri { get; set; } = "";

    [BindNever]
    public bool IsRequired { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(7, MinimumLength = 6, ErrorMessage = "Validation.CodeLength")]
    [Display(Name = "TwoFactor.Code")]
    public string Code { get; set; } = "";
}

/// <summary>Disabling two-factor sign-in or replacing the recovery codes asks for the password again: a borrowed session is not enough.</summary>
public sealed class ConfirmPasswordInput
{
    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(256, ErrorMessage = "Validation.StringLength")]
    [DataType(DataType.Password)]
    [Display(Name = "Account.Password")]
    public string Password { get; set; } = "";
}

/// <summary>Two-factor sign-in with an authenticator app (TOTP, Identity's built-in provider) and recovery codes.</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class TwoFactorController(
    SignInManager<FederationUser> signInManager,
    UserManager<FederationUser> userManager,
    TwoFactorRequirement requirement,
    SecurityAudit audit,
    TimeProvider clock,
    IStringLocalizer<SharedResource> l,
    ILogger<TwoFactorController> logger) : Controller
{
    public const int RecoveryCodeCount = 10;

    private const string RecoveryCodesKey = "RecoveryCodes";
    private const string ByAuthenticator = "{\"method\":\"authenticator\"}";
    private const string ByRecoveryCode = "{\"method\":\"recovery-code\"}";

    [AllowAnonymous]
    [HttpGet]
    public async Task<IActionResult> LoginWithTwoFactor(string? returnUrl = null) =>
        await signInManager.GetTwoFactorAuthenticationUserAsync() is null
            ? RedirectToAction(nameof(AccountController.Login), "Account", new { returnUrl })
            : View(new TwoFactorLoginInput { ReturnUrl = returnUrl });

    [AllowAnonymous]
    [HttpPost]
    [EnableRateLimiting(AccountController.SignInRateLimit)]
    public async Task<IActionResult> LoginWithTwoFactor(TwoFactorLoginInput input)
    {
        var user = await signInManager.GetTwoFactorAuthenticationUserAsync();
        if (user is null)
        {
            // The password step expired (five minutes) or never happened.
            return RedirectToAction(nameof(AccountController.Login), "Account", new { returnUrl = input.ReturnUrl });
        }

        if (!ModelState.IsValid)
        {
            return View(input);
        }

        var refusal = await RefuseDisabledAsync(user, ByAuthenticator);
        var result = refusal ?? await signInManager.TwoFactorAuthenticatorSignInAsync(
            AuthenticatorSetup.NormaliseCode(input.Code), isPersistent: false, rememberClient: false);
        return await ConcludeAsync(user, result, ByAuthenticator, input.ReturnUrl, message =>
        {
            ModelState.AddModelError("", message);
            input.Code = "";
            return View(input);
        });
    }

    [AllowAnonymous]
    [HttpGet]
    public async Task<IActionResult> LoginWithRecoveryCode(string? returnUrl = null) =>
        await signInManager.GetTwoFactorAuthenticationUserAsync() is null
            ? RedirectToAction(nameof(AccountController.Login), "Account", new { returnUrl })
            : View(new RecoveryCodeLoginInput { ReturnUrl = returnUrl });

    [AllowAnonymous]
    [HttpPost]
    [EnableRateLimiting(AccountController.SignInRateLimit)]
    public async Task<IActionResult> LoginWithRecoveryCode(RecoveryCodeLoginInput input)
    {
        var user = await signInManager.GetTwoFactorAuthenticationUserAsync();
        if (user is null)
        {
            return RedirectToAction(nameof(AccountController.Login), "Account", new { returnUrl = input.ReturnUrl });
        }

        if (!ModelState.IsValid)
        {
            return View(input);
        }

        var refusal = await RefuseDisabledAsync(user, ByRecoveryCode);
        var result = refusal ?? await signInManager.TwoFactorRecoveryCodeSignInAsync(AuthenticatorSetup.NormaliseRecoveryCode(input.RecoveryCode));
        return await ConcludeAsync(user, result, ByRecoveryCode, input.ReturnUrl, message =>
        {
            ModelState.AddModelError("", message);
            input.RecoveryCode = "";
            return View(input);
        });
    }

    [HttpGet]
    public async Task<IActionResult> Manage()
    {
        var user = await userManager.GetUserAsync(User);
        if (user is null)
        {
            return RedirectToAction(nameof(AccountController.Login), "Account");
        }

        var enabled = await userManager.GetTwoFactorEnabledAsync(user);
        return View(new ManageViewModel
        {
            IsEnabled = enabled,
            IsRequired = requirement.IsRequiredFor(User),
            RecoveryCodesLeft = enabled ? await userManager.CountRecoveryCodesAsync(user) : 0,
        });
    }

    [HttpGet]
    public async Task<IActionResult> Enable()
    {
        var user = await userManager.GetUserAsync(User);
        if (user is null)
        {
            return RedirectToAction(nameof(AccountController.Login), "Account");
        }

        if (await userManager.GetTwoFactorEnabledAsync(user))
        {
            // The key of an app in use is never shown again.
            return RedirectToAction(nameof(Manage));
        }

        return View(await SetupModelAsync(user, new EnableModel()));
    }

    /// <summary>The QR code of the set-up, as an image of its own URL (no inline data, so a strict CSP needs no exception).</summary>
    [HttpGet]
    [ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
    public async Task<IActionResult> QrCode()
    {
        var user = await userManager.GetUserAsync(User);
        if (user is null || await userManager.GetTwoFactorEnabledAsync(user) || await userManager.GetAuthenticatorKeyAsync(user) is not { Length: > 0 } key)
        {
            return NotFound();
        }

        return File(AuthenticatorSetup.QrCodePng(AuthenticatorSetup.Uri(user.UserName!, key)), "image/png");
    }

    [HttpPost]
    public async Task<IActionResult> Enable(EnableModel input)
    {
        var user = await userManager.GetUserAsync(User);
        if (user is null)
        {
            return RedirectToAction(nameof(AccountController.Login), "Account");
        }

        if (await userManager.GetTwoFactorEnabledAsync(user))
        {
            return RedirectToAction(nameof(Manage));
        }

        if (!ModelState.IsValid)
        {
            return View(await SetupModelAsync(user, input));
        }

        var valid = await userManager.VerifyTwoFactorTokenAsync(
            user, userManager.Options.Tokens.AuthenticatorTokenProvider, AuthenticatorSetup.NormaliseCode(input.Code));
        if (!valid)
        {
            logger.LogWarning("Two-factor set-up: the confirmation code was wrong");
            await audit.RecordAsync(SecurityEvents.TwoFactorVerificationFailed, user.UserName, user.Id);
            ModelState.AddModelError(nameof(input.Code), l["TwoFactor.CodeInvalid"]);
            input.Code = "";
            return View(await SetupModelAsync(user, input));
        }

        await userManager.SetTwoFactorEnabledAsync(user, true);
        var codes = await userManager.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount);
        await signInManager.RefreshSignInAsync(user);
        logger.LogInformation("Two-factor sign-in enabled");
        await audit.RecordAsync(SecurityEvents.TwoFactorEnabled, user.UserName, user.Id);
        await audit.RecordAsync(SecurityEvents.RecoveryCodesGenerated, user.UserName, user.Id);
        TempData[RecoveryCodesKey] = codes?.ToArray() ?? [];
        TempData["Success"] = l["TwoFactor.Enabled"].Value;
        return RedirectToAction(nameof(RecoveryCodes));
    }

    /// <summary>The new recovery codes, shown once: they come from TempData and are gone after this page.</summary>
    [HttpGet]
    [ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
    public IActionResult RecoveryCodes() =>
        TempData[RecoveryCodesKey] is string[] { Length: > 0 } codes
            ? View(codes)
            : RedirectToAction(nameof(Manage));

    [HttpGet]
    public async Task<IActionResult> Disable()
    {
        var user = await userManager.GetUserAsync(User);
        if (user is null || !await userManager.GetTwoFactorEnabledAsync(user))
        {
            return RedirectToAction(nameof(Manage));
        }

        if (requirement.IsRequiredFor(User))
        {
            TempData["Error"] = l["TwoFactor.RequiredCannotDisable"].Value;
            return RedirectToAction(nameof(Manage));
        }

        return View(new ConfirmPasswordInput());
    }

    [HttpPost]
    public async Task<IActionResult> Disable(ConfirmPasswordInput input)
    {
        var user = await userManager.GetUserAsync(User);
        if (user is null || !await userManager.GetTwoFactorEnabledAsync(user))
        {
            return RedirectToAction(nameof(Manage));
        }

        if (requirement.IsRequiredFor(User))
        {
            logger.LogWarning("Two-factor sign-in cannot be disabled: the role requires it");
            await audit.RecordAsync(SecurityEvents.TwoFactorChangeRefused, user.UserName, user.Id, "{\"change\":\"disable\",\"reason\":\"required\"}");
            TempData["Error"] = l["TwoFactor.RequiredCannotDisable"].Value;
            return RedirectToAction(nameof(Manage));
        }

        if (!ModelState.IsValid || !await ConfirmPasswordAsync(user, input, "disable"))
        {
            return View(input);
        }

        await userManager.SetTwoFactorEnabledAsync(user, false);
        // The old key may be on a lost phone: setting up again starts from a new one.
        await userManager.ResetAuthenticatorKeyAsync(user);
        await signInManager.RefreshSignInAsync(user);
        logger.LogInformation("Two-factor sign-in disabled");
        await audit.RecordAsync(SecurityEvents.TwoFactorDisabled, user.UserName, user.Id);
        TempData["Success"] = l["TwoFactor.Disabled"].Value;
        return RedirectToAction(nameof(Manage));
    }

    [HttpGet]
    public async Task<IActionResult> RegenerateRecoveryCodes()
    {
        var user = await userManager.GetUserAsync(User);
        return user is null || !await userManager.GetTwoFactorEnabledAsync(user)
            ? RedirectToAction(nameof(Manage))
            : View(new ConfirmPasswordInput());
    }

    [HttpPost]
    public async Task<IActionResult> RegenerateRecoveryCodes(ConfirmPasswordInput input)
    {
        var user = await userManager.GetUserAsync(User);
        if (user is null || !await userManager.GetTwoFactorEnabledAsync(user))
        {
            return RedirectToAction(nameof(Manage));
        }

        if (!ModelState.IsValid || !await ConfirmPasswordAsync(user, input, "recovery-codes"))
        {
            return View(input);
        }

        var codes = await userManager.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount);
        logger.LogInformation("Recovery codes replaced");
        await audit.RecordAsync(SecurityEvents.RecoveryCodesGenerated, user.UserName, user.Id);
        TempData[RecoveryCodesKey] = codes?.ToArray() ?? [];
        TempData["Success"] = l["TwoFactor.RecoveryCodesReplaced"].Value;
        return RedirectToAction(nameof(RecoveryCodes));
    }

    private async Task<EnableModel> SetupModelAsync(FederationUser user, EnableModel model)
    {
        var key = await userManager.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await userManager.ResetAuthenticatorKeyAsync(user);
            key = await userManager.GetAuthenticatorKeyAsync(user) ?? "";
            await audit.RecordAsync(SecurityEvents.AuthenticatorKeyCreated, user.UserName, user.Id);
        }

        model.SharedKey = AuthenticatorSetup.FormatKey(key);
        model.AuthenticatorUri = AuthenticatorSetup.Uri(user.UserName!, key);
        model.IsRequired = requirement.IsRequiredFor(User);
        return model;
    }

    /// <summary>A disabled account is refused at the second step too, in the same words as a wrong code.</summary>
    private async Task<Microsoft.AspNetCore.Identity.SignInResult?> RefuseDisabledAsync(FederationUser user, string method)
    {
        if (!user.IsDisabled)
        {
            return null;
        }

        logger.LogWarning("Two-factor sign-in refused for a disabled account");
        await audit.RecordAsync(SecurityEvents.TwoFactorSignInFailed, user.UserName, user.Id, method.Replace("}", ",\"reason\":\"disabled\"}", StringComparison.Ordinal));
        await signInManager.SignOutAsync();
        return Microsoft.AspNetCore.Identity.SignInResult.Failed;
    }

    private async Task<IActionResult> ConcludeAsync(
        FederationUser user, Microsoft.AspNetCore.Identity.SignInResult result, string method, string? returnUrl, Func<string, IActionResult> failed)
    {
        if (result.Succeeded)
        {
            logger.LogInformation("User signed in with a second factor");
            user.LastSignInAt = clock.GetUtcNow();
            await userManager.UpdateAsync(user);
            await audit.RecordAsync(SecurityEvents.TwoFactorSignIn, user.UserName, user.Id, method);
            if (user.MustChangePassword)
            {
                return RedirectToAction(nameof(AccountController.ChangePassword), "Account");
            }

            return LocalRedirect(Infrastructure.ReturnUrl.Safe(Url, returnUrl));
        }

        if (result.IsLockedOut)
        {
            logger.LogWarning("Two-factor sign-in refused: account locked out");
            await audit.RecordAsync(SecurityEvents.LockedOut, user.UserName, user.Id, method);
            return failed(l["Account.LockedOut"]);
        }

        if (!user.IsDisabled)
        {
            logger.LogWarning("Two-factor sign-in failed");
            await audit.RecordAsync(SecurityEvents.TwoFactorSignInFailed, user.UserName, user.Id, method);
        }

        return failed(l["TwoFactor.CodeInvalid"]);
    }

    private async Task<bool> ConfirmPasswordAsync(FederationUser user, ConfirmPasswordInput input, string change)
    {
        var check = await signInManager.CheckPasswordSignInAsync(user, input.Password, lockoutOnFailure: true);
        if (check.Succeeded)
        {
            return true;
        }

        logger.LogWarning("Two-factor change refused: the password was wrong");
        await audit.RecordAsync(SecurityEvents.TwoFactorChangeRefused, user.UserName, user.Id, $"{{\"change\":\"{change}\",\"reason\":\"password\"}}");
        ModelState.AddModelError(nameof(input.Password), check.IsLockedOut ? l["Account.LockedOut"] : l["TwoFactor.PasswordWrong"]);
        input.Password = "";
        return false;
    }
}
