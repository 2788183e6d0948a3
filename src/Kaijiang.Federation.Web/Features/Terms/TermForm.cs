using System.ComponentModel.DataAnnotations;
using Kaijiang.Federation.Web.Data;
using Kaijiang.Federation.Web.Domain;
using Kaijiang.Federation.Web.Features.People;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Kaijiang.Federation.Web.Features.Terms;

/// <summary>A term's particulars as typed when starting or editing it. The planned end and the stipend rule are computed.</summary>
public sealed class TermInput
{
    public const int ElectedAtMaxLength = 100;

    [Display(Name = "Terms.Office")]
    public Office Office { get; set; } = Office.ExecutiveMember;

    [Display(Name = "Terms.FullTime")]
    public bool IsFullTime { get; set; }

    [Display(Name = "Terms.StartOn")]
    [DataType(DataType.Date)]
    public DateOnly? StartOn { get; set; }

    [Display(Name = "Terms.ElectedAt")]
    public string? ElectedAt { get; set; }

    [Display(Name = "Organisations.InTwoCommittees")]
    public bool InTwoCommittees { get; set; }

    [Display(Name = "Organisations.PartySecretary")]
    public bool IsPartySecretary { get; set; }

    [Display(Name = "Organisations.VillageDirector")]
    public bool IsVillageDirector { get; set; }

    [Display(Name = "Terms.MonthlyStipend")]
    public decimal? MonthlyStipend { get; set; }

    [Display(Name = "Terms.SecretaryMonthlyPay")]
    public decimal? SecretaryMonthlyPay { get; set; }

    /// <summary>The version the form was read at: the optimistic concurrency token (edit only).</summary>
    public int Version { get; set; }

    public static TermInput From(OfficeTerm t) => new()
    {
        Office = t.Office,
        IsFullTime = t.IsFullTime,
        StartOn = t.StartOn,
        ElectedAt = t.ElectedAt,
        InTwoCommittees = t.InTwoCommittees,
        IsPartySecretary = t.IsPartySecretary,
        IsVillageDirector = t.IsVillageDirector,
        MonthlyStipend = t.MonthlyStipend,
        SecretaryMonthlyPay = t.SecretaryMonthlyPay,
        Version = t.Version,
    };
}

/// <summary>A term's particulars after validation.</summary>
public sealed record TermValues(
    Office Office,
    bool IsFullTime,
    DateOnly StartOn,
    string? ElectedAt,
    bool InTwoCommittees,
    bool IsPartySecretary,
    bool IsVillageDirector,
    decimal? MonthlyStipend,
    decimal? SecretaryMonthlyPay)
{
    /// <summary>Terms run five years from their start.</summary>
    public DateOnly PlannedEndOn => StartOn.AddYears(OfficeTerm.TermYears);

    public void ApplyTo(OfficeTerm term)
    {
        term.Office = Office;
        term.IsFullTime = IsFullTime;
        term.StartOn = StartOn;
        term.PlannedEndOn = PlannedEndOn;
        term.ElectedAt = ElectedAt;
        term.InTwoCommittees = InTwoCommittees;
        term.IsPartySecretary = IsPartySecretary;
        term.IsVillageDirector = IsVillageDirector;
        term.MonthlyStipend = MonthlyStipend;
        term.SecretaryMonthlyPay = SecretaryMonthlyPay;
    }
}

/// <summary>The rules of a term: a real office, a start between 1900 and today, money in yuan that is not negative.</summary>
public sealed class TermValidator(FederationDbContext db, IStringLocalizer<SharedResource> l, TimeProvider clock)
{
    /// <summary>A sanity bound on a monthly sum, far above any stipend or pay.</summary>
    public const decimal MaxMonthlyAmount = 1_000_000m;

    public TermValues? Validate(TermInput input, ModelStateDictionary modelState, string prefix)
    {
        var before = modelState.ErrorCount;
        void Error(string field, string message) => modelState.AddModelError(prefix + "." + field, message);
        var today = clock.Today();

        if (!Enum.IsDefined(input.Office))
        {
            Error(nameof(input.Office), l["Validation.Required", l["Terms.Office"]]);
        }

        if (input.StartOn is not { } start)
        {
            Error(nameof(input.StartOn), l["Validation.Required", l["Terms.StartOn"]]);
        }
        else if (start > today)
        {
            Error(nameof(input.StartOn), l["Terms.DateInFuture", l["Terms.StartOn"]]);
        }
        else if (start < PersonValidator.EarliestBirthDate)
        {
            Error(nameof(input.StartOn), l["Terms.DateTooEarly", l["Terms.StartOn"], PersonValidator.EarliestBirthDate.Year]);
        }

        var electedAt = string.IsNullOrWhiteSpace(input.ElectedAt) ? null : input.ElectedAt.Trim();
        if (electedAt is { Length: > TermInput.ElectedAtMaxLength })
        {
            Error(nameof(input.ElectedAt), l["Validation.StringLength", l["Terms.ElectedAt"], TermInput.ElectedAtMaxLength]);
        }

        CheckMoney(input.MonthlyStipend, nameof(input.MonthlyStipend), "Terms.MonthlyStipend", Error);
        CheckMoney(input.SecretaryMonthlyPay, nameof(input.SecretaryMonthlyPay), "Terms.SecretaryMonthlyPay", Error);

        if (modelState.ErrorCount > before || input.StartOn is not { } startOn)
        {
            return null;
        }

        return new TermValues(input.Office, input.IsFullTime, startOn, electedAt, input.InTwoCommittees, input.IsPartySecretary, input.IsVillageDirector,
            input.MonthlyStipend, input.SecretaryMonthlyPay);
    }

    private void CheckMoney(decimal? amount, string field, string labelKey, Action<string, string> error)
    {
        if (amount is not { } value)
        {
            return;
        }

        if (value < 0)
        {
            error(field, l["Terms.NegativeMoney", l[labelKey]]);
        }
        else if (value > MaxMonthlyAmount)
        {
            error(field, l["Validation.Range", l[labelKey], 0, MaxMonthlyAmount]);
        }
        else if (decimal.Round(value, 2) != value)
        {
            error(field, l["Terms.MoneyPlaces", l[labelKey]]);
        }
    }

    /// <summary>
    /// The roster's rules: one current chair per organisation, and one current office per person in it.
    /// Returns the message to show next to the office, or null.
    /// </summary>
    public async Task<string?> RosterRuleBrokenAsync(int organisationId, int? personId, Office office, int? exceptTermId, CancellationToken cancellationToken)
    {
        var today = clock.Today();
        var current = db.OfficeTerms.Where(t => t.OrganisationId == organisationId && t.Id != exceptTermId && (t.EndedOn == null || t.EndedOn > today));
        if (office == Office.Chair)
        {
            // The chair's term is found by the organisation alone: she may live outside the user's scope.
            var chairId = await current.Where(t => t.Office == Office.Chair).Select(t => (int?)t.PersonId).FirstOrDefaultAsync(cancellationToken);
            if (chairId is not null)
            {
                var name = await db.People.Where(p => p.Id == chairId).Select(p => p.Name).FirstOrDefaultAsync(cancellationToken);
                return name is null ? l["Terms.SecondChairUnnamed"] : l["Terms.SecondChair", name];
            }
        }

        if (personId is { } id && await current.AnyAsync(t => t.PersonId == id, cancellationToken))
        {
            return l["Terms.AlreadyInOffice"];
        }

        return null;
    }
}
