using System.Diagnostics;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics;
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
        var error = HttpContext.Features.Get<IExceptionHandlerFeature>()?.Error;
        var code = statusCode
            ?? (IsDatabaseUnavailable(error) ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status500InternalServerError);
        Response.StatusCode = code;
        return View(new ErrorViewModel
        {
            StatusCode = code,
            Reference = Activity.Current?.TraceId.ToString() ?? HttpContext.TraceIdentifier,
        });
    }

    /// <summary>A database that cannot be reached is a 503 (try again later), not a 500 (our fault).</summary>
    internal static bool IsDatabaseUnavailable(Exception? error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            if (e is System.Data.Common.DbException or System.Net.Sockets.SocketException or TimeoutException
                or Microsoft.EntityFrameworkCore.Storage.RetryLimitExceededException)
            {
                return true;
            }
        }

        return false;
    }
}
