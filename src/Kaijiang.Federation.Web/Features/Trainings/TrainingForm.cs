using System.ComponentModel.DataAnnotations;
using Kaijiang.Federation.Web.Domain;
using Kaijiang.Federation.Web.Features.Programmes;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Kaijiang.Federation.Web.Features.Trainings;

public sealed class TrainingInput : RegisterInput
{
    /// <summary>A training lasts at most this many days; longer is a typing mistake.</summary>
    public const int MaxDays = 366;

    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(200, ErrorMessage = "Validation.StringLength")]
    [Display(Name = "Trainings.TrainingTitle")]
    public string? Title { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "Trainings.HeldOn")]
    [DataType(DataType.Date)]
    public DateOnly? HeldOn { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "Trainings.EndsOn")]
    [DataType(DataType.Date)]
    public DateOnly? EndsOn { get; set; }

    [StringLength(100, ErrorMessage = "Validation.StringLength")]
    [Display(Name = "Trainings.Organiser")]
    public string? Organiser { get; set; }

    [StringLength(200, ErrorMessage = "Validation.StringLength")]
    [Display(Name = "Trainings.Topic")]
    public string? Topic { get; set; }

    [Range(0, 100_000, ErrorMessage = "Validation.Range")]
    [Display(Name = "Trainings.Participants")]
    public int Participants { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "Programmes.Organisation")]
    public int? OrganisationId { get; set; }
}

/// <summary>Creates and edits a training: its dates (start and end), organiser and person-times.</summary>
public sealed class TrainingForm(RegisterFormKit kit) : RegisterForm<Training, TrainingInput>(kit)
{
    public override Task<TrainingInput> ToInputAsync(Training entity, CancellationToken cancellationToken) => Task.FromResult(new TrainingInput
    {
        Title = entity.Title,
        HeldOn = entity.HeldOn,
        EndsOn = entity.EndsOn,
        Organiser = entity.Organiser,
        Topic = entity.Topic,
        Participants = entity.Participants,
        OrganisationId = entity.OrganisationId,
        Version = entity.Version,
    });

    public override Task<Organisation?> ResolveOrganisationAsync(TrainingInput input, ModelStateDictionary modelState, CancellationToken cancellationToken) =>
        OrganisationFieldAsync(input.OrganisationId, nameof(input.OrganisationId), modelState, cancellationToken);

    public override Task ValidateAsync(TrainingInput input, Training? existing, ModelStateDictionary modelState, CancellationToken cancellationToken)
    {
        if (input.HeldOn is { } start && input.EndsOn is { } end)
        {
            if (end < start)
            {
                AddError(modelState, nameof(input.EndsOn), "Trainings.EndBeforeStart");
            }
            else if (end.DayNumber - start.DayNumber >= TrainingInput.MaxDays)
            {
                AddError(modelState, nameof(input.EndsOn), "Trainings.TooLong");
            }

            if (start.Year < 2000 || start > Today.AddYears(1))
            {
                AddError(modelState, nameof(input.HeldOn), "Programmes.DateNotSane");
            }
        }

        return Task.CompletedTask;
    }

    public override void Apply(TrainingInput input, Training entity, Organisation organisation)
    {
        entity.Title = input.Title!.Trim();
        entity.HeldOn = input.HeldOn!.Value;
        entity.Days = input.EndsOn!.Value.DayNumber - input.HeldOn.Value.DayNumber + 1;
        entity.Organiser = string.IsNullOrWhiteSpace(input.Organiser) ? null : input.Organiser.Trim();
        entity.Topic = string.IsNullOrWhiteSpace(input.Topic) ? null : input.Topic.Trim();
        entity.Participants = input.Participants;
        entity.OrganisationId = organisation.Id;
    }

    public override async Task PrepareAsync(TrainingInput input, CancellationToken cancellationToken) =>
        input.OrganisationOptions = await Kit.Queries.OrganisationOptionsAsync(grassroots: false, cancellationToken);
}
