namespace Kaijiang.Federation.Web.Domain;

public enum IndicatorValueKind
{
    Whole = 1,
    Decimal = 2,
}

/// <summary>An indicator of the monthly report, defined by county staff: indicators are data, not columns.</summary>
public class ReportIndicator : EditableEntity
{
    public string Code { get; set; } = "";

    public string NameZh { get; set; } = "";

    public string NameEn { get; set; } = "";

    public string UnitZh { get; set; } = "";

    public string UnitEn { get; set; } = "";

    public IndicatorValueKind ValueKind { get; set; } = IndicatorValueKind.Whole;

    public bool IsRequired { get; set; }

    public decimal? Minimum { get; set; }

    public decimal? Maximum { get; set; }

    /// <summary>First month (yyyyMM) it applies to.</summary>
    public int ActiveFrom { get; set; }

    /// <summary>Last month (yyyyMM) it applies to; null while in use.</summary>
    public int? ActiveUntil { get; set; }

    public int SortOrder { get; set; }

    public string GroupZh { get; set; } = "";

    public string GroupEn { get; set; } = "";

    public bool AppliesTo(int period) => period >= ActiveFrom && (ActiveUntil is null || period <= ActiveUntil);
}

public enum ReportStatus
{
    Draft = 1,     // 草稿
    Submitted = 2, // 已提交，待审核
    Returned = 3,  // 已退回
    Approved = 4,  // 已通过
}

/// <summary>A township's monthly report (月报), one per township per month.</summary>
public class MonthlyReport : EditableEntity, IOrganisationOwned
{
    public int OrganisationId { get; set; }

    public Organisation? Organisation { get; set; }

    /// <summary>The month reported on, as yyyyMM (202405).</summary>
    public int Period { get; set; }

    public ReportStatus Status { get; set; } = ReportStatus.Draft;

    public string? WorkDone { get; set; }

    public string? Problems { get; set; }

    public string? NextMonthPlan { get; set; }

    public DateTimeOffset? SubmittedAt { get; set; }

    public string? SubmittedBy { get; set; }

    public DateTimeOffset? ReviewedAt { get; set; }

    public string? ReviewedBy { get; set; }

    public string? ReviewComment { get; set; }

    public bool IsDemo { get; set; }

    public List<MonthlyReportValue> Values { get; set; } = [];

    public static int PeriodOf(DateOnly date) => (date.Year * 100) + date.Month;

    public static DateOnly FirstDayOf(int period) => new(period / 100, period % 100, 1);
}

/// <summary>
/// One indicator's figure in a report. It keeps a copy of the definition it was filled against, so changing
/// the indicator set never alters a submitted report.
/// </summary>
public class MonthlyReportValue
{
    public int Id { get; set; }

    public int MonthlyReportId { get; set; }

    public MonthlyReport? MonthlyReport { get; set; }

    public int ReportIndicatorId { get; set; }

    public ReportIndicator? ReportIndicator { get; set; }

    public string IndicatorCode { get; set; } = "";

    public string IndicatorNameZh { get; set; } = "";

    public string IndicatorNameEn { get; set; } = "";

    public string UnitZh { get; set; } = "";

    public string UnitEn { get; set; } = "";

    public IndicatorValueKind ValueKind { get; set; }

    public decimal? Value { get; set; }
}
