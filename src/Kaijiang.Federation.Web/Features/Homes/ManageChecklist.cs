using System.ComponentModel.DataAnnotations;
using Kaijiang.Federation.Web.Data;
using Kaijiang.Federation.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace Kaijiang.Federation.Web.Features.Homes;

public sealed class ChecklistItemInput
{
    [Display(Name = "Homes.Kind")]
    public ServiceSiteKind Kind { get; set; } = ServiceSiteKind.WomensHome;

    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(StandardChecklistItem.NameMaxLength, ErrorMessage = "Validation.StringLength")]
    [Display(Name = "Checklist.NameZh")]
    public string? NameZh { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(StandardChecklistItem.NameMaxLength * 2, ErrorMessage = "Validation.StringLength")]
    [Display(Name = "Checklist.NameEn")]
    public string? NameEn { get; set; }

    [Range(0, 999, ErrorMessage = "Validation.Range")]
    [Display(Name = "Checklist.SortOrder")]
    public int SortOrder { get; set; }

    [Display(Name = "Checklist.IsActive")]
    public bool IsActive { get; set; } = true;

    public int Version { get; set; }
}

public sealed record ChecklistItemRow(int Id, ServiceSiteKind Kind, string NameZh, string NameEn, int SortOrder, bool IsActive, int HomesMeeting);

public enum ChecklistSaveResult
{
    Saved = 0,
    Duplicate = 1,
    Conflict = 2,
}

/// <summary>
/// The county's checklist items. A change of which items are active changes the standard, so every home of that kind
/// is re-judged at once: "standardised" never disagrees with the checklist.
/// </summary>
public sealed class ManageChecklist(FederationDbContext db, TimeProvider clock)
{
    public Task<List<ChecklistItemRow>> ListAsync(CancellationToken cancellationToken) =>
        db.StandardChecklistItems.AsNoTracking()
            .OrderBy(i => i.Kind).ThenBy(i => i.SortOrder).ThenBy(i => i.Id)
            .Select(i => new ChecklistItemRow(i.Id, i.Kind, i.NameZh, i.NameEn, i.SortOrder, i.IsActive,
                db.ServiceSiteChecklistItems.Count(m => m.StandardChecklistItemId == i.Id)))
            .ToListAsync(cancellationToken);

    public Task<StandardChecklistItem?> LoadAsync(int id, CancellationToken cancellationToken) =>
        db.StandardChecklistItems.SingleOrDefaultAsync(i => i.Id == id, cancellationToken);

    public async Task<ChecklistSaveResult> SaveAsync(StandardChecklistItem? item, ChecklistItemInput input, CancellationToken cancellationToken)
    {
        var name = input.NameZh!.Trim();
        var kind = item?.Kind ?? input.Kind;
        if (await db.StandardChecklistItems.AnyAsync(i => i.Kind == kind && i.NameZh == name && (item == null || i.Id != item.Id), cancellationToken))
        {
            return ChecklistSaveResult.Duplicate;
        }

        if (item is null)
        {
            item = new StandardChecklistItem { Kind = kind };
            db.StandardChecklistItems.Add(item);
        }
        else
        {
            db.Entry(item).Property(i => i.Version).OriginalValue = input.Version;
        }

        item.NameZh = name;
        item.NameEn = input.NameEn!.Trim();
        item.SortOrder = input.SortOrder;
        item.IsActive = input.IsActive;

        return await db.InTransactionAsync(
            async ct =>
            {
                try
                {
                    await db.SaveChangesAsync(ct);
                }
                catch (DbUpdateConcurrencyException)
                {
                    db.ChangeTracker.Clear();
                    return ChecklistSaveResult.Conflict;
                }

                await RestandardiseAsync(kind, ct);
                return ChecklistSaveResult.Saved;
            },
            cancellationToken);
    }

    /// <summary>Re-judges every home of a kind against the active items (one query to load, one save for the changes).</summary>
    private async Task RestandardiseAsync(ServiceSiteKind kind, CancellationToken cancellationToken)
    {
        var active = await db.StandardChecklistItems.Where(i => i.Kind == kind && i.IsActive).Select(i => i.Id).ToListAsync(cancellationToken);
        // Every home of the kind, whoever asks: the standard is the county's, and so is its consequence.
        var homes = await db.ServiceSites.IgnoreQueryFilters().Include(s => s.MetItems).Where(s => s.Kind == kind).ToListAsync(cancellationToken);
        var today = clock.Today();
        foreach (var home in homes)
        {
            StandardChecklist.Apply(home, active, today);
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
