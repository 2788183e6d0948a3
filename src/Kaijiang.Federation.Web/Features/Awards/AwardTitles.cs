using System.ComponentModel.DataAnnotations;
using Kaijiang.Federation.Web.Data;
using Kaijiang.Federation.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace Kaijiang.Federation.Web.Features.Awards;

public sealed class AwardTitleInput
{
    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(40, ErrorMessage = "Validation.StringLength")]
    [RegularExpression("^[A-Za-z][A-Za-z0-9]*$", ErrorMessage = "Validation.Code")]
    [Display(Name = "Titles.Code")]
    public string? Code { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(50, ErrorMessage = "Validation.StringLength")]
    [Display(Name = "Titles.NameZh")]
    public string? NameZh { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(100, ErrorMessage = "Validation.StringLength")]
    [Display(Name = "Titles.NameEn")]
    public string? NameEn { get; set; }

    [Range(0, 999, ErrorMessage = "Validation.Range")]
    [Display(Name = "Checklist.SortOrder")]
    public int SortOrder { get; set; }

    [Display(Name = "Checklist.IsActive")]
    public bool IsActive { get; set; } = true;

    [Display(Name = "Titles.RequiresLowerLevelAward")]
    public bool RequiresLowerLevelAward { get; set; } = true;

    public int Version { get; set; }
}

public sealed record AwardTitleRow(int Id, string Code, string NameZh, string NameEn, int SortOrder, bool IsActive, bool RequiresLowerLevelAward, int Awarded);

public sealed record AwardTitleForm(int? Id, AwardTitleInput Input);

public enum TitleSaveResult
{
    Saved = 0,
    DuplicateCode = 1,
    Conflict = 2,
}

/// <summary>The award titles the county defines, with their eligibility rule.</summary>
public sealed class AwardTitles(FederationDbContext db)
{
    public Task<List<AwardTitleRow>> ListAsync(CancellationToken cancellationToken) =>
        db.AwardTitles.AsNoTracking().OrderBy(t => t.SortOrder).ThenBy(t => t.Id)
            .Select(t => new AwardTitleRow(t.Id, t.Code, t.NameZh, t.NameEn, t.SortOrder, t.IsActive, t.RequiresLowerLevelAward,
                db.FamilyAwards.Count(a => a.AwardTitleId == t.Id && a.Status == AwardStatus.Awarded)))
            .ToListAsync(cancellationToken);

    public Task<AwardTitle?> LoadAsync(int id, CancellationToken cancellationToken) =>
        db.AwardTitles.SingleOrDefaultAsync(t => t.Id == id, cancellationToken);

    public static AwardTitleInput InputOf(AwardTitle t) => new()
    {
        Code = t.Code, NameZh = t.NameZh, NameEn = t.NameEn, SortOrder = t.SortOrder, IsActive = t.IsActive,
        RequiresLowerLevelAward = t.RequiresLowerLevelAward, Version = t.Version,
    };

    public async Task<TitleSaveResult> SaveAsync(AwardTitle? title, AwardTitleInput input, CancellationToken cancellationToken)
    {
        var code = input.Code!.Trim();
        if (await db.AwardTitles.AnyAsync(t => t.Code == code && (title == null || t.Id != title.Id), cancellationToken))
        {
            return TitleSaveResult.DuplicateCode;
        }

        if (title is null)
        {
            title = new AwardTitle();
            db.AwardTitles.Add(title);
        }
        else
        {
            db.Entry(title).Property(t => t.Version).OriginalValue = input.Version;
        }

        title.Code = code;
        title.NameZh = input.NameZh!.Trim();
        title.NameEn = input.NameEn!.Trim();
        title.SortOrder = input.SortOrder;
        title.IsActive = input.IsActive;
        title.RequiresLowerLevelAward = input.RequiresLowerLevelAward;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return TitleSaveResult.Saved;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return TitleSaveResult.Conflict;
        }
    }
}
