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

        db.AuditDisabled = true;
        var county = new DemoCounty(clock).Build();
        await DemoCountyWriter.WriteAsync(db, county, cancellationToken);
        await SeedAccountsAsync(county, cancellationToken);
        db.AuditDisabled = false;
        logger.LogInformation("Demo county seeded");
    }

    private async Task SeedAccountsAsync(DemoCounty.Result county, CancellationToken cancellationToken)
    {
        foreach (var role in Roles.All)
        {
            if (!await roleManager.RoleExistsAsync(role))
            {
                await roleManager.CreateAsync(new IdentityRole(role));
            }
        }

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
            };
            var created = await userManager.CreateAsync(user, options.Value.DemoPassword);
            if (!created.Succeeded)
            {
                throw new InvalidOperationException(
                    $"Demo account {account.UserName} could not be created: {string.Join("; ", created.Errors.Select(e => e.Code))}");
            }

            await userManager.AddToRoleAsync(user, account.Role);
        }
    }
}
