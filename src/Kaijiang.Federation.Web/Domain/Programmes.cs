namespace Kaijiang.Federation.Web.Domain;

public enum BaseKind
{
    EntrepreneurshipDemonstration = 1,  // 巾帼创新创业示范基地
    HomeBasedFlexibleEmployment = 2,    // 妇女居家灵活就业基地
    Cooperative = 3,                    // 妇女专业合作社（家庭农场）
    PovertyAlleviationDemonstration = 4, // 巾帼脱贫示范基地
    BeautifulHomelandVillage = 5,       // 美丽家园示范村
}

/// <summary>A base (基地) the federation has recognised.</summary>
public class Base : EditableEntity, IOrganisationOwned
{
    public BaseKind Kind { get; set; }

    public string Name { get; set; } = "";

    public int OrganisationId { get; set; }

    public Organisation? Organisation { get; set; }

    public int? LeaderId { get; set; }

    public Person? Leader { get; set; }

    public int JobsProvided { get; set; }

    /// <summary>Of the jobs provided, those held by women (带动妇女就业).</summary>
    public int WomenEmployed { get; set; }

    public int? YearRecognised { get; set; }

    public bool IsDemo { get; set; }
}

/// <summary>A project won from a higher federation (争取项目), with its funds.</summary>
public class Project : EditableEntity, IOrganisationOwned
{
    public string Name { get; set; } = "";

    /// <summary>The higher federation or body that granted it.</summary>
    public string Funder { get; set; } = "";

    public decimal Funds { get; set; }

    public int Year { get; set; }

    public ProjectStatus Status { get; set; }

    public int OrganisationId { get; set; }

    public Organisation? Organisation { get; set; }

    public bool IsDemo { get; set; }
}

/// <summary>Where a project stands; projects recorded as won start at <see cref="Won"/>.</summary>
public enum ProjectStatus
{
    Won = 0,        // 已争取到位
    InProgress = 1, // 实施中
    Completed = 2,  // 已完成
}

/// <summary>A training session (培训) and how many women attended (person-times, 人次).</summary>
public class Training : EditableEntity, IOrganisationOwned
{
    public string Title { get; set; } = "";

    public DateOnly HeldOn { get; set; }

    public int Days { get; set; } = 1;

    public int Participants { get; set; }

    public string? Topic { get; set; }

    /// <summary>Who ran it (主办单位), e.g. the county federation with the human-resources bureau.</summary>
    public string? Organiser { get; set; }

    /// <summary>The last day: <see cref="Days"/> counts from <see cref="HeldOn"/>.</summary>
    public DateOnly EndsOn => HeldOn.AddDays(Math.Max(1, Days) - 1);

    public int OrganisationId { get; set; }

    public Organisation? Organisation { get; set; }

    public bool IsDemo { get; set; }
}

public enum ExpertKind
{
    PovertyAlleviationExpert = 1, // 精准脱贫巾帼专家服务团
    FamilyEducationLecturer = 2,  // 家庭教育讲师（幸福使者·母亲课堂）
}

/// <summary>An expert of a service team or a lecturer (专家 / 讲师).</summary>
public class Expert : EditableEntity, IOrganisationOwned
{
    public ExpertKind Kind { get; set; }

    public string Name { get; set; } = "";

    public string? Speciality { get; set; }

    public string? Employer { get; set; }

    public int OrganisationId { get; set; }

    public Organisation? Organisation { get; set; }

    public int? PersonId { get; set; }

    public Person? Person { get; set; }

    public bool IsDemo { get; set; }
}

/// <summary>A job fair the federation joined (招聘会, e.g. 春风送岗位).</summary>
public class JobFair : EditableEntity, IOrganisationOwned
{
    public string Name { get; set; } = "";

    public DateOnly HeldOn { get; set; }

    /// <summary>Where it was held (举办地点).</summary>
    public string? Place { get; set; }

    public int Employers { get; set; }

    public int PositionsOffered { get; set; }

    public int OrganisationId { get; set; }

    public Organisation? Organisation { get; set; }

    public bool IsDemo { get; set; }
}

public enum PartnerKind
{
    FamilyGrowthCentre = 1,            // 家庭成长中心
    ContractedSocialOrganisation = 2,  // 购买服务的社会组织
    MutualAidAssociation = 3,          // 创业妇女互助会
}

/// <summary>A partner body the federation built or contracts (家庭成长中心, 社会组织, 互助会).</summary>
public class Partner : EditableEntity, IOrganisationOwned
{
    public PartnerKind Kind { get; set; }

    public string Name { get; set; } = "";

    /// <summary>Who it was built with or who runs it.</summary>
    public string? BuiltWith { get; set; }

    public DateOnly? Since { get; set; }

    public int OrganisationId { get; set; }

    public Organisation? Organisation { get; set; }

    public bool IsDemo { get; set; }
}

public enum ChannelKind
{
    WeChatOfficialAccount = 1, // 微信公众号
    WeChatGroup = 2,           // 微信群
    QqGroup = 3,               // QQ群
}

/// <summary>An online channel the federation serves women through.</summary>
public class OutreachChannel : EditableEntity, IOrganisationOwned
{
    public ChannelKind Kind { get; set; }

    public string Name { get; set; } = "";

    public int? Members { get; set; }

    public int OrganisationId { get; set; }

    public Organisation? Organisation { get; set; }

    public bool IsDemo { get; set; }
}
