using Kaijiang.Federation.Web.Domain;

namespace Kaijiang.Federation.UnitTests.Registers;

public sealed class OverdueBucketTests
{
    [Theory]
    [InlineData(0, OverdueBucket.None)]
    [InlineData(1, OverdueBucket.UpTo30Days)]
    [InlineData(30, OverdueBucket.UpTo30Days)]
    [InlineData(31, OverdueBucket.UpTo90Days)]
    [InlineData(90, OverdueBucket.UpTo90Days)]
    [InlineData(91, OverdueBucket.Over90Days)]
    [InlineData(2000, OverdueBucket.Over90Days)]
    public void Overdue_days_fall_in_their_bucket(int days, OverdueBucket expected) =>
        Assert.Equal(expected, LoanStanding.Bucket(days));

    [Theory]
    [InlineData(OverdueBucket.UpTo30Days)]
    [InlineData(OverdueBucket.UpTo90Days)]
    [InlineData(OverdueBucket.Over90Days)]
    public void The_due_dates_of_a_bucket_are_exactly_the_loans_the_rule_puts_in_it(OverdueBucket bucket)
    {
        var today = new DateOnly(2025, 3, 15);
        var (from, to) = LoanStanding.DueDatesIn(bucket, today);
        for (var days = -5; days < 400; days++)
        {
            var due = today.AddDays(-days);
            var inRule = LoanStanding.Bucket(LoanStanding.OverdueDays(1m, due, today)) == bucket;
            Assert.Equal(inRule, due >= from && due <= to);
        }
    }

    [Fact]
    public void A_repaid_loan_is_not_overdue_however_late()
    {
        var today = new DateOnly(2025, 3, 15);
        Assert.Equal(0, LoanStanding.OverdueDays(0m, today.AddDays(-200), today));
        Assert.Equal(LoanStatus.Repaid, LoanStanding.Status(0m, today.AddDays(-200), null, today));
        Assert.Equal(LoanStatus.Overdue, LoanStanding.Status(10m, today.AddDays(-1), null, today));
        Assert.Equal(LoanStatus.Active, LoanStanding.Status(10m, today, null, today));
        Assert.Equal(LoanStatus.WrittenOff, LoanStanding.Status(10m, today.AddDays(-100), today.AddDays(-1), today));
    }
}

public sealed class InterestSubsidyTests
{
    private static readonly (DateOnly, decimal)[] NoRepayments = [];

    [Fact]
    public void A_whole_quarter_at_full_balance_is_days_times_balance_times_rate_over_360()
    {
        // Q2 2024 has 91 days; 100,000 at 3.45%, subsidy share 1: 100000 × 0.0345 × 91 / 360 = 872.08
        var subsidy = InterestSubsidy.ForQuarter(100_000m, 0.0345m, new DateOnly(2024, 1, 10), new DateOnly(2026, 1, 10), null, NoRepayments, new Quarter(2024, 2), 1m);
        Assert.Equal(872.08m, subsidy);
    }

    [Fact]
    public void The_share_scales_the_subsidy()
    {
        var half = InterestSubsidy.ForQuarter(100_000m, 0.0345m, new DateOnly(2024, 1, 10), new DateOnly(2026, 1, 10), null, NoRepayments, new Quarter(2024, 2), 0.5m);
        Assert.Equal(436.04m, half); // 872.083… / 2 = 436.0416…
    }

    [Fact]
    public void A_loan_disbursed_mid_quarter_earns_from_its_disbursement_day()
    {
        // Disbursed 2024-02-20: 41 days of Q1 (20–29 Feb = 10, March = 31). 50,000 × 0.036 × 41 / 360 = 205.00
        var subsidy = InterestSubsidy.ForQuarter(50_000m, 0.036m, new DateOnly(2024, 2, 20), new DateOnly(2026, 2, 20), null, NoRepayments, new Quarter(2024, 1), 1m);
        Assert.Equal(205.00m, subsidy);
    }

