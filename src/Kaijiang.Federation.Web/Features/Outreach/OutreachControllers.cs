using Kaijiang.Federation.Web.Authorization;
using Kaijiang.Federation.Web.Features.Programmes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Kaijiang.Federation.Web.Features.Outreach;

/// <summary>Partners the federation built or contracts, read-only (county staff keep them in the database for now).</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class PartnersController(OutreachLists lists) : Controller
{
    [HttpGet]
    [Authorize(Policy = Policies.SignedIn)]
    public async Task<IActionResult> Index([FromQuery] RegisterFilter filter, CancellationToken cancellationToken) =>
        View("RegisterIndex", await lists.PartnersAsync(filter, everything: false, cancellationToken));
}

/// <summary>The online channels the federation serves women through, read-only.</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class ChannelsController(OutreachLists lists) : Controller
{
    [HttpGet]
    [Authorize(Policy = Policies.SignedIn)]
    public async Task<IActionResult> Index([FromQuery] RegisterFilter filter, CancellationToken cancellationToken) =>
        View("RegisterIndex", await lists.ChannelsAsync(filter, everything: false, cancellationToken));
}
