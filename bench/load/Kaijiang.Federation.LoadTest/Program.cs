// Load and fault driver for the portal (issue 10, item 8; bench/load/README.md).
//
// N virtual users (one connection each) run for a fixed time against a portal on PostgreSQL: reads of the dashboard,
// an organisation's page, a people list and a report form, and writes — edits of a person's name and an
// organisation's address by county staff, and report drafts by township chairs. Each virtual user owns its records, so
// writes never race each other. Every acknowledged write (the portal redirected after the save) is remembered with its
// value; at the end each owned record in the database must hold the last acknowledged value (or a later attempt whose
// answer was lost). With --restart-command the database is restarted in the middle: errors are expected only between
// the restart and the first successful answer after the database is back; the driver measures that recovery.
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Npgsql;

var options = Options.Parse(args);
var run = new LoadRun(options);
return await run.ExecuteAsync();

internal sealed record Options(
    Uri BaseUrl, string ConnectionString, int Connections, TimeSpan Duration, string? RestartCommand, TimeSpan RestartAt,
    string Password, string? ReportPath)
{
    public static Options Parse(string[] args)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            map[args[i].TrimStart('-')] = args[i + 1];
        }

        string Get(string key, string fallback) => map.TryGetValue(key, out var v) ? v : fallback;
        return new Options(
            new Uri(Get("url", "http://127.0.0.1:5080")),
            map.TryGetValue("db", out var db) ? db : Environment.GetEnvironmentVariable("LOAD_DB") ?? throw new ArgumentException("--db <Npgsql connection string> is required"),
            int.Parse(Get("connections", "64"), CultureInfo.InvariantCulture),
            TimeSpan.FromSeconds(double.Parse(Get("seconds", "60"), CultureInfo.InvariantCulture)),
            map.GetValueOrDefault("restart-command"),
            TimeSpan.FromSeconds(double.Parse(Get("restart-at", "25"), CultureInfo.InvariantCulture)),
            Get("password", "Kaijiang-Demo-2026"),
            map.GetValueOrDefault("report"));
    }
}

/// <summary>One answer: when it was asked and answered (ms since start), what, and the status (0 = no answer).</summary>
internal readonly record struct Sample(double StartMs, double EndMs, string Kind, int Status, string Page = "");

/// <summary>A record a virtual user writes to, and every value it tried with whether the portal acknowledged it.</summary>
internal sealed class OwnedRecord(string kind, int id, int period = 0)
{
    public string Kind { get; } = kind;
    public int Id { get; } = id;
    public int Period { get; } = period;
    public List<(string Value, bool Acknowledged)> Attempts { get; } = [];
}

