using System.Globalization;
using Kaijiang.Federation.Web.Authorization;
using Kaijiang.Federation.Web.Domain;
using Kaijiang.Federation.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Kaijiang.Federation.Web.Features.Reports;

/// <summary>Monthly reports: the chair's form, county staff's review, completeness, totals and exports.</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class ReportsController(
    ReportPages pages,
    SaveReport save,
    ReviewReport review,
    ReportCompleteness completeness,
    ReportTotals totals,
    ReportExports exports,
    ReportIndicators indicators,
    ReportSections sections,
    CurrentUser currentUser,
    TimeProvider clock,
    IStringLocalizer<SharedResource> l) : Controller
{
    private static bool English => CultureInfo.CurrentUICulture.Name.StartsWith("en", StringComparison.Ordinal);

    /// <summary>Lands each role where its work is: the chair on her month, county staff on the review queue, others on completeness.</summary>
    [HttpGet]
    [Authorize(Policy = Policies.SignedIn)]
    public IActionResult Index() => currentUser.Role switch
    {
        Roles.TownshipChair => RedirectToAction(nameof(Current)),
        Roles.CountyStaff or Roles.SystemAdmin => RedirectToAction(nameof(Review)),
        _ => RedirectToAction(nameof(Completeness)),
    };

    [HttpGet]
    [Authorize(Policy = Policies.SubmitReports)]
    public async Task<IActionResult> Current(CancellationToken cancellationToken)
    {
        var township = await pages.TownshipOfAsync(currentUser.ScopeOrganisationId, cancellationToken);
        if (township is null)
        {
            return NotFound();
        }

        var model = await pages.LoadAsync(User, township.Value, ReportCalendar.CurrentPeriod(clock.Today()), null, cancellationToken);
        return model is null ? NotFound() : View(nameof(Report), model);
    }

    [HttpGet]
    [Authorize(Policy = Policies.SignedIn)]
    public async Task<IActionResult> Report(int organisationId, int period, CancellationToken cancellationToken)
    {
        var model = await pages.LoadAsync(User, organisationId, period, null, cancellationToken);
        return model is null ? NotFound() : View(model);
    }

    [HttpPost]
    [Authorize(Policy = Policies.SubmitReports)]
    public async Task<IActionResult> Save(int organisationId, int period, ReportInput input, string? intent, CancellationToken cancellationToken)
    {
        var submitting = intent == "submit";
        var outcome = await save.SaveAsync(User, organisationId, period, input, submitting, cancellationToken);
        switch (outcome.Result)
        {
            case SaveResult.NotFound:
                return NotFound();
            case SaveResult.Forbidden:
                return Forbid();
            case SaveResult.Saved or SaveResult.Submitted:
                TempData["Success"] = l[submitting ? "Reports.SubmittedMessage" : "Reports.SavedMessage"].Value;
                return RedirectToAction(nameof(Report), new { organisationId, period });
        }

        // Refused: the form comes back with what was typed and the reason, field by field where there is a field.
        ModelState.Clear();
        var summary = outcome.Result switch
        {
            SaveResult.Locked => l["Reports.NotSavedLocked"],
            SaveResult.Conflict => l["Reports.Conflict"],
            _ => l[submitting ? "Reports.NotSubmitted" : "Reports.NotSaved"],
        };
        ModelState.AddModelError("", summary);
        foreach (var (field, message) in outcome.Errors)
        {
            ModelState.AddModelError(field, message);
        }

        var model = await pages.LoadAsync(User, organisationId, period, input, cancellationToken);
        if (model is null)
        {
            return NotFound();
        }

        if (outcome.Result == SaveResult.Conflict)
        {
            // Keep her typing but move the form to the current version, so that saving again is a deliberate choice.
            var current = await pages.LoadAsync(User, organisationId, period, null, cancellationToken);
            model.Version = current?.Version ?? model.Version;
        }

        ViewData["TypedForm"] = true;
        Response.StatusCode = outcome.Result == SaveResult.Invalid ? StatusCodes.Status200OK : StatusCodes.Status409Conflict;
        return View(nameof(Report), model);
    }

    [HttpPost]
    [Authorize(Policy = Policies.Review)]
    public Task<IActionResult> Approve(int organisationId, int period, int version, CancellationToken cancellationToken) =>
        ReviewAsync(organisationId, period, version, ReviewStep.Approve, null, cancellationToken);

    [HttpPost]
    [Authorize(Policy = Policies.Review)]
    public Task<IActionResult> Return(int organisationId, int period, int version, string? comment, CancellationToken cancellationToken) =>
        ReviewAsync(organisationId, period, version, ReviewStep.Return, comment, cancellationToken);

    [HttpPost]
    [Authorize(Policy = Policies.Review)]
    public Task<IActionResult> Reopen(int organisationId, int period, int version, string? comment, CancellationToken cancellationToken) =>
        ReviewAsync(organisationId, period, version, ReviewStep.Reopen, comment, cancellationToken);

    /// <summary>County staff's queue: submitted reports waiting for review, oldest first.</summary>
    [HttpGet]
    [Authorize(Policy = Policies.Review)]
    public async Task<IActionResult> Review(CancellationToken cancellationToken) =>
        View(await completeness.AwaitingReviewAsync(cancellationToken));

    [HttpGet]
    [Authorize(Policy = Policies.SignedIn)]
    public async Task<IActionResult> Completeness(int? year, CancellationToken cancellationToken)
    {
        var y = year is >= 2000 and <= 2100 ? year.Value : ReportCalendar.CurrentPeriod(clock.Today()) / 100;
        return View(await completeness.MatrixAsync(y, cancellationToken));
    }

    [HttpGet]
    [Authorize(Policy = Policies.SignedIn)]
    public async Task<IActionResult> Missing(int? period, CancellationToken cancellationToken) =>
        View(await completeness.MissingAsync(period, cancellationToken));

    [HttpGet]
    [Authorize(Policy = Policies.Export)]
    public async Task<IActionResult> MissingExport(int? period, CancellationToken cancellationToken)
    {
        var list = await completeness.MissingAsync(period, cancellationToken);
        return File(await exports.MissingAsync(list.Period, cancellationToken), XlsxFile.ContentType, $"missing-reports-{list.Period}.xlsx");
    }

    [HttpGet]
    [Authorize(Policy = Policies.SignedIn)]
    public async Task<IActionResult> Totals(int? year, int? month, CancellationToken cancellationToken)
    {
        var current = ReportCalendar.CurrentPeriod(clock.Today());
        var y = year is >= 2000 and <= 2100 ? year.Value : current / 100;
        var m = month is >= 1 and <= 12 ? month : null;
        return View(await totals.ForAsync(y, m, cancellationToken));
    }

    [HttpGet]
    [Authorize(Policy = Policies.Export)]
    public async Task<IActionResult> MonthExport(int period, CancellationToken cancellationToken)
    {
        if (!ReportCalendar.IsValid(period))
        {
            return NotFound();
        }

        return File(await exports.MonthAsync(period, cancellationToken), XlsxFile.ContentType, $"monthly-reports-{period}.xlsx");
    }

    [HttpGet]
    [Authorize(Policy = Policies.ManageIndicators)]
    public async Task<IActionResult> Indicators(CancellationToken cancellationToken) =>
        View(new IndicatorsPage(await indicators.ListAsync(English, cancellationToken), await sections.ListAsync(English, cancellationToken)));

    [HttpGet]
    [Authorize(Policy = Policies.ManageIndicators)]
    public IActionResult CreateSection() =>
        View("SectionForm", new SectionInput { ActiveFrom = ReportCalendar.CurrentPeriod(clock.Today()) });

    [HttpPost]
    [Authorize(Policy = Policies.ManageIndicators)]
    public async Task<IActionResult> CreateSection(SectionInput input, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return View("SectionForm", input);
        }

        return SectionSaved(await sections.CreateAsync(input, cancellationToken), input);
    }

    [HttpGet]
    [Authorize(Policy = Policies.ManageIndicators)]
    public async Task<IActionResult> EditSection(int id, CancellationToken cancellationToken)
    {
        var section = await sections.FindAsync(id, cancellationToken);
        return section is null ? NotFound() : View("SectionForm", SectionInput.From(section));
    }

    [HttpPost]
    [Authorize(Policy = Policies.ManageIndicators)]
    public async Task<IActionResult> EditSection(int id, SectionInput input, CancellationToken cancellationToken)
    {
        ModelState.Remove(nameof(input.Code));
        if (!ModelState.IsValid)
        {
            return View("SectionForm", input);
        }

        var outcome = await sections.UpdateAsync(id, input, cancellationToken);
        return outcome.NotFound ? NotFound() : SectionSaved(outcome, input);
    }

    private IActionResult SectionSaved(IndicatorSaveOutcome outcome, SectionInput input) =>
        Saved(outcome, "SectionForm", input, l["Reports.Section.Saved"]);

    private IActionResult IndicatorSaved(IndicatorSaveOutcome outcome, IndicatorInput input) =>
        Saved(outcome, "IndicatorForm", input, l["Reports.Indicator.Saved"]);

    /// <summary>After saving an indicator or a section: back to the list, or the form again with the errors.</summary>
    private IActionResult Saved(IndicatorSaveOutcome outcome, string form, object input, LocalizedString saved)
    {
        if (outcome.Saved)
        {
            TempData["Success"] = saved.Value;
            return RedirectToAction(nameof(Indicators));
        }

        foreach (var (field, message) in outcome.Errors)
        {
            ModelState.AddModelError(field, message);
        }

        return View(form, input);
    }

    [HttpGet]
    [Authorize(Policy = Policies.ManageIndicators)]
    public IActionResult CreateIndicator() =>
        View("IndicatorForm", new IndicatorInput { ActiveFrom = ReportCalendar.CurrentPeriod(clock.Today()) });

    [HttpPost]
    [Authorize(Policy = Policies.ManageIndicators)]
    public async Task<IActionResult> CreateIndicator(IndicatorInput input, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return View("IndicatorForm", input);
        }

        var outcome = await indicators.CreateAsync(input, cancellationToken);
        return IndicatorSaved(outcome, input);
    }

    [HttpGet]
    [Authorize(Policy = Policies.ManageIndicators)]
    public async Task<IActionResult> EditIndicator(int id, CancellationToken cancellationToken)
    {
        var indicator = await indicators.FindAsync(id, cancellationToken);
        return indicator is null ? NotFound() : View("IndicatorForm", IndicatorInput.From(indicator));
    }

    [HttpPost]
    [Authorize(Policy = Policies.ManageIndicators)]
    public async Task<IActionResult> EditIndicator(int id, IndicatorInput input, CancellationToken cancellationToken)
    {
        ModelState.Remove(nameof(input.Code));
        if (!ModelState.IsValid)
        {
            return View("IndicatorForm", input);
        }

        var outcome = await indicators.UpdateAsync(id, input, cancellationToken);
        return outcome.NotFound ? NotFound() : IndicatorSaved(outcome, input);
    }

    private async Task<IActionResult> ReviewAsync(int organisationId, int period, int version, ReviewStep step, string? comment, CancellationToken cancellationToken)
    {
        var outcome = await review.ApplyAsync(User, organisationId, period, version, step, comment, cancellationToken);
        if (outcome.Result == ReviewResult.NotFound)
        {
            return NotFound();
        }

        if (outcome.Result == ReviewResult.Forbidden)
        {
            return Forbid();
        }

        if (outcome.Result == ReviewResult.Done)
        {
            TempData["Success"] = l[$"Reports.Review.Done.{step}"].Value;
            return RedirectToAction(nameof(Report), new { organisationId, period });
        }

        var message = outcome.Result switch
        {
            ReviewResult.CommentRequired => l[$"Reports.Review.CommentRequired.{step}"],
            ReviewResult.Conflict => l["Reports.Conflict"],
            _ => l[$"Reports.Review.WrongState.{step}", outcome.Status is { } s ? l["ReportStatus." + s] : l["Reports.NotStarted"]],
        };
        ModelState.AddModelError(outcome.Result == ReviewResult.CommentRequired ? "comment" : "", message);
        var model = await pages.LoadAsync(User, organisationId, period, null, cancellationToken);
        if (model is null)
        {
            return NotFound();
        }

        Response.StatusCode = outcome.Result == ReviewResult.CommentRequired ? StatusCodes.Status200OK : StatusCodes.Status409Conflict;
        return View(nameof(Report), model);
    }
}
