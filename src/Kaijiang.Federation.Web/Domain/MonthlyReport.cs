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

/// <summary>
/// A text section of the monthly report (work done, problems, next month's plan…), defined by county staff like
/// the indicators: sections are data, not columns.
/// </summary>
public class ReportSection : EditableEntity
{
    /// <summary>The longest text any section may hold, whatever its own limit.</summary>
    public const int TextMaxLength = 8000;

    public string Code { get; set; } = "";

    public string NameZh { get; set; } = "";

    public string NameEn { get; set; } = "";

    /// <summary>Whether a report can be submitted without it (a draft always can).</summary>
    public bool IsRequired { get; set; }

    /// <summary>The longest text accepted, in characters; null for <see cref="TextMaxLength"/>.</summary>
    public int? MaxLength { get; set; }

    /// <summary>First month (yyyyMM) it applies to.</summary>
    public int ActiveFrom { get; set; }

    /// <summary>Last month (yyyyMM) it applies to; null while in use.</summary>
    public int? ActiveUntil { get; set; }

    public int SortOrder { get; set; }

    /// <summary>
    /// The three sections every report had before sections became data. The <c>ReportSections</c> migration
    /// writes the same three into every database; the demo seed uses them.
    /// </summary>
    public static IReadOnlyList<ReportSection> Defaults() =>
    [
        new() { Code = "work_done", NameZh = "本月工作开展情况", NameEn = "Work done this month", IsRequired = true, ActiveFrom = DefaultsActiveFrom, SortOrder = 1 },
        new() { Code = "problems", NameZh = "存在的问题", NameEn = "Problems", IsRequired = false, ActiveFrom = DefaultsActiveFrom, SortOrder = 2 },
        new() { Code = "next_month_plan", NameZh = "下月工作计划", NameEn = "Next month's plan", IsRequired = false, ActiveFrom = DefaultsActiveFrom, SortOrder = 3 },
    ];

    /// <summary>The month the default sections apply from: early enough for every report written before them.</summary>
    public const int DefaultsActiveFrom = 200001;

    public int Limit => MaxLength is > 0 and < TextMaxLength ? MaxLength.Value : TextMaxLength;

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

    public DateTimeOffset? SubmittedAt { get; set; }

    public string? SubmittedBy { get; set; }

    public DateTimeOffset? ReviewedAt { get; set; }

    public string? ReviewedBy { get; set; }

    public string? ReviewComment { get; set; }

    public bool IsDemo { get; set; }

    public List<MonthlyReportValue> Values { get; set; } = [];

    public List<MonthlyReportText> Texts { get; set; } = [];

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

/// <summary>
/// One text section of a report. Like a figure, it keeps a copy of the section's definition it was written
/// against, so changing the sections never alters a submitted report.
/// </summary>
public class MonthlyReportText
{
    public int Id { get; set; }

    public int MonthlyReportId { get; set; }

    public MonthlyReport? MonthlyReport { get; set; }

    public int ReportSectionId { get; set; }

    public ReportSection? ReportSection { get; set; }

    public string SectionCode { get; set; } = "";

    public string SectionNameZh { get; set; } = "";

    public string SectionNameEn { get; set; } = "";

    public int SortOrder { get; set; }

    public string? Text { get; set; }
}
