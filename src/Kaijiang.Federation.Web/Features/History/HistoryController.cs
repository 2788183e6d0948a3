using Kaijiang.Federation.Web.Authorization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Kaijiang.Federation.Web.Features.History;

/// <summary>
/// The history of a record (<c>/History/Organisation/12</c>, <c>/History/Person/345</c> …) for anyone who may read it,
/// and the audit search for county staff. A record outside the user's subtree, or of an unknown type, is not found.
/// </summary>
[Route("History")]
public sealed class HistoryController(RecordHistory history, SearchAuditLog search, IAuthorizationService authorization) : Controller
{
    [HttpGet("Search")]
    [Authorize(Policy = Policies.AuditLog)]
    public async Task<IActionResult> Search([FromQuery] AuditSearchFilter filter, CancellationToken cancellationToken) =>
        View(await search.RunAsync(filter, cancellationToken));

    [HttpGet("{entityType}/{id:int}")]
    [Authorize(Policy = Policies.SignedIn)]
    public async Task<IActionResult> Record(string entityType, int id, int page = 1, CancellationToken cancellationToken = default)
    {
        var owner = await history.OwnerAsync(entityType, id, cancellationToken);
        if (owner is null)
        {
            return NotFound();
        }

        if (!(await authorization.AuthorizeAsync(User, owner, Operations.Read)).Succeeded)
        {
            return NotFound();
        }

        return View(await history.PageAsync(entityType, id, owner, page, cancellationToken));
    }
}
