using System.ComponentModel.DataAnnotations;
using Kaijiang.Federation.Web.Authorization;
using Kaijiang.Federation.Web.Domain;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace Kaijiang.Federation.Web.Features.Account;

public sealed class LoginInput
{
    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(256, ErrorMessage = "Validation.StringLength")]
    [Display(Name = "Account.UserName")]
    public string UserName { get; set; } = "";

    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(256, ErrorMessage = "Validation.StringLength")]
    [DataType(DataType.Password)]
    [Display(Name = "Account.Password")]
    public string Password { get; set; } = "";

    public string? ReturnUrl { get; set; }
}

public sealed class ChangePasswordInput
{
    [Required(ErrorMessage = "Validation.Required")]
    [DataType(DataType.Password)]
    [Display(Name = "Account.CurrentPassword")]
    public string CurrentPassword { get; set; } = "";

    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(128, MinimumLength = 12, ErrorMessage = "Validation.PasswordLength")]
    [DataType(DataType.Password)]
    [Display(Name = "Account.NewPassword")]
    public string NewPassword { get; set; } = "";

    [Required(ErrorMessage = "Validation.Required")]
    [Compare(nameof(NewPassword), ErrorMessage = "Validation.PasswordsDiffer")]
    [DataType(DataType.Password)]
    [Display(Name = "Account.ConfirmPassword")]
    public string ConfirmPassword { get; set; } = "";
}

[Authorize(Policy = Policies.SignedIn)]
public sealed class AccountController(
    SignInManager<FederationUser> signInManager,
    UserManager<FederationUser> userManager,
    SecurityAudit audit,
    TimeProvider clock,
    IStringLocalizer<SharedResource> l,
    ILogger<AccountController> logger) : Controller
{
    public const string SignInRateLimit = "sign-in";

    [AllowAnonymous]
    [HttpGet]
    public IActionResult Login(string? returnUrl = null) => View(new LoginInput { ReturnUrl = returnUrl });

    [AllowAnonymous]
    [HttpPost]
    [EnableRateLimiting(SignInRateLimit)]
    public async Task<IActionResult> Login(LoginInput input)
    {
        if (!ModelState.IsValid)
        {
            return View(input);
        }

        var user = await userManager.FindByNameAsync(input.UserName);
        if (user is { IsDisabled: true })
        {
            // The same words as a wrong password: the page must not tell which user names exist or are disabled.
            logger.LogWarning("Sign-in refused for a disabled account");
            await audit.RecordAsync(SecurityEvents.SignInFailed, input.UserName, user.Id, "{\"reason\":\"disabled\"}");
            return Failed(input, l["Account.LoginFailed"]);
        }

        // New session: whatever cookie came with the request is replaced by a freshly issued one.
        await signInManager.SignOutAsync();
        var result = await signInManager.PasswordSignInAsync(input.UserName, input.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            logger.LogInformation("User signed in");
            user!.LastSignInAt = clock.GetUtcNow();
            await userManager.UpdateAsync(user);
            await audit.RecordAsync(SecurityEvents.SignIn, user.UserName, user.Id);
            if (user.MustChangePassword)
            {
                return RedirectToAction(nameof(ChangePassword));
            }

            return LocalRedirect(Infrastructure.ReturnUrl.Safe(Url, input.ReturnUrl));
        }

        if (result.RequiresTwoFactor)
        {
            return RedirectToAction("LoginWithTwoFactor", "TwoFactor", new { returnUrl = input.ReturnUrl });
        }

        if (result.IsLockedOut)
        {
            logger.LogWarning("Sign-in refused: account locked out");
            await audit.RecordAsync(SecurityEvents.LockedOut, input.UserName, user?.Id);
            return Failed(input, l["Account.LockedOut"]);
        }

        logger.LogWarning("Sign-in failed");
        await audit.RecordAsync(SecurityEvents.SignInFailed, input.UserName, user?.Id);
        return Failed(input, l["Account.LoginFailed"]);
    }

    [HttpPost]
    public async Task<IActionResult> Logout()
    {
        var userName = User.Identity?.Name;
        await signInManager.SignOutAsync();
        await audit.RecordAsync(SecurityEvents.SignOut, userName);
        return RedirectToAction(nameof(Login));
    }

    [HttpGet]
    public IActionResult ChangePassword() => View(new ChangePasswordInput());

    [HttpPost]
    public async Task<IActionResult> ChangePassword(ChangePasswordInput input)
    {
        if (!ModelState.IsValid)
        {
            return View(input);
        }

        var user = await userManager.GetUserAsync(User);
        if (user is null)
        {
            return RedirectToAction(nameof(Login));
        }

        var result = await userManager.ChangePasswordAsync(user, input.CurrentPassword, input.NewPassword);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                var field = error.Code == nameof(IdentityErrorDescriber.PasswordMismatch) ? nameof(input.CurrentPassword) : nameof(input.NewPassword);
                ModelState.AddModelError(field, error.Description);
            }

            return View(input);
        }

        user.MustChangePassword = false;
        await userManager.UpdateAsync(user);
        await signInManager.RefreshSignInAsync(user);
        await audit.RecordAsync(SecurityEvents.PasswordChanged, user.UserName, user.Id);
        TempData["Success"] = l["Account.PasswordChanged"].Value;
        return Redirect("/");
    }

    [AllowAnonymous]
    [HttpGet]
    public IActionResult AccessDenied()
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return View();
    }

    /// <summary>The visible language switch: remembers the choice in the culture cookie.</summary>
    [AllowAnonymous]
    [HttpPost]
    public IActionResult SetLanguage(string culture, string? returnUrl)
    {
        if (Infrastructure.WebComposition.SupportedCultures.Any(c => c.Name == culture))
        {
            Response.Cookies.Append(
                CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                new CookieOptions { Expires = clock.GetUtcNow().AddYears(1), IsEssential = true, HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = Request.IsHttps });
        }

        return LocalRedirect(Infrastructure.ReturnUrl.Safe(Url, returnUrl));
    }

    private ViewResult Failed(LoginInput input, string message)
    {
        ModelState.AddModelError("", message);
        input.Password = "";
        return View(nameof(Login), input);
    }
}
