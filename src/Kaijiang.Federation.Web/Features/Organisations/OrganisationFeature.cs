namespace Kaijiang.Federation.Web.Features.Organisations;

public static class OrganisationFeature
{
    /// <summary>The organisation tree, pages and their changes.</summary>
    public static IServiceCollection AddOrganisationFeature(this IServiceCollection services) => services
        .AddScoped<OrganisationQueries>()
        .AddScoped<OrganisationTree>()
        .AddScoped<CreateOrganisation>()
        .AddScoped<EditOrganisation>()
        .AddScoped<MoveOrganisation>()
        .AddScoped<CloseOrganisation>();
}
