using Kaijiang.Federation.Web.Authorization;
using Kaijiang.Federation.Web.Data;
using Kaijiang.Federation.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace Kaijiang.Federation.Web.Features.People;

/// <summary>One of her terms, current or past, in an organisation the user can see.</summary>
public sealed record PersonTermRow
{
    public required int Id { get; init; }
    public required int OrganisationId { get; init; }
    public required string OrganisationName { get; init; }
    public required OrganisationResource Organisation { get; init; }
    public required Office Office { get; init; }
    public bool IsFullTime { get; init; }
    public DateOnly StartOn { get; init; }
    public DateOnly PlannedEndOn { get; init; }
    public DateOnly? EndedOn { get; init; }
    public TermEndReason EndReason { get; init; }
    public string? EndNote { get; init; }
    public string? ElectedAt { get; init; }
    public bool InTwoCommittees { get; init; }
    public bool IsPartySecretary { get; init; }
    public bool IsVillageDirector { get; init; }
    public decimal? MonthlyStipend { get; init; }
    public decimal? SecretaryMonthlyPay { get; init; }
    public bool IsCurrent { get; init; }
    public bool CanEdit { get; init; }
    public bool CanEnd { get; init; }
}

/// <summary>The person's page. ID number and phone are in full only when <see cref="IdentityInFull"/>.</summary>
public sealed record PersonDetailsPage
{
    public required int Id { get; init; }
    public required string Name { get; init; }
    public Sex Sex { get; init; }
    public DateOnly? BirthDate { get; init; }
    public string? Ethnicity { get; init; }
    public Education Education { get; init; }
    public PoliticalStatus PoliticalStatus { get; init; }
    public string Phone { get; init; } = "";
    public string IdNumber { get; init; } = "";
    public bool IdentityInFull { get; init; }
    public required int OrganisationId { get; init; }
    public required string OrganisationName { get; init; }
    public required OrganisationResource Organisation { get; init; }
    public bool CanEdit { get; init; }
    public IReadOnlyList<PersonTermRow> Terms { get; init; } = [];
}

/// <summary>Reads a person and her terms; the scope filter makes a person outside the user's subtree not found.</summary>
public sealed class PersonDetails(FederationDbContext db, TimeProvider clock)
{
    public async Task<PersonDetailsPage?> RunAsync(int id, bool identityInFull, CancellationToken cancellationToken)
    {
        var today = clock.Today();
        var person = await db.People.AsNoTracking()
            .Where(p => p.Id == id)
            .Select(p => new
            {
                p.Id,
                p.Name,
                p.Sex,
                p.BirthDate,
                p.Ethnicity,
                p.Education,
                p.PoliticalStatus,
                p.Phone,
                p.IdNumber,
                p.OrganisationId,
                OrganisationName = p.Organisation!.Name,
                OrganisationPath = p.Organisation.Path,
                OrganisationKind = p.Organisation.Kind,
            })
            .SingleOrDefaultAsync(cancellationToken);
        if (person is null)
        {
            return null;
        }

        var terms = await db.OfficeTerms.AsNoTracking()
            .Where(t => t.PersonId == id)
            .OrderBy(t => t.EndedOn == null ? 0 : 1).ThenByDescending(t => t.StartOn).ThenBy(t => t.Id)
            .Select(t => new PersonTermRow
            {
                Id = t.Id,
                OrganisationId = t.OrganisationId,
                OrganisationName = t.Organisation!.Name,
                Organisation = new OrganisationResource(t.OrganisationId, t.Organisation.Path, t.Organisation.Kind),
                Office = t.Office,
                IsFullTime = t.IsFullTime,
                StartOn = t.StartOn,
                PlannedEndOn = t.PlannedEndOn,
                EndedOn = t.EndedOn,
                EndReason = t.EndReason,
                EndNote = t.EndNote,
                ElectedAt = t.ElectedAt,
                InTwoCommittees = t.InTwoCommittees,
                IsPartySecretary = t.IsPartySecretary,
                IsVillageDirector = t.IsVillageDirector,
                MonthlyStipend = t.MonthlyStipend,
                SecretaryMonthlyPay = t.SecretaryMonthlyPay,
                IsCurrent = t.EndedOn == null || t.EndedOn > today,
            })
            .ToListAsync(cancellationToken);

        return new PersonDetailsPage
        {
            Id = person.Id,
            Name = person.Name,
            Sex = person.Sex,
            BirthDate = person.BirthDate,
            Ethnicity = person.Ethnicity,
            Education = person.Education,
            PoliticalStatus = person.PoliticalStatus,
            Phone = identityInFull ? person.Phone ?? "" : MobilePhone.Mask(person.Phone),
            IdNumber = identityInFull ? person.IdNumber ?? "" : ResidentIdNumber.Mask(person.IdNumber),
            IdentityInFull = identityInFull,
            OrganisationId = person.OrganisationId,
            OrganisationName = person.OrganisationName,
            Organisation = new OrganisationResource(person.OrganisationId, person.OrganisationPath, person.OrganisationKind),
            Terms = terms,
        };
    }
}
