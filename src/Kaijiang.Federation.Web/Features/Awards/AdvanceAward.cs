using Kaijiang.Federation.Web.Data;
using Kaijiang.Federation.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Kaijiang.Federation.Web.Features.Awards;

public enum AdvanceResult
{
    Done = 0,
    WrongStatus = 1,
    NoticeNotOver = 2,
    Conflict = 3,
}

/// <summary>
/// Moves a nomination along the pipeline: the township recommends (乡镇推荐), the county puts it on public notice (公示)
/// for <see cref="AwardOptions.PublicNoticeDays"/> days, then awards or declines. Each step records who and when.
/// Who may take a step is decided by the caller through the authorization service; the order is decided here.
/// </summary>
public sealed class AdvanceAward(FederationDbContext db, TimeProvider clock, IOptions<AwardOptions> options, Authorization.CurrentUser currentUser)
{
    public Task<FamilyAward?> LoadAsync(int id, CancellationToken cancellationToken) =>
        db.FamilyAwards.Include(a => a.Organisation).SingleOrDefaultAsync(a => a.Id == id, cancellationToken);

    public async Task<AdvanceResult> RunAsync(FamilyAward award, PipelineStep step, int version, CancellationToken cancellationToken)
    {
        var today = clock.Today();
        switch (AwardPipeline.Check(award.Status, step, award.PublicNoticeUntil, today))
        {
            case PipelineProblem.WrongStatus:
                return AdvanceResult.WrongStatus;
            case PipelineProblem.NoticeNotOver:
                return AdvanceResult.NoticeNotOver;
        }

        db.Entry(award).Property(a => a.Version).OriginalValue = version;
        var now = clock.GetUtcNow();
        award.Status = AwardPipeline.After(step);
        switch (step)
        {
            case PipelineStep.Recommend:
                award.RecommendedBy = currentUser.UserName;
                award.RecommendedAt = now;
                break;
            case PipelineStep.StartPublicNotice:
                award.PublicNoticeFrom = today;
                award.PublicNoticeUntil = today.AddDays(Math.Max(1, options.Value.PublicNoticeDays) - 1);
                break;
            default:
                award.DecidedBy = currentUser.UserName;
                award.DecidedAt = now;
                break;
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return AdvanceResult.Done;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return AdvanceResult.Conflict;
        }
    }
}
