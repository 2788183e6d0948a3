using System.Diagnostics;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Kaijiang.Federation.Web.Features.Errors;

public sealed class ErrorViewModel
{
    public int StatusCode { get; init; }

    /// <summary>The request id, also written in the log, so that a reported error can be found.</summary>
    public string Reference { get; init; } = "";
}

[AllowAnonymous]
[IgnoreAntiforgeryToken]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class ErrorsController : Controller
{
    [Route("/Error")]
    [Route("/Error/{statusCode:int}")]
    public IActionResult Index(int? statusCode = null)
    {
        var code = statusCode ?? StatusCodes.Status500InternalServerError;
        Response.StatusCode = code;
        return View(new ErrorViewModel
        {
            StatusCode = code,
            Reference = Activity.Current?.TraceId.ToString() ?? HttpContext.TraceIdentifier,
        });
    }
}