internal sealed class LoadRun(Options options)
{
    private static readonly HtmlParser Parser = new();
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };
    private readonly ConcurrentBag<Sample> _samples = [];
    private readonly Stopwatch _clock = new();
    private int _conflicts;
    private readonly ConcurrentDictionary<string, byte> _driverErrors = new();
    private double _restartStartMs = -1, _databaseBackMs = -1;

    public async Task<int> ExecuteAsync()
    {
        await using var data = NpgsqlDataSource.Create(options.ConnectionString);
        var county = await QueryAsync(data, "SELECT \"Id\", \"Path\" FROM \"Organisations\" WHERE \"ParentId\" IS NULL AND \"ClosedOn\" IS NULL ORDER BY \"Id\" LIMIT 1", r => (Id: r.GetInt32(0), Path: r.GetString(1)));
        var chairs = await QueryAsync(data, "SELECT u.\"UserName\", u.\"ScopeOrganisationId\" FROM \"AspNetUsers\" u JOIN \"AspNetUserRoles\" ur ON ur.\"UserId\" = u.\"Id\" JOIN \"AspNetRoles\" r ON r.\"Id\" = ur.\"RoleId\" WHERE r.\"Name\" = 'TownshipChair' AND u.\"ScopeOrganisationId\" IS NOT NULL ORDER BY u.\"UserName\"", r => (User: r.GetString(0), Organisation: r.GetInt32(1)));
        var villages = await QueryAsync(data, "SELECT \"Id\" FROM \"Organisations\" WHERE \"Depth\" >= 2 AND \"ClosedOn\" IS NULL ORDER BY \"Id\"", r => r.GetInt32(0));
        var people = await QueryAsync(data, "SELECT DISTINCT p.\"Id\" FROM \"People\" p JOIN \"OfficeTerms\" t ON t.\"PersonId\" = p.\"Id\" WHERE t.\"EndedOn\" IS NULL ORDER BY p.\"Id\"", r => r.GetInt32(0));
        var townships = await QueryAsync(data, "SELECT \"Id\" FROM \"Organisations\" WHERE \"Depth\" = 1 AND \"ClosedOn\" IS NULL ORDER BY \"Id\"", r => r.GetInt32(0));
        Console.WriteLine($"demo data: {chairs.Count} township chairs, {villages.Count} villages, {people.Count} people in office, county {county[0].Id}");

        // Sessions: four county staff sign-ins shared by the county users, one per township chair.
        var staff = new List<Session>();
        for (var i = 0; i < 4; i++)
        {
            staff.Add(await Session.SignInAsync(options.BaseUrl, "county.staff", options.Password));
        }

        // Chairs whose township's current report is still open (a draft or not begun) save drafts of it.
        var chairSessions = new List<(Session Session, int Organisation, int Period)>();
        foreach (var (user, organisation) in chairs)
        {
            if (chairSessions.Count == options.Connections / 4)
            {
                break;
            }

            var session = await Session.SignInAsync(options.BaseUrl, user, options.Password);
            var found = await OpenPeriodAsync(session, organisation);
            if (found is null && await ReturnCurrentReportAsync(staff[0], organisation))
            {
                // The demo county's chairs have all sent last month's report: county staff return it, so she can save drafts.
                found = await OpenPeriodAsync(session, organisation);
            }

            if (found is { } open)
            {
                chairSessions.Add((session, organisation, open));
            }
        }

        var lastMonth = DateTime.UtcNow.AddHours(8).AddMonths(-1);
        var period = chairSessions.Count > 0 ? chairSessions[0].Period : (lastMonth.Year * 100) + lastMonth.Month;
        Console.WriteLine($"{chairSessions.Count} township chairs have an open report to save drafts of");
        var users = new List<VirtualUser>();
        for (var i = 0; i < options.Connections; i++)
        {
            string[] Reads(int township) => ["/", $"/Organisations/Details/{township}", $"/People?organisationId={township}", $"/Reports/Report?organisationId={township}&period={period}"];
            if (i < chairSessions.Count)
            {
                // A chair reads her own township's pages (another township's are 404 to her, by design).
                var (session, organisation, open) = chairSessions[i];
                var reads = Reads(organisation);
                users.Add(new VirtualUser(i, session, reads, [new OwnedRecord("report", organisation, open)]));
            }
            else
            {
                var k = i - chairSessions.Count;
                var reads = Reads(townships[i % townships.Count]);
                users.Add(new VirtualUser(i, staff[i % staff.Count], reads,
                    [new OwnedRecord("person", people[(k * 7) % people.Count]), new OwnedRecord("organisation", villages[(k * 5) % villages.Count])]));
            }
        }

        Console.WriteLine($"{users.Count} virtual users ({chairSessions.Count} township chairs saving report drafts, the rest county staff editing people and organisations) for {options.Duration.TotalSeconds:F0}s");
        _clock.Start();
        using var stop = new CancellationTokenSource(options.Duration);
        var restart = options.RestartCommand is null ? Task.CompletedTask : RestartAsync(data, stop.Token);
        await Task.WhenAll(users.Select(u => RunUserAsync(u, stop.Token)).Append(restart));
        var elapsed = _clock.Elapsed;

        Console.WriteLine("verifying every acknowledged write in the database");
        var lost = await VerifyAsync(data, users);
        return Report(users, lost, elapsed);
    }

    private async Task RestartAsync(NpgsqlDataSource data, CancellationToken stop)
    {
        await Task.Delay(options.RestartAt, stop);
        _restartStartMs = _clock.Elapsed.TotalMilliseconds;
        Console.WriteLine($"t={_restartStartMs / 1000:F1}s restarting the database: {options.RestartCommand}");
        using (var process = Process.Start(new ProcessStartInfo("/bin/sh", ["-c", options.RestartCommand!]) { UseShellExecute = false })!)
        {
            await process.WaitForExitAsync(CancellationToken.None);
        }

        // The database is back when a new connection answers a query.
        while (true)
        {
            try
            {
                await using var connection = await data.OpenConnectionAsync(CancellationToken.None);
                await using var command = new NpgsqlCommand("SELECT 1", connection);
                await command.ExecuteScalarAsync(CancellationToken.None);
                break;
            }
            catch (NpgsqlException)
            {
                await Task.Delay(50, CancellationToken.None);
            }
        }

        _databaseBackMs = _clock.Elapsed.TotalMilliseconds;
        Console.WriteLine($"t={_databaseBackMs / 1000:F1}s the database answers again");
    }

    private async Task RunUserAsync(VirtualUser user, CancellationToken stop)
    {
        var random = new Random(user.Number);
        var counter = 0;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                if (random.NextDouble() < 0.3)
                {
                    var record = user.Records[random.Next(user.Records.Count)];
                    await WriteAsync(user, record, $"{user.Number}-{++counter}");
                }
                else
                {
                    await GetAsync(user.Session, user.Reads[random.Next(user.Reads.Length)], "read");
                }
            }
            catch (InvalidOperationException ex)
            {
                // The driver could not find what it expected on a page: a fault of the driver or the page, never ignored.
                _driverErrors.TryAdd(ex.Message, 0);
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // Recorded as a sample with status 0 where it happened; the user carries on.
            }
        }
    }

    /// <summary>A page's path without ids and query string, e.g. /Organisations/Details.</summary>
    private static string PageOf(string url) =>
        "/" + string.Join('/', url.Split('?')[0].Split('/').Where(part => part.Length > 0 && !part.All(char.IsAsciiDigit)));

    private async Task<(int Status, string Body)> GetAsync(Session session, string url, string kind)
    {
        var start = _clock.Elapsed.TotalMilliseconds;
        try
        {
            using var response = await session.Http.GetAsync(url);
            var body = await response.Content.ReadAsStringAsync();
            _samples.Add(new Sample(start, _clock.Elapsed.TotalMilliseconds, kind, (int)response.StatusCode, PageOf(url)));
            return ((int)response.StatusCode, body);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            _samples.Add(new Sample(start, _clock.Elapsed.TotalMilliseconds, kind, 0, PageOf(url)));
            throw;
        }
    }

    /// <summary>Opens the record's form, changes one field to a value naming this attempt, saves, and records the answer.</summary>
    private async Task WriteAsync(VirtualUser user, OwnedRecord record, string tag)
    {
        var (page, field, value) = record.Kind switch
        {
            "person" => ($"/People/Edit/{record.Id}", "Input.Name", "测试" + Chinese(tag)),
            "organisation" => ($"/Organisations/Edit/{record.Id}", "Address", "负载测试地址 " + tag),
            _ => ($"/Reports/Report?organisationId={record.Id}&period={record.Period}", "", "负载测试草稿 " + tag),
        };
        var (status, html) = await GetAsync(user.Session, page, "write-form");
        if (status != 200)
        {
            return;
        }

        var document = Parser.ParseDocument(html);
        if (record.Kind == "report")
        {
            // The report's text sections are data: the "work done" section's field is named by its definition's id.
            field = document.QuerySelector("[data-section='work_done'] textarea")?.GetAttribute("name")
                ?? throw new InvalidOperationException($"no work_done section on {page}");
        }

        var form = document.QuerySelectorAll("form").OfType<IHtmlFormElement>()
            .FirstOrDefault(f => f.QuerySelector($"[name='{field}']") is not null && string.Equals(f.GetAttribute("method"), "post", StringComparison.OrdinalIgnoreCase));
        if (form is null)
        {
            throw new InvalidOperationException($"no form with {field} on {page}");
        }

        var values = new List<KeyValuePair<string, string>>();
        foreach (var element in form.Elements)
        {
            var name = element.GetAttribute("name");
            if (string.IsNullOrEmpty(name))
            {
                continue;
            }

            switch (element)
            {
                case IHtmlInputElement input when input.Type is "checkbox" or "radio":
                    if (input.IsChecked)
                    {
                        values.Add(new(name, input.Value));
                    }

                    break;
                case IHtmlInputElement input when input.Type is "submit" or "button":
                    break;
                case IHtmlInputElement input:
                    values.Add(new(name, name == field ? value : input.Value));
                    break;
                case IHtmlTextAreaElement area:
                    values.Add(new(name, name == field ? value : area.Value));
                    break;
                case IHtmlSelectElement select:
                    values.Add(new(name, select.Options.FirstOrDefault(o => o.IsSelected)?.Value ?? ""));
                    break;
            }
        }

        if (record.Kind == "report")
        {
            values.Add(new("intent", "draft"));
        }

        lock (record.Attempts)
        {
            record.Attempts.Add((value, false));
        }

        var start = _clock.Elapsed.TotalMilliseconds;
        try
        {
            using var response = await user.Session.Http.PostAsync(form.GetAttribute("action"), new FormUrlEncodedContent(values));
            var code = (int)response.StatusCode;
            _samples.Add(new Sample(start, _clock.Elapsed.TotalMilliseconds, "write", code, "POST " + PageOf(form.GetAttribute("action") ?? "")));
            var location = response.Headers.Location?.OriginalString ?? "";
            if (code is 302 or 303 && !location.Contains("/Error", StringComparison.OrdinalIgnoreCase) && !location.Contains("/Account/", StringComparison.Ordinal))
            {
                lock (record.Attempts)
                {
                    record.Attempts[^1] = (value, true);
                }
            }
            else if (code == 200)
            {
                Interlocked.Increment(ref _conflicts); // refused with a message (e.g. a concurrency conflict): not acknowledged
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            _samples.Add(new Sample(start, _clock.Elapsed.TotalMilliseconds, "write", 0, "POST " + PageOf(form.GetAttribute("action") ?? "")));
        }
    }

    /// <summary>County staff return (or reopen) a township's current report with a comment, as the review page does.</summary>
    private static async Task<bool> ReturnCurrentReportAsync(Session staff, int organisation)
    {
        var month = DateTime.UtcNow.AddHours(8).AddMonths(-1);
        var period = (month.Year * 100) + month.Month;
        var html = await staff.Http.GetStringAsync($"/Reports/Report?organisationId={organisation}&period={period}");
        var form = Parser.ParseDocument(html).QuerySelectorAll("form").OfType<IHtmlFormElement>()
            .FirstOrDefault(f => (f.GetAttribute("action") ?? "") is var a && (a.StartsWith("/Reports/Return", StringComparison.Ordinal) || a.StartsWith("/Reports/Reopen", StringComparison.Ordinal)));
        if (form is null)
        {
            return false;
        }

        var values = form.Elements.OfType<IHtmlInputElement>().Where(i => i.Type == "hidden" && !string.IsNullOrEmpty(i.Name))
            .Select(i => new KeyValuePair<string, string>(i.Name!, i.Value)).ToList();
        values.Add(new("comment", "负载测试：退回以便保存草稿"));
        using var response = await staff.Http.PostAsync(form.GetAttribute("action"), new FormUrlEncodedContent(values));
        return response.StatusCode == HttpStatusCode.Redirect;
    }

    /// <summary>The latest period (of the last two years) whose report the chair can still save (its form is shown).</summary>
    private static async Task<int?> OpenPeriodAsync(Session chair, int organisation)
    {
        var month = DateTime.UtcNow.AddHours(8).AddMonths(-1); // the current period, in China time
        for (var back = 0; back < 24; back++, month = month.AddMonths(-1))
        {
            var period = (month.Year * 100) + month.Month;
            using var response = await chair.Http.GetAsync($"/Reports/Report?organisationId={organisation}&period={period}");
            var html = await response.Content.ReadAsStringAsync();
            if (response.StatusCode == HttpStatusCode.OK && Parser.ParseDocument(html).QuerySelector("#report-form") is not null)
            {
                return period;
            }
        }

        return null;
    }

    /// <summary>Each record must hold its last acknowledged value, or a value tried after it (its answer lost).</summary>
    private static async Task<List<string>> VerifyAsync(NpgsqlDataSource data, List<VirtualUser> users)
    {
        var lost = new List<string>();
        foreach (var record in users.SelectMany(u => u.Records))
        {
            var lastAck = record.Attempts.FindLastIndex(a => a.Acknowledged);
            if (lastAck < 0)
            {
                continue;
            }

            var sql = record.Kind switch
            {
                "person" => $"SELECT \"Name\" FROM \"People\" WHERE \"Id\" = {record.Id}",
                "organisation" => $"SELECT \"Address\" FROM \"Organisations\" WHERE \"Id\" = {record.Id}",
                _ => "SELECT t.\"Text\" FROM \"MonthlyReportTexts\" t JOIN \"MonthlyReports\" r ON r.\"Id\" = t.\"MonthlyReportId\" "
                    + $"WHERE r.\"OrganisationId\" = {record.Id} AND r.\"Period\" = {record.Period} AND t.\"SectionCode\" = 'work_done'",
            };
            var stored = (await QueryAsync(data, sql, r => r.IsDBNull(0) ? null : r.GetString(0))).FirstOrDefault();
            var allowed = record.Attempts.Skip(lastAck).Select(a => a.Value).ToHashSet(StringComparer.Ordinal);
            if (stored is null || !allowed.Contains(stored))
            {
                lost.Add($"{record.Kind} {record.Id}: acknowledged '{record.Attempts[lastAck].Value}', database holds '{stored}'");
            }
        }

        return lost;
    }

    private int Report(List<VirtualUser> users, List<string> lost, TimeSpan elapsed)
    {
        var samples = _samples.OrderBy(s => s.StartMs).ToList();
        var acknowledged = users.SelectMany(u => u.Records).Sum(r => r.Attempts.Count(a => a.Acknowledged));
        var fiveHundreds = samples.Count(s => s.Status >= 500);
        var noAnswer = samples.Count(s => s.Status == 0);
        bool IsError(Sample s) => s.Status == 0 || s.Status >= 500;
        bool IsOk(Sample s) => s.Status is >= 200 and < 400;
        double? firstOkAfterBack = _databaseBackMs < 0 ? null : samples.Where(s => s.StartMs >= _databaseBackMs && IsOk(s)).Select(s => s.EndMs).DefaultIfEmpty(double.NaN).Min();
        var windowEnd = firstOkAfterBack is { } f && !double.IsNaN(f) ? f : double.MaxValue;
        var errorsInOutage = _restartStartMs < 0 ? 0 : samples.Count(s => IsError(s) && s.EndMs >= _restartStartMs && s.StartMs <= windowEnd);
        var errorsOutside = samples.Count(s => IsError(s) && (_restartStartMs < 0 || s.EndMs < _restartStartMs || s.StartMs > windowEnd));
        var latencies = samples.Where(IsOk).Select(s => s.EndMs - s.StartMs).Order().ToList();
        double Percentile(double p) => latencies.Count == 0 ? 0 : latencies[(int)Math.Min(latencies.Count - 1, p * latencies.Count)];

        var result = new Dictionary<string, object?>
        {
            ["mode"] = options.RestartCommand is null ? "plain" : "database restart",
            ["connections"] = options.Connections,
            ["seconds"] = Math.Round(elapsed.TotalSeconds, 1),
            ["requests"] = samples.Count,
            ["requestsPerSecond"] = Math.Round(samples.Count / elapsed.TotalSeconds, 1),
            ["reads"] = samples.Count(s => s.Kind != "write"),
            ["writes"] = samples.Count(s => s.Kind == "write"),
            ["acknowledgedWrites"] = acknowledged,
            ["acknowledgedByKind"] = users.SelectMany(u => u.Records).GroupBy(r => r.Kind).OrderBy(g => g.Key, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Sum(r => r.Attempts.Count(a => a.Acknowledged))),
            ["refusedWrites"] = _conflicts,
            ["status5xx"] = fiveHundreds,
            ["status503"] = samples.Count(s => s.Status == 503),
            ["noAnswer"] = noAnswer,
            ["status4xx"] = samples.Count(s => s.Status is >= 400 and < 500),
            ["lostWrites"] = lost.Count,
            // Every answer that was not 2xx/3xx, by page (path without ids or query) and status: nothing is left unexplained.
            ["notOkByPage"] = samples.Where(s => !IsOk(s)).GroupBy(s => $"{s.Page} {s.Status}").OrderBy(g => g.Key, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Count()),
            ["latencyP50Ms"] = Math.Round(Percentile(0.5)),
            ["latencyP95Ms"] = Math.Round(Percentile(0.95)),
            ["latencyP99Ms"] = Math.Round(Percentile(0.99)),
            ["restartAtS"] = _restartStartMs < 0 ? null : Math.Round(_restartStartMs / 1000, 1),
            ["databaseBackAtS"] = _databaseBackMs < 0 ? null : Math.Round(_databaseBackMs / 1000, 1),
            ["firstSuccessAfterBackS"] = firstOkAfterBack is { } g && !double.IsNaN(g) ? Math.Round(g / 1000, 2) : null,
            ["recoverySeconds"] = firstOkAfterBack is { } h && !double.IsNaN(h) ? Math.Round((h - _databaseBackMs) / 1000, 2) : null,
            ["errorsDuringOutage"] = errorsInOutage,
            ["errorsOutsideOutage"] = errorsOutside,
        };
        var json = JsonSerializer.Serialize(result, Indented);
        Console.WriteLine(json);
        foreach (var message in _driverErrors.Keys.Take(20))
        {
            Console.WriteLine("DRIVER ERROR " + message);
        }

        foreach (var line in lost.Take(20))
        {
            Console.WriteLine("LOST " + line);
        }

        if (options.ReportPath is { } path)
        {
            File.WriteAllText(path, json);
        }

        var recovered = _databaseBackMs < 0 || (firstOkAfterBack is { } r && !double.IsNaN(r) && (r - _databaseBackMs) < 10_000);
        // Every kind of write must have been acknowledged at least once, or the run did not test it.
        var everyKindWritten = users.SelectMany(u => u.Records).GroupBy(r => r.Kind).All(g => g.Any(r => r.Attempts.Any(a => a.Acknowledged)));
        var pass = lost.Count == 0 && errorsOutside == 0 && recovered && everyKindWritten && _driverErrors.IsEmpty;
        Console.WriteLine(pass ? "RESULT: PASS" : "RESULT: FAIL");
        return pass ? 0 : 1;
    }

    private static async Task<List<T>> QueryAsync<T>(NpgsqlDataSource data, string sql, Func<NpgsqlDataReader, T> read)
    {
        await using var command = data.CreateCommand(sql);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync())
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    /// <summary>A tag as Chinese digits, so it is a valid name: "12-3" → "一二杠三".</summary>
    private static string Chinese(string tag) =>
        string.Concat(tag.Select(c => c switch { >= '0' and <= '9' => "零一二三四五六七八九"[c - '0'].ToString(), _ => "杠" }));
}

