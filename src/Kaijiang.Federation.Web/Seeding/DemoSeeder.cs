using Kaijiang.Federation.Web.Data;
using Kaijiang.Federation.Web.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Kaijiang.Federation.Web.Seeding;

/// <summary>
/// Loads the demo county of shared/seed/figures.md. Deterministic, and a no-op on a database that already holds it.
/// </summary>
public sealed class DemoSeeder(
    FederationDbContext db,
    UserManager<FederationUser> userManager,
    RoleManager<IdentityRole> roleManager,
    IOptions<SeedOptions> options,
    TimeProvider clock,
    ILogger<DemoSeeder> logger)
{
    public const string DefaultDemoPassword = "Kaijiang-Demo-2026";

    public async Task SeedAsync(CancellationToken cancellationToken = default)
    {
        if (await db.Organisations.IgnoreQueryFilters().AnyAsync(cancellationToken))
        {
            logger.LogInformation("Demo data already present; nothing seeded");
            return;
        }

        var started = clock.GetTimestamp();
        db.AuditDisabled = true;
        DemoCounty.Result county = null!;

        // The county and its accounts together or not at all: a half-seeded database would never be completed,
        // because the seeder skips a database that holds organisations. A retried attempt starts afresh.
        await db.InTransactionAsync(
            async ct =>
            {
                db.ChangeTracker.Clear();
                county = new DemoCounty(clock).Build();
                await DemoCountyWriter.WriteAsync(db, county, ct);
                await SeedAccountsAsync(county, ct);
            },
            cancellationToken);

        db.AuditDisabled = false;
        logger.LogInformation(
            "Demo county seeded: {Organisations} organisations, {People} people in {Elapsed} ms",
            county.Organisations.Count,
            county.People.Count,
            (long)clock.GetElapsedTime(started).TotalMilliseconds);
    }

    private async Task SeedAccountsAsync(DemoCounty.Result county, CancellationToken cancellationToken)
    {
        await Roles.EnsureCreatedAsync(roleManager);

        // Every demo account has the one demo password: validate and hash it once (hashing is deliberately slow,
        // about a tenth of a second each), instead of once per account.
        var password = options.Value.DemoPassword;
        var probe = new FederationUser { UserName = "demo-password-probe" };
        foreach (var validator in userManager.PasswordValidators)
        {
            var valid = await validator.ValidateAsync(userManager, probe, password);
            if (!valid.Succeeded)
            {
                throw new InvalidOperationException(
                    $"The demo password is not accepted: {string.Join("; ", valid.Errors.Select(e => e.Code))}");
            }
        }

        var passwordHash = userManager.PasswordHasher.HashPassword(probe, password);
        foreach (var account in county.Accounts)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var user = new FederationUser
            {
                UserName = account.UserName,
                DisplayName = account.DisplayName,
                ScopeOrganisationId = account.Scope.Id,
                CreatedAt = clock.GetUtcNow(),
                LockoutEnabled = true,
                PasswordHash = passwordHash,
            };
            var created = await userManager.CreateAsync(user);
            if (!created.Succeeded)
            {
                throw new InvalidOperationException(
                    $"Demo account {account.UserName} could not be created: {string.Join("; ", created.Errors.Select(e => e.Code))}");
            }

            await userManager.AddToRoleAsync(user, account.Role);
        }
    }
}
