namespace Kaijiang.Federation.Web.Domain;

/// <summary>Which kind of organisation may sit under which: the shape of the tree.</summary>
public static class OrganisationHierarchy
{
    /// <summary>
    /// Province → cities → counties → townships → villages and communities; units outside the village tree
    /// (joint federations, enterprises, compounds …) sit under the township or community that oversees them.
    /// </summary>
    public static bool CanHold(OrganisationKind parent, OrganisationKind child) => (parent, child) switch
    {
        (OrganisationKind.Province, OrganisationKind.City) => true,
        (OrganisationKind.City, OrganisationKind.County) => true,
        (OrganisationKind.County, OrganisationKind.Township) => true,
        (OrganisationKind.Township, OrganisationKind.Village or OrganisationKind.Community or OrganisationKind.Unit) => true,
        (OrganisationKind.Community, OrganisationKind.Unit) => true,
        _ => false,
    };

    public static IReadOnlyList<OrganisationKind> KindsUnder(OrganisationKind parent) =>
        Enum.GetValues<OrganisationKind>().Where(k => CanHold(parent, k)).ToList();

    /// <summary>A unit says what kind of unit it is; nothing else has a unit kind.</summary>
    public static bool UnitKindFits(OrganisationKind kind, UnitKind unitKind) =>
        kind == OrganisationKind.Unit ? unitKind != UnitKind.None : unitKind == UnitKind.None;
}
