namespace Kaijiang.Federation.Web.Domain;

public enum LoanStatus
{
    Active = 1,     // 在贷
    Repaid = 2,     // 已结清
    Overdue = 3,    // 逾期
    WrittenOff = 4, // 核销
}

/// <summary>A guaranteed, fiscally interest-subsidised small loan to a woman (妇女小额担保财政贴息贷款).</summary>
public class Loan : EditableEntity, IOrganisationOwned
{
    public int BorrowerId { get; set; }

    public Person? Borrower { get; set; }

    /// <summary>The borrower's village or community.</summary>
    public int OrganisationId { get; set; }

    public Organisation? Organisation { get; set; }

    public string Bank { get; set; } = "";

    /// <summary>Who or what guarantees the loan (担保方式).</summary>
    public string? Guarantee { get; set; }

    public decimal Amount { get; set; }

    /// <summary>Annual interest rate as a fraction (0.0435 is 4.35%).</summary>
    public decimal AnnualRate { get; set; }

    public int TermMonths { get; set; }

    public DateOnly DisbursedOn { get; set; }

    public DateOnly DueOn { get; set; }

    /// <summary>Fiscal interest subsidy (财政贴息), yuan.</summary>
    public decimal InterestSubsidy { get; set; }

    /// <summary>Purpose / industry (种植, 养殖, 电商 …).</summary>
    public string Industry { get; set; } = "";

    public int JobsCreated { get; set; }

    public DateOnly? WrittenOffOn { get; set; }

    /// <summary>Why the loan was written off (核销原因); required with <see cref="WrittenOffOn"/>.</summary>
    public string? WriteOffReason { get; set; }

    public bool IsDemo { get; set; }

    public List<LoanRepayment> Repayments { get; set; } = [];
}

/// <summary>
/// A repayment entry. Entries are never edited: a correction is a new entry with negative or positive amounts
/// that refers to the one it corrects.
/// </summary>
public class LoanRepayment
{
    public int Id { get; set; }

    public int LoanId { get; set; }

    public Loan? Loan { get; set; }

    public DateOnly PaidOn { get; set; }

    public decimal Principal { get; set; }

    public decimal Interest { get; set; }

    public int? CorrectsRepaymentId { get; set; }

    public string? Note { get; set; }

    public DateTimeOffset RecordedAt { get; set; }

    public string? RecordedBy { get; set; }
}

/// <summary>Status, balance and overdue days of a loan, derived from its dates and repayments — never typed in.</summary>
public static class LoanStanding
{
    public static decimal Outstanding(decimal amount, IEnumerable<decimal> principalRepaid) =>
        Math.Max(0m, amount - principalRepaid.Sum());

    public static LoanStatus Status(decimal outstanding, DateOnly dueOn, DateOnly? writtenOffOn, DateOnly today)
    {
        if (writtenOffOn is not null && writtenOffOn <= today)
        {
            return LoanStatus.WrittenOff;
        }

        if (outstanding <= 0m)
        {
            return LoanStatus.Repaid;
        }

        return today > dueOn ? LoanStatus.Overdue : LoanStatus.Active;
    }

    public static int OverdueDays(decimal outstanding, DateOnly dueOn, DateOnly today) =>
        outstanding > 0m && today > dueOn ? today.DayNumber - dueOn.DayNumber : 0;

    /// <summary>The overdue bucket of a number of overdue days: none, 1–30, 31–90, more than 90.</summary>
    public static OverdueBucket Bucket(int overdueDays) => overdueDays switch
    {
        <= 0 => OverdueBucket.None,
        <= 30 => OverdueBucket.UpTo30Days,
        <= 90 => OverdueBucket.UpTo90Days,
        _ => OverdueBucket.Over90Days,
    };

    /// <summary>
    /// The due dates whose loans fall in <paramref name="bucket"/> today, as [from, to] inclusive, so that a query
    /// can filter by bucket with the same rule as <see cref="Bucket"/>.
    /// </summary>
    public static (DateOnly From, DateOnly To) DueDatesIn(OverdueBucket bucket, DateOnly today) => bucket switch
    {
        OverdueBucket.UpTo30Days => (today.AddDays(-30), today.AddDays(-1)),
        OverdueBucket.UpTo90Days => (today.AddDays(-90), today.AddDays(-31)),
        OverdueBucket.Over90Days => (DateOnly.MinValue, today.AddDays(-91)),
        _ => (today, DateOnly.MaxValue),
    };
}

/// <summary>How long an overdue loan has been overdue (逾期天数分段).</summary>
public enum OverdueBucket
{
    None = 0,
    UpTo30Days = 1,  // 1–30 天
    UpTo90Days = 2,  // 31–90 天
    Over90Days = 3,  // 90 天以上
}

/// <summary>A start-up grant to a college graduate (大学生创业扶持).</summary>
public class StartupGrant : EditableEntity, IOrganisationOwned
{
    public int GraduateId { get; set; }

    public Person? Graduate { get; set; }

    public int OrganisationId { get; set; }

    public Organisation? Organisation { get; set; }

    public string Business { get; set; } = "";

    public decimal Amount { get; set; }

    public DateOnly GrantedOn { get; set; }

    public bool IsDemo { get; set; }
}
