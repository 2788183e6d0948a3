using System.ComponentModel.DataAnnotations;
using Kaijiang.Federation.Web.Domain;
using Kaijiang.Federation.Web.Features.Programmes;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Kaijiang.Federation.Web.Features.Grants;

public sealed class GrantInput : RegisterInput
{
    public int? GraduateId { get; set; }

    [Display(Name = "Grants.Graduate")]
    public string? GraduateQuery { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(100, ErrorMessage = "Validation.StringLength")]
    [Display(Name = "Grants.Business")]
    public string? Business { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    [Range(typeof(decimal), "0.01", "1000000", ErrorMessage = "Validation.Range")]
    [Display(Name = "Grants.Amount")]
    public decimal? Amount { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "Grants.GrantedOn")]
    [DataType(DataType.Date)]
    public DateOnly? GrantedOn { get; set; }
}

/// <summary>Creates and edits a start-up grant; it belongs to the graduate's village or community.</summary>
public sealed class GrantForm(RegisterFormKit kit) : RegisterForm<StartupGrant, GrantInput>(kit)
{
    public override async Task<GrantInput> ToInputAsync(StartupGrant entity, CancellationToken cancellationToken) => new()
    {
        GraduateId = entity.GraduateId,
        GraduateQuery = await Kit.People.LabelAsync(entity.GraduateId, cancellationToken),
        Business = entity.Business,
        Amount = entity.Amount,
        GrantedOn = entity.GrantedOn,
        Version = entity.Version,
    };

    public override async Task<Organisation?> ResolveOrganisationAsync(GrantInput input, ModelStateDictionary modelState, CancellationToken cancellationToken)
    {
        var graduate = await PersonFieldAsync(input.GraduateId, input.GraduateQuery, nameof(input.GraduateQuery), required: true, modelState, cancellationToken);
        input.GraduateId = graduate?.Id;
        return graduate is null ? null : await Kit.Queries.OrganisationOfAsync(graduate.OrganisationId, cancellationToken);
    }

    public override Task ValidateAsync(GrantInput input, StartupGrant? existing, ModelStateDictionary modelState, CancellationToken cancellationToken)
    {
        if (input.GrantedOn is { } granted && granted > Today)
        {
            AddError(modelState, nameof(input.GrantedOn), "Programmes.DateInFuture");
        }
        else if (input.GrantedOn is { Year: < 2000 })
        {
            AddError(modelState, nameof(input.GrantedOn), "Programmes.DateNotSane");
        }

        return Task.CompletedTask;
    }

    public override void Apply(GrantInput input, StartupGrant entity, Organisation organisation)
    {
        entity.GraduateId = input.GraduateId!.Value;
        entity.OrganisationId = organisation.Id;
        entity.Business = input.Business!.Trim();
        entity.Amount = decimal.Round(input.Amount!.Value, 2);
        entity.GrantedOn = input.GrantedOn!.Value;
    }
}
