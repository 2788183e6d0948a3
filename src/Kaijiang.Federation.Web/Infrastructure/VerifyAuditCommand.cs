using Kaijiang.Federation.Web.Data;

namespace Kaijiang.Federation.Web.Infrastructure;

/// <summary><c>verify-audit</c>: walks the audit chain and names the first entry that was changed or removed.</summary>
public static class VerifyAuditCommand
{
    public const string Name = "verify-audit";

    public static bool IsInvoked(string[] args) => args.Length > 0 && args[0] == Name;

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        var builder = WebApplication.CreateBuilder(args[1..]);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddFederationWeb(builder.Configuration, builder.Environment.ContentRootPath);
        await using var app = builder.Build();
        await using var scope = app.Services.CreateAsyncScope();
        return await ExecuteAsync(scope.ServiceProvider.GetRequiredService<FederationDbContext>(), output, error);
    }

    public static async Task<int> ExecuteAsync(FederationDbContext db, TextWriter output, TextWriter error)
    {
        var result = await AuditChain.VerifyAsync(db);
        if (result.Intact)
        {
            await output.WriteLineAsync($"Audit chain intact: {result.Message}.");
            return 0;
        }

        await error.WriteLineAsync($"Audit chain BROKEN at entry {result.FirstBrokenId}: {result.Message} ({result.Checked} entries verified before it).");
        return 1;
    }
}
