using System.Globalization;

namespace Kaijiang.Federation.Web.Infrastructure;

/// <summary>
/// Formula injection (CSV/Excel injection, OWASP): a text cell that starts with = + - @ (or a tab or carriage return)
/// is read as a formula when a user opens or edits the file, e.g. <c>=cmd|' /C calc'!A0</c> in a name. Every export
/// writes such text with a leading apostrophe, which spreadsheets show as text; plain numbers (-12.5) and a lone sign
/// are harmless and stay as they are. The roster import takes the apostrophe off again, so an export imports unchanged.
/// </summary>
public static class SpreadsheetCells
{
    private const string Triggers = "=+-@\t\r";

    public static bool IsDangerous(string? text) =>
        text is { Length: > 1 } && Triggers.Contains(text[0], StringComparison.Ordinal)
        && !decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _);

    /// <summary>The value as an export writes it: dangerous text prefixed with an apostrophe, anything else unchanged.</summary>
    public static object? Neutralise(object? value) => value is string text && IsDangerous(text) ? "'" + text : value;

    /// <summary>
    /// Neutralises every cell of an export's row in place and returns the row: no copy per row (an export may have
    /// hundreds of thousands), and nothing allocated for a row without dangerous text.
    /// </summary>
    public static IDictionary<string, object?> NeutraliseCells(IDictionary<string, object?> row)
    {
        List<string>? dangerous = null;
        foreach (var (key, value) in row)
        {
            if (value is string text && IsDangerous(text))
            {
                (dangerous ??= []).Add(key);
            }
        }

        foreach (var key in dangerous ?? [])
        {
            row[key] = Neutralise(row[key]);
        }

        return row;
    }

    /// <summary>Text read from an imported cell: the apostrophe an export put before dangerous text taken off.</summary>
    public static string? Restore(string? text) =>
        text is { Length: > 2 } && text[0] == '\'' && IsDangerous(text[1..]) ? text[1..] : text;
}
