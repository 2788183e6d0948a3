using Kaijiang.Federation.Web.Authorization;
using Kaijiang.Federation.Web.Data;
using Kaijiang.Federation.Web.Domain;
using Kaijiang.Federation.Web.Features.Dashboard;
using Kaijiang.Federation.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Kaijiang.Federation.Web.Features.Summary;

[Authorize(Policy = Policies.SignedIn)]
public sealed class SummaryController(
    AnnualSummary summary,
    DashboardFigures figures,
    FederationDbContext db,
    IStringLocalizer<SharedResource> l) : Controller
{
    [HttpGet]
    public async Task<IActionResult> Index(int? year, int? organisationId, CancellationToken cancellationToken)
    {
        var page = await LoadAsync(year, organisationId, cancellationToken);
        return page is null ? NotFound() : View(page);
    }

    /// <summary>The same lines as an Excel workbook: part, term, value as shown, and the number.</summary>
    [HttpGet]
    public async Task<IActionResult> Excel(int? year, int? organisationId, CancellationToken cancellationToken)
    {
        var page = await LoadAsync(year, organisationId, cancellationToken);
        if (page is null)
        {
            return NotFound();
        }

        string part = l["Summary.Column.Part"], term = l["Summary.Column.Term"], value = l["Summary.Column.Value"], number = l["Summary.Column.Number"];
        var rows = page.Parts.SelectMany(p => p.Lines.Select(line => new Dictionary<string, object?>
        {
            [part] = p.Title,
            [term] = line.Label,
            [value] = line.Value,
            [number] = line.Number,
        })).ToList();
        var bytes = await XlsxFile.BytesAsync(rows, page.Year.ToString(System.Globalization.CultureInfo.InvariantCulture), cancellationToken);
        var fileName = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"summary-{page.Year}-{page.Scope.Id}.xlsx");
        return File(bytes, XlsxFile.ContentType, fileName);
    }

    private async Task<SummaryPage?> LoadAsync(int? year, int? organisationId, CancellationToken cancellationToken)
    {
        var today = figures.Today;
        var chosenYear = year ?? today.Year;
        if (chosenYear < 1990 || chosenYear > today.Year)
        {
            chosenYear = today.Year;
        }

        var root = await figures.ScopeRootAsync(cancellationToken);
        var scope = organisationId is { } id ? await figures.FindAsync(id, cancellationToken) : root;
        if (scope is null || root is null)
        {
            return null;
        }

        // The choices: the user's scope and the townships in it (any organisation in scope works through the URL).
        var choices = await db.Organisations.AsNoTracking()
            .Where(o => o.Id == root.Id || o.Kind == OrganisationKind.Township)
            .OrderBy(o => o.Path)
            .Select(o => new SummaryChoice(o.Id, o.Name))
            .ToListAsync(cancellationToken);
        return await summary.BuildAsync(chosenYear, scope, organisationId, choices, cancellationToken);
    }
}
