using System.ComponentModel.DataAnnotations;
using Kaijiang.Federation.Web.Domain;
using Kaijiang.Federation.Web.Features.Programmes;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Kaijiang.Federation.Web.Features.Bases;

public sealed class BaseInput : RegisterInput
{
    [Display(Name = "Bases.Kind")]
    public BaseKind Kind { get; set; } = BaseKind.HomeBasedFlexibleEmployment;

    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(100, ErrorMessage = "Validation.StringLength")]
    [Display(Name = "Bases.Name")]
    public string? Name { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "Programmes.Organisation")]
    public int? OrganisationId { get; set; }

    public int? LeaderId { get; set; }

    [Display(Name = "Bases.Leader")]
    public string? LeaderQuery { get; set; }

    [Range(0, 1_000_000, ErrorMessage = "Validation.Range")]
    [Display(Name = "Bases.JobsProvided")]
    public int JobsProvided { get; set; }

    [Range(0, 1_000_000, ErrorMessage = "Validation.Range")]
    [Display(Name = "Bases.WomenEmployed")]
    public int WomenEmployed { get; set; }

    [Range(1980, 2100, ErrorMessage = "Validation.Range")]
    [Display(Name = "Bases.YearRecognised")]
    public int? YearRecognised { get; set; }
}

/// <summary>Creates and edits a base: host organisation, leader (a person), jobs and women employed.</summary>
public sealed class BaseForm(RegisterFormKit kit) : RegisterForm<Base, BaseInput>(kit)
{
    public override async Task<BaseInput> ToInputAsync(Base entity, CancellationToken cancellationToken) => new()
    {
        Kind = entity.Kind,
        Name = entity.Name,
        OrganisationId = entity.OrganisationId,
        LeaderId = entity.LeaderId,
        LeaderQuery = await Kit.People.LabelAsync(entity.LeaderId, cancellationToken),
        JobsProvided = entity.JobsProvided,
        WomenEmployed = entity.WomenEmployed,
        YearRecognised = entity.YearRecognised,
        Version = entity.Version,
    };

    public override Task<Organisation?> ResolveOrganisationAsync(BaseInput input, ModelStateDictionary modelState, CancellationToken cancellationToken) =>
        OrganisationFieldAsync(input.OrganisationId, nameof(input.OrganisationId), modelState, cancellationToken);

    public override async Task ValidateAsync(BaseInput input, Base? existing, ModelStateDictionary modelState, CancellationToken cancellationToken)
    {
        var leader = await PersonFieldAsync(input.LeaderId, input.LeaderQuery, nameof(input.LeaderQuery), required: false, modelState, cancellationToken);
        input.LeaderId = leader?.Id;
        if (!Enum.IsDefined(input.Kind))
        {
            AddError(modelState, nameof(input.Kind), "Programmes.ChooseFromList");
        }

        if (input.WomenEmployed > input.JobsProvided)
        {
            AddError(modelState, nameof(input.WomenEmployed), "Bases.WomenAboveJobs");
        }

        if (input.YearRecognised > Today.Year)
        {
            AddError(modelState, nameof(input.YearRecognised), "Programmes.YearInFuture");
        }
    }

    public override void Apply(BaseInput input, Base entity, Organisation organisation)
    {
        entity.Kind = input.Kind;
        entity.Name = input.Name!.Trim();
        entity.OrganisationId = organisation.Id;
        entity.LeaderId = input.LeaderId;
        entity.JobsProvided = input.JobsProvided;
        entity.WomenEmployed = input.WomenEmployed;
        entity.YearRecognised = input.YearRecognised;
    }

    public override async Task PrepareAsync(BaseInput input, CancellationToken cancellationToken) =>
        input.OrganisationOptions = await Kit.Queries.OrganisationOptionsAsync(grassroots: true, cancellationToken);
}
