using System.ComponentModel.DataAnnotations;
using Kaijiang.Federation.Web.Domain;
using Kaijiang.Federation.Web.Features.Programmes;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Kaijiang.Federation.Web.Features.Projects;

public sealed class ProjectInput : RegisterInput
{
    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(200, ErrorMessage = "Validation.StringLength")]
    [Display(Name = "Projects.Name")]
    public string? Name { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(100, ErrorMessage = "Validation.StringLength")]
    [Display(Name = "Projects.Funder")]
    public string? Funder { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    [Range(typeof(decimal), "0.01", "100000000", ErrorMessage = "Validation.Range")]
    [Display(Name = "Projects.Funds")]
    public decimal? Funds { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    [Range(2000, 2100, ErrorMessage = "Validation.Range")]
    [Display(Name = "Projects.Year")]
    public int? Year { get; set; }

    [Display(Name = "Projects.Status")]
    public ProjectStatus Status { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "Programmes.Organisation")]
    public int? OrganisationId { get; set; }
}

public sealed class ProjectForm(RegisterFormKit kit) : RegisterForm<Project, ProjectInput>(kit)
{
    public override Task<ProjectInput> ToInputAsync(Project entity, CancellationToken cancellationToken) => Task.FromResult(new ProjectInput
    {
        Name = entity.Name,
        Funder = entity.Funder,
        Funds = entity.Funds,
        Year = entity.Year,
        Status = entity.Status,
        OrganisationId = entity.OrganisationId,
        Version = entity.Version,
    });

    public override Task<Organisation?> ResolveOrganisationAsync(ProjectInput input, ModelStateDictionary modelState, CancellationToken cancellationToken) =>
        OrganisationFieldAsync(input.OrganisationId, nameof(input.OrganisationId), modelState, cancellationToken);

    public override Task ValidateAsync(ProjectInput input, Project? existing, ModelStateDictionary modelState, CancellationToken cancellationToken)
    {
        if (input.Year > Today.Year)
        {
            AddError(modelState, nameof(input.Year), "Programmes.YearInFuture");
        }

        if (!Enum.IsDefined(input.Status))
        {
            AddError(modelState, nameof(input.Status), "Programmes.ChooseFromList");
        }

        return Task.CompletedTask;
    }

    public override void Apply(ProjectInput input, Project entity, Organisation organisation)
    {
        entity.Name = input.Name!.Trim();
        entity.Funder = input.Funder!.Trim();
        entity.Funds = decimal.Round(input.Funds!.Value, 2);
        entity.Year = input.Year!.Value;
        entity.Status = input.Status;
        entity.OrganisationId = organisation.Id;
    }

    public override async Task PrepareAsync(ProjectInput input, CancellationToken cancellationToken) =>
        input.OrganisationOptions = await Kit.Queries.OrganisationOptionsAsync(grassroots: false, cancellationToken);
}
