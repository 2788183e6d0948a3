using System.Globalization;
using Kaijiang.Federation.Web.Authorization;
using Kaijiang.Federation.Web.Domain;
using Kaijiang.Federation.Web.Features.Registers;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Kaijiang.Federation.Web.Features.Awards;

/// <summary>
/// Family awards (家庭表彰) and their nomination pipeline, families, award titles, mottos (家风家训) and books.
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class AwardsController(
    ListAwards awards,
    NominateFamily nominate,
    AdvanceAward advance,
    Families families,
    AwardTitles titles,
    Mottos mottos,
    IAuthorizationService authorization,
    TimeProvider clock,
    IStringLocalizer<SharedResource> l) : Controller
{
    // Awards ----------------------------------------------------------------------------------------------

    [HttpGet]
    public async Task<IActionResult> Index([FromQuery] AwardListFilter filter, CancellationToken cancellationToken) =>
        View(await awards.RunAsync(filter, cancellationToken));

    [HttpGet]
    [Authorize(Policy = Policies.Export)]
    public async Task<IActionResult> Export([FromQuery] AwardListFilter filter, CancellationToken cancellationToken)
    {
        var en = CultureInfo.CurrentUICulture.Name.StartsWith("en", StringComparison.Ordinal);
        var rows = await awards.AllAsync(filter, cancellationToken);
        return await ExcelExport.FileAsync("awards.xlsx", rows.Select(r => (IDictionary<string, object?>)new Dictionary<string, object?>
        {
            [l["Awards.Family"]] = r.FamilyName,
            [l["Awards.Village"]] = r.VillageName,
            [l["Awards.Title"]] = en ? r.TitleEn : r.TitleZh,
            [l["Awards.Level"]] = l["AwardLevel." + r.Level].Value,
            [l["Awards.Kind"]] = l["AwardKind." + r.Kind].Value,
            [l["Awards.Year"]] = r.Year,
            [l["Awards.Status"]] = l["AwardStatus." + r.Status].Value,
        }), cancellationToken);
    }

    [HttpGet]
    public async Task<IActionResult> Details(int id, CancellationToken cancellationToken)
    {
        var model = await awards.DetailsAsync(id, cancellationToken);
        if (model is null)
        {
            return NotFound();
        }

        var award = await advance.LoadAsync(id, cancellationToken);
        var resource = OrganisationResource.Of(award!.Organisation!);
        return View(model with
        {
            CanRecommend = await AllowedAsync(resource, Operations.Recommend),
            CanDecide = await AllowedAsync(resource, Operations.Approve),
        });
    }

    [HttpGet]
    [Authorize(Policy = Policies.Edit)]
    public async Task<IActionResult> Nominate(int? familyId, string? search, CancellationToken cancellationToken) =>
        View(await nominate.FormAsync(new NominationInput { FamilyId = familyId, Year = clock.Today().Year }, search, cancellationToken));

    [HttpPost]
    [Authorize(Policy = Policies.Edit)]
    public async Task<IActionResult> Nominate(NominationInput input, string? search, string? find, CancellationToken cancellationToken)
    {
        if (find is not null)
        {
            ModelState.Clear();
            return View(await nominate.FormAsync(input, search, cancellationToken));
        }

        // A family outside the nominator's area does not exist for her: refused like an unknown one, nothing written.
        var family = await nominate.FamilyAsync(input.FamilyId, cancellationToken);
        if (family is null && input.FamilyId is not null)
        {
            ModelState.AddModelError(nameof(input.FamilyId), l["Awards.FamilyNotInScope"]);
        }
        else if (family is not null && !await AllowedAsync(OrganisationResource.Of(family.Organisation!), Operations.Create))
        {
            return Forbid();
        }

        if (input.AwardTitleId is not null && !await nominate.TitleExistsAsync(input.AwardTitleId, cancellationToken))
        {
            ModelState.AddModelError(nameof(input.AwardTitleId), l["Awards.TitleUnknown"]);
        }

        if (ModelState.IsValid)
        {
            var problem = await nominate.CheckAsync(family!, input, cancellationToken);
            if (problem != EligibilityProblem.None)
            {
                var field = problem == EligibilityProblem.YearOutOfRange ? nameof(input.Year) : problem == EligibilityProblem.NeedsLowerLevelAward ? nameof(input.Level) : "";
                ModelState.AddModelError(field, l["Eligibility." + problem, l["AwardLevel." + (AwardEligibility.LevelBelow(input.Level) ?? AwardLevel.County)]]);
            }
        }

        if (!ModelState.IsValid)
        {
            return View(await nominate.FormAsync(input, search, cancellationToken));
        }

        var id = await nominate.SaveAsync(family!, input, cancellationToken);
        if (id is null)
        {
            ModelState.AddModelError("", l["Eligibility.DuplicateTitleAndYear"]);
            return View(await nominate.FormAsync(input, search, cancellationToken));
        }

        TempData["Success"] = l["Awards.Nominated"].Value;
        return RedirectToAction(nameof(Details), new { id });
    }

    [HttpPost]
    [Authorize(Policy = Policies.Edit)]
    public Task<IActionResult> Recommend(int id, int version, CancellationToken cancellationToken) =>
        StepAsync(id, version, PipelineStep.Recommend, Operations.Recommend, cancellationToken);

    [HttpPost]
    [Authorize(Policy = Policies.Review)]
    public Task<IActionResult> Notice(int id, int version, CancellationToken cancellationToken) =>
        StepAsync(id, version, PipelineStep.StartPublicNotice, Operations.Approve, cancellationToken);

    [HttpPost]
    [Authorize(Policy = Policies.Review)]
    public Task<IActionResult> Decide(int id, int version, bool award, CancellationToken cancellationToken) =>
        StepAsync(id, version, award ? PipelineStep.Award : PipelineStep.Decline, Operations.Approve, cancellationToken);

    // Families --------------------------------------------------------------------------------------------

    [HttpGet]
    public async Task<IActionResult> Families([FromQuery] FamilyListFilter filter, CancellationToken cancellationToken) =>
        View(await families.ListAsync(filter, cancellationToken));

    [HttpGet]
    [Authorize(Policy = Policies.Edit)]
    public async Task<IActionResult> Family(int? id, string? search, CancellationToken cancellationToken)
    {
        if (id is null)
        {
            return View(await families.FormAsync(null, new FamilyInput(), search, cancellationToken));
        }

        var family = await families.LoadAsync(id.Value, cancellationToken);
        if (family is null)
        {
            return NotFound();
        }

        return await AllowedAsync(OrganisationResource.Of(family.Organisation!), Operations.Update)
            ? View(await families.FormAsync(id, Awards.Families.InputOf(family), search, cancellationToken))
            : Forbid();
    }

    [HttpPost]
    [Authorize(Policy = Policies.Edit)]
    public async Task<IActionResult> Family(int? id, FamilyInput input, string? search, string? find, CancellationToken cancellationToken)
    {
        Family? family = null;
        if (id is not null)
        {
            family = await families.LoadAsync(id.Value, cancellationToken);
            if (family is null)
            {
                return NotFound();
            }

            if (!await AllowedAsync(OrganisationResource.Of(family.Organisation!), Operations.Update))
            {
                return Forbid();
            }
        }

        if (find is not null)
        {
            ModelState.Clear();
            return View(await families.FormAsync(id, input, search, cancellationToken));
        }

        var head = await families.HeadAsync(input.HouseholdHeadId, cancellationToken);
        if (head is null && input.HouseholdHeadId is not null)
        {
            ModelState.AddModelError(nameof(input.HouseholdHeadId), l["Families.HeadNotInScope"]);
        }
        else if (head is not null && !await AllowedAsync(OrganisationResource.Of(head.Organisation!), family is null ? Operations.Create : Operations.Update))
        {
            return Forbid();
        }

        var (members, badLine) = Awards.Families.ParseMembers(input.Members);
        if (badLine is { } line)
        {
            ModelState.AddModelError(nameof(input.Members), l["Families.MemberLineInvalid", line]);
        }

        if (!ModelState.IsValid)
        {
            return View(await families.FormAsync(id, input, search, cancellationToken));
        }

        var (savedId, currentVersion) = await families.SaveAsync(family, head!, input, members, cancellationToken);
        if (savedId is null)
        {
            ModelState.AddModelError("", l["Concurrency.Conflict"]);
            input.Version = currentVersion ?? input.Version;
            ModelState.Remove(nameof(input.Version));
            return View(await families.FormAsync(id, input, search, cancellationToken));
        }

        TempData["Success"] = l["Families.Saved"].Value;
        return RedirectToAction(nameof(Families), new { search = input.Name ?? head!.Name });
    }

    // Titles ----------------------------------------------------------------------------------------------

    [HttpGet]
    public async Task<IActionResult> Titles(CancellationToken cancellationToken) => View(await titles.ListAsync(cancellationToken));

    [HttpGet]
    [Authorize(Policy = Policies.ManageStandards)]
    public async Task<IActionResult> Title(int? id, CancellationToken cancellationToken)
    {
        if (id is null)
        {
            return View(new AwardTitleForm(null, new AwardTitleInput()));
        }

        var title = await titles.LoadAsync(id.Value, cancellationToken);
        return title is null ? NotFound() : View(new AwardTitleForm(id, AwardTitles.InputOf(title)));
    }

    [HttpPost]
    [Authorize(Policy = Policies.ManageStandards)]
    public async Task<IActionResult> Title(int? id, AwardTitleInput input, CancellationToken cancellationToken)
    {
        AwardTitle? title = null;
        if (id is not null && (title = await titles.LoadAsync(id.Value, cancellationToken)) is null)
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            return View(new AwardTitleForm(id, input));
        }

        switch (await titles.SaveAsync(title, input, cancellationToken))
        {
            case TitleSaveResult.DuplicateCode:
                ModelState.AddModelError(nameof(input.Code), l["Titles.DuplicateCode"]);
                return View(new AwardTitleForm(id, input));
            case TitleSaveResult.Conflict:
                ModelState.AddModelError("", l["Concurrency.Conflict"]);
                input.Version = (id is { } reload ? (await titles.LoadAsync(reload, cancellationToken))?.Version : null) ?? input.Version;
                ModelState.Remove(nameof(input.Version));
                return View(new AwardTitleForm(id, input));
            default:
                TempData["Success"] = l["Titles.Saved"].Value;
                return RedirectToAction(nameof(Titles));
        }
    }

    // Mottos and books ------------------------------------------------------------------------------------

    [HttpGet]
    public async Task<IActionResult> Mottos([FromQuery] MottoListFilter filter, CancellationToken cancellationToken) =>
        View(await mottos.ListAsync(filter, cancellationToken));

    [HttpGet]
    public async Task<IActionResult> Books(CancellationToken cancellationToken) => View(await mottos.BooksAsync(cancellationToken));

    [HttpGet]
    [Authorize(Policy = Policies.Edit)]
    public async Task<IActionResult> Motto(int? id, string? search, CancellationToken cancellationToken)
    {
        if (id is null)
        {
            return View(await mottos.FormAsync(null, new MottoInput { YearCollected = clock.Today().Year }, search, cancellationToken));
        }

        var motto = await mottos.LoadAsync(id.Value, cancellationToken);
        if (motto is null)
        {
            return NotFound();
        }

        return await AllowedAsync(OrganisationResource.Of(motto.Organisation!), Operations.Update)
            ? View(await mottos.FormAsync(id, Awards.Mottos.InputOf(motto), search, cancellationToken))
            : Forbid();
    }

    [HttpPost]
    [Authorize(Policy = Policies.Edit)]
    public async Task<IActionResult> Motto(int? id, MottoInput input, string? search, string? find, CancellationToken cancellationToken)
    {
        FamilyMotto? motto = null;
        if (id is not null)
        {
            motto = await mottos.LoadAsync(id.Value, cancellationToken);
            if (motto is null)
            {
                return NotFound();
            }

            if (!await AllowedAsync(OrganisationResource.Of(motto.Organisation!), Operations.Update))
            {
                return Forbid();
            }
        }

        if (find is not null)
        {
            ModelState.Clear();
            return View(await mottos.FormAsync(id, input, search, cancellationToken));
        }

        var family = await nominate.FamilyAsync(input.FamilyId, cancellationToken);
        if (family is null && input.FamilyId is not null)
        {
            ModelState.AddModelError(nameof(input.FamilyId), l["Awards.FamilyNotInScope"]);
        }
        else if (family is not null && !await AllowedAsync(OrganisationResource.Of(family.Organisation!), motto is null ? Operations.Create : Operations.Update))
        {
            return Forbid();
        }

        if (!ModelState.IsValid)
        {
            return View(await mottos.FormAsync(id, input, search, cancellationToken));
        }

        var (savedId, currentVersion) = await mottos.SaveAsync(motto, family!, input, cancellationToken);
        if (savedId is null)
        {
            ModelState.AddModelError("", l["Concurrency.Conflict"]);
            input.Version = currentVersion ?? input.Version;
            ModelState.Remove(nameof(input.Version));
            return View(await mottos.FormAsync(id, input, search, cancellationToken));
        }

        TempData["Success"] = l["Mottos.Saved"].Value;
        return RedirectToAction(nameof(Mottos));
    }

    private async Task<IActionResult> StepAsync(int id, int version, PipelineStep step, OperationAuthorizationRequirement operation, CancellationToken cancellationToken)
    {
        var award = await advance.LoadAsync(id, cancellationToken);
        if (award is null)
        {
            return NotFound();
        }

        if (!await AllowedAsync(OrganisationResource.Of(award.Organisation!), operation))
        {
            return Forbid();
        }

        var result = await advance.RunAsync(award, step, version, cancellationToken);
        if (result == AdvanceResult.Done)
        {
            TempData["Success"] = l["PipelineDone." + step].Value;
        }
        else
        {
            TempData["Error"] = result == AdvanceResult.Conflict ? l["Concurrency.Conflict"].Value : l["PipelineRefused." + result, l["AwardStatus." + award.Status]].Value;
        }

        return RedirectToAction(nameof(Details), new { id });
    }

    private async Task<bool> AllowedAsync(OrganisationResource resource, OperationAuthorizationRequirement operation) =>
        (await authorization.AuthorizeAsync(User, resource, operation)).Succeeded;
}
