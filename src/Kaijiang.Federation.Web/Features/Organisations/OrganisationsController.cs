using Kaijiang.Federation.Web.Authorization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Kaijiang.Federation.Web.Features.Organisations;

[Authorize(Policy = Policies.SignedIn)]
public sealed class OrganisationsController(
    OrganisationQueries queries,
    EditOrganisation edit,
    IAuthorizationService authorization,
    CurrentUser currentUser,
    IStringLocalizer<SharedResource> l) : Controller
{
    /// <summary>The user's own organisation: the top of what she may see.</summary>
    [HttpGet]
    public IActionResult Index() =>
        currentUser.ScopeOrganisationId is { } id ? RedirectToAction(nameof(Details), new { id }) : NotFound();

    [HttpGet]
    public async Task<IActionResult> Details(int id, CancellationToken cancellationToken)
    {
        var model = await queries.DetailsAsync(id, cancellationToken);
        return model is null ? NotFound() : View(model);
    }

    [HttpGet]
    [Authorize(Policy = Policies.ManageOrganisations)]
    public async Task<IActionResult> Edit(int id, CancellationToken cancellationToken)
    {
        var organisation = await edit.LoadAsync(id, cancellationToken);
        if (organisation is null)
        {
            return NotFound();
        }

        if (!(await authorization.AuthorizeAsync(User, OrganisationResource.Of(organisation), Operations.Update)).Succeeded)
        {
            return Forbid();
        }

        return View(EditOrganisationInput.From(organisation));
    }

    [HttpPost]
    [Authorize(Policy = Policies.ManageOrganisations)]
    public async Task<IActionResult> Edit(int id, EditOrganisationInput input, CancellationToken cancellationToken)
    {
        var organisation = await edit.LoadAsync(id, cancellationToken);
        if (organisation is null)
        {
            return NotFound();
        }

        if (!(await authorization.AuthorizeAsync(User, OrganisationResource.Of(organisation), Operations.Update)).Succeeded)
        {
            return Forbid();
        }

        if (!ModelState.IsValid)
        {
            input.Name = organisation.Name;
            return View(input);
        }

        var outcome = await edit.SaveAsync(organisation, input, cancellationToken);
        if (outcome.Conflict is { } current)
        {
            // Someone saved first: keep her typing, show what the other person changed, and let her decide.
            ModelState.AddModelError("", l["Concurrency.Conflict"]);
            foreach (var change in outcome.ChangedFields)
            {
                ModelState.AddModelError(change.Field, l["Concurrency.FieldChanged", change.CurrentValue]);
            }

            input.Name = current.Name;
            input.Version = current.Version;
            ModelState.Remove(nameof(input.Version));
            return View(input);
        }

        TempData["Success"] = l["Organisations.Saved"].Value;
        return RedirectToAction(nameof(Details), new { id });
    }
}