    [Fact]
    public void A_loan_falling_due_mid_quarter_earns_until_the_day_before_its_due_date()
    {
        // Due 2024-05-01: April's 30 days only. 60,000 × 0.048 × 30 / 360 = 240.00
        var subsidy = InterestSubsidy.ForQuarter(60_000m, 0.048m, new DateOnly(2022, 5, 1), new DateOnly(2024, 5, 1), null, NoRepayments, new Quarter(2024, 2), 1m);
        Assert.Equal(240.00m, subsidy);
    }

    [Fact]
    public void Early_repayment_lowers_the_balance_from_its_day_and_full_repayment_ends_the_subsidy()
    {
        // Q3 2024 (92 days). 90,000 at 4%: 30,000 repaid on 1 Aug (31 July days at 90,000), the rest on 1 Sep
        // (31 August days at 60,000), nothing in September.
        // (90,000 × 31 + 60,000 × 31) × 0.04 / 360 = 4,650,000 × 0.04 / 360 = 516.666… → 516.67
        (DateOnly, decimal)[] repayments = [(new DateOnly(2024, 8, 1), 30_000m), (new DateOnly(2024, 9, 1), 60_000m)];
        var subsidy = InterestSubsidy.ForQuarter(90_000m, 0.04m, new DateOnly(2023, 1, 1), new DateOnly(2025, 1, 1), null, repayments, new Quarter(2024, 3), 1m);
        Assert.Equal(516.67m, subsidy);
        Assert.Equal(0m, InterestSubsidy.ForQuarter(90_000m, 0.04m, new DateOnly(2023, 1, 1), new DateOnly(2025, 1, 1), null, repayments, new Quarter(2024, 4), 1m));
    }

    [Fact]
    public void A_correction_that_undoes_a_repayment_restores_the_balance_from_its_day()
    {
        (DateOnly, decimal)[] repayments = [(new DateOnly(2024, 4, 1), 10_000m), (new DateOnly(2024, 4, 1), -10_000m)];
        var corrected = InterestSubsidy.ForQuarter(100_000m, 0.0345m, new DateOnly(2024, 1, 10), new DateOnly(2026, 1, 10), null, repayments, new Quarter(2024, 2), 1m);
        Assert.Equal(872.08m, corrected);
    }

    [Fact]
    public void Nothing_outside_the_term_nor_after_a_write_off()
    {
        Assert.Equal(0m, InterestSubsidy.ForQuarter(50_000m, 0.04m, new DateOnly(2024, 7, 1), new DateOnly(2026, 7, 1), null, NoRepayments, new Quarter(2024, 2), 1m));
        Assert.Equal(0m, InterestSubsidy.ForQuarter(50_000m, 0.04m, new DateOnly(2020, 7, 1), new DateOnly(2022, 7, 1), null, NoRepayments, new Quarter(2024, 2), 1m));
        // Written off 2024-04-11: ten days of April. 36,000 × 0.05 × 10 / 360 = 50.00
        Assert.Equal(50.00m, InterestSubsidy.ForQuarter(36_000m, 0.05m, new DateOnly(2023, 1, 1), new DateOnly(2025, 1, 1), new DateOnly(2024, 4, 11), NoRepayments, new Quarter(2024, 2), 1m));
    }

    [Fact]
    public void Quarters_know_their_days()
    {
        Assert.Equal(new DateOnly(2024, 1, 1), new Quarter(2024, 1).Start);
        Assert.Equal(new DateOnly(2024, 3, 31), new Quarter(2024, 1).End);
        Assert.Equal(new DateOnly(2024, 12, 31), new Quarter(2024, 4).End);
        Assert.Equal(new Quarter(2023, 4), Quarter.Of(new DateOnly(2024, 2, 29)).Previous);
        Assert.Equal(new Quarter(2025, 1), new Quarter(2024, 4).Next);
    }
}
