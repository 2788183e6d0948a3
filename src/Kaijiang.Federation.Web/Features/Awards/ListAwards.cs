using Kaijiang.Federation.Web.Data;
using Kaijiang.Federation.Web.Domain;
using Kaijiang.Federation.Web.Features.Registers;
using Microsoft.EntityFrameworkCore;

namespace Kaijiang.Federation.Web.Features.Awards;

public sealed class AwardListFilter
{
    public int? Title { get; set; }

    public AwardLevel? Level { get; set; }

    public int? Year { get; set; }

    public AwardStatus? Status { get; set; }

    /// <summary>Only nominations still on their way (<see cref="AwardPipeline.Statuses"/>).</summary>
    public bool Pipeline { get; set; }

    /// <summary>Only awards of this year or earlier (the dashboard's pipeline counts every year up to its own).</summary>
    public int? Until { get; set; }

    public int? Township { get; set; }

    public int Page { get; set; } = 1;
}

public sealed record TitleOption(int Id, string NameZh, string NameEn, bool IsActive);

public sealed record AwardRow(
    int Id, string FamilyName, string VillageName, string TitleZh, string TitleEn, AwardLevel Level, AwardKind Kind, int Year, AwardStatus Status,
    DateOnly? PublicNoticeUntil);

public sealed record AwardListPage(
    AwardListFilter Filter, IReadOnlyList<TownshipOption> Townships, IReadOnlyList<TitleOption> Titles, IReadOnlyList<AwardRow> Rows, int Total, int PageCount);

public sealed record AwardDetailsModel
{
    public required int Id { get; init; }
    public required int FamilyId { get; init; }
    public required string FamilyName { get; init; }
    public required string HouseholdHead { get; init; }
    public required int OrganisationId { get; init; }
    public required string VillageName { get; init; }
    public required string TitleZh { get; init; }
    public required string TitleEn { get; init; }
    public AwardLevel Level { get; init; }
    public AwardKind Kind { get; init; }
    public int Year { get; init; }
    public AwardStatus Status { get; init; }
    public string? Citation { get; init; }
    public string? NominatedBy { get; init; }
    public DateTimeOffset? NominatedAt { get; init; }
    public string? RecommendedBy { get; init; }
    public DateTimeOffset? RecommendedAt { get; init; }
    public DateOnly? PublicNoticeFrom { get; init; }
    public DateOnly? PublicNoticeUntil { get; init; }
    public string? DecidedBy { get; init; }
    public DateTimeOffset? DecidedAt { get; init; }
    public int Version { get; init; }
    public bool CanRecommend { get; init; }
    public bool CanDecide { get; init; }
}

/// <summary>Family awards and nominations in scope: the list (paged, filtered), the export and one award's page.</summary>
public sealed class ListAwards(FederationDbContext db, RegisterLookups lookups)
{
    public async Task<AwardListPage> RunAsync(AwardListFilter filter, CancellationToken cancellationToken)
    {
        var awards = await FilteredAsync(filter, cancellationToken);
        var total = await awards.CountAsync(cancellationToken);
        var pageCount = Math.Max(1, (total + RegisterLookups.PageSize - 1) / RegisterLookups.PageSize);
        filter.Page = Math.Clamp(filter.Page, 1, pageCount);
        var rows = await Project(Ordered(awards).Skip((filter.Page - 1) * RegisterLookups.PageSize).Take(RegisterLookups.PageSize)).ToListAsync(cancellationToken);
        return new AwardListPage(filter, await lookups.TownshipsAsync(cancellationToken), await TitlesAsync(cancellationToken), rows, total, pageCount);
    }

    public async Task<List<AwardRow>> AllAsync(AwardListFilter filter, CancellationToken cancellationToken) =>
        await Project(Ordered(await FilteredAsync(filter, cancellationToken))).ToListAsync(cancellationToken);

    public Task<List<TitleOption>> TitlesAsync(CancellationToken cancellationToken) =>
        db.AwardTitles.AsNoTracking().OrderBy(t => t.SortOrder).ThenBy(t => t.Id)
            .Select(t => new TitleOption(t.Id, t.NameZh, t.NameEn, t.IsActive)).ToListAsync(cancellationToken);

    public Task<AwardDetailsModel?> DetailsAsync(int id, CancellationToken cancellationToken) =>
        db.FamilyAwards.AsNoTracking().Where(a => a.Id == id).Select(a => new AwardDetailsModel
        {
            Id = a.Id,
            FamilyId = a.FamilyId,
            FamilyName = a.Family!.Name,
            HouseholdHead = a.Family.HouseholdHead!.Name,
            OrganisationId = a.OrganisationId,
            VillageName = a.Organisation!.Name,
            TitleZh = a.AwardTitle!.NameZh,
            TitleEn = a.AwardTitle.NameEn,
            Level = a.Level,
            Kind = a.Kind,
            Year = a.Year,
            Status = a.Status,
            Citation = a.Citation,
            NominatedBy = a.NominatedBy,
            NominatedAt = a.NominatedAt,
            RecommendedBy = a.RecommendedBy,
            RecommendedAt = a.RecommendedAt,
            PublicNoticeFrom = a.PublicNoticeFrom,
            PublicNoticeUntil = a.PublicNoticeUntil,
            DecidedBy = a.DecidedBy,
            DecidedAt = a.DecidedAt,
            Version = a.Version,
        }).SingleOrDefaultAsync(cancellationToken);

    private async Task<IQueryable<FamilyAward>> FilteredAsync(AwardListFilter filter, CancellationToken cancellationToken)
    {
        (var awards, filter.Township) = await lookups.InSubtreeAsync(db.FamilyAwards.AsNoTracking(), filter.Township, cancellationToken);

        if (filter.Title is { } title)
        {
            awards = awards.Where(a => a.AwardTitleId == title);
        }

        if (filter.Level is { } level)
        {
            awards = awards.Where(a => a.Level == level);
        }

        if (filter.Year is { } year)
        {
            awards = awards.Where(a => a.Year == year);
        }

        if (filter.Status is { } status)
        {
            awards = awards.Where(a => a.Status == status);
        }

        if (filter.Pipeline)
        {
            var pipeline = AwardPipeline.Statuses.ToList();
            awards = awards.Where(a => pipeline.Contains(a.Status));
        }

        if (filter.Until is { } until)
        {
            awards = awards.Where(a => a.Year <= until);
        }

        return awards;
    }

    private static IQueryable<FamilyAward> Ordered(IQueryable<FamilyAward> awards) =>
        awards.OrderByDescending(a => a.Year).ThenBy(a => a.Status).ThenBy(a => a.Organisation!.Path).ThenBy(a => a.Id);

    private static IQueryable<AwardRow> Project(IQueryable<FamilyAward> awards) => awards.Select(a => new AwardRow(
        a.Id, a.Family!.Name, a.Organisation!.Name, a.AwardTitle!.NameZh, a.AwardTitle.NameEn, a.Level, a.Kind, a.Year, a.Status, a.PublicNoticeUntil));
}
