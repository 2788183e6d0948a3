using Kaijiang.Federation.Web.Seeding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Kaijiang.Federation.Web.Data;

/// <summary>
/// Applies pending migrations and, when <c>Seed:Demo</c> is on, loads the demo county — in the host's
/// "starting" phase, so that nothing (not even the web server) runs on an unmigrated database.
/// </summary>
public sealed class DatabaseStartup(IServiceProvider services, IOptions<SeedOptions> options, ILogger<DatabaseStartup> logger)
    : IHostedLifecycleService
{
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();

        // The personal-data keys first: without them (outside Development) the portal must not start at all.
        try
        {
            _ = scope.ServiceProvider.GetRequiredService<PersonalDataProtector>();
        }
        catch (PersonalDataKeyException ex)
        {
            logger.LogCritical("{Problem}", ex.Message);
            throw;
        }

        var db = scope.ServiceProvider.GetRequiredService<FederationDbContext>();

        if (options.Value.Migrate)
        {
            await db.Database.MigrateAsync(cancellationToken);
            if (db.Database.IsSqlite())
            {
                // Readers do not wait for the writer; the setting is stored in the file.
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
            }

            // An upgraded database encrypts what it still holds in clear; then the keys must fit the stored data.
            var personalData = scope.ServiceProvider.GetRequiredService<PersonalDataStartup>();
            try
            {
                await personalData.ConvertAsync(cancellationToken);
                await personalData.VerifyKeysAsync(cancellationToken);
            }
            catch (PersonalDataKeyException ex)
            {
                logger.LogCritical("{Problem}", ex.Message);
                throw;
            }

            logger.LogInformation("Database ready ({Provider})", db.Database.ProviderName);
        }

        if (options.Value.Demo)
        {
            await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(cancellationToken);
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
