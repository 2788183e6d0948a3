using Kaijiang.Federation.Web.Authorization;
using Kaijiang.Federation.Web.Domain;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Kaijiang.Federation.Web.Features.Organisations;

[Authorize(Policy = Policies.SignedIn)]
public sealed class OrganisationsController(
    OrganisationQueries queries,
    OrganisationTree tree,
    IAuthorizationService authorization,
    CurrentUser currentUser,
    IStringLocalizer<SharedResource> l) : Controller
{
    /// <summary>The user's own organisation: the top of what she may see.</summary>
    [HttpGet]
    public IActionResult Index() =>
        currentUser.ScopeOrganisationId is { } id ? RedirectToAction(nameof(Details), new { id }) : NotFound();

    /// <summary>The tree from the user's scope down, or the search results when a query is given.</summary>
    [HttpGet]
    public async Task<IActionResult> Tree(string? q, bool closed, int page, CancellationToken cancellationToken)
    {
        if (currentUser.ScopeOrganisationId is not { } rootId || await tree.NodeAsync(rootId, cancellationToken) is not { } root)
        {
            return NotFound();
        }

        var query = string.IsNullOrWhiteSpace(q) ? null : q.Trim();
        return View(new TreePage
        {
            Root = root,
            Level = (await tree.ChildrenAsync(rootId, closed, cancellationToken))!,
            Query = query,
            ShowClosed = closed,
            Results = query is null ? null : await tree.SearchAsync(query, closed, page, cancellationToken),
        });
    }

    /// <summary>The children of one node, fetched when it is expanded.</summary>
    [HttpGet]
    public async Task<IActionResult> Children(int id, bool closed, CancellationToken cancellationToken) =>
        await tree.ChildrenAsync(id, closed, cancellationToken) is { } level ? PartialView("_TreeLevel", level) : NotFound();

    [HttpGet]
    public async Task<IActionResult> Details(int id, OrganisationKind? kind, bool closed, int page, CancellationToken cancellationToken)
    {
        var model = await queries.DetailsAsync(id, new ChildrenFilter(kind, closed, page), cancellationToken);
        return model is null ? NotFound() : View(model);
    }

    [HttpGet]
    [Authorize(Policy = Policies.ManageOrganisations)]
    public async Task<IActionResult> Create(int parentId, [FromServices] CreateOrganisation create, CancellationToken cancellationToken)
    {
        var parent = await create.LoadParentAsync(parentId, cancellationToken);
        if (parent is null)
        {
            return NotFound();
        }

        if (!await AllowedAsync(parent, Operations.Create))
        {
            return Forbid();
        }

        var kinds = OrganisationHierarchy.KindsUnder(parent.Kind);
        return View(new CreateOrganisationInput
        {
            ParentId = parent.Id,
            ParentName = parent.Name,
            KindChoices = kinds,
            Kind = kinds.Count > 0 ? kinds[0] : OrganisationKind.Unit,
        });
    }

    [HttpPost]
    [Authorize(Policy = Policies.ManageOrganisations)]
    public async Task<IActionResult> Create(CreateOrganisationInput input, [FromServices] CreateOrganisation create, CancellationToken cancellationToken)
    {
        var parent = await create.LoadParentAsync(input.ParentId, cancellationToken);
        if (parent is null)
        {
            return NotFound();
        }

        if (!await AllowedAsync(parent, Operations.Create))
        {
            return Forbid();
        }

        AddErrors(create.Check(parent, input));
        if (!ModelState.IsValid)
        {
            input.ParentName = parent.Name;
            input.KindChoices = OrganisationHierarchy.KindsUnder(parent.Kind);
            return View(input);
        }

        var id = await create.CreateAsync(parent, input, cancellationToken);
        TempData["Success"] = l["Organisations.Created"].Value;
        return RedirectToAction(nameof(Details), new { id });
    }

    [HttpGet]
    [Authorize(Policy = Policies.ManageOrganisations)]
    public async Task<IActionResult> Edit(int id, [FromServices] EditOrganisation edit, CancellationToken cancellationToken)
    {
        var organisation = await edit.LoadAsync(id, cancellationToken);
        if (organisation is null)
        {
            return NotFound();
        }

        if (!await AllowedAsync(organisation, Operations.Update))
        {
            return Forbid();
        }

        var input = EditOrganisationInput.From(organisation);
        input.KindChoices = await edit.KindChoicesAsync(organisation, cancellationToken);
        return View(input);
    }

    [HttpPost]
    [Authorize(Policy = Policies.ManageOrganisations)]
    public async Task<IActionResult> Edit(int id, EditOrganisationInput input, [FromServices] EditOrganisation edit, CancellationToken cancellationToken)
    {
        var organisation = await edit.LoadAsync(id, cancellationToken);
        if (organisation is null)
        {
            return NotFound();
        }

        if (!await AllowedAsync(organisation, Operations.Update))
        {
            return Forbid();
        }

        AddErrors(await edit.CheckAsync(organisation, input, cancellationToken));
        input.KindChoices = await edit.KindChoicesAsync(organisation, cancellationToken);
        if (!ModelState.IsValid)
        {
            return View(input);
        }

        var outcome = await edit.SaveAsync(organisation, input, cancellationToken);
        if (outcome.Conflict is { } current)
        {
            // Someone saved first: keep her typing, show what the other person changed, and let her decide.
            ModelState.AddModelError("", l["Concurrency.Conflict"]);
            foreach (var change in outcome.ChangedFields)
            {
                var value = change.IsResourceKey ? l[change.CurrentValue].Value : change.CurrentValue;
                ModelState.AddModelError(change.Field, l["Concurrency.FieldChanged", value]);
            }

            input.Version = current.Version;
            ModelState.Remove(nameof(input.Version));
            return View(input);
        }

        TempData["Success"] = l["Organisations.Saved"].Value;
        return RedirectToAction(nameof(Details), new { id });
    }

    [HttpGet]
    [Authorize(Policy = Policies.ManageOrganisations)]
    public async Task<IActionResult> Move(int id, [FromServices] MoveOrganisation move, CancellationToken cancellationToken)
    {
        var organisation = await move.LoadAsync(id, cancellationToken);
        if (organisation is null)
        {
            return NotFound();
        }

        if (!await AllowedAsync(organisation, Operations.Update))
        {
            return Forbid();
        }

        return View(await move.PageAsync(organisation, new MoveOrganisationInput { Version = organisation.Version }, cancellationToken));
    }

    [HttpPost]
    [Authorize(Policy = Policies.ManageOrganisations)]
    public async Task<IActionResult> Move(int id, MoveOrganisationInput input, [FromServices] MoveOrganisation move, CancellationToken cancellationToken)
    {
        var organisation = await move.LoadAsync(id, cancellationToken);
        if (organisation is null)
        {
            return NotFound();
        }

        if (!await AllowedAsync(organisation, Operations.Update))
        {
            return Forbid();
        }

        var newParent = await move.LoadParentAsync(input.NewParentId, cancellationToken);
        if (newParent is null)
        {
            ModelState.AddModelError(nameof(input.NewParentId), l["Organisations.NewParentNotFound"]);
        }
        else if (!await AllowedAsync(newParent, Operations.Create))
        {
            return Forbid();
        }
        else
        {
            AddErrors(MoveOrganisation.Check(organisation, newParent));
        }

        if (ModelState.IsValid && await move.MoveAsync(organisation, newParent!, input.Version, cancellationToken) == MoveResult.Moved)
        {
            TempData["Success"] = l["Organisations.Moved"].Value;
            return RedirectToAction(nameof(Details), new { id });
        }

        if (ModelState.IsValid)
        {
            ModelState.AddModelError("", l["Concurrency.Conflict"]);
            organisation = await move.LoadAsync(id, cancellationToken) ?? organisation;
            input.Version = organisation.Version;
            ModelState.Remove(nameof(input.Version));
        }

        return View(await move.PageAsync(organisation, input, cancellationToken));
    }

    [HttpGet]
    [Authorize(Policy = Policies.ManageOrganisations)]
    public async Task<IActionResult> Close(int id, [FromServices] CloseOrganisation close, CancellationToken cancellationToken)
    {
        var organisation = await close.LoadAsync(id, cancellationToken);
        if (organisation is null)
        {
            return NotFound();
        }

        if (!await AllowedAsync(organisation, Operations.Delete))
        {
            return Forbid();
        }

        var page = await close.PageAsync(organisation, cancellationToken);
        if (CloseOrganisation.Refusal(organisation, page) is { } refusal)
        {
            ModelState.AddModelError("", l[refusal]);
        }

        return View(page);
    }

    [HttpPost]
    [Authorize(Policy = Policies.ManageOrganisations)]
    public async Task<IActionResult> Close(int id, CloseOrganisationInput input, [FromServices] CloseOrganisation close, CancellationToken cancellationToken)
    {
        var organisation = await close.LoadAsync(id, cancellationToken);
        if (organisation is null)
        {
            return NotFound();
        }

        if (!await AllowedAsync(organisation, Operations.Delete))
        {
            return Forbid();
        }

        var page = await close.PageAsync(organisation, cancellationToken);
        if (CloseOrganisation.Refusal(organisation, page) is { } refusal)
        {
            ModelState.AddModelError("", l[refusal]);
            return View(page);
        }

        if (!await close.CloseAsync(organisation, input.Version, cancellationToken))
        {
            ModelState.AddModelError("", l["Concurrency.Conflict"]);
            organisation = await close.LoadAsync(id, cancellationToken) ?? organisation;
            return View(await close.PageAsync(organisation, cancellationToken));
        }

        TempData["Success"] = l["Organisations.Closed"].Value;
        return RedirectToAction(nameof(Details), new { id });
    }

    private async Task<bool> AllowedAsync(Organisation organisation, OperationAuthorizationRequirement operation) =>
        (await authorization.AuthorizeAsync(User, OrganisationResource.Of(organisation), operation)).Succeeded;

    private void AddErrors(IEnumerable<(string Field, string Key)> errors)
    {
        foreach (var (field, key) in errors)
        {
            ModelState.AddModelError(field, l[key]);
        }
    }
}
