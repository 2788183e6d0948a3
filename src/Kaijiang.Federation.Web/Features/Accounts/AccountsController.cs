using Kaijiang.Federation.Web.Authorization;
using Kaijiang.Federation.Web.Domain;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Kaijiang.Federation.Web.Features.Accounts;

/// <summary>The confirmation page of an action that a slip of the mouse should not trigger.</summary>
public sealed record ConfirmPage(string Id, string UserName, string DisplayName, string Action, string TitleKey, string TextKey, string ButtonKey);

/// <summary>Account administration (账号管理) for system administrators.</summary>
[Authorize(Policy = Policies.ManageUsers)]
[Route("Admin/Accounts")]
public sealed class AccountsController(AccountDirectory directory, TimeProvider clock, IStringLocalizer<SharedResource> l) : Controller
{
    /// <summary>TempData key of a password shown once on the account page.</summary>
    public const string TemporaryPasswordKey = "TemporaryPassword";

    [HttpGet("")]
    public async Task<IActionResult> Index([FromQuery] AccountListFilter filter, [FromServices] ListAccounts list, CancellationToken cancellationToken) =>
        View(await list.RunAsync(filter, cancellationToken));

    [HttpGet("Create")]
    public async Task<IActionResult> Create(CancellationToken cancellationToken) =>
        View(new CreateAccountPage(new CreateAccountInput(), await directory.ScopeOptionsAsync(cancellationToken)));

    [HttpPost("Create")]
    public async Task<IActionResult> Create(
        [Bind(Prefix = nameof(CreateAccountPage.Input))] CreateAccountInput input, [FromServices] CreateAccount create, CancellationToken cancellationToken)
    {
        if (ModelState.IsValid)
        {
            var outcome = await create.RunAsync(input, cancellationToken);
            if (outcome.UserId is { } id)
            {
                TempData["Success"] = l["Accounts.Created", input.UserName.Trim()].Value;
                if (outcome.GeneratedPassword is not null)
                {
                    TempData[TemporaryPasswordKey] = outcome.GeneratedPassword;
                }

                return RedirectToAction(nameof(Edit), new { id });
            }

            AddErrors(outcome.Errors);
        }

        input.Password = null;
        return View(new CreateAccountPage(input, await directory.ScopeOptionsAsync(cancellationToken)));
    }

    [HttpGet("{id}")]
    public async Task<IActionResult> Edit(string id, CancellationToken cancellationToken)
    {
        var user = await directory.FindAsync(id, cancellationToken);
        if (user is null)
        {
            return NotFound();
        }

        if (TempData.Peek(TemporaryPasswordKey) is string)
        {
            // The page carries a password: no copy of it may stay in a cache.
            Response.Headers.CacheControl = "no-store";
        }

        return View(await EditAccountPage.ForAsync(user, null, directory, clock, cancellationToken));
    }

    [HttpPost("{id}")]
    public async Task<IActionResult> Edit(
        string id, [Bind(Prefix = nameof(EditAccountPage.Input))] EditAccountInput input, [FromServices] EditAccount edit, CancellationToken cancellationToken)
    {
        var user = await directory.FindAsync(id, cancellationToken);
        if (user is null)
        {
            return NotFound();
        }

        if (ModelState.IsValid)
        {
            var errors = await edit.RunAsync(user, input, cancellationToken);
            if (errors.Count == 0)
            {
                TempData["Success"] = l["Accounts.Updated", user.UserName ?? ""].Value;
                return RedirectToAction(nameof(Edit), new { id });
            }

            AddErrors(errors);
        }

        return View(await EditAccountPage.ForAsync(user, input, directory, clock, cancellationToken));
    }

    [HttpGet("{id}/Disable")]
    public Task<IActionResult> Disable(string id, CancellationToken cancellationToken) =>
        ConfirmAsync(id, nameof(Disable), "Accounts.ConfirmDisable", "Accounts.ConfirmDisableText", "Accounts.Disable", cancellationToken);

    [HttpPost("{id}/Disable")]
    [ActionName(nameof(Disable))]
    public Task<IActionResult> DisableConfirmed(string id, [FromServices] AccountStatus status, CancellationToken cancellationToken) =>
        ChangeStatusAsync(id, status.DisableAsync, "Accounts.Disabled", cancellationToken);

    [HttpPost("{id}/Enable")]
    public Task<IActionResult> Enable(string id, [FromServices] AccountStatus status, CancellationToken cancellationToken) =>
        ChangeStatusAsync(id, status.EnableAsync, "Accounts.Enabled", cancellationToken);

    [HttpPost("{id}/Unlock")]
    public Task<IActionResult> Unlock(string id, [FromServices] AccountStatus status, CancellationToken cancellationToken) =>
        ChangeStatusAsync(id, status.UnlockAsync, "Accounts.Unlocked", cancellationToken);

    [HttpGet("{id}/ResetPassword")]
    public Task<IActionResult> ResetPassword(string id, CancellationToken cancellationToken) =>
        ConfirmAsync(id, nameof(ResetPassword), "Accounts.ConfirmResetPassword", "Accounts.ConfirmResetPasswordText", "Accounts.ResetPassword", cancellationToken);

    [HttpPost("{id}/ResetPassword")]
    [ActionName(nameof(ResetPassword))]
    public Task<IActionResult> ResetPasswordConfirmed(string id, [FromServices] AccountStatus status, CancellationToken cancellationToken) =>
        ChangeStatusAsync(id, status.ResetPasswordAsync, "Accounts.PasswordReset", cancellationToken);

    private async Task<IActionResult> ConfirmAsync(string id, string action, string titleKey, string textKey, string buttonKey, CancellationToken cancellationToken)
    {
        var user = await directory.FindAsync(id, cancellationToken);
        return user is null
            ? NotFound()
            : View("Confirm", new ConfirmPage(user.Id, user.UserName ?? "", user.DisplayName, action, titleKey, textKey, buttonKey));
    }

    private async Task<IActionResult> ChangeStatusAsync(
        string id, Func<FederationUser, Task<StatusOutcome>> change, string successKey, CancellationToken cancellationToken)
    {
        var user = await directory.FindAsync(id, cancellationToken);
        if (user is null)
        {
            return NotFound();
        }

        var outcome = await change(user);
        if (outcome.Error is { } error)
        {
            TempData["Error"] = error;
        }
        else
        {
            TempData["Success"] = l[successKey, user.UserName ?? ""].Value;
            if (outcome.TemporaryPassword is not null)
            {
                TempData[TemporaryPasswordKey] = outcome.TemporaryPassword;
            }
        }

        return RedirectToAction(nameof(Edit), new { id });
    }

    private void AddErrors(IEnumerable<FieldError> errors)
    {
        foreach (var error in errors)
        {
            ModelState.AddModelError(error.Field.Length == 0 ? "" : "Input." + error.Field, error.Message);
        }
    }
}
