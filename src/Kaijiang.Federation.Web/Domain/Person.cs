namespace Kaijiang.Federation.Web.Domain;

public enum Sex
{
    Female = 1,
    Male = 2,
}

public enum PoliticalStatus
{
    Unknown = 0,
    PartyMember = 1,       // 中共党员
    ProbationaryMember = 2, // 中共预备党员
    LeagueMember = 3,      // 共青团员
    Masses = 4,            // 群众
    OtherParty = 5,        // 民主党派
}

public enum Education
{
    Unknown = 0,
    Primary = 1,
    JuniorHigh = 2,
    SeniorHigh = 3,
    Vocational = 4,
    College = 5,
    Bachelor = 6,
    Postgraduate = 7,
}

/// <summary>A person (人员): one record across rosters, families, loans and grants.</summary>
/// <remarks>A person belongs to the organisation where she lives or was registered, which decides who may see her.</remarks>
public class Person : EditableEntity, IOrganisationOwned
{
    public const int NameMaxLength = 50;

    public int OrganisationId { get; set; }

    public Organisation? Organisation { get; set; }

    public string Name { get; set; } = "";

    public Sex Sex { get; set; } = Sex.Female;

    public DateOnly? BirthDate { get; set; }

    public string? Ethnicity { get; set; }

    public Education Education { get; set; }

    public PoliticalStatus PoliticalStatus { get; set; }

    /// <summary>Mainland mobile number, 11 digits.</summary>
    public string? Phone { get; set; }

    /// <summary>Resident ID number (居民身份证号), 18 characters, GB 11643 check digit.</summary>
    /// <remarks>Stored encrypted; clear here. Found by exact match through <see cref="IdNumberHash"/>.</remarks>
    public string? IdNumber { get; set; }

    /// <summary>Keyed hash of <see cref="IdNumber"/>, set on every save; unique. Queries compare it, never the number.</summary>
    public string? IdNumberHash { get; set; }

    /// <summary>Keyed hash of <see cref="Phone"/>, set on every save, for finding a person by her whole phone number.</summary>
    public string? PhoneHash { get; set; }

    public bool IsDemo { get; set; }
}
