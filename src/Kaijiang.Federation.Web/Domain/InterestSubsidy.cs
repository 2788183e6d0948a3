namespace Kaijiang.Federation.Web.Domain;

/// <summary>A calendar quarter (季度), the period a subsidy claim covers.</summary>
public readonly record struct Quarter(int Year, int Number)
{
    public DateOnly Start => new(Year, ((Number - 1) * 3) + 1, 1);

    public DateOnly End => Start.AddMonths(3).AddDays(-1);

    public bool IsValid => Number is >= 1 and <= 4 && Year is >= 2000 and <= 2100;

    public static Quarter Of(DateOnly day) => new(day.Year, ((day.Month - 1) / 3) + 1);

    public Quarter Next => Number == 4 ? new Quarter(Year + 1, 1) : new Quarter(Year, Number + 1);

    public Quarter Previous => Number == 1 ? new Quarter(Year - 1, 4) : new Quarter(Year, Number - 1);

    public override string ToString() => $"{Year}Q{Number}";
}

/// <summary>
/// The fiscal interest subsidy (财政贴息) of a loan for a quarter: the interest on the principal outstanding on each
/// day of the quarter inside the loan's term, times the share of the interest the treasury pays.
/// </summary>
/// <remarks>
/// Banks count daily interest as the annual rate / 360 (日利率 = 年利率 ÷ 360). The disbursement day bears
/// interest, the due day does not; a principal repayment lowers the balance from its day on, so early repayment
/// ends the subsidy early. Overdue time and time after a write-off bear no subsidy. Rounded to the fen once per
/// loan and quarter, half away from zero.
/// </remarks>
public static class InterestSubsidy
{
    public const int DayCountBasis = 360;

    public static decimal ForQuarter(
        decimal amount,
        decimal annualRate,
        DateOnly disbursedOn,
        DateOnly dueOn,
        DateOnly? writtenOffOn,
        IEnumerable<(DateOnly PaidOn, decimal Principal)> repayments,
        Quarter quarter,
        decimal share)
    {
        var balanceDays = BalanceDays(amount, disbursedOn, dueOn, writtenOffOn, repayments, quarter);
        return decimal.Round(balanceDays * annualRate * share / DayCountBasis, 2, MidpointRounding.AwayFromZero);
    }

    /// <summary>Σ over the quarter's subsidised days of the principal outstanding that day (yuan × days).</summary>
    public static decimal BalanceDays(
        decimal amount,
        DateOnly disbursedOn,
        DateOnly dueOn,
        DateOnly? writtenOffOn,
        IEnumerable<(DateOnly PaidOn, decimal Principal)> repayments,
        Quarter quarter)
    {
        var end = writtenOffOn is { } w && w < dueOn ? w : dueOn; // exclusive
        var from = disbursedOn > quarter.Start ? disbursedOn : quarter.Start;
        var to = end.AddDays(-1) < quarter.End ? end.AddDays(-1) : quarter.End; // inclusive
        if (to < from)
        {
            return 0m;
        }

        var sorted = repayments.OrderBy(r => r.PaidOn).ToList();
        var repaid = 0m;
        var next = 0;
        var total = 0m;
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            while (next < sorted.Count && sorted[next].PaidOn <= day)
            {
                repaid += sorted[next].Principal;
                next++;
            }

            total += Math.Max(0m, amount - repaid);
        }

        return total;
    }
}
