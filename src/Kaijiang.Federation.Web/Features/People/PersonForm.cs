using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text;
using Kaijiang.Federation.Web.Domain;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;

namespace Kaijiang.Federation.Web.Features.People;

/// <summary>A person's particulars as typed into the create and edit forms (and inline when starting a term).</summary>
public sealed class PersonInput
{
    [Display(Name = "People.Name")]
    public string? Name { get; set; }

    [Display(Name = "People.Sex")]
    public Sex Sex { get; set; } = Sex.Female;

    [Display(Name = "People.BirthDate")]
    [DataType(DataType.Date)]
    public DateOnly? BirthDate { get; set; }

    [Display(Name = "People.Ethnicity")]
    public string? Ethnicity { get; set; }

    [Display(Name = "People.Education")]
    public Education Education { get; set; }

    [Display(Name = "People.PoliticalStatus")]
    public PoliticalStatus PoliticalStatus { get; set; }

    [Display(Name = "People.Phone")]
    public string? Phone { get; set; }

    [Display(Name = "People.IdNumber")]
    public string? IdNumber { get; set; }

    /// <summary>Where she lives or is registered: decides who may see her.</summary>
    [Display(Name = "People.Organisation")]
    public int? OrganisationId { get; set; }

    /// <summary>The version the form was read at: the optimistic concurrency token (edit only).</summary>
    public int Version { get; set; }

    /// <summary>Ticked after the form showed people of the same name: "this is someone else, create her".</summary>
    public bool ConfirmedNew { get; set; }

    public static PersonInput From(Person p, bool showIdentity) => new()
    {
        Name = p.Name,
        Sex = p.Sex,
        BirthDate = p.BirthDate,
        Ethnicity = p.Ethnicity,
        Education = p.Education,
        PoliticalStatus = p.PoliticalStatus,
        // Roles that see these masked get an empty field: blank keeps what is on file.
        Phone = showIdentity ? p.Phone : null,
        IdNumber = showIdentity ? p.IdNumber : null,
        OrganisationId = p.OrganisationId,
        Version = p.Version,
    };
}

/// <summary>A person's particulars after validation: trimmed and normalised, ready to store.</summary>
public sealed record PersonValues(
    string Name,
    Sex Sex,
    DateOnly? BirthDate,
    string? Ethnicity,
    Education Education,
    PoliticalStatus PoliticalStatus,
    string? Phone,
    string? IdNumber,
    int OrganisationId)
{
    public void ApplyTo(Person person)
    {
        person.Name = Name;
        person.Sex = Sex;
        person.BirthDate = BirthDate;
        person.Ethnicity = Ethnicity;
        person.Education = Education;
        person.PoliticalStatus = PoliticalStatus;
        person.Phone = Phone;
        person.IdNumber = IdNumber;
        person.OrganisationId = OrganisationId;
    }
}

/// <summary>
/// The rules of a person's particulars, each with a message next to its field: a name of letters (any script,
/// rare characters included; no emoji, digits or markup), a birth date between 1900 and today, a mainland mobile
/// number, and a resident ID number whose every part is checked and agrees with the typed birth date and sex.
/// </summary>
public sealed class PersonValidator(IStringLocalizer<SharedResource> l, TimeProvider clock)
{
    public const int EthnicityMaxLength = 20;

    public static readonly DateOnly EarliestBirthDate = new(ResidentIdNumber.EarliestBirthYear, 1, 1);

