using System.ComponentModel.DataAnnotations;
using Kaijiang.Federation.Web.Data;
using Kaijiang.Federation.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Kaijiang.Federation.Web.Features.Reports;

public sealed class IndicatorInput
{
    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(40, ErrorMessage = "Validation.StringLength")]
    [RegularExpression("^[a-z][a-z0-9_]*$", ErrorMessage = "Reports.Indicator.CodeFormat")]
    [Display(Name = "Reports.Indicator.Code")]
    public string Code { get; set; } = "";

    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(100, ErrorMessage = "Validation.StringLength")]
    [Display(Name = "Reports.Indicator.NameZh")]
    public string NameZh { get; set; } = "";

    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(200, ErrorMessage = "Validation.StringLength")]
    [Display(Name = "Reports.Indicator.NameEn")]
    public string NameEn { get; set; } = "";

    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(20, ErrorMessage = "Validation.StringLength")]
    [Display(Name = "Reports.Indicator.UnitZh")]
    public string UnitZh { get; set; } = "";

    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(40, ErrorMessage = "Validation.StringLength")]
    [Display(Name = "Reports.Indicator.UnitEn")]
    public string UnitEn { get; set; } = "";

    [Display(Name = "Reports.Indicator.Kind")]
    public IndicatorValueKind ValueKind { get; set; } = IndicatorValueKind.Whole;

    [Display(Name = "Reports.Indicator.Required")]
    public bool IsRequired { get; set; }

    [Display(Name = "Reports.Indicator.Minimum")]
    public decimal? Minimum { get; set; }

    [Display(Name = "Reports.Indicator.Maximum")]
    public decimal? Maximum { get; set; }

    [Range(190001, 999912, ErrorMessage = "Reports.Indicator.MonthFormat")]
    [Display(Name = "Reports.Indicator.ActiveFrom")]
    public int ActiveFrom { get; set; }

    [Range(190001, 999912, ErrorMessage = "Reports.Indicator.MonthFormat")]
    [Display(Name = "Reports.Indicator.ActiveUntil")]
    public int? ActiveUntil { get; set; }

    [Range(0, 10000, ErrorMessage = "Validation.Range")]
    [Display(Name = "Reports.Indicator.SortOrder")]
    public int SortOrder { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(50, ErrorMessage = "Validation.StringLength")]
    [Display(Name = "Reports.Indicator.GroupZh")]
    public string GroupZh { get; set; } = "";

    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(100, ErrorMessage = "Validation.StringLength")]
    [Display(Name = "Reports.Indicator.GroupEn")]
    public string GroupEn { get; set; } = "";

    public int Version { get; set; }

    public static IndicatorInput From(ReportIndicator i) => new()
    {
        Code = i.Code, NameZh = i.NameZh, NameEn = i.NameEn, UnitZh = i.UnitZh, UnitEn = i.UnitEn, ValueKind = i.ValueKind,
        IsRequired = i.IsRequired, Minimum = i.Minimum, Maximum = i.Maximum, ActiveFrom = i.ActiveFrom, ActiveUntil = i.ActiveUntil,
        SortOrder = i.SortOrder, GroupZh = i.GroupZh, GroupEn = i.GroupEn, Version = i.Version,
    };
}

public sealed record IndicatorRow(int Id, string Code, string Name, string Unit, IndicatorValueKind Kind, bool IsRequired, decimal? Minimum, decimal? Maximum, int ActiveFrom, int? ActiveUntil, int SortOrder, string Group);

/// <summary>The indicators page: the report's indicators and its text sections, both kept by county staff.</summary>
public sealed record IndicatorsPage(IReadOnlyList<IndicatorRow> Indicators, IReadOnlyList<SectionRow> Sections);

public sealed record IndicatorSaveOutcome(bool Saved, IReadOnlyList<(string Field, string Message)> Errors, bool NotFound = false);

/// <summary>The months an indicator or a text section is in force, checked alike for both.</summary>
internal static class ActiveMonths
{
    public static List<(string Field, string Message)> Check(int activeFrom, int? activeUntil, IStringLocalizer l)
    {
        var errors = new List<(string Field, string Message)>();
        if (!ReportCalendar.IsValid(activeFrom))
        {
            errors.Add((nameof(IndicatorInput.ActiveFrom), l["Reports.Indicator.MonthFormat", l["Reports.Indicator.ActiveFrom"]]));
        }

        if (activeUntil is { } until && (!ReportCalendar.IsValid(until) || until < activeFrom))
        {
            errors.Add((nameof(IndicatorInput.ActiveUntil), l["Reports.Indicator.UntilBeforeFrom"]));
        }

        return errors;
    }
}

