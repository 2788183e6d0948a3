using System.ComponentModel.DataAnnotations;
using Kaijiang.Federation.Web.Domain;
using Kaijiang.Federation.Web.Features.People;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;

namespace Kaijiang.Federation.Web.Features.Terms;

/// <summary>Ending a term: when and why. The term stays as history with its end date.</summary>
public sealed class EndTermInput
{
    public const int NoteMaxLength = 500;

    [Display(Name = "Terms.EndedOn")]
    [DataType(DataType.Date)]
    public DateOnly? EndedOn { get; set; }

    [Display(Name = "Terms.EndReason")]
    public TermEndReason? EndReason { get; set; }

    [Display(Name = "Terms.EndNote")]
    public string? EndNote { get; set; }

    public int Version { get; set; }
}

public sealed record EndTermPage(TermHeading Heading, EndTermInput Input);

/// <summary>The rules of ending a term: a reason, a date between her start and today, a short note.</summary>
public sealed class EndTermValidator(IStringLocalizer<SharedResource> l, TimeProvider clock)
{
    public static readonly TermEndReason[] Reasons = Enum.GetValues<TermEndReason>().Where(r => r != TermEndReason.None).ToArray();

    public (DateOnly EndedOn, TermEndReason Reason, string? Note)? Validate(EndTermInput input, OfficeTerm term, ModelStateDictionary modelState, string prefix)
    {
        var before = modelState.ErrorCount;
        void Error(string field, string message) => modelState.AddModelError(prefix + "." + field, message);

        if (input.EndedOn is not { } ended)
        {
            Error(nameof(input.EndedOn), l["Validation.Required", l["Terms.EndedOn"]]);
        }
        else if (ended > clock.Today())
        {
            Error(nameof(input.EndedOn), l["Terms.DateInFuture", l["Terms.EndedOn"]]);
        }
        else if (ended < term.StartOn)
        {
            Error(nameof(input.EndedOn), l["Terms.EndBeforeStart", term.StartOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)]);
        }
        else if (ended < PersonValidator.EarliestBirthDate)
        {
            Error(nameof(input.EndedOn), l["Terms.DateTooEarly", l["Terms.EndedOn"], PersonValidator.EarliestBirthDate.Year]);
        }

        if (input.EndReason is not { } reason || !Reasons.Contains(reason))
        {
            Error(nameof(input.EndReason), l["Validation.Required", l["Terms.EndReason"]]);
        }

        var note = string.IsNullOrWhiteSpace(input.EndNote) ? null : input.EndNote.Trim();
        if (note is { Length: > EndTermInput.NoteMaxLength })
        {
            Error(nameof(input.EndNote), l["Validation.StringLength", l["Terms.EndNote"], EndTermInput.NoteMaxLength]);
        }

        return modelState.ErrorCount > before || input.EndedOn is not { } endedOn || input.EndReason is not { } endReason ? null : (endedOn, endReason, note);
    }
}