    /// <summary>
    /// Checks <paramref name="input"/>; errors go to <paramref name="modelState"/> under <paramref name="prefix"/>.
    /// <paramref name="storedPhone"/> and <paramref name="storedIdNumber"/> stand in for blank fields when the user
    /// may not see them (blank keeps what is on file).
    /// </summary>
    public PersonValues? Validate(PersonInput input, ModelStateDictionary modelState, string prefix, string? storedPhone = null, string? storedIdNumber = null)
    {
        var before = modelState.ErrorCount;
        string Key(string field) => string.IsNullOrEmpty(prefix) ? field : prefix + "." + field;
        void Error(string field, string message) => modelState.AddModelError(Key(field), message);
        var today = clock.Today();

        var name = input.Name?.Trim() ?? "";
        if (name.Length == 0)
        {
            Error(nameof(input.Name), l["Validation.Required", l["People.Name"]]);
        }
        else if (name.Length > Person.NameMaxLength)
        {
            Error(nameof(input.Name), l["People.NameTooLong", Person.NameMaxLength, name.Length]);
        }
        else if (!IsName(name))
        {
            Error(nameof(input.Name), l["People.NameCharacters"]);
        }

        if (!Enum.IsDefined(input.Sex))
        {
            Error(nameof(input.Sex), l["Validation.Required", l["People.Sex"]]);
        }

        if (input.BirthDate is { } birth)
        {
            if (birth > today)
            {
                Error(nameof(input.BirthDate), l["People.BirthDateInFuture"]);
            }
            else if (birth < EarliestBirthDate)
            {
                Error(nameof(input.BirthDate), l["People.BirthDateTooEarly", ResidentIdNumber.EarliestBirthYear]);
            }
        }

        var ethnicity = string.IsNullOrWhiteSpace(input.Ethnicity) ? null : input.Ethnicity.Trim();
        if (ethnicity is { Length: > EthnicityMaxLength })
        {
            Error(nameof(input.Ethnicity), l["Validation.StringLength", l["People.Ethnicity"], EthnicityMaxLength]);
        }

        if (!Enum.IsDefined(input.Education))
        {
            Error(nameof(input.Education), l["Validation.Required", l["People.Education"]]);
        }

        if (!Enum.IsDefined(input.PoliticalStatus))
        {
            Error(nameof(input.PoliticalStatus), l["Validation.Required", l["People.PoliticalStatus"]]);
        }

        var phone = NormalisePhone(input.Phone) ?? storedPhone;
        if (phone is not null && !MobilePhone.IsValid(phone))
        {
            Error(nameof(input.Phone), l["People.PhoneInvalid"]);
        }

        var idNumber = string.IsNullOrWhiteSpace(input.IdNumber) ? storedIdNumber : ResidentIdNumber.Normalise(input.IdNumber);
        var birthDate = input.BirthDate;
        if (idNumber is not null)
        {
            switch (ResidentIdNumber.Check(idNumber, today))
            {
                case ResidentIdProblem.WrongLength:
                    Error(nameof(input.IdNumber), l["People.IdNumber.WrongLength", ResidentIdNumber.Length, idNumber.Length]);
                    break;
                case ResidentIdProblem.InvalidCharacters:
                    Error(nameof(input.IdNumber), l["People.IdNumber.InvalidCharacters"]);
                    break;
                case ResidentIdProblem.InvalidBirthDate:
                    Error(nameof(input.IdNumber), l["People.IdNumber.InvalidBirthDate", ResidentIdNumber.EarliestBirthYear]);
                    break;
                case ResidentIdProblem.WrongCheckDigit:
                    Error(nameof(input.IdNumber), l["People.IdNumber.WrongCheckDigit"]);
                    break;
                default:
                    var encodedBirth = ResidentIdNumber.BirthDateOf(idNumber)!.Value;
                    if (input.BirthDate is { } typed && typed != encodedBirth)
                    {
                        Error(nameof(input.IdNumber), l["People.IdNumber.BirthDateMismatch", encodedBirth.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)]);
                    }

                    if (ResidentIdNumber.SexOf(idNumber) is { } encodedSex && encodedSex != input.Sex)
                    {
                        Error(nameof(input.IdNumber), l["People.IdNumber.SexMismatch", l["Sex." + encodedSex]]);
                    }

                    // The number carries the birth date: a blank birth date is filled from it.
                    birthDate ??= encodedBirth;
                    break;
            }
        }

        if (input.OrganisationId is null)
        {
            Error(nameof(input.OrganisationId), l["Validation.Required", l["People.Organisation"]]);
        }

        if (modelState.ErrorCount > before || input.OrganisationId is not { } organisationId)
        {
            return null;
        }

        return new PersonValues(name, input.Sex, birthDate, ethnicity, input.Education, input.PoliticalStatus, phone, idNumber, organisationId);
    }

    /// <summary>Spaces and hyphens are how people group a number when they type it; they are not part of it.</summary>
    public static string? NormalisePhone(string? phone)
    {
        if (string.IsNullOrWhiteSpace(phone))
        {
            return null;
        }

        return phone.Trim().Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
    }

    /// <summary>
    /// Letters of any script (rare characters outside the Basic Multilingual Plane included), combining marks, and
    /// the separators of transliterated names (阿依古丽·买买提, Mary-Jane O'Neil). Emoji, digits, markup and control
    /// characters are not part of a name.
    /// </summary>
    public static bool IsName(string name)
    {
        foreach (var rune in name.EnumerateRunes())
        {
            var category = Rune.GetUnicodeCategory(rune);
            if (Rune.IsLetter(rune) || category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark)
            {
                continue;
            }

            if (rune.Value is ' ' or '.' or '-' or '\'' or 0x00B7 or 0x2022 or 0x2027 or 0x30FB)
            {
                continue;
            }

            return false;
        }

        return true;
    }
}
