namespace Kaijiang.Federation.Web.Features.Dashboard;

public static class DashboardFeature
{
    public static IServiceCollection AddDashboard(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddMemoryCache();
        // The short per-scope cache of subtree figures (dashboard, organisation pages, people list, completeness),
        // evicted by the database's record-change signal.
        services.AddScoped<Data.ReadCache>();
        services.Configure<ReportOptions>(configuration.GetSection(ReportOptions.Section));
        services.Configure<DashboardSnapshotOptions>(configuration.GetSection(DashboardSnapshotOptions.Section));
        services.AddScoped<DashboardSnapshotStore>();
        services.AddSingleton<DashboardSnapshotRefresher>();
        services.AddHostedService(sp => sp.GetRequiredService<DashboardSnapshotRefresher>());
        services.AddScoped<DashboardFigures>();
        services.AddScoped<DashboardLookups>();
        services.AddScoped<DashboardPageBuilder>();
        services.AddScoped<Summary.AnnualSummary>();
        return services;
    }
}
