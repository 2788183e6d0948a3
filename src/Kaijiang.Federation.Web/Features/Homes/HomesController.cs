using System.Globalization;
using Kaijiang.Federation.Web.Authorization;
using Kaijiang.Federation.Web.Domain;
using Kaijiang.Federation.Web.Features.Registers;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Kaijiang.Federation.Web.Features.Homes;

/// <summary>Women's Homes (妇女之家) and Children's Homes (儿童之家): list, details, register, edit, inspect, checklist.</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class HomesController(
    ListHomes list,
    HomeDetails details,
    EditHome edit,
    RecordInspection inspection,
    ManageChecklist checklist,
    IAuthorizationService authorization,
    CurrentUser currentUser,
    IStringLocalizer<SharedResource> l) : Controller
{
    [HttpGet]
    public async Task<IActionResult> Index([FromQuery] HomeListFilter filter, CancellationToken cancellationToken) =>
        View(await list.RunAsync(filter, cancellationToken));

    [HttpGet]
    [Authorize(Policy = Policies.Export)]
    public async Task<IActionResult> Export([FromQuery] HomeListFilter filter, CancellationToken cancellationToken)
    {
        var rows = await list.AllAsync(filter, cancellationToken);
        var zh = CultureInfo.CurrentUICulture.Name.StartsWith("zh", StringComparison.Ordinal);
        return await ExcelExport.FileAsync("homes.xlsx", rows.Select(r => (IDictionary<string, object?>)new Dictionary<string, object?>
        {
            [l["Homes.Name"]] = r.Name,
            [l["Homes.Kind"]] = l["ServiceSiteKind." + r.Kind].Value,
            [l["Homes.Host"]] = r.HostName,
            [l["Homes.HostKind"]] = l["OrganisationKind." + r.HostKind].Value,
            [l["Homes.Parent"]] = r.ParentName,
            [l["Homes.Standardised"]] = r.StandardisedOn is null ? l["Common.No"].Value : l["Common.Yes"].Value,
            [l["Homes.StandardisedOn"]] = r.StandardisedOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            [l["Homes.ItemsMet"]] = $"{r.ItemsMet}/{r.ItemsRequired}",
            [l["Homes.Area"]] = r.AreaSquareMetres,
            [l["Homes.Subsidy"]] = r.SubsidyReceived,
        }), cancellationToken);
    }

    [HttpGet]
    public async Task<IActionResult> Details(int id, CancellationToken cancellationToken)
    {
        var model = await details.RunAsync(id, cancellationToken);
        if (model is null)
        {
            return NotFound();
        }

        var host = await edit.HostAsync(model.HostId, cancellationToken);
        var canEdit = host is not null && await AllowedAsync(host, Operations.Update);
        return View(model with { CanEdit = canEdit });
    }

    [HttpGet]
    [Authorize(Policy = Policies.Edit)]
    public async Task<IActionResult> Create(int? hostId, CancellationToken cancellationToken)
    {
        var input = new HomeInput { HostId = hostId ?? OwnHost() };
        return View("Edit", await edit.FormAsync(null, input, cancellationToken));
    }

    [HttpPost]
    [Authorize(Policy = Policies.Edit)]
    public async Task<IActionResult> Create(HomeInput input, CancellationToken cancellationToken)
    {
        var host = await edit.HostAsync(input.HostId, cancellationToken);
        if (host is null && input.HostId is not null)
        {
            ModelState.AddModelError(nameof(input.HostId), l["Homes.HostInvalid"]);
        }
        else if (host is not null && !await AllowedAsync(host, Operations.Create))
        {
            return Forbid();
        }

        if (!ModelState.IsValid)
        {
            return View("Edit", await edit.FormAsync(null, input, cancellationToken));
        }

        var id = await edit.CreateAsync(host!, input, cancellationToken);
        TempData["Success"] = l["Homes.Created"].Value;
        return RedirectToAction(nameof(Details), new { id });
    }

    [HttpGet]
    [Authorize(Policy = Policies.Edit)]
    public async Task<IActionResult> Edit(int id, CancellationToken cancellationToken)
    {
        var home = await edit.LoadAsync(id, cancellationToken);
        if (home is null)
        {
            return NotFound();
        }

        var host = await edit.HostAsync(home.OrganisationId, cancellationToken);
        if (host is null || !await AllowedAsync(host, Operations.Update))
        {
            return Forbid();
        }

        return View(await edit.FormAsync(id, HomeInput.From(home), cancellationToken));
    }

    [HttpPost]
    [Authorize(Policy = Policies.Edit)]
    public async Task<IActionResult> Edit(int id, HomeInput input, CancellationToken cancellationToken)
    {
        var home = await edit.LoadAsync(id, cancellationToken);
        if (home is null)
        {
            return NotFound();
        }

        var currentHost = await edit.HostAsync(home.OrganisationId, cancellationToken);
        if (currentHost is null || !await AllowedAsync(currentHost, Operations.Update))
        {
            return Forbid();
        }

        input.Kind = home.Kind; // the kind is fixed at registration: the checklist depends on it
        var host = input.HostId == home.OrganisationId ? currentHost : await edit.HostAsync(input.HostId, cancellationToken);
        if (host is null && input.HostId is not null)
        {
            ModelState.AddModelError(nameof(input.HostId), l["Homes.HostInvalid"]);
        }
        else if (host is not null && !await AllowedAsync(host, Operations.Update))
        {
            return Forbid();
        }

        if (!ModelState.IsValid)
        {
            return View(await edit.FormAsync(id, input, cancellationToken));
        }

        var outcome = await edit.SaveAsync(home, host!, input, cancellationToken);
        if (outcome.IsConflict)
        {
            ModelState.AddModelError("", l["Concurrency.Conflict"]);
            foreach (var (field, current) in outcome.Conflicts)
            {
                ModelState.AddModelError(field, l["Concurrency.FieldChanged", current]);
            }

            input.Version = outcome.CurrentVersion!.Value;
            ModelState.Remove(nameof(input.Version));
            return View(await edit.FormAsync(id, input, cancellationToken));
        }

        TempData["Success"] = l["Homes.Saved"].Value;
        return RedirectToAction(nameof(Details), new { id });
    }

    [HttpGet]
    [Authorize(Policy = Policies.Edit)]
    public async Task<IActionResult> Inspect(int id, CancellationToken cancellationToken)
    {
        var home = await edit.LoadAsync(id, cancellationToken);
        if (home is null)
        {
            return NotFound();
        }

        if (!await MayUpdateAsync(home, cancellationToken))
        {
            return Forbid();
        }

        var input = new InspectionInput
        {
            Version = home.Version,
            ItemIds = home.MetItems.Select(m => m.StandardChecklistItemId).ToList(),
            Inspector = currentUser.DisplayName,
        };
        return View(await inspection.FormAsync(home, input, cancellationToken));
    }

    [HttpPost]
    [Authorize(Policy = Policies.Edit)]
    public async Task<IActionResult> Inspect(int id, InspectionInput input, CancellationToken cancellationToken)
    {
        var home = await edit.LoadAsync(id, cancellationToken);
        if (home is null)
        {
            return NotFound();
        }

        if (!await MayUpdateAsync(home, cancellationToken))
        {
            return Forbid();
        }

        if (ModelState.IsValid)
        {
            var (problem, last) = await inspection.CheckAsync(home, input, cancellationToken);
            if (problem == InspectionProblem.InFuture)
            {
                ModelState.AddModelError(nameof(input.VisitedOn), l["Homes.VisitInFuture"]);
            }
            else if (problem == InspectionProblem.BeforeLastVisit)
            {
                ModelState.AddModelError(nameof(input.VisitedOn), l["Homes.VisitBeforeLast", last!.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)]);
            }
        }

        if (!ModelState.IsValid)
        {
            return View(await inspection.FormAsync(home, input, cancellationToken));
        }

        if (await inspection.SaveAsync(home, input, cancellationToken) == InspectionProblem.Conflict)
        {
            ModelState.AddModelError("", l["Concurrency.Conflict"]);
            var current = await edit.LoadAsync(id, cancellationToken);
            input.Version = current?.Version ?? input.Version;
            ModelState.Remove(nameof(input.Version));
            return View(await inspection.FormAsync(current ?? home, input, cancellationToken));
        }

        TempData["Success"] = l["Homes.InspectionRecorded"].Value;
        return RedirectToAction(nameof(Details), new { id });
    }

    [HttpGet]
    public async Task<IActionResult> Checklist(CancellationToken cancellationToken) =>
        View(await checklist.ListAsync(cancellationToken));

    [HttpGet]
    [Authorize(Policy = Policies.ManageStandards)]
    public async Task<IActionResult> ChecklistItem(int? id, CancellationToken cancellationToken) => id is { } itemId
        ? await ChecklistItemFormAsync(itemId, cancellationToken)
        : View(new ChecklistItemForm(null, new ChecklistItemInput()));

    [HttpPost]
    [Authorize(Policy = Policies.ManageStandards)]
    public async Task<IActionResult> ChecklistItem(int? id, ChecklistItemInput input, CancellationToken cancellationToken)
    {
        StandardChecklistItem? item = null;
        if (id is { } itemId)
        {
            item = await checklist.LoadAsync(itemId, cancellationToken);
            if (item is null)
            {
                return NotFound();
            }

            input.Kind = item.Kind;
        }

        if (!ModelState.IsValid)
        {
            return View(new ChecklistItemForm(id, input));
        }

        switch (await checklist.SaveAsync(item, input, cancellationToken))
        {
            case ChecklistSaveResult.Duplicate:
                ModelState.AddModelError(nameof(input.NameZh), l["Checklist.Duplicate"]);
                return View(new ChecklistItemForm(id, input));
            case ChecklistSaveResult.Conflict:
                ModelState.AddModelError("", l["Concurrency.Conflict"]);
                var current = id is { } reload ? await checklist.LoadAsync(reload, cancellationToken) : null;
                input.Version = current?.Version ?? input.Version;
                ModelState.Remove(nameof(input.Version));
                return View(new ChecklistItemForm(id, input));
            default:
                TempData["Success"] = l["Checklist.Saved"].Value;
                return RedirectToAction(nameof(Checklist));
        }
    }

    private async Task<IActionResult> ChecklistItemFormAsync(int id, CancellationToken cancellationToken)
    {
        var item = await checklist.LoadAsync(id, cancellationToken);
        return item is null
            ? NotFound()
            : View(new ChecklistItemForm(id, new ChecklistItemInput
            {
                Kind = item.Kind, NameZh = item.NameZh, NameEn = item.NameEn, SortOrder = item.SortOrder, IsActive = item.IsActive, Version = item.Version,
            }));
    }

    private int? OwnHost() => currentUser.Role == Roles.VillageChair ? currentUser.ScopeOrganisationId : null;

    private async Task<bool> MayUpdateAsync(ServiceSite home, CancellationToken cancellationToken) =>
        await edit.HostAsync(home.OrganisationId, cancellationToken) is { } host && await AllowedAsync(host, Operations.Update);

    private async Task<bool> AllowedAsync(Organisation organisation, Microsoft.AspNetCore.Authorization.Infrastructure.OperationAuthorizationRequirement operation) =>
        (await authorization.AuthorizeAsync(User, OrganisationResource.Of(organisation), operation)).Succeeded;
}

public sealed record ChecklistItemForm(int? Id, ChecklistItemInput Input);
