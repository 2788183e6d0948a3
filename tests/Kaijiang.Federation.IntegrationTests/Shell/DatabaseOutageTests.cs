using System.Net;
using System.Text.RegularExpressions;
using Kaijiang.Federation.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Core;
using Serilog.Events;

namespace Kaijiang.Federation.IntegrationTests.Shell;

/// <summary>With the database down, pages answer a localised 503 with a reference that is in the log.</summary>
public sealed partial class DatabaseOutageTests
{
    [Fact]
    public async Task A_page_that_needs_the_database_answers_a_localised_503_with_a_reference_found_in_the_log()
    {
        var sink = new CapturingSink();
        using var portal = new PortalFactory
        {
            Provider = "PostgreSql",
            ConnectionString = "Host=127.0.0.1;Port=1;Database=kjfl;Username=x;Password=x;Timeout=2",
            SeedDemo = false,
            Migrate = false,
        };
        // Serilog reads extra sinks from the container (ReadFrom.Services): this one sees what the log files see.
        using var factory = portal.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<ILogEventSink>(sink)));
        var client = new PortalClient(factory);

        // Even the sign-in page needs the database now: its anti-forgery token is protected by the key ring stored there.
        var response = await client.Http.GetAsync("/Account/Login");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("服务暂时不可用", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Npgsql", html, StringComparison.Ordinal); // no stack trace, no internals
        var reference = Reference().Match(html).Groups[1].Value;
        Assert.Matches("^[0-9a-f]{32}$", reference);

        Assert.Contains(reference, sink.ErrorTraceIds);
    }

    [Fact]
    public async Task A_signed_in_user_whose_session_is_due_for_its_check_gets_the_503_page_not_a_bare_500()
    {
        // Every request checks the session against the account (SessionCheckSeconds 0), as any request does once a minute.
        using var portal = new PortalFactory { Settings = { ["Security:SessionCheckSeconds"] = "0" } };
        var client = new PortalClient(portal);
        await client.LoginAsync("county.staff");
        Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync("/")).StatusCode);

        // The database becomes unreadable (as when PostgreSQL restarts): every query throws a DbException.
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in Directory.GetFiles(portal.DataFolder, "federation.db*"))
        {
            await File.WriteAllBytesAsync(file, new byte[8192]);
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var response = await client.Http.GetAsync("/People");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("服务暂时不可用", html, StringComparison.Ordinal);
    }

    private sealed class CapturingSink : ILogEventSink
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<string> _traceIds = new();

        /// <summary>The trace ids of logged errors that carry an exception.</summary>
        public IEnumerable<string> ErrorTraceIds => _traceIds;

        public void Emit(LogEvent logEvent)
        {
            if (logEvent.Exception is not null && logEvent.TraceId is { } traceId)
            {
                _traceIds.Enqueue(traceId.ToHexString());
            }
        }
    }

    [GeneratedRegex("<code>([0-9a-f]+)</code>")]
    private static partial Regex Reference();
}
