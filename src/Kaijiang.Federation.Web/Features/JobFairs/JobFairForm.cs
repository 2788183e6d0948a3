using System.ComponentModel.DataAnnotations;
using Kaijiang.Federation.Web.Domain;
using Kaijiang.Federation.Web.Features.Programmes;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Kaijiang.Federation.Web.Features.JobFairs;

public sealed class JobFairInput : RegisterInput
{
    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(200, ErrorMessage = "Validation.StringLength")]
    [Display(Name = "JobFairs.Name")]
    public string? Name { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "JobFairs.HeldOn")]
    [DataType(DataType.Date)]
    public DateOnly? HeldOn { get; set; }

    [StringLength(100, ErrorMessage = "Validation.StringLength")]
    [Display(Name = "JobFairs.Place")]
    public string? Place { get; set; }

    [Range(0, 100_000, ErrorMessage = "Validation.Range")]
    [Display(Name = "JobFairs.Employers")]
    public int Employers { get; set; }

    [Range(0, 1_000_000, ErrorMessage = "Validation.Range")]
    [Display(Name = "JobFairs.PositionsOffered")]
    public int PositionsOffered { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "Programmes.Organisation")]
    public int? OrganisationId { get; set; }
}

/// <summary>Creates and edits a job fair: date, place, employers and positions offered.</summary>
public sealed class JobFairForm(RegisterFormKit kit) : RegisterForm<JobFair, JobFairInput>(kit)
{
    public override Task<JobFairInput> ToInputAsync(JobFair entity, CancellationToken cancellationToken) => Task.FromResult(new JobFairInput
    {
        Name = entity.Name,
        HeldOn = entity.HeldOn,
        Place = entity.Place,
        Employers = entity.Employers,
        PositionsOffered = entity.PositionsOffered,
        OrganisationId = entity.OrganisationId,
        Version = entity.Version,
    });

    public override Task<Organisation?> ResolveOrganisationAsync(JobFairInput input, ModelStateDictionary modelState, CancellationToken cancellationToken) =>
        OrganisationFieldAsync(input.OrganisationId, nameof(input.OrganisationId), modelState, cancellationToken);

    public override Task ValidateAsync(JobFairInput input, JobFair? existing, ModelStateDictionary modelState, CancellationToken cancellationToken)
    {
        if (input.HeldOn is { } held && (held.Year < 2000 || held > Today.AddYears(1)))
        {
            AddError(modelState, nameof(input.HeldOn), "Programmes.DateNotSane");
        }

        return Task.CompletedTask;
    }

    public override void Apply(JobFairInput input, JobFair entity, Organisation organisation)
    {
        entity.Name = input.Name!.Trim();
        entity.HeldOn = input.HeldOn!.Value;
        entity.Place = string.IsNullOrWhiteSpace(input.Place) ? null : input.Place.Trim();
        entity.Employers = input.Employers;
        entity.PositionsOffered = input.PositionsOffered;
        entity.OrganisationId = organisation.Id;
    }

    public override async Task PrepareAsync(JobFairInput input, CancellationToken cancellationToken) =>
        input.OrganisationOptions = await Kit.Queries.OrganisationOptionsAsync(grassroots: false, cancellationToken);
}
