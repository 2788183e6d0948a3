using Kaijiang.Federation.Web.Domain;

namespace Kaijiang.Federation.UnitTests.Registers;

public sealed class AwardRulesTests
{
    private static readonly AwardTitle MostBeautiful = new() { Id = 1, Code = "MostBeautifulFamily", RequiresLowerLevelAward = true };
    private const int ThisYear = 2026;

    private static EligibilityProblem Check(AwardLevel level, int year, params PriorAward[] prior) =>
        AwardEligibility.Check(MostBeautiful, level, year, prior, ThisYear);

    [Fact]
    public void A_county_nomination_needs_no_earlier_award()
    {
        Assert.Equal(EligibilityProblem.None, Check(AwardLevel.County, ThisYear));
    }

    [Fact]
    public void A_province_nomination_without_a_city_award_is_refused()
    {
        Assert.Equal(EligibilityProblem.NeedsLowerLevelAward, Check(AwardLevel.Province, ThisYear, new PriorAward(1, AwardLevel.County, 2020, AwardStatus.Awarded)));
    }

    [Fact]
    public void A_province_nomination_after_an_earlier_city_award_is_eligible()
    {
        Assert.Equal(EligibilityProblem.None, Check(AwardLevel.Province, ThisYear, new PriorAward(1, AwardLevel.City, 2024, AwardStatus.Awarded)));
    }

    [Fact]
    public void A_city_award_of_another_title_or_not_yet_decided_does_not_count()
    {
        Assert.Equal(EligibilityProblem.NeedsLowerLevelAward, Check(AwardLevel.Province, ThisYear,
            new PriorAward(2, AwardLevel.City, 2024, AwardStatus.Awarded),
            new PriorAward(1, AwardLevel.City, 2025, AwardStatus.Recommended)));
    }

    [Fact]
    public void The_lower_award_must_be_from_an_earlier_year()
    {
        var title = new AwardTitle { Id = 1, RequiresLowerLevelAward = true };
        Assert.Equal(EligibilityProblem.NeedsLowerLevelAward,
            AwardEligibility.Check(title, AwardLevel.City, 2025, [new PriorAward(1, AwardLevel.County, 2026, AwardStatus.Awarded)], ThisYear));
    }

    [Fact]
    public void The_same_title_in_the_same_year_is_refused_at_any_level()
    {
        Assert.Equal(EligibilityProblem.DuplicateTitleAndYear, Check(AwardLevel.County, 2025, new PriorAward(1, AwardLevel.County, 2025, AwardStatus.Declined)));
    }

    [Fact]
    public void A_title_without_the_rule_lets_any_level_be_nominated()
    {
        var title = new AwardTitle { Id = 3, RequiresLowerLevelAward = false };
        Assert.Equal(EligibilityProblem.None, AwardEligibility.Check(title, AwardLevel.National, ThisYear, [], ThisYear));
    }

    [Theory]
    [InlineData(1999)]
    [InlineData(ThisYear + 1)]
    public void Years_before_2000_or_after_this_year_are_refused(int year)
    {
        Assert.Equal(EligibilityProblem.YearOutOfRange, Check(AwardLevel.County, year));
    }

    [Fact]
    public void An_inactive_title_is_refused()
    {
        var title = new AwardTitle { Id = 1, IsActive = false };
        Assert.Equal(EligibilityProblem.TitleInactive, AwardEligibility.Check(title, AwardLevel.County, ThisYear, [], ThisYear));
    }

    [Theory]
    [InlineData(AwardStatus.Nominated, PipelineStep.Recommend, PipelineProblem.None)]
    [InlineData(AwardStatus.Recommended, PipelineStep.Recommend, PipelineProblem.WrongStatus)]
    [InlineData(AwardStatus.Nominated, PipelineStep.Award, PipelineProblem.WrongStatus)]
    [InlineData(AwardStatus.Nominated, PipelineStep.StartPublicNotice, PipelineProblem.WrongStatus)]
    [InlineData(AwardStatus.Recommended, PipelineStep.StartPublicNotice, PipelineProblem.None)]
    [InlineData(AwardStatus.Recommended, PipelineStep.Award, PipelineProblem.None)]
    [InlineData(AwardStatus.Recommended, PipelineStep.Decline, PipelineProblem.None)]
    [InlineData(AwardStatus.Awarded, PipelineStep.Decline, PipelineProblem.WrongStatus)]
    [InlineData(AwardStatus.Declined, PipelineStep.Award, PipelineProblem.WrongStatus)]
    public void The_pipeline_runs_in_order(AwardStatus status, PipelineStep step, PipelineProblem expected)
    {
        Assert.Equal(expected, AwardPipeline.Check(status, step, null, new DateOnly(2026, 5, 1)));
    }

    [Fact]
    public void A_family_on_public_notice_is_awarded_only_after_the_last_day()
    {
        var until = new DateOnly(2026, 5, 7);
        Assert.Equal(PipelineProblem.NoticeNotOver, AwardPipeline.Check(AwardStatus.PublicNotice, PipelineStep.Award, until, until));
        Assert.Equal(PipelineProblem.None, AwardPipeline.Check(AwardStatus.PublicNotice, PipelineStep.Award, until, until.AddDays(1)));
        Assert.Equal(PipelineProblem.None, AwardPipeline.Check(AwardStatus.PublicNotice, PipelineStep.Decline, until, until));
    }
}
