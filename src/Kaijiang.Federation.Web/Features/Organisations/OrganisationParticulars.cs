using System.ComponentModel.DataAnnotations;
using Kaijiang.Federation.Web.Domain;

namespace Kaijiang.Federation.Web.Features.Organisations;

/// <summary>What staff type about an organisation, on the create and the edit form alike.</summary>
public abstract class OrganisationParticulars
{
    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(Organisation.NameMaxLength, ErrorMessage = "Validation.StringLength")]
    [Display(Name = "Organisations.Name")]
    public string Name { get; set; } = "";

    [Display(Name = "Organisations.Kind")]
    public OrganisationKind Kind { get; set; }

    [Display(Name = "Organisations.UnitKind")]
    public UnitKind UnitKind { get; set; }

    /// <summary>Typed by staff: no pinyin library is served to this project (docs/decisions/0006).</summary>
    [StringLength(40, ErrorMessage = "Validation.StringLength")]
    [RegularExpression("^[A-Za-z]+$", ErrorMessage = "Validation.Letters")]
    [Display(Name = "Organisations.PinyinInitials")]
    public string? PinyinInitials { get; set; }

    [StringLength(12, MinimumLength = 6, ErrorMessage = "Validation.StringRange")]
    [RegularExpression("^[0-9]+$", ErrorMessage = "Validation.Digits")]
    [Display(Name = "Organisations.DivisionCode")]
    public string? DivisionCode { get; set; }

    [Display(Name = "Organisations.ReformStatus")]
    public ReformStatus ReformStatus { get; set; }

    [Display(Name = "Organisations.ReformDate")]
    [DataType(DataType.Date)]
    public DateOnly? ReformDate { get; set; }

    [Range(typeof(decimal), "0", "100000000", ErrorMessage = "Validation.Range")]
    [Display(Name = "Organisations.AnnualFunds")]
    public decimal AnnualFunds { get; set; }

    [StringLength(Person.NameMaxLength, ErrorMessage = "Validation.StringLength")]
    [Display(Name = "Organisations.ContactName")]
    public string? ContactName { get; set; }

    [StringLength(20, ErrorMessage = "Validation.StringLength")]
    [RegularExpression(@"^[0-9+\- ]{7,20}$", ErrorMessage = "Validation.Phone")]
    [Display(Name = "Organisations.ContactPhone")]
    public string? ContactPhone { get; set; }

    [StringLength(200, ErrorMessage = "Validation.StringLength")]
    [Display(Name = "Organisations.Address")]
    public string? Address { get; set; }

    /// <summary>The kinds the form offers: those that fit the parent (filled by the controller, not bound).</summary>
    [Microsoft.AspNetCore.Mvc.ModelBinding.BindNever]
    public IReadOnlyList<OrganisationKind> KindChoices { get; set; } = [];

    /// <summary>Rules that need the parent: the kind must fit it, and a unit says what kind of unit it is.</summary>
    public IEnumerable<(string Field, string Key)> CheckShape(OrganisationKind? parentKind)
    {
        if (parentKind is { } parent && !OrganisationHierarchy.CanHold(parent, Kind))
        {
            yield return (nameof(Kind), "Organisations.KindDoesNotFitParent");
        }

        if (!OrganisationHierarchy.UnitKindFits(Kind, UnitKind))
        {
            yield return (nameof(UnitKind), Kind == OrganisationKind.Unit ? "Organisations.UnitKindRequired" : "Organisations.UnitKindOnlyForUnits");
        }

        if (ReformStatus == ReformStatus.Converted && ReformDate is null)
        {
            yield return (nameof(ReformDate), "Organisations.ReformDateRequired");
        }
    }

    public void CopyFrom(Organisation o)
    {
        Name = o.Name;
        Kind = o.Kind;
        UnitKind = o.UnitKind;
        PinyinInitials = o.PinyinInitials;
        DivisionCode = o.DivisionCode;
        ReformStatus = o.ReformStatus;
        ReformDate = o.ReformDate;
        AnnualFunds = o.AnnualFunds;
        ContactName = o.ContactName;
        ContactPhone = o.ContactPhone;
        Address = o.Address;
    }

    public void ApplyTo(Organisation o)
    {
        o.Name = Name.Trim();
        o.Kind = Kind;
        o.UnitKind = UnitKind;
        o.PinyinInitials = Blank(PinyinInitials)?.ToLowerInvariant();
        o.DivisionCode = Blank(DivisionCode);
        o.ReformStatus = ReformStatus;
        o.ReformDate = ReformDate;
        o.AnnualFunds = decimal.Round(AnnualFunds, 2, MidpointRounding.AwayFromZero);
        o.ContactName = Blank(ContactName);
        o.ContactPhone = Blank(ContactPhone);
        o.Address = Blank(Address);
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
