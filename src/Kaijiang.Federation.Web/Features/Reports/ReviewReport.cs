using System.Security.Claims;
using Kaijiang.Federation.Web.Authorization;
using Kaijiang.Federation.Web.Data;
using Kaijiang.Federation.Web.Domain;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace Kaijiang.Federation.Web.Features.Reports;

public enum ReviewStep
{
    Approve,
    Return,
    Reopen,
}

public enum ReviewResult
{
    Done,
    NotFound,
    Forbidden,
    /// <summary>The report is not in the state the step needs (e.g. approving a draft).</summary>
    WrongState,
    /// <summary>Return and reopen need a comment or reason.</summary>
    CommentRequired,
    Conflict,
}

public sealed record ReviewOutcome(ReviewResult Result, ReportStatus? Status = null);

/// <summary>
/// County staff's review: approve or return a submitted report, reopen an approved one. The interceptor records
/// the status change with the comment or reason (kept in ReviewComment) as the report's audit entry.
/// </summary>
public sealed class ReviewReport(FederationDbContext db, IAuthorizationService authorization, TimeProvider clock, CurrentUser currentUser)
{
    public const int CommentMaxLength = 2000;

    public async Task<ReviewOutcome> ApplyAsync(ClaimsPrincipal user, int organisationId, int period, int version, ReviewStep step, string? comment, CancellationToken cancellationToken)
    {
        var township = await db.Organisations.SingleOrDefaultAsync(o => o.Id == organisationId, cancellationToken);
        var report = township is null ? null : await db.MonthlyReports
            .SingleOrDefaultAsync(r => r.OrganisationId == organisationId && r.Period == period, cancellationToken);
        if (township is null)
        {
            return new ReviewOutcome(ReviewResult.NotFound);
        }

        if (!(await authorization.AuthorizeAsync(user, OrganisationResource.Of(township), Operations.Approve)).Succeeded)
        {
            return new ReviewOutcome(ReviewResult.Forbidden);
        }

        var needed = step == ReviewStep.Reopen ? ReportStatus.Approved : ReportStatus.Submitted;
        if (report is null || report.Status != needed)
        {
            return new ReviewOutcome(ReviewResult.WrongState, report?.Status);
        }

        comment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
        if (step != ReviewStep.Approve && comment is null)
        {
            return new ReviewOutcome(ReviewResult.CommentRequired, report.Status);
        }

        if (report.Version != version)
        {
            return new ReviewOutcome(ReviewResult.Conflict, report.Status);
        }

        db.Entry(report).Property(r => r.Version).OriginalValue = version;
        report.Status = step == ReviewStep.Approve ? ReportStatus.Approved : ReportStatus.Returned;
        report.ReviewedAt = clock.GetUtcNow();
        report.ReviewedBy = currentUser.UserName;
        report.ReviewComment = comment is { Length: > CommentMaxLength } ? comment[..CommentMaxLength] : comment;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return new ReviewOutcome(ReviewResult.Conflict);
        }

        return new ReviewOutcome(ReviewResult.Done, report.Status);
    }
}
