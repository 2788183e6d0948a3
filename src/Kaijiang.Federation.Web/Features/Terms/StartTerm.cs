using Kaijiang.Federation.Web.Data;
using Kaijiang.Federation.Web.Domain;
using Kaijiang.Federation.Web.Features.People;
using Microsoft.EntityFrameworkCore;

namespace Kaijiang.Federation.Web.Features.Terms;

/// <summary>The person a new term is for, as the form shows her (ID number masked).</summary>
public sealed record PickedPerson(int Id, string Name, string MaskedIdNumber, string OrganisationName);

/// <summary>The page that starts a term: pick a person (search) or register one inline, then the term's particulars.</summary>
public sealed record StartTermPage
{
    public required int OrganisationId { get; init; }
    public required string OrganisationName { get; init; }
    public required TermInput Input { get; init; }
    public PersonInput NewPerson { get; init; } = new();
    public PickedPerson? Person { get; init; }
    public string? Query { get; init; }
    public IReadOnlyList<PersonMatch> Matches { get; init; } = [];
    public bool MoreMatches { get; init; }
    public IReadOnlyList<PersonMatch> SameName { get; init; } = [];
    public IdNumberOwner? Duplicate { get; init; }
}

public sealed record StartTermOutcome(int? TermId, IdNumberOwner? Duplicate = null);

/// <summary>Starts a term, registering the person in the same transaction when she is new.</summary>
public sealed class StartTerm(FederationDbContext db, SavePerson people)
{
    /// <summary>Tracked, so that the audit entries record the organisation's path. Closed organisations elect no one.</summary>
    public Task<Organisation?> OrganisationAsync(int id, CancellationToken cancellationToken) =>
        db.Organisations.SingleOrDefaultAsync(o => o.Id == id && o.ClosedOn == null, cancellationToken);

    public async Task<PickedPerson?> PersonAsync(int id, CancellationToken cancellationToken)
    {
        var person = await db.People.AsNoTracking()
            .Where(p => p.Id == id)
            .Select(p => new { p.Id, p.Name, p.IdNumber, OrganisationName = p.Organisation!.Name })
            .SingleOrDefaultAsync(cancellationToken);
        return person is null ? null : new PickedPerson(person.Id, person.Name, ResidentIdNumber.Mask(person.IdNumber), person.OrganisationName);
    }

    public async Task<StartTermOutcome> RunAsync(Organisation organisation, int? personId, PersonValues? newPerson, TermValues values, CancellationToken cancellationToken)
    {
        var term = new OfficeTerm { OrganisationId = organisation.Id, Organisation = organisation };
        if (personId is { } id)
        {
            term.PersonId = id;
        }
        else
        {
            term.Person = people.Add(newPerson ?? throw new ArgumentNullException(nameof(newPerson)));
        }

        values.ApplyTo(term);
        db.OfficeTerms.Add(term);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return new StartTermOutcome(term.Id);
        }
        catch (DbUpdateException) when (newPerson?.IdNumber is not null)
        {
            // Someone registered her ID number between the check and the save: the unique index decided.
            var owner = await people.IdNumberOwnerAsync(newPerson.IdNumber, null, cancellationToken);
            if (owner is null)
            {
                throw;
            }

            db.Entry(term).State = EntityState.Detached;
            if (term.Person is { } added)
            {
                db.Entry(added).State = EntityState.Detached;
            }

            return new StartTermOutcome(null, owner);
        }
    }
}
