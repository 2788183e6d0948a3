using System.ComponentModel.DataAnnotations;
using Kaijiang.Federation.Web.Domain;
using Kaijiang.Federation.Web.Features.Programmes;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Kaijiang.Federation.Web.Features.Experts;

public sealed class ExpertInput : RegisterInput
{
    [Display(Name = "Experts.Kind")]
    public ExpertKind Kind { get; set; } = ExpertKind.PovertyAlleviationExpert;

    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(Person.NameMaxLength, ErrorMessage = "Validation.StringLength")]
    [Display(Name = "Experts.Name")]
    public string? Name { get; set; }

    [StringLength(100, ErrorMessage = "Validation.StringLength")]
    [Display(Name = "Experts.Speciality")]
    public string? Speciality { get; set; }

    [StringLength(100, ErrorMessage = "Validation.StringLength")]
    [Display(Name = "Experts.Employer")]
    public string? Employer { get; set; }

    public int? PersonId { get; set; }

    [Display(Name = "Experts.Person")]
    public string? PersonQuery { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "Programmes.Organisation")]
    public int? OrganisationId { get; set; }
}

/// <summary>Creates and edits an expert or lecturer, optionally linked to a person of the rosters.</summary>
public sealed class ExpertForm(RegisterFormKit kit) : RegisterForm<Expert, ExpertInput>(kit)
{
    public override async Task<ExpertInput> ToInputAsync(Expert entity, CancellationToken cancellationToken) => new()
    {
        Kind = entity.Kind,
        Name = entity.Name,
        Speciality = entity.Speciality,
        Employer = entity.Employer,
        PersonId = entity.PersonId,
        PersonQuery = await Kit.People.LabelAsync(entity.PersonId, cancellationToken),
        OrganisationId = entity.OrganisationId,
        Version = entity.Version,
    };

    public override Task<Organisation?> ResolveOrganisationAsync(ExpertInput input, ModelStateDictionary modelState, CancellationToken cancellationToken) =>
        OrganisationFieldAsync(input.OrganisationId, nameof(input.OrganisationId), modelState, cancellationToken);

    public override async Task ValidateAsync(ExpertInput input, Expert? existing, ModelStateDictionary modelState, CancellationToken cancellationToken)
    {
        var person = await PersonFieldAsync(input.PersonId, input.PersonQuery, nameof(input.PersonQuery), required: false, modelState, cancellationToken);
        input.PersonId = person?.Id;
        if (!Enum.IsDefined(input.Kind))
        {
            AddError(modelState, nameof(input.Kind), "Programmes.ChooseFromList");
        }
    }

    public override void Apply(ExpertInput input, Expert entity, Organisation organisation)
    {
        entity.Kind = input.Kind;
        entity.Name = input.Name!.Trim();
        entity.Speciality = string.IsNullOrWhiteSpace(input.Speciality) ? null : input.Speciality.Trim();
        entity.Employer = string.IsNullOrWhiteSpace(input.Employer) ? null : input.Employer.Trim();
        entity.PersonId = input.PersonId;
        entity.OrganisationId = organisation.Id;
    }

    public override async Task PrepareAsync(ExpertInput input, CancellationToken cancellationToken) =>
        input.OrganisationOptions = await Kit.Queries.OrganisationOptionsAsync(grassroots: false, cancellationToken);
}
