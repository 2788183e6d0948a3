using Kaijiang.Federation.Web.Domain;
using Kaijiang.Federation.Web.Features.Reports;

namespace Kaijiang.Federation.UnitTests.Reports;

public sealed class ReportRulesTests
{
    private static readonly IndicatorRule WholeZeroToTwelve = new(IndicatorValueKind.Whole, IsRequired: true, 0m, 12m);
    private static readonly IndicatorRule DecimalOptional = new(IndicatorValueKind.Decimal, IsRequired: false, 0m, null);

    [Theory]
    [InlineData("2026-12-03", 202611)]
    [InlineData("2026-01-01", 202512)]
    [InlineData("2026-03-31", 202602)]
    public void The_current_period_is_the_month_that_ended_last(string today, int expected) =>
        Assert.Equal(expected, ReportCalendar.CurrentPeriod(DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void A_period_opens_when_its_month_has_ended()
    {
        var today = new DateOnly(2026, 12, 3);
        Assert.True(ReportCalendar.IsOpen(202611, today));
        Assert.False(ReportCalendar.IsOpen(202612, today));
        Assert.False(ReportCalendar.IsOpen(202701, today));
    }

    [Theory]
    [InlineData(202611, 5, "2026-12-05")]
    [InlineData(202612, 5, "2027-01-05")]
    [InlineData(202601, 31, "2026-02-28")]
    [InlineData(202601, 0, "2026-02-01")]
    public void The_due_date_is_the_due_day_of_the_next_month(int period, int dueDay, string expected) =>
        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), ReportCalendar.DueDate(period, dueDay));

    [Fact]
    public void Late_is_judged_by_the_China_date_of_submission()
    {
        // 5 December 23:30 in China is 15:30 UTC: on time. 6 December 00:30 in China is 5 December 16:30 UTC: late.
        Assert.False(ReportCalendar.IsLate(202611, new DateTimeOffset(2026, 12, 5, 15, 30, 0, TimeSpan.Zero), 5));
        Assert.True(ReportCalendar.IsLate(202611, new DateTimeOffset(2026, 12, 5, 16, 30, 0, TimeSpan.Zero), 5));
        Assert.False(ReportCalendar.IsOverdue(202611, new DateOnly(2026, 12, 5), 5));
        Assert.True(ReportCalendar.IsOverdue(202611, new DateOnly(2026, 12, 6), 5));
    }

    [Theory]
    [InlineData("7", 7.0, ValueProblem.None)]
    [InlineData(" １２ ", 12.0, ValueProblem.None)]
    [InlineData("abc", null, ValueProblem.NotANumber)]
    [InlineData("3.5", 3.5, ValueProblem.NotWhole)]
    [InlineData("13", 13.0, ValueProblem.AboveMaximum)]
    [InlineData("-1", -1.0, ValueProblem.BelowMinimum)]
    [InlineData("", null, ValueProblem.Required)]
    [InlineData("12", 12.0, ValueProblem.None)]
    [InlineData("0", 0.0, ValueProblem.None)]
    public void Whole_figures_are_checked_for_form_kind_and_bounds_when_submitting(string typed, double? value, ValueProblem problem)
    {
        var (parsed, found) = IndicatorValues.Check(typed, WholeZeroToTwelve, submitting: true);
        Assert.Equal(problem, found);
        Assert.Equal(value is null ? null : (decimal)value.Value, parsed);
    }

    [Fact]
    public void A_draft_may_be_incomplete_but_never_wrong()
    {
        Assert.Equal(ValueProblem.None, IndicatorValues.Check("", WholeZeroToTwelve, submitting: false).Problem);
        Assert.Equal(ValueProblem.NotWhole, IndicatorValues.Check("2.5", WholeZeroToTwelve, submitting: false).Problem);
        Assert.Equal(ValueProblem.AboveMaximum, IndicatorValues.Check("99", WholeZeroToTwelve, submitting: false).Problem);
    }

    [Fact]
    public void Decimal_figures_take_up_to_four_places()
    {
        Assert.Equal((12.35m, ValueProblem.None), IndicatorValues.Check("12.35", DecimalOptional, submitting: true));
        Assert.Equal(ValueProblem.TooManyDecimals, IndicatorValues.Check("1.23456", DecimalOptional, submitting: true).Problem);
        Assert.Equal(ValueProblem.None, IndicatorValues.Check("", DecimalOptional, submitting: true).Problem);
    }

    [Fact]
    public void The_reason_a_report_cannot_be_edited_is_stated()
    {
        var today = new DateOnly(2026, 12, 3);
        Assert.Equal(ReportLock.PeriodNotOpen, ReportEditing.LockOf(202612, today, maySubmit: true, null));
        Assert.Equal(ReportLock.NotYourTownship, ReportEditing.LockOf(202611, today, maySubmit: false, ReportStatus.Draft));
        Assert.Equal(ReportLock.Approved, ReportEditing.LockOf(202611, today, maySubmit: true, ReportStatus.Approved));
        Assert.Equal(ReportLock.AwaitingReview, ReportEditing.LockOf(202611, today, maySubmit: true, ReportStatus.Submitted));
        Assert.Equal(ReportLock.None, ReportEditing.LockOf(202611, today, maySubmit: true, ReportStatus.Returned));
        Assert.Equal(ReportLock.None, ReportEditing.LockOf(202611, today, maySubmit: true, null));
    }

    [Fact]
    public void Completeness_cells_say_on_time_late_missing_returned_approved_draft()
    {
        var today = new DateOnly(2026, 12, 10);
        var onTime = new DateTimeOffset(2026, 11, 3, 2, 0, 0, TimeSpan.Zero);
        var late = new DateTimeOffset(2026, 11, 20, 2, 0, 0, TimeSpan.Zero);
        Assert.Equal(CellState.ApprovedOnTime, ReportCompleteness.StateOf(202610, today, 5, ReportStatus.Approved, onTime));
        Assert.Equal(CellState.Late, ReportCompleteness.StateOf(202610, today, 5, ReportStatus.Submitted, late));
        Assert.Equal(CellState.Returned, ReportCompleteness.StateOf(202610, today, 5, ReportStatus.Returned, onTime));
        Assert.Equal(CellState.Missing, ReportCompleteness.StateOf(202610, today, 5, null, null));
        Assert.Equal(CellState.Draft, ReportCompleteness.StateOf(202610, today, 5, ReportStatus.Draft, null));
        Assert.Equal(CellState.Open, ReportCompleteness.StateOf(202611, new DateOnly(2026, 12, 3), 5, null, null));
        Assert.Equal(CellState.NotOpen, ReportCompleteness.StateOf(202612, today, 5, null, null));
    }
}
