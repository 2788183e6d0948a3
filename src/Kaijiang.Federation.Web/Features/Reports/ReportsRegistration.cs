namespace Kaijiang.Federation.Web.Features.Reports;

/// <summary>The <c>Reports</c> settings.</summary>
public sealed class ReportOptions
{
    public const string Section = "Reports";

    /// <summary>Day of the month after the period by which a report is due (default 5).</summary>
    public int DueDay { get; set; } = 5;
}

public static class ReportsRegistration
{
    public static IServiceCollection AddMonthlyReports(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ReportOptions>(configuration.GetSection(ReportOptions.Section));
        services.AddScoped<ReportPages>();
        services.AddScoped<SaveReport>();
        services.AddScoped<ReviewReport>();
        services.AddScoped<RegisterSuggestions>();
        services.AddScoped<ReportCompleteness>();
        services.AddScoped<ReportTotals>();
        services.AddScoped<ReportIndicators>();
        services.AddScoped<ReportSections>();
        services.AddScoped<ReportExports>();
        return services;
    }
}
