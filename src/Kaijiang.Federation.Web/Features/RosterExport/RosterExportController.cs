using Kaijiang.Federation.Web.Authorization;
using Kaijiang.Federation.Web.Domain;
using Kaijiang.Federation.Web.Features.RosterImport;
using Kaijiang.Federation.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Kaijiang.Federation.Web.Features.RosterExport;

/// <summary>Downloads a roster list as .xlsx: policy Export, then the organisation is checked for Export.</summary>
[Authorize(Policy = Policies.Export)]
public sealed class RosterExportController(ImportTargets targets, ExportRoster export, IAuthorizationService authorization, CurrentUser currentUser, TimeProvider clock) : Controller
{
    [HttpGet]
    public async Task<IActionResult> Index([FromQuery] RosterFilter filter, CancellationToken cancellationToken)
    {
        var organisation = await targets.FindAsync(filter.OrganisationId ?? currentUser.ScopeOrganisationId ?? 0, cancellationToken);
        if (organisation is null)
        {
            return NotFound();
        }

        if (!(await authorization.AuthorizeAsync(User, OrganisationResource.Of(organisation), Operations.Export)).Succeeded)
        {
            return Forbid();
        }

        // A temporary file, not memory: a province's roster is hundreds of thousands of rows. Deleted when sent.
        var file = new FileStream(
            Path.Combine(Path.GetTempPath(), "kjfl-export-" + Guid.NewGuid().ToString("N") + ".xlsx"),
            FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 64 * 1024, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        try
        {
            await export.WriteAsync(organisation, filter, file, cancellationToken);
            file.Position = 0;
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }

        var name = $"{organisation.Name}-名册-{clock.Today():yyyyMMdd}.xlsx";
        return File(file, XlsxFile.ContentType, name);
    }
}
