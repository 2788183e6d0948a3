using System.Net;
using System.Text.RegularExpressions;

namespace Kaijiang.Federation.IntegrationTests.Dashboard;

/// <summary>Reads what a user sees on the dashboard and summary pages: the figures by their data attributes.</summary>
public static partial class DashboardPageReader
{
    /// <summary>Every <c>data-figure</c> on the page, in page order (a key may repeat, e.g. in the comparison table).</summary>
    public static IReadOnlyList<(string Key, string Value)> Figures(string html) =>
        FigurePattern().Matches(html).Select(m => (m.Groups[1].Value, WebUtility.HtmlDecode(m.Groups[2].Value))).ToList();

    public static string Figure(string html, string key) =>
        Figures(html).Where(f => f.Key == key).Select(f => f.Value).FirstOrDefault()
        ?? throw new Xunit.Sdk.XunitException($"No figure {key} on the page.");

    public static Dictionary<string, string> SummaryLines(string html) =>
        SummaryPattern().Matches(html).ToDictionary(m => m.Groups[1].Value, m => WebUtility.HtmlDecode(m.Groups[2].Value));

    public static int Number(string text) => int.Parse(text.Replace(",", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture);

    [GeneratedRegex("data-figure=\"([^\"]+)\">([^<]*)<")]
    private static partial Regex FigurePattern();

    [GeneratedRegex("data-summary=\"([^\"]+)\">([^<]*)<")]
    private static partial Regex SummaryPattern();
}
