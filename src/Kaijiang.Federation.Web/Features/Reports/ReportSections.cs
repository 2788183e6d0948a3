using System.ComponentModel.DataAnnotations;
using Kaijiang.Federation.Web.Data;
using Kaijiang.Federation.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Kaijiang.Federation.Web.Features.Reports;

public sealed class SectionInput
{
    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(40, ErrorMessage = "Validation.StringLength")]
    [RegularExpression("^[a-z][a-z0-9_]*$", ErrorMessage = "Reports.Indicator.CodeFormat")]
    [Display(Name = "Reports.Indicator.Code")]
    public string Code { get; set; } = "";

    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(100, ErrorMessage = "Validation.StringLength")]
    [Display(Name = "Reports.Section.NameZh")]
    public string NameZh { get; set; } = "";

    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(200, ErrorMessage = "Validation.StringLength")]
    [Display(Name = "Reports.Section.NameEn")]
    public string NameEn { get; set; } = "";

    [Display(Name = "Reports.Section.Required")]
    public bool IsRequired { get; set; }

    [Range(1, ReportSection.TextMaxLength, ErrorMessage = "Validation.Range")]
    [Display(Name = "Reports.Section.MaxLength")]
    public int? MaxLength { get; set; }

    [Range(190001, 999912, ErrorMessage = "Reports.Indicator.MonthFormat")]
    [Display(Name = "Reports.Indicator.ActiveFrom")]
    public int ActiveFrom { get; set; }

    [Range(190001, 999912, ErrorMessage = "Reports.Indicator.MonthFormat")]
    [Display(Name = "Reports.Indicator.ActiveUntil")]
    public int? ActiveUntil { get; set; }

    [Range(0, 10000, ErrorMessage = "Validation.Range")]
    [Display(Name = "Reports.Indicator.SortOrder")]
    public int SortOrder { get; set; }

    public int Version { get; set; }

    public static SectionInput From(ReportSection s) => new()
    {
        Code = s.Code, NameZh = s.NameZh, NameEn = s.NameEn, IsRequired = s.IsRequired, MaxLength = s.MaxLength,
        ActiveFrom = s.ActiveFrom, ActiveUntil = s.ActiveUntil, SortOrder = s.SortOrder, Version = s.Version,
    };
}

public sealed record SectionRow(int Id, string Code, string Name, bool IsRequired, int? MaxLength, int ActiveFrom, int? ActiveUntil, int SortOrder);

/// <summary>
/// County staff keep the report's text sections, as they keep its indicators: a change affects reports written
/// from then on, a report keeps the copies of the definitions it was written against, and codes never change.
/// </summary>
public sealed class ReportSections(FederationDbContext db, IStringLocalizer<SharedResource> l)
{
    public Task<List<SectionRow>> ListAsync(bool english, CancellationToken cancellationToken) =>
        db.ReportSections.AsNoTracking()
            .OrderBy(s => s.SortOrder).ThenBy(s => s.Code)
            .Select(s => new SectionRow(s.Id, s.Code, english ? s.NameEn : s.NameZh, s.IsRequired, s.MaxLength, s.ActiveFrom, s.ActiveUntil, s.SortOrder))
            .ToListAsync(cancellationToken);

    public Task<ReportSection?> FindAsync(int id, CancellationToken cancellationToken) =>
        db.ReportSections.SingleOrDefaultAsync(s => s.Id == id, cancellationToken);

    /// <summary>The sections in force for a period, in the order county staff set.</summary>
    public static Task<List<ReportSection>> ApplicableAsync(FederationDbContext db, int period, CancellationToken cancellationToken) =>
        db.ReportSections.AsNoTracking()
            .Where(s => s.ActiveFrom <= period && (s.ActiveUntil == null || s.ActiveUntil >= period))
            .OrderBy(s => s.SortOrder).ThenBy(s => s.Code)
            .ToListAsync(cancellationToken);

    public async Task<IndicatorSaveOutcome> CreateAsync(SectionInput input, CancellationToken cancellationToken)
    {
        var errors = ActiveMonths.Check(input.ActiveFrom, input.ActiveUntil, l);
        if (await db.ReportSections.AnyAsync(s => s.Code == input.Code, cancellationToken))
        {
            errors.Add((nameof(input.Code), l["Reports.Section.CodeTaken", input.Code]));
        }

        if (errors.Count > 0)
        {
            return new IndicatorSaveOutcome(false, errors);
        }

        var section = new ReportSection { Code = input.Code };
        Apply(section, input);
        db.ReportSections.Add(section);
        await db.SaveChangesAsync(cancellationToken);
        return new IndicatorSaveOutcome(true, []);
    }

    public async Task<IndicatorSaveOutcome> UpdateAsync(int id, SectionInput input, CancellationToken cancellationToken)
    {
        var section = await FindAsync(id, cancellationToken);
        if (section is null)
        {
            return new IndicatorSaveOutcome(false, [], NotFound: true);
        }

        input.Code = section.Code;
        var errors = ActiveMonths.Check(input.ActiveFrom, input.ActiveUntil, l);
        if (errors.Count > 0)
        {
            return new IndicatorSaveOutcome(false, errors);
        }

        if (section.Version != input.Version)
        {
            return new IndicatorSaveOutcome(false, [("", l["Concurrency.Conflict"])]);
        }

        db.Entry(section).Property(s => s.Version).OriginalValue = input.Version;
        Apply(section, input);
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

    private static void Apply(ReportSection section, SectionInput input)
    {
        section.NameZh = input.NameZh.Trim();
        section.NameEn = input.NameEn.Trim();
        section.IsRequired = input.IsRequired;
        section.MaxLength = input.MaxLength;
        section.ActiveFrom = input.ActiveFrom;
        section.ActiveUntil = input.ActiveUntil;
        section.SortOrder = input.SortOrder;
    }
}
