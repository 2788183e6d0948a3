namespace Kaijiang.Federation.Web.Domain;

/// <summary>
/// Which kinds of organisation an account of each role may be scoped to (design.md's role table): a township
/// chair to a township, a village chair to a village, community or unit, county staff and administrators to the
/// deployment's root or another county-or-higher federation, leadership to one of those or a township.
/// </summary>
public static class RoleScope
{
    public static bool Fits(string role, OrganisationKind kind) => role switch
    {
        Roles.TownshipChair => kind == OrganisationKind.Township,
        Roles.VillageChair => kind is OrganisationKind.Village or OrganisationKind.Community or OrganisationKind.Unit,
        Roles.Leadership => IsCountyOrHigher(kind) || kind == OrganisationKind.Township,
        Roles.SystemAdmin or Roles.CountyStaff => IsCountyOrHigher(kind),
        _ => false,
    };

    private static bool IsCountyOrHigher(OrganisationKind kind) =>
        kind is OrganisationKind.Province or OrganisationKind.City or OrganisationKind.County;
}
