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

    /// <summary>
    /// The date it met the county's standard (标准化); null when it does not. Not typed in: <see cref="StandardChecklist"/>
    /// keeps it, from the checklist items the home meets.
    /// </summary>
    public DateOnly? StandardisedOn { get; set; }

    public bool IsStandardised => StandardisedOn is not null;

    public decimal? AreaSquareMetres { get; set; }

    /// <summary>Subsidy received as reward in lieu of subsidy (以奖代补), yuan.</summary>
    public decimal SubsidyReceived { get; set; }

    public DateOnly? OpenedOn { get; set; }

    public bool IsDemo { get; set; }

    public List<ServiceSiteManager> Managers { get; set; } = [];

    /// <summary>The checklist items the home meets now.</summary>
    public List<ServiceSiteChecklistItem> MetItems { get; set; } = [];

    public List<SiteInspection> Inspections { get; set; } = [];
}

public class ServiceSiteManager
{
    public int ServiceSiteId { get; set; }

    public ServiceSite? ServiceSite { get; set; }

    public int PersonId { get; set; }

    public Person? Person { get; set; }
}

/// <summary>
/// One item of the standard the county sets for a kind of home, e.g. the "six haves" (六有) of a Women's Home:
/// a place, a sign, rules, staff, activities, records.
/// </summary>
public class StandardChecklistItem : EditableEntity
{
    public const int NameMaxLength = 50;

    public ServiceSiteKind Kind { get; set; }

    public string NameZh { get; set; } = "";

    public string NameEn { get; set; } = "";

    public int SortOrder { get; set; }

    /// <summary>Retired items no longer count towards the standard; they stay for the history of inspections.</summary>
    public bool IsActive { get; set; } = true;
}

/// <summary>An item a home meets, and since when.</summary>
public class ServiceSiteChecklistItem
{
    public int ServiceSiteId { get; set; }

    public ServiceSite? ServiceSite { get; set; }

    public int StandardChecklistItemId { get; set; }

    public StandardChecklistItem? Item { get; set; }

    public DateOnly MetSince { get; set; }
}

/// <summary>An inspection visit (检查验收) to a home: what the inspector found met on the day.</summary>
public class SiteInspection
{
    public const int InspectorMaxLength = 100;
    public const int NoteMaxLength = 2000;

    public int Id { get; set; }

    public int ServiceSiteId { get; set; }

    public ServiceSite? ServiceSite { get; set; }

    public DateOnly VisitedOn { get; set; }

    public string Inspector { get; set; } = "";

    public string? Note { get; set; }

    /// <summary>Whether the home met every active item on the day (kept, as the items may change later).</summary>
    public bool MetStandard { get; set; }

    /// <summary>The account that recorded the visit.</summary>
    public string? RecordedBy { get; set; }

    public DateTimeOffset RecordedAt { get; set; }

    public List<SiteInspectionFinding> Findings { get; set; } = [];
}

/// <summary>An item the inspector found met.</summary>
public class SiteInspectionFinding
{
    public int SiteInspectionId { get; set; }

    public SiteInspection? SiteInspection { get; set; }

    public int StandardChecklistItemId { get; set; }

    public StandardChecklistItem? Item { get; set; }
}

/// <summary>"Standardised" follows from the checklist: a home is standardised when it meets every active item.</summary>
public static class StandardChecklist
{
    /// <summary>True when there is at least one active item and every one of them is met.</summary>
    public static bool MeetsStandard(IEnumerable<int> activeItemIds, IEnumerable<int> metItemIds)
    {
        var active = activeItemIds.ToHashSet();
        return active.Count > 0 && active.IsSubsetOf(metItemIds);
    }

    /// <summary>
    /// The home's <see cref="ServiceSite.StandardisedOn"/> after a change of what it meets on <paramref name="on"/>:
    /// kept while it stays standardised, set to that day when it becomes so, cleared when it no longer is.
    /// </summary>
    public static DateOnly? StandardisedOn(DateOnly? current, bool meetsNow, DateOnly on) =>
        meetsNow ? current ?? on : null;

    /// <summary>Applies the rule to a loaded home; <paramref name="activeItemIds"/> are the active items of its kind.</summary>
    public static void Apply(ServiceSite site, IEnumerable<int> activeItemIds, DateOnly on) =>
        site.StandardisedOn = StandardisedOn(site.StandardisedOn, MeetsStandard(activeItemIds, site.MetItems.Select(m => m.StandardChecklistItemId)), on);
}
