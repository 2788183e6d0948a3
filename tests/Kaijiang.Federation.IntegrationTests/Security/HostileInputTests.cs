using System.Diagnostics;
using System.Net;
using System.Text;
using Kaijiang.Federation.IntegrationTests.Infrastructure;
using Kaijiang.Federation.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace Kaijiang.Federation.IntegrationTests.Security;

/// <summary>
/// The hostile-input corpus (issue 10, item 6): signs in as county staff, an administrator and a township chair, finds
/// every POST form the navigation leads to, and submits each with hostile values while the other fields keep the values
/// the page gave them. Every answer must be a 4xx, or a 200/redirect with a validation message — never a 5xx; nothing
/// overlong or out of scope is stored; a stored script never comes back unencoded on any page.
/// </summary>
public sealed class HostileInputTests(ITestOutputHelper output)
{
    public const string Script = "<script>alert('kj-xss')</script>";
    public const string Attribute = "\"><img src=x onerror=alert('kj-xss')>";
    public const string Sql = "' OR '1'='1'; DROP TABLE \"People\"; --";
    public const string LongMarker = "WWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWW";
    public static readonly string Overlong = "长" + new string('W', 9_999);
    public const string ZeroWidth = "王\u200B\u200D\uFEFF芳";

    /// <summary>Stands for invalid UTF-8 on the wire (a lone surrogate encoded raw); written as bytes, not as a string.</summary>
    public const string LoneSurrogate = "\u0001lone-surrogate\u0001";

    private static readonly string[] TextPayloads = [Script + Attribute, Sql, Overlong, LoneSurrogate, ZeroWidth];

    [Fact]
    public async Task County_staff_forms_survive_hostile_input() => await RunCorpusAsync("county.staff", _ => true, maxPages: 80);

    [Fact]
    public async Task Administrator_forms_survive_hostile_input() =>
        await RunCorpusAsync("admin", form => form.Pattern.StartsWith("/Admin/", StringComparison.Ordinal) || form.Pattern.StartsWith("/Account/", StringComparison.Ordinal), maxPages: 80);

    [Fact]
    public async Task Township_chair_forms_survive_hostile_input_and_other_townships_ids()
    {
        using var factory = new PortalFactory();
        var client = new PortalClient(factory);
        Assert.Equal(HttpStatusCode.Redirect, (await client.LoginAsync("chair.xinning")).StatusCode);
        var own = await factory.WithScopeAsync(db => db.Organisations.SingleAsync(o => o.Name == "新宁镇"));
        var other = await factory.WithScopeAsync(db => db.Organisations
            .Where(o => o.Kind == own.Kind && o.Depth == own.Depth && o.Id != own.Id && o.ClosedOn == null).OrderBy(o => o.Id).FirstAsync());
        var otherIds = await OtherScopeIdsAsync(factory, other);

        var (_, forms) = await FormCrawler.CrawlAsync(client, maxPages: 50);
        Assert.True(forms.Count >= 5, $"only {forms.Count} forms found for the chair");
        var posted = 0;
        foreach (var form in forms.Where(f => f.HasEditableFields && !f.Multipart))
        {
            // The same form aimed at the other township: its id in the URL and in every organisation field.
            var action = RetargetAction(form.Action, otherIds, other.Id);
            var values = form.Baseline()
                .Select(kv => kv.Key.EndsWith("OrganisationId", StringComparison.Ordinal) ? new KeyValuePair<string, string>(kv.Key, other.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)) : kv)
                .ToList();
            if (action == form.Action && !values.Any(kv => kv.Key.EndsWith("OrganisationId", StringComparison.Ordinal)))
            {
                continue;
            }

            using var response = await PostAsync(client, action, form.Token, values);
            posted++;
            var status = (int)response.StatusCode;
            Assert.True(status < 500, $"{action} with another township's ids answered {status}");
            if (response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther)
            {
                var location = response.Headers.Location?.OriginalString ?? "";
                Assert.True(location.Contains("AccessDenied", StringComparison.Ordinal) || location.Contains("Login", StringComparison.Ordinal) || !location.Contains(other.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal),
                    $"{action} with another township's ids was accepted (redirect to {location})");
            }
        }

        Assert.True(posted >= 3, $"only {posted} forms retargeted");
        await RunFormsAsync(factory, client, forms, reduced: true);

