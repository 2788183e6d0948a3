using Microsoft.AspNetCore.Mvc;

namespace Kaijiang.Federation.Web.Features.Dashboard;

public sealed class DashboardController(HeadlineFigures figures) : Controller
{
    [HttpGet]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) =>
        View(await figures.ForScopeAsync(cancellationToken));
}
