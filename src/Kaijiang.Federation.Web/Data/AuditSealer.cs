using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Kaijiang.Federation.Web.Data;

/// <summary>Seals new audit entries into the chain every few seconds and removes those past retention once a day.</summary>
public sealed class AuditSealer(IServiceScopeFactory scopes, IOptions<AuditOptions> options, TimeProvider clock, ILogger<AuditSealer> logger)
    : BackgroundService
{
    private DateTimeOffset _lastPurge = DateTimeOffset.MinValue;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(5), clock);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<FederationDbContext>();
                var now = clock.GetUtcNow();
                await AuditChain.SealAsync(db, now.AddSeconds(-options.Value.SealAfterSeconds), stoppingToken);
                if (now - _lastPurge > TimeSpan.FromDays(1))
                {
                    var cutoff = now.AddDays(-options.Value.EffectiveRetentionDays);
                    var removed = await db.AuditEntries.Where(e => e.At < cutoff && e.Hash != null).ExecuteDeleteAsync(stoppingToken);
                    _lastPurge = now;
                    if (removed > 0)
                    {
                        logger.LogInformation("Removed {Count} audit entries older than {Days} days", removed, options.Value.EffectiveRetentionDays);
                    }
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The database may be down; the next round tries again.
                logger.LogWarning(ex, "Sealing the audit log failed; retrying");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
