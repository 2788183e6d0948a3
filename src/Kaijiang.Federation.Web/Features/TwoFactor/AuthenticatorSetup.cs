using System.Text;
using QRCoder;

namespace Kaijiang.Federation.Web.Features.TwoFactor;

/// <summary>What an authenticator app needs to add the account: the shared key and the otpauth:// URI (RFC 6238, Key Uri Format).</summary>
public static class AuthenticatorSetup
{
    /// <summary>The name the authenticator app shows above the code.</summary>
    public const string Issuer = "开江县妇联";

    /// <summary>The key in groups of four, as it is easiest to type from the screen.</summary>
    public static string FormatKey(string key)
    {
        var text = new StringBuilder();
        for (var i = 0; i < key.Length; i += 4)
        {
            if (i > 0)
            {
                text.Append(' ');
            }

            text.Append(key.AsSpan(i, Math.Min(4, key.Length - i)));
        }

        return text.ToString();
    }

    public static string Uri(string userName, string key)
    {
        var issuer = System.Uri.EscapeDataString(Issuer);
        return $"otpauth://totp/{issuer}:{System.Uri.EscapeDataString(userName)}?secret={key}&issuer={issuer}&digits=6";
    }

    /// <summary>The URI as a QR code in PNG, served from its own URL so that no inline image or script is needed.</summary>
    public static byte[] QrCodePng(string uri) =>
        PngByteQRCodeHelper.GetQRCode(uri, QRCodeGenerator.ECCLevel.M, 6, true);

    /// <summary>Apps show the six digits as "123 456" or "123-456"; either way is accepted.</summary>
    public static string NormaliseCode(string code) =>
        code.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal).Trim();

    /// <summary>Recovery codes are stored as "XXXXX-XXXXX": the hyphen stays, stray spaces go.</summary>
    public static string NormaliseRecoveryCode(string code) =>
        code.Replace(" ", "", StringComparison.Ordinal).Trim();
}
