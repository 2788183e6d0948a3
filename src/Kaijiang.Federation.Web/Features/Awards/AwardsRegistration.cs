using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Kaijiang.Federation.Web.Features.Awards;

/// <summary>The <c>Awards</c> settings.</summary>
public sealed class AwardOptions
{
    public const string Section = "Awards";

    /// <summary>How many days a family is shown for public notice (公示) before the county decides.</summary>
    public int PublicNoticeDays { get; set; } = 7;
}

public static class AwardsRegistration
{
    public static IServiceCollection AddAwards(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<AwardOptions>(configuration.GetSection(AwardOptions.Section));
        services.TryAddScoped<Registers.RegisterLookups>();
        return services
            .AddScoped<ListAwards>()
            .AddScoped<NominateFamily>()
            .AddScoped<AdvanceAward>()
            .AddScoped<Families>()
            .AddScoped<AwardTitles>()
            .AddScoped<Mottos>()
            .AddScoped<AwardFigures>();
    }
}
