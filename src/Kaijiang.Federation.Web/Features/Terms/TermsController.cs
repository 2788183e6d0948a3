using Kaijiang.Federation.Web.Authorization;
using Kaijiang.Federation.Web.Domain;
using Kaijiang.Federation.Web.Features.People;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Kaijiang.Federation.Web.Features.Terms;

/// <summary>
/// Office terms (任职): start one in an organisation, edit it, end it. Starting is Create, editing Update and
/// ending Delete on the organisation (docs/authorization.md: village chairs may not end terms).
/// </summary>
[Authorize(Policy = Policies.Edit)]
public sealed class TermsController(
    TermValidator termValidator,
    EditTerm terms,
    IAuthorizationService authorization,
    IStringLocalizer<SharedResource> l) : Controller
{
    private const string InputPrefix = "Input";
    private const string NewPersonPrefix = "NewPerson";

    [HttpGet]
    public async Task<IActionResult> Start(int organisationId, int? personId, string? q, [FromServices] StartTerm start, [FromServices] SearchPeople search, CancellationToken cancellationToken)
    {
        var organisation = await start.OrganisationAsync(organisationId, cancellationToken);
        if (organisation is null)
        {
            return NotFound();
        }

        if (!await AllowedAsync(organisation, Operations.Create))
        {
            return Forbid();
        }

        PickedPerson? person = null;
        if (personId is { } id && (person = await start.PersonAsync(id, cancellationToken)) is null)
        {
            return NotFound();
        }

        var (matches, more) = await search.RunAsync(q, cancellationToken);
        return View(new StartTermPage
        {
            OrganisationId = organisation.Id,
            OrganisationName = organisation.Name,
            Input = new TermInput { StartOn = null },
            Person = person,
            Query = q?.Trim(),
            Matches = matches,
            MoreMatches = more,
        });
    }

    [HttpPost]
    public async Task<IActionResult> Start(
        int organisationId,
        int? personId,
        [Bind(Prefix = InputPrefix)] TermInput input,
        [Bind(Prefix = NewPersonPrefix)] PersonInput newPerson,
        [FromServices] StartTerm start,
        [FromServices] PersonValidator personValidator,
        [FromServices] SavePerson people,
        [FromServices] SearchPeople search,
        CancellationToken cancellationToken)
    {
        var organisation = await start.OrganisationAsync(organisationId, cancellationToken);
        if (organisation is null)
        {
            return NotFound();
        }

        if (!await AllowedAsync(organisation, Operations.Create))
        {
            return Forbid();
        }

        PickedPerson? person = null;
        if (personId is { } id && (person = await start.PersonAsync(id, cancellationToken)) is null)
        {
            return NotFound();
        }

        var page = new StartTermPage { OrganisationId = organisation.Id, OrganisationName = organisation.Name, Input = input, NewPerson = newPerson, Person = person };
        var values = termValidator.Validate(input, ModelState, InputPrefix);
        PersonValues? personValues = null;
        if (person is null)
        {
            // A new person lives, unless edited later, where she takes office.
            newPerson.OrganisationId = organisation.Id;
            personValues = personValidator.Validate(newPerson, ModelState, NewPersonPrefix);
            if (personValues is not null)
            {
                if (await people.IdNumberOwnerAsync(personValues.IdNumber, null, cancellationToken) is { } owner)
                {
                    return DuplicateIdNumber(page, owner);
                }

                if (!newPerson.ConfirmedNew && await search.SameNameAsync(personValues.Name, null, cancellationToken) is { Count: > 0 } sameName)
                {
                    ModelState.AddModelError("", l["People.SameNameFound", personValues.Name]);
                    page = page with { SameName = sameName };
                }
            }
        }

        if (values is not null && await termValidator.RosterRuleBrokenAsync(organisation.Id, person?.Id, values.Office, null, cancellationToken) is { } broken)
        {
            ModelState.AddModelError($"{InputPrefix}.{nameof(TermInput.Office)}", broken);
        }

        if (!ModelState.IsValid || values is null || (person is null && personValues is null))
        {
            return View(page);
        }

        var outcome = await start.RunAsync(organisation, person?.Id, personValues, values, cancellationToken);
        if (outcome.Duplicate is { } raced)
        {
            return DuplicateIdNumber(page, raced);
        }

        TempData["Success"] = l["Terms.Started"].Value;
        return Redirect($"/Organisations/Details/{organisation.Id}");
    }

    [HttpGet]
    public async Task<IActionResult> Edit(int id, CancellationToken cancellationToken)
    {
        var (term, organisation, refusal) = await LoadAsync(id, Operations.Update, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        return View(new EditTermPage(await terms.HeadingAsync(term!, organisation!, cancellationToken), TermInput.From(term!)));
    }

    [HttpPost]
    public async Task<IActionResult> Edit(int id, [Bind(Prefix = InputPrefix)] TermInput input, CancellationToken cancellationToken)
    {
        var (term, organisation, refusal) = await LoadAsync(id, Operations.Update, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var heading = await terms.HeadingAsync(term!, organisation!, cancellationToken);
        var values = termValidator.Validate(input, ModelState, InputPrefix);
        if (values is not null && term!.EndedOn is null
            && await termValidator.RosterRuleBrokenAsync(organisation!.Id, null, values.Office, term.Id, cancellationToken) is { } broken)
        {
            ModelState.AddModelError($"{InputPrefix}.{nameof(TermInput.Office)}", broken);
        }

        if (!ModelState.IsValid || values is null)
        {
            return View(new EditTermPage(heading, input));
        }

        var theirs = await terms.SaveAsync(term!, values.ApplyTo, input.Version, cancellationToken);
        if (theirs is not null)
        {
            // Someone saved first: keep her typing, show what the other person changed, and let her decide.
            EditTerm.ReportConflict(ModelState, InputPrefix, values, theirs, l);
            input.Version = theirs.Version;
            ModelState.Remove($"{InputPrefix}.{nameof(input.Version)}");
            return View(new EditTermPage(heading, input));
        }

        TempData["Success"] = l["Terms.Saved"].Value;
        return Redirect($"/People/Details/{term!.PersonId}");
    }

    /// <summary>The confirmation page of ending a term: its date and reason are asked for here.</summary>
    [HttpGet]
    public async Task<IActionResult> End(int id, [FromServices] TimeProvider clock, CancellationToken cancellationToken)
    {
        var (term, organisation, refusal) = await LoadAsync(id, Operations.Delete, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        if (term!.EndedOn is not null)
        {
            TempData["Error"] = l["Terms.AlreadyEnded"].Value;
            return Redirect($"/People/Details/{term.PersonId}");
        }

        var input = new EndTermInput { EndedOn = clock.Today(), Version = term.Version };
        return View(new EndTermPage(await terms.HeadingAsync(term, organisation!, cancellationToken), input));
    }

    [HttpPost]
    public async Task<IActionResult> End(int id, [Bind(Prefix = InputPrefix)] EndTermInput input, [FromServices] EndTermValidator validator, CancellationToken cancellationToken)
    {
        var (term, organisation, refusal) = await LoadAsync(id, Operations.Delete, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        if (term!.EndedOn is not null)
        {
            TempData["Error"] = l["Terms.AlreadyEnded"].Value;
            return Redirect($"/People/Details/{term.PersonId}");
        }

        var heading = await terms.HeadingAsync(term, organisation!, cancellationToken);
        if (validator.Validate(input, term, ModelState, InputPrefix) is not { } end)
        {
            return View(new EndTermPage(heading, input));
        }

        var theirs = await terms.SaveAsync(term, t => (t.EndedOn, t.EndReason, t.EndNote) = end, input.Version, cancellationToken);
        if (theirs is not null)
        {
            ModelState.AddModelError("", l["Terms.EndConflict"]);
            input.Version = theirs.Version;
            ModelState.Remove($"{InputPrefix}.{nameof(input.Version)}");
            return View(new EndTermPage(heading, input));
        }

        TempData["Success"] = l["Terms.Ended", heading.PersonName].Value;
        return Redirect($"/People/Details/{term.PersonId}");
    }

    private ViewResult DuplicateIdNumber(StartTermPage page, IdNumberOwner owner)
    {
        ModelState.AddModelError($"{NewPersonPrefix}.{nameof(PersonInput.IdNumber)}", owner.Id is null ? l["People.IdNumber.TakenElsewhere"] : l["People.IdNumber.Taken", owner.Name!]);
        return View(nameof(Start), page with { Duplicate = owner });
    }

    /// <summary>Loads the term through the scoped context (outside the scope: 404), then checks the operation (403).</summary>
    private async Task<(OfficeTerm? Term, Organisation? Organisation, IActionResult? Refusal)> LoadAsync(int id, OperationAuthorizationRequirement operation, CancellationToken cancellationToken)
    {
        var term = await terms.LoadAsync(id, cancellationToken);
        var organisation = term is null ? null : await terms.OrganisationAsync(term.OrganisationId, cancellationToken);
        if (term is null || organisation is null)
        {
            return (null, null, NotFound());
        }

        return await AllowedAsync(organisation, operation) ? (term, organisation, null) : (null, null, Forbid());
    }

    private async Task<bool> AllowedAsync(Organisation organisation, OperationAuthorizationRequirement operation) =>
        (await authorization.AuthorizeAsync(User, OrganisationResource.Of(organisation), operation)).Succeeded;
}
