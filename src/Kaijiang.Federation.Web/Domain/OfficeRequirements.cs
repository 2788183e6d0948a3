namespace Kaijiang.Federation.Web.Domain;

/// <summary>How many of each office an organisation of a kind must have (岗位配备要求), and what its roster lacks.</summary>
/// <remarks>
/// One place for the numbers: a village or community federation needs a chair, at least one vice-chair and at least
/// five executive members; a township (and every federation above it) a chair, a vice-chair and seven executives;
/// a unit's joint federation a chair and three executives.
/// </remarks>
public static class OfficeRequirements
{
    public sealed record Requirement(int Chairs, int ViceChairs, int ExecutiveMembers)
    {
        public int Minimum(Office office) => office switch
        {
            Office.Chair => Chairs,
            Office.ViceChair => ViceChairs,
            _ => ExecutiveMembers,
        };
    }

    /// <summary>An office the roster holds fewer of than required.</summary>
    public sealed record Vacancy(Office Office, int Required, int Held)
    {
        public int Missing => Math.Max(0, Required - Held);
    }

    private static readonly Requirement Grassroots = new(1, 1, 5);
    private static readonly Requirement Township = new(1, 1, 7);
    private static readonly Requirement Unit = new(1, 0, 3);

    public static Requirement For(OrganisationKind kind) => kind switch
    {
        OrganisationKind.Village or OrganisationKind.Community => Grassroots,
        OrganisationKind.Unit => Unit,
        _ => Township,
    };

    /// <summary>The offices short of the requirement, chair first; empty when the roster is complete.</summary>
    public static IReadOnlyList<Vacancy> Vacancies(OrganisationKind kind, IEnumerable<Office> currentOffices)
    {
        var requirement = For(kind);
        var held = currentOffices.GroupBy(o => o).ToDictionary(g => g.Key, g => g.Count());
        return Enum.GetValues<Office>()
            .Select(office => new Vacancy(office, requirement.Minimum(office), held.GetValueOrDefault(office)))
            .Where(v => v.Missing > 0)
            .ToList();
    }
}
