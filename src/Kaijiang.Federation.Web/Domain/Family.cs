namespace Kaijiang.Federation.Web.Domain;

/// <summary>A family (家庭) known to the federation: awards and mottos hang on it.</summary>
public class Family : EditableEntity, IOrganisationOwned
{
    /// <summary>The village or community the family lives in.</summary>
    public int OrganisationId { get; set; }

    public Organisation? Organisation { get; set; }

    public int HouseholdHeadId { get; set; }

    public Person? HouseholdHead { get; set; }

    /// <summary>How the family is named in citations, e.g. "王秀英家庭".</summary>
    public string Name { get; set; } = "";

    public bool IsDemo { get; set; }

    public List<FamilyMember> Members { get; set; } = [];
}

public class FamilyMember
{
    public int Id { get; set; }

    public int FamilyId { get; set; }

    public Family? Family { get; set; }

    public string Name { get; set; } = "";

    /// <summary>Relation to the household head (与户主关系), e.g. 配偶, 子女.</summary>
    public string Relation { get; set; } = "";

    public int? PersonId { get; set; }

    public Person? Person { get; set; }
}

public enum AwardLevel
{
    County = 1,   // 县级
    City = 2,     // 市级
    Province = 3, // 省级
    National = 4, // 全国
}

/// <summary>An award title the county defines (最美家庭, 文明家庭 …).</summary>
public class AwardTitle : EditableEntity
{
    public string Code { get; set; } = "";

    public string NameZh { get; set; } = "";

    public string NameEn { get; set; } = "";

    public bool IsActive { get; set; } = true;

    public int SortOrder { get; set; }

    /// <summary>
    /// The county's eligibility rule for this title: a nomination above county level needs an earlier award of the
    /// same title one level below (a province nomination, an earlier city award).
    /// </summary>
    public bool RequiresLowerLevelAward { get; set; } = true;
}

/// <summary>Where a family award stands in the nomination pipeline.</summary>
public enum AwardStatus
{
    Nominated = 1,     // 村推荐
    Recommended = 2,   // 乡镇推荐
    PublicNotice = 3,  // 公示中
    Awarded = 4,       // 已表彰
    Declined = 5,      // 未通过
}

/// <summary>Whether the honour is the award itself or a nomination award (提名奖).</summary>
public enum AwardKind
{
    Award = 1,
    NominationAward = 2,
}

/// <summary>A family award (家庭表彰) or a nomination on its way to one.</summary>
public class FamilyAward : EditableEntity, IOrganisationOwned
{
    public int FamilyId { get; set; }

    public Family? Family { get; set; }

    /// <summary>The family's village, copied so that scoping needs no join.</summary>
    public int OrganisationId { get; set; }

    public Organisation? Organisation { get; set; }

    public int AwardTitleId { get; set; }

    public AwardTitle? AwardTitle { get; set; }

    public AwardLevel Level { get; set; }

    public AwardKind Kind { get; set; } = AwardKind.Award;

    public AwardStatus Status { get; set; }

    public int Year { get; set; }

    public string? Citation { get; set; }

    public string? NominatedBy { get; set; }

    public DateTimeOffset? NominatedAt { get; set; }

    public string? RecommendedBy { get; set; }

    public DateTimeOffset? RecommendedAt { get; set; }

    public DateOnly? PublicNoticeFrom { get; set; }

    /// <summary>The last day of the public notice (公示), inclusive.</summary>
    public DateOnly? PublicNoticeUntil { get; set; }

    public string? DecidedBy { get; set; }

    public DateTimeOffset? DecidedAt { get; set; }

    public bool IsDemo { get; set; }
}

/// <summary>A family motto or precept collected (好家风好家训).</summary>
public class FamilyMotto : EditableEntity, IOrganisationOwned
{
    public int FamilyId { get; set; }

    public Family? Family { get; set; }

    public int OrganisationId { get; set; }

    public Organisation? Organisation { get; set; }

    public string Text { get; set; } = "";

    public int YearCollected { get; set; }

    public bool IsDemo { get; set; }

    public List<Book> Books { get; set; } = [];
}

/// <summary>A book compiled from families' stories and mottos (《家和万事兴》 …).</summary>
public class Book : EditableEntity
{
    public string Title { get; set; } = "";

    public int Year { get; set; }

    public string? Publisher { get; set; }

    public List<FamilyMotto> Mottos { get; set; } = [];
}
