using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Kaijiang.Federation.Web.Features.Homes;

public static class HomesRegistration
{
    public static IServiceCollection AddHomes(this IServiceCollection services)
    {
        services.TryAddScoped<Registers.RegisterLookups>();
        return services
        .AddScoped<ListHomes>()
        .AddScoped<HomeDetails>()
        .AddScoped<EditHome>()
        .AddScoped<RecordInspection>()
        .AddScoped<ManageChecklist>()
        .AddScoped<HomeFigures>();
    }
}
