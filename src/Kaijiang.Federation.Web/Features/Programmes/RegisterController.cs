using Kaijiang.Federation.Web.Authorization;
using Kaijiang.Federation.Web.Domain;
using Kaijiang.Federation.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Kaijiang.Federation.Web.Features.Programmes;

/// <summary>The services every register controller needs, in one parameter.</summary>
public sealed class RegisterServices(
    IAuthorizationService authorization,
    IStringLocalizer<SharedResource> localizer,
    RegisterExport export,
    PersonLookup people,
    RegisterQueries queries,
    CurrentUser currentUser)
{
    public RegisterQueries Queries => queries;

    public IAuthorizationService Authorization => authorization;

    public IStringLocalizer<SharedResource> L => localizer;

    public RegisterExport Export => export;

    public PersonLookup People => people;

    public CurrentUser CurrentUser => currentUser;

    public bool MayEdit => currentUser.Role is Roles.SystemAdmin or Roles.CountyStaff or Roles.TownshipChair;

    public bool MayExport => RolePermissions.Allows(currentUser.Role, Operations.Export.Name);
}

/// <summary>
/// The actions every register shares — list, export, create, edit, person suggestions — so that each register's
/// controller holds only what is its own. Load through the scoped context (404), then the resource check (403).
/// </summary>
public abstract class RegisterController<TEntity, TInput>(RegisterServices services, RegisterForm<TEntity, TInput> form) : Controller
    where TEntity : EditableEntity, IOrganisationOwned, new()
    where TInput : RegisterInput, new()
{
    protected RegisterServices Services => services;

    /// <summary>The register's list: one page, or every row for an export.</summary>
    protected abstract Task<RegisterListPage> ListAsync(RegisterFilter filter, bool everything, CancellationToken cancellationToken);

    /// <summary>The resource key of "saved" shown after a create or an edit.</summary>
    protected abstract string SavedKey { get; }

    /// <summary>Where to go after a save.</summary>
    protected virtual IActionResult AfterSave(TEntity entity) => RedirectToAction("Index");

    [HttpGet]
    [Authorize(Policy = Policies.SignedIn)]
    public async Task<IActionResult> Index([FromQuery] RegisterFilter filter, CancellationToken cancellationToken)
    {
        var page = await ListAsync(filter, everything: false, cancellationToken);
        return View("RegisterIndex", page with { CanCreate = services.MayEdit, CanExport = services.MayExport });
    }

    [HttpGet]
    [Authorize(Policy = Policies.Export)]
    public async Task<IActionResult> Export([FromQuery] RegisterFilter filter, CancellationToken cancellationToken)
    {
        var page = await ListAsync(filter, everything: true, cancellationToken);
        var bytes = await services.Export.ToXlsxAsync(page.Columns, page.Rows.Select(r => r.Cells), cancellationToken);
        return File(bytes, XlsxFile.ContentType, services.Export.FileName(page.Register));
    }

    /// <summary>Suggestions for the person search box of the form.</summary>
    [HttpGet]
    [Authorize(Policy = Policies.ManageProgrammes)]
    public async Task<IActionResult> People(string? q, CancellationToken cancellationToken) =>
        Json(await services.People.SuggestAsync(q, cancellationToken));

    [HttpGet]
    [Authorize(Policy = Policies.ManageProgrammes)]
    public async Task<IActionResult> Create(CancellationToken cancellationToken)
    {
        var input = new TInput();
        await form.PrepareAsync(input, cancellationToken);
        return View("Edit", input);
    }

    [HttpPost]
    [Authorize(Policy = Policies.ManageProgrammes)]
    public async Task<IActionResult> Create(TInput input, CancellationToken cancellationToken)
    {
        var organisation = await form.ResolveOrganisationAsync(input, ModelState, cancellationToken);
        if (organisation is not null && !await MayAsync(organisation, Operations.Create))
        {
            return Forbid();
        }

        await form.ValidateAsync(input, null, ModelState, cancellationToken);
        if (!ModelState.IsValid || organisation is null)
        {
            await form.PrepareAsync(input, cancellationToken);
            return View("Edit", input);
        }

        var entity = new TEntity();
        form.Apply(input, entity, organisation);
        form.Add(entity);
        await form.Entry(entity).SaveAsync(cancellationToken);
        TempData["Success"] = services.L[SavedKey].Value;
        return AfterSave(entity);
    }

    [HttpGet]
    [Authorize(Policy = Policies.ManageProgrammes)]
    public async Task<IActionResult> Edit(int id, CancellationToken cancellationToken)
    {
        var entity = await form.LoadAsync(id, cancellationToken);
        if (entity is null)
        {
            return NotFound();
        }

        if (!await MayAsync(entity, Operations.Update, cancellationToken))
        {
            return Forbid();
        }

        var input = await form.ToInputAsync(entity, cancellationToken);
        await form.PrepareAsync(input, cancellationToken);
        return View("Edit", input);
    }

    [HttpPost]
    [Authorize(Policy = Policies.ManageProgrammes)]
    public async Task<IActionResult> Edit(int id, TInput input, CancellationToken cancellationToken)
    {
        var entity = await form.LoadAsync(id, cancellationToken);
        if (entity is null)
        {
            return NotFound();
        }

        if (!await MayAsync(entity, Operations.Update, cancellationToken))
        {
            return Forbid();
        }

        var organisation = await form.ResolveOrganisationAsync(input, ModelState, cancellationToken);
        if (organisation is not null && organisation.Id != entity.OrganisationId && !await MayAsync(organisation, Operations.Update))
        {
            return Forbid();
        }

        await form.ValidateAsync(input, entity, ModelState, cancellationToken);
        if (!ModelState.IsValid || organisation is null)
        {
            await form.PrepareAsync(input, cancellationToken);
            return View("Edit", input);
        }

        var entry = form.Entry(entity);
        entry.ExpectVersion(input.Version);
        form.Apply(input, entity, organisation);
        try
        {
            await entry.SaveAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            var conflict = await entry.ConflictAsync(cancellationToken);
            if (conflict is not { } found)
            {
                return NotFound();
            }

            // Someone saved first: keep her typing, show what the other person changed, and let her decide.
            ModelState.AddModelError("", services.L["Concurrency.Conflict"]);
            foreach (var (field, value) in found.Changed.Where(c => typeof(TInput).GetProperty(c.Field) is not null))
            {
                ModelState.AddModelError(field, services.L["Concurrency.FieldChanged", value]);
            }

            input.Version = found.Version;
            ModelState.Remove(nameof(RegisterInput.Version));
            await form.PrepareAsync(input, cancellationToken);
            return View("Edit", input);
        }

        TempData["Success"] = services.L[SavedKey].Value;
        return AfterSave(entity);
    }

    protected async Task<bool> MayAsync(Organisation organisation, OperationAuthorizationRequirement operation) =>
        (await services.Authorization.AuthorizeAsync(User, OrganisationResource.Of(organisation), operation)).Succeeded;

    /// <summary>The check on a loaded record: its organisation, read through the same scoped context.</summary>
    protected async Task<bool> MayAsync(TEntity entity, OperationAuthorizationRequirement operation, CancellationToken cancellationToken)
    {
        var organisation = await services.Queries.OrganisationOfAsync(entity.OrganisationId, cancellationToken);
        return organisation is not null && await MayAsync(organisation, operation);
    }
}
