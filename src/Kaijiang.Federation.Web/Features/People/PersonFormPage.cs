using System.Globalization;
using Kaijiang.Federation.Web.Domain;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;

namespace Kaijiang.Federation.Web.Features.People;

/// <summary>The create and edit pages of a person.</summary>
public sealed record PersonFormPage
{
    public required PersonInput Input { get; init; }

    public IReadOnlyList<OrganisationOption> Organisations { get; init; } = [];

    /// <summary>Null on the create page.</summary>
    public int? PersonId { get; init; }

    /// <summary>Whether the ID number and phone fields show what is on file; otherwise blank keeps it.</summary>
    public bool IdentityInFull { get; init; }

    public string? MaskedIdNumberOnFile { get; init; }

    public string? MaskedPhoneOnFile { get; init; }

    /// <summary>The person who already holds the typed ID number.</summary>
    public IdNumberOwner? Duplicate { get; init; }

    /// <summary>People of the same name, offered before creating another.</summary>
    public IReadOnlyList<PersonMatch> SameName { get; init; } = [];

    public string? Query { get; init; }

    public IReadOnlyList<PersonMatch> SearchMatches { get; init; } = [];

    /// <summary>Non-breaking spaces before the name show the tree in a plain select list.</summary>
    public static string Indent(OrganisationOption option) => new string('\u00A0', option.Depth * 3) + option.Name;
}

/// <summary>Shows, field by field, what someone else saved while the user was editing a person.</summary>
public static class PersonConflict
{
    public static void Report(
        ModelStateDictionary modelState, string prefix, PersonValues mine, Person theirs, bool identityInFull,
        IReadOnlyList<OrganisationOption> organisations, IStringLocalizer<SharedResource> l)
    {
        modelState.AddModelError("", l["Concurrency.Conflict"]);
        void Compare(string field, object? a, object? b, string shown)
        {
            if (!Equals(a, b))
            {
                modelState.AddModelError(prefix + "." + field, l["Concurrency.FieldChanged", shown]);
            }
        }

        static string OrDash(string? value) => string.IsNullOrEmpty(value) ? "—" : value;
        Compare(nameof(PersonInput.Name), mine.Name, theirs.Name, theirs.Name);
        Compare(nameof(PersonInput.Sex), mine.Sex, theirs.Sex, l["Sex." + theirs.Sex]);
        Compare(nameof(PersonInput.BirthDate), mine.BirthDate, theirs.BirthDate, OrDash(theirs.BirthDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        Compare(nameof(PersonInput.Ethnicity), mine.Ethnicity, theirs.Ethnicity, OrDash(theirs.Ethnicity));
        Compare(nameof(PersonInput.Education), mine.Education, theirs.Education, l["Education." + theirs.Education]);
        Compare(nameof(PersonInput.PoliticalStatus), mine.PoliticalStatus, theirs.PoliticalStatus, l["PoliticalStatus." + theirs.PoliticalStatus]);
        Compare(nameof(PersonInput.Phone), mine.Phone, theirs.Phone, OrDash(identityInFull ? theirs.Phone : MobilePhone.Mask(theirs.Phone)));
        Compare(nameof(PersonInput.IdNumber), mine.IdNumber, theirs.IdNumber, OrDash(identityInFull ? theirs.IdNumber : ResidentIdNumber.Mask(theirs.IdNumber)));
        Compare(nameof(PersonInput.OrganisationId), mine.OrganisationId, theirs.OrganisationId,
            organisations.FirstOrDefault(o => o.Id == theirs.OrganisationId)?.Name ?? "—");
    }
}
