using Kaijiang.Federation.Web.Data;
using Kaijiang.Federation.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace Kaijiang.Federation.Web.Features.People;

/// <summary>Who already holds an ID number: her id and name when the user can see her, nulls when she lives outside the scope.</summary>
public sealed record IdNumberOwner(int? Id, string? Name);

/// <summary>An organisation a person may be registered in, indented by its depth in the user's subtree.</summary>
public sealed record OrganisationOption(int Id, string Name, OrganisationKind Kind, int Depth);

/// <summary>The result of a save: the person's id, or the holder of her ID number, or the newer record that won.</summary>
public sealed record PersonSaveOutcome(int? PersonId, IdNumberOwner? Duplicate = null, Person? Conflict = null);

/// <summary>Creates and edits people. One ID number, one person: a number already on file is reported, not thrown.</summary>
public sealed class SavePerson(FederationDbContext db, PersonalDataProtector personalData)
{
    public Task<Person?> LoadAsync(int id, CancellationToken cancellationToken) =>
        db.People.SingleOrDefaultAsync(p => p.Id == id, cancellationToken);

    /// <summary>Tracked, so that the audit entry records the organisation's path.</summary>
    public Task<Organisation?> FindOrganisationAsync(int? id, CancellationToken cancellationToken) =>
        id is { } value
            ? db.Organisations.SingleOrDefaultAsync(o => o.Id == value && o.ClosedOn == null, cancellationToken)
            : Task.FromResult<Organisation?>(null);

    /// <summary>The organisation a record belongs to, open or closed, tracked for the audit entry.</summary>
    public Task<Organisation?> OrganisationOfAsync(int id, CancellationToken cancellationToken) =>
        db.Organisations.SingleOrDefaultAsync(o => o.Id == id, cancellationToken);

    public async Task<IReadOnlyList<OrganisationOption>> OrganisationOptionsAsync(CancellationToken cancellationToken)
    {
        var options = await db.Organisations.AsNoTracking()
            .Where(o => o.ClosedOn == null)
            .OrderBy(o => o.Path)
            .Select(o => new OrganisationOption(o.Id, o.Name, o.Kind, o.Depth))
            .ToListAsync(cancellationToken);
        var top = options.Count == 0 ? 0 : options.Min(o => o.Depth);
        return options.Select(o => o with { Depth = o.Depth - top }).ToList();
    }

    public async Task<IdNumberOwner?> IdNumberOwnerAsync(string? idNumber, int? exceptId, CancellationToken cancellationToken)
    {
        if (idNumber is null)
        {
            return null;
        }

        // The number is unique across the whole deployment, so the check looks past the scope; what it tells a user
        // about a person outside her scope is only that the number is taken.
        var hash = personalData.HashIdNumber(idNumber);
        var ownerId = await db.People.IgnoreQueryFilters().AsNoTracking()
            .Where(p => p.IdNumberHash == hash && p.Id != exceptId)
            .Select(p => (int?)p.Id)
            .FirstOrDefaultAsync(cancellationToken);
        if (ownerId is null)
        {
            return null;
        }

        var visible = await db.People.AsNoTracking().Where(p => p.Id == ownerId).Select(p => p.Name).FirstOrDefaultAsync(cancellationToken);
        return visible is null ? new IdNumberOwner(null, null) : new IdNumberOwner(ownerId, visible);
    }

    public async Task<PersonSaveOutcome> CreateAsync(PersonValues values, CancellationToken cancellationToken)
    {
        var person = Add(values);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return new PersonSaveOutcome(person.Id);
        }
        catch (DbUpdateException)
        {
            // Someone registered the number between the check and the save: the unique index decided.
            var owner = await IdNumberOwnerAsync(values.IdNumber, null, cancellationToken);
            if (owner is null)
            {
                throw;
            }

            db.Entry(person).State = EntityState.Detached;
            return new PersonSaveOutcome(null, owner);
        }
    }

    /// <summary>Adds a person to the unit of work without saving (a new term saves her with it).</summary>
    public Person Add(PersonValues values)
    {
        var person = new Person();
        values.ApplyTo(person);
        db.People.Add(person);
        return person;
    }

    public async Task<PersonSaveOutcome> UpdateAsync(Person person, PersonValues values, int version, CancellationToken cancellationToken)
    {
        // Compare against the version the user read, not the one just loaded.
        db.Entry(person).Property(p => p.Version).OriginalValue = version;
        values.ApplyTo(person);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return new PersonSaveOutcome(person.Id);
        }
        catch (DbUpdateConcurrencyException)
        {
            var entry = db.Entry(person);
            var stored = await entry.GetDatabaseValuesAsync(cancellationToken);
            entry.State = EntityState.Detached;
            if (stored is null)
            {
                throw;
            }

            return new PersonSaveOutcome(null, Conflict: (Person)stored.ToObject());
        }
        catch (DbUpdateException)
        {
            var owner = await IdNumberOwnerAsync(values.IdNumber, person.Id, cancellationToken);
            if (owner is null)
            {
                throw;
            }

            db.Entry(person).State = EntityState.Detached;
            return new PersonSaveOutcome(null, owner);
        }
    }
}
