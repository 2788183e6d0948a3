namespace Kaijiang.Federation.Web.Domain;

public enum ServiceSiteKind
{
    WomensHome = 1,    // 妇女之家
    ChildrensHome = 2, // 儿童之家
}

/// <summary>A Women's Home or Children's Home hosted by a village, community or unit.</summary>
public class ServiceSite : EditableEntity, IOrganisationOwned
{
    public ServiceSiteKind Kind { get; set; }

    /// <summary>The host organisation.</summary>
    public int OrganisationId { get; set; }

    public Organisation? Organisation { get; set; }

    public string Name { get; set; } = "";

    /// <summary>The date it met the county's standard (标准化); null when it does not yet.</summary>
    public DateOnly? StandardisedOn { get; set; }

    public bool IsStandardised => StandardisedOn is not null;

    public decimal? AreaSquareMetres { get; set; }

    /// <summary>Subsidy received as reward in lieu of subsidy (以奖代补), yuan.</summary>
    public decimal SubsidyReceived { get; set; }

    public DateOnly? OpenedOn { get; set; }

    public bool IsDemo { get; set; }

    public List<ServiceSiteManager> Managers { get; set; } = [];
}

public class ServiceSiteManager
{
    public int ServiceSiteId { get; set; }

    public ServiceSite? ServiceSite { get; set; }

    public int PersonId { get; set; }

    public Person? Person { get; set; }
}
