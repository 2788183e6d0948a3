using Microsoft.AspNetCore.Identity;

namespace Kaijiang.Federation.Web.Domain;

/// <summary>The roles of design.md; each account has exactly one.</summary>
public static class Roles
{
    public const string SystemAdmin = nameof(SystemAdmin);
    public const string CountyStaff = nameof(CountyStaff);
    public const string TownshipChair = nameof(TownshipChair);
    public const string VillageChair = nameof(VillageChair);
    public const string Leadership = nameof(Leadership);

    public static readonly IReadOnlyList<string> All = [SystemAdmin, CountyStaff, TownshipChair, VillageChair, Leadership];

    /// <summary>The roles that see resident ID numbers and phones in full; everyone else sees them masked.</summary>
    public static readonly IReadOnlyList<string> SeeFullIdentity = [SystemAdmin, CountyStaff];

    /// <summary>Creates the Identity roles the database lacks (the seeder, create-admin and generate-province all need them).</summary>
    public static async Task EnsureCreatedAsync(RoleManager<IdentityRole> roleManager)
    {
        foreach (var role in All)
        {
            if (!await roleManager.RoleExistsAsync(role))
            {
                await roleManager.CreateAsync(new IdentityRole(role));
            }
        }
    }
}

/// <summary>An account of the portal: one role (an Identity role) and one scope organisation.</summary>
public class FederationUser : IdentityUser
{
    public string DisplayName { get; set; } = "";

    public int ScopeOrganisationId { get; set; }

    public Organisation? ScopeOrganisation { get; set; }

    public bool IsDisabled { get; set; }

    public bool MustChangePassword { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? LastSignInAt { get; set; }
}
