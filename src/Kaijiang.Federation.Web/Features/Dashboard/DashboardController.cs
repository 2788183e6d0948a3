using Kaijiang.Federation.Web.Authorization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Kaijiang.Federation.Web.Features.Dashboard;

[Authorize(Policy = Policies.SignedIn)]
public sealed class DashboardController(DashboardFigures figures, DashboardLookups lookups, DashboardPageBuilder builder) : Controller
{
    /// <summary>The landing page: the figures of the user's whole scope.</summary>
    [HttpGet]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        var root = await figures.ScopeRootAsync(cancellationToken);
        if (root is null)
        {
            return NotFound();
        }

        var data = await figures.ForAsync(root, cancellationToken);
        return View(builder.Build(data, [], isUserScope: true));
    }

    /// <summary>The same figures for any organisation in scope; outside the scope it answers 404.</summary>
    [HttpGet("/Dashboard/Organisation/{id:int}")]
    public async Task<IActionResult> Organisation(int id, CancellationToken cancellationToken)
    {
        var organisation = await figures.FindAsync(id, cancellationToken);
        if (organisation is null)
        {
            return NotFound();
        }

        var ancestors = await lookups.AncestorsAsync(organisation, cancellationToken);
        var data = await figures.ForAsync(organisation, cancellationToken);
        return View(nameof(Index), builder.Build(data, ancestors, isUserScope: ancestors.Count == 0));
    }

    /// <summary>All townships in scope side by side; <paramref name="sort"/> names a column, kept in the URL.</summary>
    [HttpGet]
    public async Task<IActionResult> Townships(string? sort, bool desc, CancellationToken cancellationToken)
    {
        var root = await figures.ScopeRootAsync(cancellationToken);
        var length = await lookups.TownshipPathLengthAsync(cancellationToken);
        if (root is null || length == 0 || length < root.Path.Length)
        {
            return NotFound();
        }

        var data = await figures.ForAsync(root, length, figures.Today, cancellationToken);
        var rows = data.Parts.Select(p => new PartRow(p.Organisation, p.Figures));
        var column = TownshipComparisonPage.Columns.FirstOrDefault(c => string.Equals(c.Sort, sort, StringComparison.OrdinalIgnoreCase));
        var sortName = column?.Sort ?? TownshipComparisonPage.NameSort;
        return View(new TownshipComparisonPage
        {
            Rows = TownshipComparisonPage.Sorted(rows, sortName, desc),
            Sort = sortName,
            Descending = desc,
            Year = data.AsOf.Year,
        });
    }
}
