using System.Globalization;

namespace Kaijiang.Federation.Web.Domain;

/// <summary>
/// The calendar of monthly reports. A month is reported on after it ends, so "this month's report" is the
/// report on the previous month; it is due by <c>dueDay</c> of the month after the period (China time).
/// </summary>
public static class ReportCalendar
{
    /// <summary>The period a township chair writes today: the month that ended last.</summary>
    public static int CurrentPeriod(DateOnly today) => MonthlyReport.PeriodOf(today.AddMonths(-1));

    /// <summary>A period opens for writing on the first day of the next month.</summary>
    public static bool IsOpen(int period, DateOnly today) => period <= CurrentPeriod(today);

    public static DateOnly OpensOn(int period) => MonthlyReport.FirstDayOf(period).AddMonths(1);

    /// <summary>The last day a report is on time; a due day past the month's end means its last day.</summary>
    public static DateOnly DueDate(int period, int dueDay)
    {
        var next = OpensOn(period);
        return new DateOnly(next.Year, next.Month, Math.Clamp(dueDay, 1, DateTime.DaysInMonth(next.Year, next.Month)));
    }

    /// <summary>Submitted after the due day (in China time) is late.</summary>
    public static bool IsLate(int period, DateTimeOffset submittedAt, int dueDay) =>
        DateOnly.FromDateTime(submittedAt.ToOffset(ChinaTime.Offset).DateTime) > DueDate(period, dueDay);

    /// <summary>Past its due day with nothing submitted: overdue.</summary>
    public static bool IsOverdue(int period, DateOnly today, int dueDay) => today > DueDate(period, dueDay);

    public static bool IsValid(int period) => period / 100 is >= 1900 and <= 9999 && period % 100 is >= 1 and <= 12;

    public static string Format(int period, CultureInfo culture) =>
        MonthlyReport.FirstDayOf(period).ToString(culture.Name.StartsWith("zh", StringComparison.Ordinal) ? "yyyy年M月" : "MMMM yyyy", culture);
}

/// <summary>The definition a figure is checked against: kind, required, bounds.</summary>
public sealed record IndicatorRule(IndicatorValueKind Kind, bool IsRequired, decimal? Minimum, decimal? Maximum);

/// <summary>Why a figure was refused; the UI turns it into a localised sentence.</summary>
public enum ValueProblem
{
    None = 0,
    NotANumber,
    NotWhole,
    TooManyDecimals,
    BelowMinimum,
    AboveMaximum,
    Required,
}

/// <summary>Reads a typed figure and checks it. A draft may be incomplete, never wrong: only "required" waits for submission.</summary>
public static class IndicatorValues
{
    public const int MaxDecimals = 4;

    public static (decimal? Value, ValueProblem Problem) Check(string? typed, IndicatorRule rule, bool submitting)
    {
        var text = Normalise(typed);
        if (text.Length == 0)
        {
            return (null, submitting && rule.IsRequired ? ValueProblem.Required : ValueProblem.None);
        }

        if (!decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var value))
        {
            return (null, ValueProblem.NotANumber);
        }

        if (rule.Kind == IndicatorValueKind.Whole && decimal.Truncate(value) != value)
        {
            return (value, ValueProblem.NotWhole);
        }

        if (value.Scale > MaxDecimals && decimal.Round(value, MaxDecimals) != value)
        {
            return (value, ValueProblem.TooManyDecimals);
        }

        if (rule.Minimum is { } min && value < min)
        {
            return (value, ValueProblem.BelowMinimum);
        }

        if (rule.Maximum is { } max && value > max)
        {
            return (value, ValueProblem.AboveMaximum);
        }

        return (value, ValueProblem.None);
    }

    /// <summary>Full-width digits and signs (typed with a Chinese input method) and spaces are accepted.</summary>
    public static string Normalise(string? typed)
    {
        if (string.IsNullOrWhiteSpace(typed))
        {
            return "";
        }

        var chars = typed.Trim().Select(c => c switch
        {
            >= '０' and <= '９' => (char)('0' + (c - '０')),
            '．' or '。' => '.',
            '－' => '-',
            '，' => ',',
            _ => c,
        }).Where(c => !char.IsWhiteSpace(c));
        return new string(chars.ToArray());
    }
}

/// <summary>Why the current user cannot edit a report — always stated, never a bare "locked".</summary>
public enum ReportLock
{
    None = 0,
    PeriodNotOpen,
    NotYourTownship,
    Approved,
    AwaitingReview,
}

public static class ReportEditing
{
    public static ReportLock LockOf(int period, DateOnly today, bool maySubmit, ReportStatus? status)
    {
        if (!ReportCalendar.IsOpen(period, today))
        {
            return ReportLock.PeriodNotOpen;
        }

        if (!maySubmit)
        {
            return ReportLock.NotYourTownship;
        }

        return status switch
        {
            ReportStatus.Approved => ReportLock.Approved,
            ReportStatus.Submitted => ReportLock.AwaitingReview,
            _ => ReportLock.None,
        };
    }
}
