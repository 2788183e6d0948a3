namespace Kaijiang.Federation.Web.Features.RosterImport;

public static class RosterImportRegistration
{
    /// <summary>The roster's Excel import and export.</summary>
    public static IServiceCollection AddRosterExcel(this IServiceCollection services, IConfiguration configuration) => services
        .Configure<RosterImportOptions>(configuration.GetSection("RosterImport"))
        .AddScoped<ValidateRoster>()
        .AddScoped<ImportBatchStore>()
        .AddScoped<ImportRoster>()
        .AddScoped<RosterExport.ExportRoster>()
        .AddScoped<ImportTargets>();
}

/// <summary>Settings of the roster import (section <c>RosterImport</c>).</summary>
public sealed class RosterImportOptions
{
    /// <summary>
    /// Rows written per save in a commit (all in one transaction): a fresh change tracker per chunk keeps the save's
    /// work and memory bounded by the chunk, not by the sheet.
    /// </summary>
    public int CommitChunkSize { get; set; } = 1_000;
}
