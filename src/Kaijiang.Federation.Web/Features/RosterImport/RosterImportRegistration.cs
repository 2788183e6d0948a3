namespace Kaijiang.Federation.Web.Features.RosterImport;

public static class RosterImportRegistration
{
    /// <summary>The roster's Excel import and export.</summary>
    public static IServiceCollection AddRosterExcel(this IServiceCollection services) => services
        .AddScoped<ValidateRoster>()
        .AddScoped<ImportBatchStore>()
        .AddScoped<ImportRoster>()
        .AddScoped<RosterExport.ExportRoster>()
        .AddScoped<ImportTargets>();
}
