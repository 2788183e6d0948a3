using System.Text.RegularExpressions;

namespace Kaijiang.Federation.Web.Domain;

/// <summary>A mainland China mobile number (手机号): 11 digits, 1 then 3–9.</summary>
public static partial class MobilePhone
{
    public const int Length = 11;

    public static bool IsValid(string? value) => value is not null && Pattern().IsMatch(value);

    /// <summary>Shows the first three and last four digits only: <c>138****5678</c>.</summary>
    public static string Mask(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        return value.Length <= 7
            ? new string('*', value.Length)
            : string.Concat(value.AsSpan(0, 3), new string('*', value.Length - 7), value.AsSpan(value.Length - 4));
    }

    // [0-9], not \d: \d also matches non-ASCII digits.
    [GeneratedRegex("^1[3-9][0-9]{9}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
