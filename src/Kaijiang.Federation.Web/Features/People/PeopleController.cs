using Kaijiang.Federation.Web.Authorization;
using Kaijiang.Federation.Web.Domain;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Kaijiang.Federation.Web.Features.People;

/// <summary>People (人员): the list, a person's page, search, and registering or correcting a person.</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class PeopleController(
    SavePerson save,
    PersonValidator validator,
    SearchPeople search,
    IAuthorizationService authorization,
    IStringLocalizer<SharedResource> l) : Controller
{
    private const string InputPrefix = nameof(PersonFormPage.Input);

    [HttpGet]
    public async Task<IActionResult> Index([FromQuery] PeopleFilter filter, [FromServices] ListPeople list, CancellationToken cancellationToken) =>
        View(await list.RunAsync(filter, cancellationToken));

    [HttpGet]
    public async Task<IActionResult> Details(int id, [FromServices] PersonDetails details, [FromServices] IdentityViewAudit viewAudit, CancellationToken cancellationToken)
    {
        var model = await details.RunAsync(id, await IdentityInFullAsync(), cancellationToken);
        if (model is null)
        {
            return NotFound();
        }

        await viewAudit.RecordAsync(model.Id, model.Organisation.Path, model.IdentityInFull,
            model.IdNumber.Length > 0 || model.Phone.Length > 0, nameof(Details), cancellationToken);

        var terms = new List<PersonTermRow>(model.Terms.Count);
        foreach (var term in model.Terms)
        {
            terms.Add(term with
            {
                CanEdit = await AllowedAsync(term.Organisation, Operations.Update),
                CanEnd = term.IsCurrent && await AllowedAsync(term.Organisation, Operations.Delete),
            });
        }

        return View(model with { CanEdit = await AllowedAsync(model.Organisation, Operations.Update), Terms = terms });
    }

    /// <summary>Finds people in scope by name or whole ID number; with an organisation, each match can start a term there.</summary>
    [HttpGet]
    public async Task<IActionResult> Search(string? q, int? organisationId, CancellationToken cancellationToken)
    {
        var (matches, more) = await search.RunAsync(q, cancellationToken);
        return View(new PersonSearchPage(q?.Trim(), matches, more, organisationId));
    }

    [HttpGet]
    [Authorize(Policy = Policies.Edit)]
    public async Task<IActionResult> Create(int? organisationId, string? q, CancellationToken cancellationToken)
    {
        if (organisationId is not null)
        {
            var organisation = await save.FindOrganisationAsync(organisationId, cancellationToken);
            if (organisation is null)
            {
                return NotFound();
            }

            if (!await AllowedAsync(OrganisationResource.Of(organisation), Operations.Create))
            {
                return Forbid();
            }
        }

        var (matches, _) = await search.RunAsync(q, cancellationToken);
        return View(await FormAsync(new PersonInput { OrganisationId = organisationId }, null, cancellationToken) with
        {
            Query = q?.Trim(),
            SearchMatches = matches,
        });
    }

    [HttpPost]
    [Authorize(Policy = Policies.Edit)]
    public async Task<IActionResult> Create([Bind(Prefix = InputPrefix)] PersonInput input, CancellationToken cancellationToken)
    {
        var organisation = await save.FindOrganisationAsync(input.OrganisationId, cancellationToken);
        if (input.OrganisationId is not null && organisation is null)
        {
            return NotFound();
        }

        if (organisation is not null && !await AllowedAsync(OrganisationResource.Of(organisation), Operations.Create))
        {
            return Forbid();
        }

        var values = validator.Validate(input, ModelState, InputPrefix);
        if (values is null)
        {
            return View(await FormAsync(input, null, cancellationToken));
        }

        if (await save.IdNumberOwnerAsync(values.IdNumber, null, cancellationToken) is { } owner)
        {
            return DuplicateIdNumber(await FormAsync(input, null, cancellationToken), owner);
        }

        if (!input.ConfirmedNew)
        {
            var sameName = await search.SameNameAsync(values.Name, null, cancellationToken);
            if (sameName.Count > 0)
            {
                ModelState.AddModelError("", l["People.SameNameFound", values.Name]);
                return View(await FormAsync(input, null, cancellationToken) with { SameName = sameName });
            }
        }

        var outcome = await save.CreateAsync(values, cancellationToken);
        if (outcome.Duplicate is { } raced)
        {
            return DuplicateIdNumber(await FormAsync(input, null, cancellationToken), raced);
        }

        TempData["Success"] = l["People.Created", values.Name].Value;
        return RedirectToAction(nameof(Details), new { id = outcome.PersonId });
    }

    [HttpGet]
    [Authorize(Policy = Policies.Edit)]
    public async Task<IActionResult> Edit(int id, [FromServices] IdentityViewAudit viewAudit, CancellationToken cancellationToken)
    {
        var person = await save.LoadAsync(id, cancellationToken);
        if (person is null)
        {
            return NotFound();
        }

        var organisation = await save.OrganisationOfAsync(person.OrganisationId, cancellationToken);
        if (organisation is null || !await AllowedAsync(OrganisationResource.Of(organisation), Operations.Update))
        {
            return Forbid();
        }

        var full = await IdentityInFullAsync();
        await viewAudit.RecordAsync(
            person.Id, organisation.Path, full, person.IdNumber is not null || person.Phone is not null, nameof(Edit), cancellationToken);
        return View(await FormAsync(PersonInput.From(person, full), person, cancellationToken));
    }

    [HttpPost]
    [Authorize(Policy = Policies.Edit)]
    public async Task<IActionResult> Edit(int id, [Bind(Prefix = InputPrefix)] PersonInput input, CancellationToken cancellationToken)
    {
        var person = await save.LoadAsync(id, cancellationToken);
        if (person is null)
        {
            return NotFound();
        }

        var current = await save.OrganisationOfAsync(person.OrganisationId, cancellationToken);
        if (current is null || !await AllowedAsync(OrganisationResource.Of(current), Operations.Update))
        {
            return Forbid();
        }

        // Moving her to another organisation needs the right to register people there as well.
        if (input.OrganisationId is { } target && target != person.OrganisationId)
        {
            var destination = await save.FindOrganisationAsync(target, cancellationToken);
            if (destination is null)
            {
                return NotFound();
            }

            if (!await AllowedAsync(OrganisationResource.Of(destination), Operations.Create))
            {
                return Forbid();
            }
        }

        var full = await IdentityInFullAsync();
        var values = full
            ? validator.Validate(input, ModelState, InputPrefix)
            : validator.Validate(input, ModelState, InputPrefix, person.Phone, person.IdNumber);
        if (values is null)
        {
            return View(await FormAsync(input, person, cancellationToken));
        }

        if (await save.IdNumberOwnerAsync(values.IdNumber, person.Id, cancellationToken) is { } owner)
        {
            return DuplicateIdNumber(await FormAsync(input, person, cancellationToken), owner);
        }

        var outcome = await save.UpdateAsync(person, values, input.Version, cancellationToken);
        if (outcome.Conflict is { } theirs)
        {
            // Someone saved first: keep her typing, show what the other person changed, and let her decide.
            var page = await FormAsync(input, theirs, cancellationToken);
            PersonConflict.Report(ModelState, InputPrefix, values, theirs, full, page.Organisations, l);
            input.Version = theirs.Version;
            ModelState.Remove($"{InputPrefix}.{nameof(input.Version)}");
            return View(page);
        }

        if (outcome.Duplicate is { } raced)
        {
            return DuplicateIdNumber(await FormAsync(input, person, cancellationToken), raced);
        }

        TempData["Success"] = l["People.Saved", values.Name].Value;
        return RedirectToAction(nameof(Details), new { id });
    }

    private ViewResult DuplicateIdNumber(PersonFormPage page, IdNumberOwner owner)
    {
        ModelState.AddModelError($"{InputPrefix}.{nameof(PersonInput.IdNumber)}", owner.Id is null ? l["People.IdNumber.TakenElsewhere"] : l["People.IdNumber.Taken", owner.Name!]);
        return View(page with { Duplicate = owner });
    }

    private async Task<PersonFormPage> FormAsync(PersonInput input, Person? person, CancellationToken cancellationToken) => new()
    {
        Input = input,
        PersonId = person?.Id,
        Organisations = await save.OrganisationOptionsAsync(cancellationToken),
        IdentityInFull = await IdentityInFullAsync(),
        MaskedIdNumberOnFile = person is null ? null : ResidentIdNumber.Mask(person.IdNumber),
        MaskedPhoneOnFile = person is null ? null : MobilePhone.Mask(person.Phone),
    };

    private async Task<bool> IdentityInFullAsync() => (await authorization.AuthorizeAsync(User, Policies.ReadIdentityNumbers)).Succeeded;

    private async Task<bool> AllowedAsync(OrganisationResource organisation, Microsoft.AspNetCore.Authorization.Infrastructure.OperationAuthorizationRequirement operation) =>
        (await authorization.AuthorizeAsync(User, organisation, operation)).Succeeded;
}
