using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Kaijiang.Federation.IntegrationTests.Infrastructure;

namespace Kaijiang.Federation.IntegrationTests.Security;

/// <summary>One field of a POST form as the page renders it.</summary>
public sealed record FormField(string Name, FieldKind Kind, string Value, IReadOnlyList<string> Options);

public enum FieldKind { Text, Number, Date, Select, Hidden, Checkbox, Password, File, Other }

/// <summary>A POST form found on a page: where it is, where it posts, and its fields with their current values.</summary>
public sealed record PostForm(string PageUrl, string Action, bool Multipart, IReadOnlyList<FormField> Fields, string? Token)
{
    /// <summary>The form's action with numbers and query values blanked: one entry per kind of form.</summary>
    public string Pattern => FormCrawler.PatternOf(Action);

    public bool HasEditableFields => Fields.Any(f => f.Kind is FieldKind.Text or FieldKind.Number or FieldKind.Date);

    /// <summary>The values the page would submit unchanged (a browser's "submit as is").</summary>
    public List<KeyValuePair<string, string>> Baseline()
    {
        var values = new List<KeyValuePair<string, string>>();
        foreach (var field in Fields)
        {
            if (field.Kind is FieldKind.File || field.Name == "__RequestVerificationToken")
            {
                continue;
            }

            values.Add(new(field.Name, field.Value));
        }

        return values;
    }
}

/// <summary>
/// Walks the portal like a signed-in user: follows the links on each page (navigation first), collects each kind of
/// page and each kind of POST form once, and parses the forms with AngleSharp.
/// </summary>
public static partial class FormCrawler
{
    private static readonly HtmlParser Parser = new();

    /// <summary>How long each page took in the last crawls (to keep the corpus fast).</summary>
    public static System.Collections.Concurrent.ConcurrentDictionary<string, TimeSpan> Timings { get; } = new(StringComparer.Ordinal);

    /// <summary>Never followed or posted: they end the session or change who is signed in.</summary>
    public static bool IsExcluded(string url) =>
        url.StartsWith("/Account/Logout", StringComparison.OrdinalIgnoreCase)
        || url.StartsWith("/Account/Login", StringComparison.OrdinalIgnoreCase)
        || url.StartsWith("/Account/SetLanguage", StringComparison.OrdinalIgnoreCase)
        || url.StartsWith("/TwoFactor/", StringComparison.OrdinalIgnoreCase);

