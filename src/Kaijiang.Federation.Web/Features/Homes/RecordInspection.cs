using System.ComponentModel.DataAnnotations;
using Kaijiang.Federation.Web.Data;
using Kaijiang.Federation.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace Kaijiang.Federation.Web.Features.Homes;

public sealed class InspectionInput
{
    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "Homes.VisitedOn")]
    [DataType(DataType.Date)]
    public DateOnly? VisitedOn { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(SiteInspection.InspectorMaxLength, ErrorMessage = "Validation.StringLength")]
    [Display(Name = "Homes.Inspector")]
    public string? Inspector { get; set; }

    [StringLength(SiteInspection.NoteMaxLength, ErrorMessage = "Validation.StringLength")]
    [Display(Name = "Homes.Note")]
    public string? Note { get; set; }

    /// <summary>The checklist items the inspector found met.</summary>
    [Display(Name = "Homes.ItemsFound")]
    public List<int> ItemIds { get; set; } = [];

    /// <summary>The home's version when the form was read.</summary>
    public int Version { get; set; }
}

public sealed record ChecklistOption(int Id, string NameZh, string NameEn);

public sealed record InspectionForm(int HomeId, string HomeName, InspectionInput Input, IReadOnlyList<ChecklistOption> Items);

public enum InspectionProblem
{
    None = 0,
    InFuture = 1,
    BeforeLastVisit = 2,
    Conflict = 3,
}

/// <summary>
/// Records an inspection visit: what the inspector found met becomes what the home meets, and "standardised"
/// is recomputed from the checklist (dated the day of the visit when it is newly reached).
/// </summary>
public sealed class RecordInspection(FederationDbContext db, TimeProvider clock, Authorization.CurrentUser currentUser)
{
    public async Task<InspectionForm> FormAsync(ServiceSite home, InspectionInput input, CancellationToken cancellationToken) =>
        new(home.Id, home.Name, input, await db.StandardChecklistItems.AsNoTracking()
            .Where(i => i.Kind == home.Kind && i.IsActive).OrderBy(i => i.SortOrder).ThenBy(i => i.Id)
            .Select(i => new ChecklistOption(i.Id, i.NameZh, i.NameEn)).ToListAsync(cancellationToken));

    public async Task<(InspectionProblem Problem, DateOnly? LastVisit)> CheckAsync(ServiceSite home, InspectionInput input, CancellationToken cancellationToken)
    {
        if (input.VisitedOn > clock.Today())
        {
            return (InspectionProblem.InFuture, null);
        }

        var last = await db.SiteInspections.AsNoTracking().Where(i => i.ServiceSiteId == home.Id)
            .MaxAsync(i => (DateOnly?)i.VisitedOn, cancellationToken);
        return last is not null && input.VisitedOn < last ? (InspectionProblem.BeforeLastVisit, last) : (InspectionProblem.None, last);
    }

    /// <summary>Saves the visit; <see cref="InspectionProblem.Conflict"/> when the home changed since the form was read.</summary>
    public async Task<InspectionProblem> SaveAsync(ServiceSite home, InspectionInput input, CancellationToken cancellationToken)
    {
        var visitedOn = input.VisitedOn!.Value;
        var active = await db.StandardChecklistItems.Where(i => i.Kind == home.Kind && i.IsActive).Select(i => i.Id).ToListAsync(cancellationToken);
        var found = input.ItemIds.Where(active.Contains).Distinct().ToList();

        var inspection = new SiteInspection
        {
            ServiceSiteId = home.Id,
            VisitedOn = visitedOn,
            Inspector = input.Inspector!.Trim(),
            Note = string.IsNullOrWhiteSpace(input.Note) ? null : input.Note.Trim(),
            MetStandard = StandardChecklist.MeetsStandard(active, found),
            RecordedBy = currentUser.UserName,
            RecordedAt = clock.GetUtcNow(),
            Findings = found.Select(id => new SiteInspectionFinding { StandardChecklistItemId = id }).ToList(),
        };
        db.SiteInspections.Add(inspection);

        // What the inspector found is what the home meets now (retired items are left as they were).
        home.MetItems.RemoveAll(m => active.Contains(m.StandardChecklistItemId) && !found.Contains(m.StandardChecklistItemId));
        foreach (var id in found.Where(id => home.MetItems.All(m => m.StandardChecklistItemId != id)))
        {
            home.MetItems.Add(new ServiceSiteChecklistItem { StandardChecklistItemId = id, MetSince = visitedOn });
        }

        StandardChecklist.Apply(home, active, visitedOn);

        // The visit changes the home: its version moves on, and a form read before someone else's change is refused.
        db.Entry(home).Property(s => s.Version).OriginalValue = input.Version;
        db.Entry(home).Property(s => s.Version).IsModified = true;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return InspectionProblem.None;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return InspectionProblem.Conflict;
        }
    }
}
