namespace Kaijiang.Federation.Web.Features.RosterImport;

/// <summary>Audit entries of the roster's Excel work: one per import and one per export, besides the records' own entries.</summary>
public static class AuditActions
{
    public const string Import = nameof(Import);
    public const string Export = nameof(Export);

    /// <summary>The entity type of import and export entries; the entity id is the organisation's.</summary>
    public const string RosterEntityType = "Roster";
}
