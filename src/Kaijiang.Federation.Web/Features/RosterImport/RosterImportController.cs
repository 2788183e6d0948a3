using Kaijiang.Federation.Web.Authorization;
using Kaijiang.Federation.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Kaijiang.Federation.Web.Features.RosterImport;

public sealed record ImportPage(IReadOnlyList<TargetOption> Organisations, int? OrganisationId, FileProblem? Problem);

public sealed record PreviewPage(string Token, string FileName, int OrganisationId, string OrganisationName, RosterPreview Preview, bool Refreshed);

/// <summary>Roster import from Excel: template, upload and preview, commit. County staff's work (policy and a check on the target).</summary>
[Route("RosterImport")]
[Authorize(Policy = Policies.Import)]
public sealed class RosterImportController(
    ImportTargets targets,
    ImportRoster import,
    ImportBatchStore batches,
    IAuthorizationService authorization,
    CurrentUser currentUser,
    IStringLocalizer<SharedResource> l) : Controller
{
    /// <summary>A little more than the file limit, for the form's other fields; the file's own size is checked with a message.</summary>
    private const long RequestLimit = RosterSheetReader.MaxBytes + (1024 * 1024);

    [HttpGet("")]
    public async Task<IActionResult> Index(int? organisationId, CancellationToken cancellationToken) =>
        View(new ImportPage(await targets.OptionsAsync(cancellationToken), organisationId ?? currentUser.ScopeOrganisationId, null));

    [HttpGet("Template")]
    public async Task<IActionResult> Template(CancellationToken cancellationToken) =>
        File(await RosterTemplate.BuildAsync(cancellationToken), XlsxFile.ContentType, RosterTemplate.FileName);

    [HttpPost("Upload")]
    [RequestSizeLimit(RequestLimit)]
    [RequestFormLimits(MultipartBodyLengthLimit = RequestLimit)]
    public async Task<IActionResult> Upload(int organisationId, IFormFile? file, CancellationToken cancellationToken)
    {
        var target = await targets.FindAsync(organisationId, cancellationToken);
        if (target is null)
        {
            return NotFound();
        }

        if (!(await authorization.AuthorizeAsync(User, OrganisationResource.Of(target), Operations.Import)).Succeeded)
        {
            return Forbid();
        }

        var outcome = await import.UploadAsync(target, file, cancellationToken);
        if (outcome.Problem is not null)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return View(nameof(Index), new ImportPage(await targets.OptionsAsync(cancellationToken), organisationId, outcome.Problem));
        }

        return RedirectToAction(nameof(Preview), new { token = outcome.Token });
    }

    [HttpGet("Preview/{token}")]
    public async Task<IActionResult> Preview(string token, CancellationToken cancellationToken)
    {
        var batch = await batches.FindPreviewAsync(token, currentUser.UserId, cancellationToken);
        if (batch is null)
        {
            return NotFound();
        }

        var target = await targets.FindAsync(batch.OrganisationId, cancellationToken);
        return target is null
            ? NotFound()
            : View(new PreviewPage(batch.Token, batch.FileName, target.Id, target.Name, batch.Preview, Refreshed: false));
    }

    [HttpPost("Commit/{token}")]
    public async Task<IActionResult> Commit(string token, CancellationToken cancellationToken)
    {
        // Another user's token, an expired one and a made-up one look the same: not found.
        var batch = await batches.FindRowsAsync(token, currentUser.UserId, cancellationToken);
        if (batch is null)
        {
            return NotFound();
        }

        var target = await targets.FindAsync(batch.OrganisationId, cancellationToken);
        if (target is null)
        {
            return NotFound();
        }

        if (!(await authorization.AuthorizeAsync(User, OrganisationResource.Of(target), Operations.Import)).Succeeded)
        {
            return Forbid();
        }

        var outcome = await import.CommitAsync(batch, target, cancellationToken);
        if (outcome.Gone)
        {
            return NotFound();
        }

        if (outcome.Refused is { } refused)
        {
            Response.StatusCode = StatusCodes.Status409Conflict;
            return View(nameof(Preview), new PreviewPage(batch.Token, batch.FileName, target.Id, target.Name, refused, Refreshed: true));
        }

        TempData["Success"] = l["RosterImport.Committed", outcome.Created, outcome.Updated, outcome.Unchanged].Value;
        return Redirect($"/Organisations/Details/{target.Id}");
    }
}
