using System.Text;
using Microsoft.AspNetCore.Mvc;

namespace Kaijiang.Federation.Web.Infrastructure;

/// <summary>
/// Where to go back to after signing in or switching the language: a local URL only (no open redirect), and one that
/// can go into a Location header. Non-ASCII characters (a typed search, or a scanner's "¿") are percent-encoded — a raw
/// one makes the server refuse the header with a 500; control characters (header injection) send the user home.
/// </summary>
public static class ReturnUrl
{
    public static string Safe(IUrlHelper url, string? returnUrl)
    {
        if (string.IsNullOrEmpty(returnUrl) || !url.IsLocalUrl(returnUrl) || returnUrl.Any(char.IsControl))
        {
            return "/";
        }

        var safe = new StringBuilder(returnUrl.Length);
        Span<byte> bytes = stackalloc byte[4];
        foreach (var rune in returnUrl.EnumerateRunes())
        {
            if (rune.IsAscii)
            {
                safe.Append((char)rune.Value);
                continue;
            }

            var count = rune.EncodeToUtf8(bytes);
            for (var i = 0; i < count; i++)
            {
                safe.Append('%').Append(bytes[i].ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return safe.ToString();
    }
}