internal sealed record VirtualUser(int Number, Session Session, string[] Reads, List<OwnedRecord> Records);

/// <summary>One signed-in user: a cookie jar and a client that does not follow redirects.</summary>
internal sealed class Session
{
    public required HttpClient Http { get; init; }

    public static async Task<Session> SignInAsync(Uri baseUrl, string user, string password)
    {
        var handler = new SocketsHttpHandler
        {
            CookieContainer = new CookieContainer(),
            AllowAutoRedirect = false,
            MaxConnectionsPerServer = 256,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        };
        var http = new HttpClient(handler) { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(120) };
        http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("zh-CN");
        var page = await http.GetStringAsync("/Account/Login");
        var token = new HtmlParser().ParseDocument(page).QuerySelector("input[name='__RequestVerificationToken']")?.GetAttribute("value")
            ?? throw new InvalidOperationException("no anti-forgery token on the sign-in page");
        using var response = await http.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = user,
            ["Password"] = password,
            ["__RequestVerificationToken"] = token,
        }));
        if (response.StatusCode != HttpStatusCode.Redirect || handler.CookieContainer.GetCookies(baseUrl)["kjfl.auth"] is null)
        {
            throw new InvalidOperationException($"{user} could not sign in ({(int)response.StatusCode})");
        }

        return new Session { Http = http };
    }
}
