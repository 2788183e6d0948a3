using System.ComponentModel.DataAnnotations;
using Kaijiang.Federation.Web.Data;
using Kaijiang.Federation.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace Kaijiang.Federation.Web.Features.Awards;

public sealed class NominationInput
{
    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "Awards.Family")]
    public int? FamilyId { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "Awards.Title")]
    public int? AwardTitleId { get; set; }

    [Display(Name = "Awards.Level")]
    public AwardLevel Level { get; set; } = AwardLevel.County;

    [Display(Name = "Awards.Kind")]
    public AwardKind Kind { get; set; } = AwardKind.Award;

    [Required(ErrorMessage = "Validation.Required")]
    [Range(AwardEligibility.EarliestYear, 2100, ErrorMessage = "Validation.Range")]
    [Display(Name = "Awards.Year")]
    public int? Year { get; set; }

    [StringLength(4000, ErrorMessage = "Validation.StringLength")]
    [Display(Name = "Awards.Citation")]
    public string? Citation { get; set; }
}

public sealed record FamilyOption(int Id, string Name, string HeadName, string VillageName);

public sealed record NominationForm(NominationInput Input, string? Search, IReadOnlyList<FamilyOption> Families, IReadOnlyList<TitleOption> Titles);

/// <summary>A village (or township, or the county) nominates a family of its area for a title (村推荐).</summary>
public sealed class NominateFamily(FederationDbContext db, ListAwards awards, TimeProvider clock, Authorization.CurrentUser currentUser)
{
    public async Task<NominationForm> FormAsync(NominationInput input, string? search, CancellationToken cancellationToken)
    {
        var families = db.Families.AsNoTracking();
        var term = search?.Trim();
        families = string.IsNullOrEmpty(term)
            ? families.Where(f => f.Id == input.FamilyId)
            : families.Where(f => f.Id == input.FamilyId || f.Name.Contains(term) || f.HouseholdHead!.Name.Contains(term));
        var options = await families.OrderBy(f => f.Name).ThenBy(f => f.Id).Take(30)
            .Select(f => new FamilyOption(f.Id, f.Name, f.HouseholdHead!.Name, f.Organisation!.Name)).ToListAsync(cancellationToken);
        return new NominationForm(input, search, options, (await awards.TitlesAsync(cancellationToken)).Where(t => t.IsActive).ToList());
    }

    /// <summary>The family, if it is in the user's scope (outside it, it does not exist for her).</summary>
    public Task<Family?> FamilyAsync(int? id, CancellationToken cancellationToken) =>
        db.Families.AsNoTracking().Include(f => f.Organisation).SingleOrDefaultAsync(f => f.Id == id, cancellationToken);

    public async Task<EligibilityProblem> CheckAsync(Family family, NominationInput input, CancellationToken cancellationToken)
    {
        var title = await db.AwardTitles.AsNoTracking().SingleAsync(t => t.Id == input.AwardTitleId, cancellationToken);
        var prior = await db.FamilyAwards.AsNoTracking().Where(a => a.FamilyId == family.Id)
            .Select(a => new PriorAward(a.AwardTitleId, a.Level, a.Year, a.Status)).ToListAsync(cancellationToken);
        return AwardEligibility.Check(title, input.Level, input.Year!.Value, prior, clock.Today().Year);
    }

    public Task<bool> TitleExistsAsync(int? id, CancellationToken cancellationToken) =>
        db.AwardTitles.AnyAsync(t => t.Id == id, cancellationToken);

    /// <summary>Saves the nomination; false when the same title and year was saved meanwhile (the unique index).</summary>
    public async Task<int?> SaveAsync(Family family, NominationInput input, CancellationToken cancellationToken)
    {
        var award = new FamilyAward
        {
            FamilyId = family.Id,
            OrganisationId = family.OrganisationId,
            AwardTitleId = input.AwardTitleId!.Value,
            Level = input.Level,
            Kind = input.Kind,
            Year = input.Year!.Value,
            Status = AwardStatus.Nominated,
            Citation = string.IsNullOrWhiteSpace(input.Citation) ? null : input.Citation.Trim(),
            NominatedBy = currentUser.UserName,
            NominatedAt = clock.GetUtcNow(),
        };
        db.FamilyAwards.Add(award);
        db.Attach(family.Organisation!);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return award.Id;
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return null;
        }
    }
}
