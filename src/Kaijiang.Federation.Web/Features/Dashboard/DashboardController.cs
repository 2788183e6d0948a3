using Kaijiang.Federation.Web.Authorization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Kaijiang.Federation.Web.Features.Dashboard;

[Authorize(Policy = Policies.SignedIn)]
public sealed class DashboardController(HeadlineFigures figures) : Controller
{
    [HttpGet]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) =>
        View(await figures.ForScopeAsync(cancellationToken));
}
