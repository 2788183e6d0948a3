namespace Kaijiang.Federation.Web.Domain;

/// <summary>The level of a federation organisation (妇联组织) in the administrative tree.</summary>
public enum OrganisationKind
{
    Province = 1,   // 省
    City = 2,       // 市
    County = 3,     // 县
    Township = 4,   // 乡镇
    Village = 5,    // 村
    Community = 6,  // 社区
    Unit = 7,       // 联建单位 / 新领域
}

/// <summary>What kind of unit outside the village tree (新领域) a <see cref="OrganisationKind.Unit"/> is.</summary>
public enum UnitKind
{
    None = 0,
    JointFederationMember = 1,   // 联建妇联成员单位
    Enterprise = 2,              // 企业
    ResidentialCompound = 3,     // 小区
    NonPublicEconomic = 4,       // 非公经济组织
    SocialOrganisation = 5,      // 社会组织
}

/// <summary>The 会改联 reform: converting a women's congress (妇代会) into a federation (妇联).</summary>
public enum ReformStatus
{
    NotStarted = 0,
    InProgress = 1,
    Converted = 2,
}

/// <summary>A women's federation organisation (妇联组织): a node of the tree.</summary>
public class Organisation : EditableEntity
{
    public const int NameMaxLength = 100;

    public int? ParentId { get; set; }

    public Organisation? Parent { get; set; }

    public List<Organisation> Children { get; set; } = [];

    /// <summary>Materialised path, see <see cref="OrganisationPath"/>; the subtree of X is an index range scan.</summary>
    public string Path { get; set; } = "";

    /// <summary>0 for the deployment's root.</summary>
    public int Depth { get; set; }

    public OrganisationKind Kind { get; set; }

    public UnitKind UnitKind { get; set; }

    public string Name { get; set; } = "";

    /// <summary>Pinyin initials of the name, for search (新宁镇 → xnz).</summary>
    public string? PinyinInitials { get; set; }

    /// <summary>Administrative division code (行政区划代码), 6 to 12 digits.</summary>
    public string? DivisionCode { get; set; }

    public ReformStatus ReformStatus { get; set; }

    public DateOnly? ReformDate { get; set; }

    /// <summary>Annual work funds secured (工作经费), yuan.</summary>
    public decimal AnnualFunds { get; set; }

    public string? ContactName { get; set; }

    public string? ContactPhone { get; set; }

    public string? Address { get; set; }

    /// <summary>Organisations are closed, never deleted.</summary>
    public DateOnly? ClosedOn { get; set; }

    public bool IsDemo { get; set; }

    public List<OfficeTerm> OfficeTerms { get; set; } = [];
}
