using System.Globalization;
using System.Security.Claims;
using Kaijiang.Federation.Web.Authorization;
using Kaijiang.Federation.Web.Data;
using Kaijiang.Federation.Web.Domain;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Kaijiang.Federation.Web.Features.Reports;

public enum SaveResult
{
    Saved,
    Submitted,
    NotFound,
    Forbidden,
    /// <summary>Something typed is wrong; the errors say what, field by field.</summary>
    Invalid,
    /// <summary>The report cannot be written now (approved, waiting for review, period not open).</summary>
    Locked,
    /// <summary>Someone else saved the report after this form was read.</summary>
    Conflict,
}

public sealed record SaveOutcome(SaveResult Result, IReadOnlyList<(string Field, string Message)> Errors, ReportLock Lock = ReportLock.None);

/// <summary>
/// Saves a township's report as a draft or submits it: the figures and the status in one SaveChanges, refusing
/// to overwrite a newer save. A draft may be incomplete, never wrong; a submission must be complete.
/// </summary>
public sealed class SaveReport(
    FederationDbContext db,
    IAuthorizationService authorization,
    ReportPages pages,
    TimeProvider clock,
    CurrentUser currentUser,
    IStringLocalizer<SharedResource> l)
{
    public async Task<SaveOutcome> SaveAsync(ClaimsPrincipal user, int organisationId, int period, ReportInput input, bool submitting, CancellationToken cancellationToken)
    {
        if (!ReportCalendar.IsValid(period))
        {
            return new SaveOutcome(SaveResult.NotFound, []);
        }

        // Tracked, so that the audit entry knows the organisation's path.
        var township = await db.Organisations.SingleOrDefaultAsync(o => o.Id == organisationId, cancellationToken);
        if (township is null)
        {
            return new SaveOutcome(SaveResult.NotFound, []);
        }

        if (!(await authorization.AuthorizeAsync(user, OrganisationResource.Of(township), Operations.Submit)).Succeeded)
        {
            return new SaveOutcome(SaveResult.Forbidden, []);
        }

        var report = await db.MonthlyReports.Include(r => r.Values).Include(r => r.Texts)
            .SingleOrDefaultAsync(r => r.OrganisationId == organisationId && r.Period == period, cancellationToken);
        var lockReason = ReportEditing.LockOf(period, clock.Today(), maySubmit: true, report?.Status);
        if (lockReason != ReportLock.None)
        {
            return new SaveOutcome(SaveResult.Locked, [], lockReason);
        }

        if ((report?.Version ?? 0) != input.Version)
        {
            return new SaveOutcome(SaveResult.Conflict, []);
        }

        var indicators = await pages.ApplicableIndicatorsAsync(period, cancellationToken);
        var errors = new List<(string Field, string Message)>();
        var values = new Dictionary<int, decimal?>();
        foreach (var indicator in indicators)
        {
            input.Values.TryGetValue(indicator.Id, out var typed);
            var rule = new IndicatorRule(indicator.ValueKind, indicator.IsRequired, indicator.Minimum, indicator.Maximum);
            var (value, problem) = IndicatorValues.Check(typed, rule, submitting);
            if (problem != ValueProblem.None)
            {
                errors.Add(($"Values[{indicator.Id}]", Describe(problem, indicator)));
            }

            values[indicator.Id] = value;
        }

        var sections = await ReportSections.ApplicableAsync(db, period, cancellationToken);
        foreach (var section in sections)
        {
            input.Texts.TryGetValue(section.Id, out var text);
            CheckText(errors, section, text, submitting);
        }

        if (errors.Count > 0)
        {
            return new SaveOutcome(SaveResult.Invalid, errors);
        }

        if (report is null)
        {
            // Version 1, not 0: a form read before the report existed carries 0 and is stale once it does.
            report = new MonthlyReport { OrganisationId = organisationId, Period = period, Status = ReportStatus.Draft, Version = 1 };
            db.MonthlyReports.Add(report);
        }
        else
        {
            // Compare against the version the user read; the report row changes on every save, so that a
            // change to the figures alone still moves the version on.
            var entry = db.Entry(report);
            entry.Property(r => r.Version).OriginalValue = input.Version;
            entry.Property(r => r.Version).IsModified = true;
        }

        ApplyValues(report, indicators, values);
        ApplyTexts(report, sections, input.Texts);
        if (submitting)
        {
            report.Status = ReportStatus.Submitted;
            report.SubmittedAt = clock.GetUtcNow();
            report.SubmittedBy = currentUser.UserName;
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // A concurrency failure, or another session created the same township's month first.
            db.ChangeTracker.Clear();
            return new SaveOutcome(SaveResult.Conflict, []);
        }

        return new SaveOutcome(submitting ? SaveResult.Submitted : SaveResult.Saved, []);
    }

    /// <summary>Each figure keeps a copy of the definition it was filled against; figures of indicators no longer in force go.</summary>
    private static void ApplyValues(MonthlyReport report, List<ReportIndicator> indicators, Dictionary<int, decimal?> values)
    {
        var inForce = indicators.Select(i => i.Id).ToHashSet();
        report.Values.RemoveAll(v => !inForce.Contains(v.ReportIndicatorId));
        foreach (var indicator in indicators)
        {
            var value = report.Values.FirstOrDefault(v => v.ReportIndicatorId == indicator.Id);
            if (value is null)
            {
                value = new MonthlyReportValue { ReportIndicatorId = indicator.Id };
                report.Values.Add(value);
            }

            value.IndicatorCode = indicator.Code;
            value.IndicatorNameZh = indicator.NameZh;
            value.IndicatorNameEn = indicator.NameEn;
            value.UnitZh = indicator.UnitZh;
            value.UnitEn = indicator.UnitEn;
            value.ValueKind = indicator.ValueKind;
            value.Value = values[indicator.Id];
        }
    }

    /// <summary>Each text keeps a copy of the section it was written against; texts of sections no longer in force go.</summary>
    private static void ApplyTexts(MonthlyReport report, List<ReportSection> sections, Dictionary<int, string?> typed)
    {
        var inForce = sections.Select(s => s.Id).ToHashSet();
        report.Texts.RemoveAll(t => !inForce.Contains(t.ReportSectionId));
        foreach (var section in sections)
        {
            var text = report.Texts.FirstOrDefault(t => t.ReportSectionId == section.Id);
            if (text is null)
            {
                text = new MonthlyReportText { ReportSectionId = section.Id };
                report.Texts.Add(text);
            }

            text.SectionCode = section.Code;
            text.SectionNameZh = section.NameZh;
            text.SectionNameEn = section.NameEn;
            text.SortOrder = section.SortOrder;
            text.Text = Clean(typed.GetValueOrDefault(section.Id));
        }
    }

    /// <summary>The field name of a section's text in the form (and of its error).</summary>
    public static string TextField(int sectionId) => $"Texts[{sectionId}]";

    private void CheckText(List<(string Field, string Message)> errors, ReportSection section, string? text, bool submitting)
    {
        var english = CultureInfo.CurrentUICulture.Name.StartsWith("en", StringComparison.Ordinal);
        var name = english ? section.NameEn : section.NameZh;
        if (submitting && section.IsRequired && string.IsNullOrWhiteSpace(text))
        {
            errors.Add((TextField(section.Id), l["Reports.Problem.Required", name]));
        }
        else if (text is not null && text.Trim().Length > section.Limit)
        {
            errors.Add((TextField(section.Id), l["Reports.Problem.TooLong", name, section.Limit, text.Trim().Length]));
        }
    }

    private string Describe(ValueProblem problem, ReportIndicator indicator)
    {
        var english = CultureInfo.CurrentUICulture.Name.StartsWith("en", StringComparison.Ordinal);
        var name = english ? indicator.NameEn : indicator.NameZh;
        string Number(decimal? n) => n?.ToString("#,0.####", CultureInfo.CurrentCulture) ?? "";
        return problem switch
        {
            ValueProblem.NotANumber => l["Reports.Problem.NotANumber", name],
            ValueProblem.NotWhole => l["Reports.Problem.NotWhole", name],
            ValueProblem.TooManyDecimals => l["Reports.Problem.TooManyDecimals", name, IndicatorValues.MaxDecimals],
            ValueProblem.BelowMinimum => l["Reports.Problem.BelowMinimum", name, Number(indicator.Minimum)],
            ValueProblem.AboveMaximum => l["Reports.Problem.AboveMaximum", name, Number(indicator.Maximum)],
            _ => l["Reports.Problem.Required", name],
        };
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