/// <summary>
/// County staff keep the report's indicators. A change affects reports written from then on; a submitted report
/// keeps the copies of the definitions it was filled against. Codes never change: figures are added up by code.
/// </summary>
public sealed class ReportIndicators(FederationDbContext db, IStringLocalizer<SharedResource> l)
{
    public Task<List<IndicatorRow>> ListAsync(bool english, CancellationToken cancellationToken) =>
        db.ReportIndicators.AsNoTracking()
            .OrderBy(i => i.SortOrder).ThenBy(i => i.Code)
            .Select(i => new IndicatorRow(i.Id, i.Code, english ? i.NameEn : i.NameZh, english ? i.UnitEn : i.UnitZh, i.ValueKind, i.IsRequired,
                i.Minimum, i.Maximum, i.ActiveFrom, i.ActiveUntil, i.SortOrder, english ? i.GroupEn : i.GroupZh))
            .ToListAsync(cancellationToken);

    public Task<ReportIndicator?> FindAsync(int id, CancellationToken cancellationToken) =>
        db.ReportIndicators.SingleOrDefaultAsync(i => i.Id == id, cancellationToken);

    public async Task<IndicatorSaveOutcome> CreateAsync(IndicatorInput input, CancellationToken cancellationToken)
    {
        var errors = Check(input);
        if (await db.ReportIndicators.AnyAsync(i => i.Code == input.Code, cancellationToken))
        {
            errors.Add((nameof(input.Code), l["Reports.Indicator.CodeTaken", input.Code]));
        }

        if (errors.Count > 0)
        {
            return new IndicatorSaveOutcome(false, errors);
        }

        var indicator = new ReportIndicator { Code = input.Code };
        Apply(indicator, input);
        db.ReportIndicators.Add(indicator);
        await db.SaveChangesAsync(cancellationToken);
        return new IndicatorSaveOutcome(true, []);
    }

    public async Task<IndicatorSaveOutcome> UpdateAsync(int id, IndicatorInput input, CancellationToken cancellationToken)
    {
        var indicator = await FindAsync(id, cancellationToken);
        if (indicator is null)
        {
            return new IndicatorSaveOutcome(false, [], NotFound: true);
        }

        input.Code = indicator.Code;
        var errors = Check(input);
        if (errors.Count > 0)
        {
            return new IndicatorSaveOutcome(false, errors);
        }

        if (indicator.Version != input.Version)
        {
            return new IndicatorSaveOutcome(false, [("", l["Concurrency.Conflict"])]);
        }

        db.Entry(indicator).Property(i => i.Version).OriginalValue = input.Version;
        Apply(indicator, input);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new IndicatorSaveOutcome(false, [("", l["Concurrency.Conflict"])]);
        }

        return new IndicatorSaveOutcome(true, []);
    }

    private List<(string Field, string Message)> Check(IndicatorInput input)
    {
        var errors = ActiveMonths.Check(input.ActiveFrom, input.ActiveUntil, l);

        if (input.Minimum is { } min && input.Maximum is { } max && min > max)
        {
            errors.Add((nameof(input.Maximum), l["Reports.Indicator.MaxBelowMin"]));
        }

        return errors;
    }

    private static void Apply(ReportIndicator indicator, IndicatorInput input)
    {
        indicator.NameZh = input.NameZh.Trim();
        indicator.NameEn = input.NameEn.Trim();
        indicator.UnitZh = input.UnitZh.Trim();
        indicator.UnitEn = input.UnitEn.Trim();
        indicator.ValueKind = input.ValueKind;
        indicator.IsRequired = input.IsRequired;
        indicator.Minimum = input.Minimum;
        indicator.Maximum = input.Maximum;
        indicator.ActiveFrom = input.ActiveFrom;
        indicator.ActiveUntil = input.ActiveUntil;
        indicator.SortOrder = input.SortOrder;
        indicator.GroupZh = input.GroupZh.Trim();
        indicator.GroupEn = input.GroupEn.Trim();
    }
}
