namespace Kaijiang.Federation.Web.Domain;

/// <summary>Why a nomination is refused.</summary>
public enum EligibilityProblem
{
    None = 0,
    TitleInactive = 1,
    YearOutOfRange = 2,

    /// <summary>The family already holds, or is nominated for, this title in this year.</summary>
    DuplicateTitleAndYear = 3,

    /// <summary>Above county level, the title needs an earlier award one level below.</summary>
    NeedsLowerLevelAward = 4,
}

/// <summary>An award or nomination the family already has, as the rules need it.</summary>
public sealed record PriorAward(int AwardTitleId, AwardLevel Level, int Year, AwardStatus Status);

/// <summary>The eligibility rules the county sets for a nomination (评选条件).</summary>
public static class AwardEligibility
{
    public const int EarliestYear = 2000;

    public static EligibilityProblem Check(AwardTitle title, AwardLevel level, int year, IEnumerable<PriorAward> familyAwards, int currentYear)
    {
        if (!title.IsActive)
        {
            return EligibilityProblem.TitleInactive;
        }

        if (year < EarliestYear || year > currentYear)
        {
            return EligibilityProblem.YearOutOfRange;
        }

        var prior = familyAwards.Where(a => a.AwardTitleId == title.Id).ToList();
        if (prior.Any(a => a.Year == year))
        {
            return EligibilityProblem.DuplicateTitleAndYear;
        }

        if (title.RequiresLowerLevelAward && LevelBelow(level) is { } below
            && !prior.Any(a => a.Level == below && a.Status == AwardStatus.Awarded && a.Year < year))
        {
            return EligibilityProblem.NeedsLowerLevelAward;
        }

        return EligibilityProblem.None;
    }

    /// <summary>The level whose award a nomination at <paramref name="level"/> builds on; none for county level.</summary>
    public static AwardLevel? LevelBelow(AwardLevel level) => level switch
    {
        AwardLevel.City => AwardLevel.County,
        AwardLevel.Province => AwardLevel.City,
        AwardLevel.National => AwardLevel.Province,
        _ => null,
    };
}

/// <summary>A step of the nomination pipeline: village nominates, township recommends, (公示), county decides.</summary>
public enum PipelineStep
{
    Recommend = 1,
    StartPublicNotice = 2,
    Award = 3,
    Decline = 4,
}

/// <summary>Why a pipeline step cannot be taken now.</summary>
public enum PipelineProblem
{
    None = 0,
    WrongStatus = 1,

    /// <summary>The public notice has not run its course.</summary>
    NoticeNotOver = 2,
}

/// <summary>Which step may follow which: the order of the pipeline, independent of who takes it.</summary>
public static class AwardPipeline
{
    /// <summary>The statuses of a nomination still on its way (村推荐, 乡镇推荐, 公示中): the dashboard's "pipeline" and the list's filter.</summary>
    public static readonly IReadOnlyList<AwardStatus> Statuses = [AwardStatus.Nominated, AwardStatus.Recommended, AwardStatus.PublicNotice];

    public static PipelineProblem Check(AwardStatus status, PipelineStep step, DateOnly? noticeUntil, DateOnly today) => step switch
    {
        PipelineStep.Recommend => status == AwardStatus.Nominated ? PipelineProblem.None : PipelineProblem.WrongStatus,
        PipelineStep.StartPublicNotice => status == AwardStatus.Recommended ? PipelineProblem.None : PipelineProblem.WrongStatus,
        PipelineStep.Award or PipelineStep.Decline => status switch
        {
            AwardStatus.Recommended => PipelineProblem.None,
            // A notice is for objections: a family is awarded only once it has ended; a decline needs no wait.
            AwardStatus.PublicNotice when step == PipelineStep.Decline || noticeUntil is null || noticeUntil < today => PipelineProblem.None,
            AwardStatus.PublicNotice => PipelineProblem.NoticeNotOver,
            _ => PipelineProblem.WrongStatus,
        },
        _ => PipelineProblem.WrongStatus,
    };

    /// <summary>The status a step leads to.</summary>
    public static AwardStatus After(PipelineStep step) => step switch
    {
        PipelineStep.Recommend => AwardStatus.Recommended,
        PipelineStep.StartPublicNotice => AwardStatus.PublicNotice,
        PipelineStep.Award => AwardStatus.Awarded,
        _ => AwardStatus.Declined,
    };
}