    public static string PatternOf(string url)
    {
        var path = url.Split('#')[0];
        var query = path.Contains('?', StringComparison.Ordinal) ? path[(path.IndexOf('?', StringComparison.Ordinal) + 1)..] : "";
        path = path.Split('?')[0];
        var keys = string.Join("&", query.Split('&', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=')[0]).Order(StringComparer.Ordinal));
        return Number().Replace(path, "/{n}") + (keys.Length > 0 ? "?" + keys : "");
    }

    /// <summary>Crawls from the dashboard; at most <paramref name="perPattern"/> pages of each kind and <paramref name="maxPages"/> in all.</summary>
    public static async Task<(List<string> Pages, List<PostForm> Forms)> CrawlAsync(PortalClient client, int maxPages = 60, int perPattern = 1)
    {
        // Pages with forms first (edit, create, ...), then the lists that lead to them.
        var queue = new PriorityQueue<string, int>();
        queue.Enqueue("/", 0);
        var order = 0;
        var seen = new HashSet<string>(StringComparer.Ordinal) { "/" };
        var patterns = new Dictionary<string, int>(StringComparer.Ordinal);
        var pages = new List<string>();
        var forms = new Dictionary<string, PostForm>(StringComparer.Ordinal);
        while (queue.Count > 0 && pages.Count < maxPages)
        {
            var url = queue.Dequeue();
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            using var response = await client.Http.GetAsync(url);
            Timings[url] = System.Diagnostics.Stopwatch.GetElapsedTime(started);
            Assert.True((int)response.StatusCode < 500, $"GET {url} answered {(int)response.StatusCode}");
            if (response.StatusCode != HttpStatusCode.OK || response.Content.Headers.ContentType?.MediaType != "text/html")
            {
                continue;
            }

            pages.Add(url);
            var document = Parser.ParseDocument(await response.Content.ReadAsStringAsync());
            foreach (var form in ParseForms(url, document))
            {
                forms.TryAdd(form.Pattern, form);
            }

            foreach (var link in document.QuerySelectorAll("a[href]").Select(a => a.GetAttribute("href")!))
            {
                if (!link.StartsWith('/') || link.StartsWith("//", StringComparison.Ordinal) || IsExcluded(link) || !seen.Add(link.Split('#')[0]))
                {
                    continue;
                }

                var pattern = PatternOf(link.Split('?')[0]);
                var count = patterns.GetValueOrDefault(pattern);
                if (count >= perPattern)
                {
                    continue;
                }

                patterns[pattern] = count + 1;
                order++;
                queue.Enqueue(link.Split('#')[0], FormPage().IsMatch(link) ? order : 100_000 + order);
            }
        }

        return (pages, forms.Values.ToList());
    }

    /// <summary>Reads the page again and returns its form posting to the same kind of action (fresh values and token).</summary>
    public static async Task<PostForm?> ReloadAsync(PortalClient client, PostForm form)
    {
        using var response = await client.Http.GetAsync(form.PageUrl);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return null;
        }

        var document = Parser.ParseDocument(await response.Content.ReadAsStringAsync());
        return ParseForms(form.PageUrl, document).FirstOrDefault(f => f.Pattern == form.Pattern);
    }

    public static IEnumerable<PostForm> ParseForms(string pageUrl, IDocument document)
    {
        foreach (var form in document.QuerySelectorAll("form").OfType<IHtmlFormElement>())
        {
            if (!string.Equals(form.GetAttribute("method"), "post", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var action = form.GetAttribute("action") is { Length: > 0 } a ? a : pageUrl;
            if (IsExcluded(action))
            {
                continue;
            }

            var fields = new List<FormField>();
            var namedButtons = new List<FormField>();
            var unnamedSubmit = false;
            string? token = null;
            foreach (var element in form.Elements)
            {
                var name = element.GetAttribute("name");
                if (string.IsNullOrEmpty(name) && element is IHtmlButtonElement { Type: "submit" })
                {
                    unnamedSubmit = true;
                }

                if (string.IsNullOrEmpty(name) || element.HasAttribute("disabled"))
                {
                    continue;
                }

                switch (element)
                {
                    case IHtmlInputElement input:
                        var type = (input.GetAttribute("type") ?? "text").ToLowerInvariant();
                        if (name == "__RequestVerificationToken")
                        {
                            token = input.Value;
                            continue;
                        }

                        if (type is "checkbox" or "radio")
                        {
                            if (input.IsChecked)
                            {
                                fields.Add(new(name, FieldKind.Checkbox, input.Value, []));
                            }

                            continue;
                        }

                        if (type is "submit" or "button" or "image" or "reset")
                        {
                            continue;
                        }

                        var kind = type switch
                        {
                            "text" or "search" or "email" or "tel" or "url" => FieldKind.Text,
                            "number" => FieldKind.Number,
                            "date" or "month" or "datetime-local" => FieldKind.Date,
                            "hidden" => FieldKind.Hidden,
                            "password" => FieldKind.Password,
                            "file" => FieldKind.File,
                            _ => FieldKind.Other,
                        };
                        fields.Add(new(name, kind, input.Value, []));
                        break;
                    case IHtmlTextAreaElement area:
                        fields.Add(new(name, FieldKind.Text, area.Value, []));
                        break;
                    case IHtmlSelectElement select:
                        var options = select.Options.Select(o => o.Value).ToList();
                        var selected = select.Options.FirstOrDefault(o => o.IsSelected)?.Value ?? options.FirstOrDefault() ?? "";
                        fields.Add(new(name, FieldKind.Select, selected, options));
                        break;
                    case IHtmlButtonElement button when button.Type == "submit":
                        namedButtons.Add(new(name, FieldKind.Other, button.Value, []));
                        break;
                }
            }

            // The plain submit button is the one a user presses to save; named ones (search, add a row) do something else.
            // Without a plain one, the first named button is the form's action.
            if (!unnamedSubmit && namedButtons.Count > 0)
            {
                fields.Add(namedButtons[0]);
            }

            yield return new PostForm(pageUrl, action, (form.GetAttribute("enctype") ?? "").Contains("multipart", StringComparison.Ordinal), fields, token);
        }
    }

    [GeneratedRegex(@"/(\d+|[0-9a-f]{8}-[0-9a-f-]{27})(?=/|$|\?)", RegexOptions.IgnoreCase)]
    private static partial Regex Number();

    [GeneratedRegex(@"/(Create|Edit|Start|End|Inspect|Nominate|Family|Motto|Title|Repay|WriteOff|Move|Close|Report|Indicator|ChecklistItem|Disable|ChangePassword)\b|/Admin/Accounts/\d|/Reports/Report", RegexOptions.IgnoreCase)]
    private static partial Regex FormPage();
}
