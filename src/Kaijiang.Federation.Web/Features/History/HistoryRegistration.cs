namespace Kaijiang.Federation.Web.Features.History;

public static class HistoryRegistration
{
    /// <summary>Record history pages and the audit search.</summary>
    public static IServiceCollection AddHistory(this IServiceCollection services) => services
        .AddScoped<AuditChanges>()
        .AddScoped<RecordHistory>()
        .AddScoped<SearchAuditLog>();
}