        // Whatever was accepted, nothing was written outside the chair's township.
        var outside = await factory.WithScopeAsync(db => db.AuditEntries
            .Where(a => a.UserName == "chair.xinning" && a.OrganisationPath != null && !a.OrganisationPath.StartsWith(own.Path))
            .Select(a => a.Action + " " + a.EntityType + " " + a.EntityId + " " + a.OrganisationPath).ToListAsync());
        Assert.Empty(outside);
        await AssertNothingStoredAsync(factory, client);
    }

    private async Task RunCorpusAsync(string userName, Func<PostForm, bool> include, int maxPages)
    {
        var clock = Stopwatch.StartNew();
        using var factory = new PortalFactory();
        var client = new PortalClient(factory);
        Assert.Equal(HttpStatusCode.Redirect, (await client.LoginAsync(userName)).StatusCode);
        var (pages, forms) = await FormCrawler.CrawlAsync(client, maxPages);
        output.WriteLine($"crawled in {clock.Elapsed.TotalSeconds:F1}s");
        var chosen = forms.Where(include).ToList();
        output.WriteLine($"{userName}: {pages.Count} pages, {forms.Count} kinds of form, {chosen.Count} attacked: {string.Join(", ", chosen.Select(f => f.Pattern))}");
        Assert.True(chosen.Count >= 3, $"only {chosen.Count} forms found for {userName}");

        var saved = await RunFormsAsync(factory, client, chosen, reduced: false);
        output.WriteLine($"{userName}: {saved} hostile values accepted and saved; {clock.Elapsed.TotalSeconds:F1}s");
        await AssertNothingStoredAsync(factory, client);
        output.WriteLine($"{userName}: done in {clock.Elapsed.TotalSeconds:F1}s; slowest pages: "
            + string.Join(", ", FormCrawler.Timings.OrderByDescending(t => t.Value).Take(6).Select(t => $"{t.Key} {t.Value.TotalMilliseconds:F0}ms")));
    }

    /// <summary>Submits every form with the payloads; returns how many script payloads were accepted (stored).</summary>
    private static async Task<int> RunFormsAsync(PortalFactory factory, PortalClient client, List<PostForm> forms, bool reduced)
    {
        _ = factory;
        var saved = 0;
        var showing = new HashSet<string>(StringComparer.Ordinal);
        foreach (var original in forms.Where(f => !f.Multipart))
        {
            var form = original;

            // Without the anti-forgery token: refused before the action runs.
            using (var response = await PostAsync(client, form.Action, token: null, form.Baseline()))
            {
                Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{form.Action} without a token answered {(int)response.StatusCode}");
            }

            if (!form.HasEditableFields)
            {
                continue;
            }

            var texts = form.Fields.Where(f => f.Kind == FieldKind.Text).Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
            var numbers = form.Fields.Where(f => f.Kind == FieldKind.Number).Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
            var dates = form.Fields.Where(f => f.Kind == FieldKind.Date).Select(f => f.Name).ToHashSet(StringComparer.Ordinal);

            var attempts = new List<(string What, List<KeyValuePair<string, string>> Values)>();
            foreach (var payload in reduced ? [Script + Attribute, Overlong] : TextPayloads)
            {
                if (texts.Count > 0)
                {
                    attempts.Add(($"every text field = {Describe(payload)}", Replace(form, texts, payload)));
                }
            }

            if (!reduced)
            {
                foreach (var value in new[] { "-99999999999", "1e400", "NaN", "٣" })
                {
                    if (numbers.Count > 0)
                    {
                        attempts.Add(($"every number = {value}", Replace(form, numbers, value)));
                    }
                }

                foreach (var value in new[] { "0001-01-01", "9999-12-31", "2026-02-30" })
                {
                    if (dates.Count > 0)
                    {
                        attempts.Add(($"every date = {value}", Replace(form, dates, value)));
                    }
                }

                var duplicated = form.Baseline();
                duplicated.AddRange(form.Baseline().Where(kv => texts.Contains(kv.Key) || numbers.Contains(kv.Key) || dates.Contains(kv.Key))
                    .Select(kv => new KeyValuePair<string, string>(kv.Key, Sql)));
                attempts.Add(("every field twice", duplicated));
            }

            foreach (var (what, values) in attempts)
            {
                var accepted = await SubmitAsync(client, form, what, values, showing);
                if (accepted)
                {
                    form = await FormCrawler.ReloadAsync(client, original) ?? form;
                }
            }

            // The script alone in one text field at a time, the others valid: saved where free text is allowed.
            foreach (var name in texts)
            {
                var values = Replace(form, new HashSet<string>(StringComparer.Ordinal) { name }, Script + Attribute);
                if (await SubmitAsync(client, form, $"{name} = script", values, showing))
                {
                    saved++;
                    showing.Add(form.PageUrl);
                    showing.Add(ListOf(form.PageUrl));
                    form = await FormCrawler.ReloadAsync(client, original) ?? form;
                }
            }
        }

        // The pages that show what was saved (where each save led, the form, its list), now that scripts are stored,
        // and the dashboard and lists of the navigation: none comes back unencoded.
        var (pages, _) = await FormCrawler.CrawlAsync(client, maxPages: 12);
        foreach (var url in showing.Union(pages))
        {
            using var response = await client.Http.GetAsync(url);
            Assert.True((int)response.StatusCode < 500, $"GET {url} answered {(int)response.StatusCode}");
            AssertEncoded(await response.Content.ReadAsStringAsync(), $"GET {url}");
        }

        return saved;
    }

    /// <summary>Posts, checks the answer, and says whether the portal accepted the values (redirect after save).</summary>
    private static async Task<bool> SubmitAsync(PortalClient client, PostForm form, string what, List<KeyValuePair<string, string>> values, HashSet<string> showing)
    {
        using var response = await PostAsync(client, form.Action, form.Token, values);
        var status = (int)response.StatusCode;
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status < 500, $"POST {form.Action} ({what}) answered {status}: {Excerpt(body)}");
        AssertEncoded(body, $"POST {form.Action} ({what})");
        if (response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther)
        {
            var location = response.Headers.Location?.OriginalString ?? "";
            Assert.True(location.StartsWith('/') && !location.StartsWith("//", StringComparison.Ordinal), $"POST {form.Action} ({what}) redirected off the site: {location}");
            showing.Add(location);
            return true;
        }

        if (response.StatusCode == HttpStatusCode.OK)
        {
            Assert.True(HasMessage(body), $"POST {form.Action} ({what}) answered 200 without a message: {Excerpt(body)}");
        }

        return false;
    }

    /// <summary>The list a form's page belongs to: /Bases/Edit/3 → /Bases.</summary>
    private static string ListOf(string pageUrl) => "/" + pageUrl.TrimStart('/').Split('/', '?')[0];

    internal static bool HasMessage(string body) =>
        body.Contains("field-validation-error", StringComparison.Ordinal)
        || body.Contains("validation-summary-errors", StringComparison.Ordinal)
        || body.Contains("alert-danger", StringComparison.Ordinal)
        || body.Contains("alert-warning", StringComparison.Ordinal)
        || body.Contains("alert-success", StringComparison.Ordinal)
        || body.Contains("role=\"alert\"", StringComparison.Ordinal)
        || body.Contains("role=\"status\"", StringComparison.Ordinal);

    internal static void AssertEncoded(string body, string where)
    {
        Assert.False(body.Contains("<script>alert('kj-xss')", StringComparison.OrdinalIgnoreCase), $"{where}: a stored <script> came back unencoded");
        Assert.False(body.Contains("<img src=x onerror", StringComparison.OrdinalIgnoreCase), $"{where}: a stored attribute breakout came back unencoded");
    }

    /// <summary>No overlong value was stored anywhere: every text column of every table, searched for the marker.</summary>
    private static async Task AssertNothingStoredAsync(PortalFactory factory, PortalClient client)
    {
        _ = client;
        var found = await factory.WithScopeAsync(async db =>
        {
            var hits = new List<string>();
            var connection = db.Database.GetDbConnection();
            await connection.OpenAsync();
            foreach (var entity in db.Model.GetEntityTypes().Where(e => e.GetTableName() is not null && !e.IsOwned()))
            {
                var table = entity.GetTableName()!;
                foreach (var property in entity.GetProperties().Where(p => p.ClrType == typeof(string)))
                {
                    var column = property.GetColumnName();
                    await using var command = connection.CreateCommand();
                    command.CommandText = $"SELECT COUNT(*) FROM \"{table}\" WHERE \"{column}\" LIKE '%{LongMarker}%'";
                    if (Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture) > 0)
                    {
                        hits.Add($"{table}.{column}");
                    }
                }
            }

            return hits.Distinct().ToList();
        });
        Assert.True(found.Count == 0, "10,000-character values were stored in: " + string.Join(", ", found));
    }

    private static List<KeyValuePair<string, string>> Replace(PostForm form, HashSet<string> names, string value) =>
        form.Baseline().Select(kv => names.Contains(kv.Key) ? new KeyValuePair<string, string>(kv.Key, value) : kv).ToList();

    internal static async Task<HttpResponseMessage> PostAsync(PortalClient client, string action, string? token, IEnumerable<KeyValuePair<string, string>> values)
    {
        var body = new StringBuilder();
        foreach (var (key, value) in token is null ? values : values.Append(new("__RequestVerificationToken", token)))
        {
            if (body.Length > 0)
            {
                body.Append('&');
            }

            body.Append(Uri.EscapeDataString(key)).Append('=').Append(Encode(value));
        }

        var content = new ByteArrayContent(Encoding.ASCII.GetBytes(body.ToString()));
        content.Headers.ContentType = new("application/x-www-form-urlencoded");
        return await client.Http.PostAsync(action, content);
    }

    /// <summary>Percent-encodes a value; the lone-surrogate payload goes out as the raw bytes ED A0 80 (invalid UTF-8).</summary>
    private static string Encode(string value) =>
        value == LoneSurrogate ? "%ED%A0%80x%ED%B0%80%C0%AF%FF" : Uri.EscapeDataString(value);

    private static string Describe(string payload) => payload switch
    {
        _ when payload == Overlong => "10,000 characters",
        LoneSurrogate => "invalid UTF-8",
        ZeroWidth => "zero-width characters",
        Sql => "SQL metacharacters",
        _ => "script",
    };

    private static string Excerpt(string body)
    {
        var main = body.IndexOf("<main", StringComparison.Ordinal);
        var text = main >= 0 ? body[main..] : body;
        return text[..Math.Min(600, text.Length)];
    }

    /// <summary>For each kind of record a URL can name, one id of that kind inside the other township.</summary>
    private static async Task<Dictionary<string, int>> OtherScopeIdsAsync(PortalFactory factory, Organisation other) =>
        await factory.WithScopeAsync(async db =>
        {
            var upper = OrganisationPath.SubtreeUpperBound(other.Path);
            var subtree = await db.Organisations.Where(o => o.Path.CompareTo(other.Path) >= 0 && o.Path.CompareTo(upper) < 0).Select(o => o.Id).ToListAsync();
            var ids = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase) { ["Organisations"] = other.Id, ["Reports"] = other.Id };
            async Task Add<T>(string controller, IQueryable<T> set, Func<IQueryable<T>, IQueryable<int>> select)
            {
                var id = await select(set).FirstOrDefaultAsync();
                if (id != 0)
                {
                    ids[controller] = id;
                }
            }

            await Add("People", db.People, q => q.Where(p => subtree.Contains(p.OrganisationId)).Select(p => p.Id));
            await Add("Terms", db.OfficeTerms, q => q.Where(t => subtree.Contains(t.OrganisationId)).Select(t => t.Id));
            await Add("Homes", db.ServiceSites, q => q.Where(t => subtree.Contains(t.OrganisationId)).Select(t => t.Id));
            await Add("Loans", db.Loans, q => q.Where(t => subtree.Contains(t.OrganisationId)).Select(t => t.Id));
            await Add("Awards", db.Families, q => q.Where(t => subtree.Contains(t.OrganisationId)).Select(t => t.Id));
            await Add("Grants", db.StartupGrants, q => q.Where(t => subtree.Contains(t.OrganisationId)).Select(t => t.Id));
            await Add("Bases", db.Bases, q => q.Where(t => subtree.Contains(t.OrganisationId)).Select(t => t.Id));
            await Add("Projects", db.Projects, q => q.Where(t => subtree.Contains(t.OrganisationId)).Select(t => t.Id));
            await Add("Trainings", db.Trainings, q => q.Where(t => subtree.Contains(t.OrganisationId)).Select(t => t.Id));
            await Add("Experts", db.Experts, q => q.Where(t => subtree.Contains(t.OrganisationId)).Select(t => t.Id));
            await Add("JobFairs", db.JobFairs, q => q.Where(t => subtree.Contains(t.OrganisationId)).Select(t => t.Id));
            return ids;
        });

    private static string RetargetAction(string action, Dictionary<string, int> otherIds, int otherOrganisation)
    {
        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        var segments = action.Split('?');
        var path = segments[0].Split('/');
        var controller = path.Length > 1 ? path[1] : "";
        for (var i = 2; i < path.Length; i++)
        {
            if (int.TryParse(path[i], out _) && otherIds.TryGetValue(controller, out var id))
            {
                path[i] = id.ToString(invariant);
            }
        }

        var result = string.Join('/', path);
        if (segments.Length > 1)
        {
            var query = segments[1].Split('&').Select(p => p.StartsWith("organisationId=", StringComparison.OrdinalIgnoreCase) ? "organisationId=" + otherOrganisation.ToString(invariant) : p);
            result += "?" + string.Join('&', query);
        }

        return result;
    }
}
