using Kaijiang.Federation.Web.Features.Terms;

namespace Kaijiang.Federation.Web.Features.People;

public static class PeopleAndTermsRegistration
{
    public static IServiceCollection AddPeopleAndTerms(this IServiceCollection services) => services
        .AddScoped<PersonValidator>()
        .AddScoped<ListPeople>()
        .AddScoped<PersonDetails>()
        .AddScoped<IdentityViewAudit>()
        .AddScoped<SearchPeople>()
        .AddScoped<SavePerson>()
        .AddScoped<TermValidator>()
        .AddScoped<StartTerm>()
        .AddScoped<EditTerm>()
        .AddScoped<EndTermValidator>();
}
