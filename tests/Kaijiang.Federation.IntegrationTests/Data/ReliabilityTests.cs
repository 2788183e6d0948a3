using System.Data.Common;
using System.Net;
using System.Net.Sockets;
using Kaijiang.Federation.IntegrationTests.Infrastructure;
using Kaijiang.Federation.IntegrationTests.RosterImport;
using Kaijiang.Federation.Web.Data;
using Kaijiang.Federation.Web.Domain;
using Kaijiang.Federation.Web.Features.RosterImport;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Kaijiang.Federation.IntegrationTests.Data;

/// <summary>
/// Faults: a commit that fails half-way leaves nothing; on PostgreSQL (connections retrying transient failures) the
/// writing flows work, two instances share sign-in cookies through the data-protection keys in the database, and the
/// portal recovers from a database outage without a restart.
/// </summary>
[Collection(PersonalDataCollection.Name)]
public sealed class ReliabilityTests
{
    /// <summary>
    /// Fails the <see cref="FailAt"/>th command that inserts office terms once armed (the first by default): the people
    /// of the same save are written by then, and with a later one, whole chunks of the commit before it.
    /// </summary>
    private sealed class FailingInsert : DbCommandInterceptor
    {
        public volatile bool Armed;

        public int FailAt { get; init; } = 1;

        public int TermInsertsBeforeFailure { get; private set; }

        public int PeopleInsertsBeforeFailure { get; private set; }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            if (Armed)
            {
                if (command.CommandText.Contains("INSERT INTO \"People\"", StringComparison.Ordinal))
                {
                    PeopleInsertsBeforeFailure++;
                }
                else if (command.CommandText.Contains("INSERT INTO \"OfficeTerms\"", StringComparison.Ordinal)
                         && ++TermInsertsBeforeFailure >= FailAt)
                {
                    TermInsertsBeforeFailure--;
                    throw new InvalidOperationException("Simulated failure in the middle of the import's commit.");
                }
            }

            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }
    }

    [Fact]
    public async Task An_import_whose_commit_fails_half_way_leaves_no_row_of_it_and_can_be_committed_afterwards()
    {
        var failing = new FailingInsert();
        using var portal = new PortalFactory();
        using var factory = portal.WithWebHostBuilder(b => b.ConfigureTestServices(s =>
            s.ConfigureDbContext<SqliteFederationDbContext>(o => o.AddInterceptors(failing))));
        var (xinningId, villages) = await XinningAsync(factory);
        var rows = Enumerable.Range(7_000, 12).Select(n => RosterSheets.Row(villages[n % villages.Count], n)).ToList();
        var client = new PortalClient(factory);
        await client.LoginAsync("county.staff");
        var (token, html) = await RosterSheets.PreviewAsync(client, xinningId, RosterSheets.Xlsx(rows));
        var before = await CountsAsync(factory);

        failing.Armed = true;
        var failed = await RosterSheets.CommitAsync(client, token, html);
        failing.Armed = false;

        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        Assert.DoesNotContain("Simulated failure", await failed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(failing.PeopleInsertsBeforeFailure > 0, "the people of the import were inserted before the failure");
        Assert.Equal(before, await CountsAsync(factory));
        Assert.Equal(0, await ImportedAsync(factory, rows));
        Assert.Equal(0, await WithDbAsync(factory, db => db.AuditEntries.CountAsync(a => a.Action == AuditActions.Import && a.EntityId == xinningId.ToString())));

        // Nothing half-done blocks the same preview from being committed now.
        var retried = await RosterSheets.CommitAsync(client, token, html);
        Assert.Equal(HttpStatusCode.Redirect, retried.StatusCode);
        Assert.Equal(12, await ImportedAsync(factory, rows));
    }

    [Fact]
    public Task An_import_whose_commit_fails_in_a_later_chunk_leaves_no_row_of_the_earlier_chunks() =>
        FailInLaterChunkThenCommitAsync(new PortalFactory { Settings = { ["RosterImport:CommitChunkSize"] = "1" } });

    [SkippableFact]
    public async Task On_PostgreSQL_an_import_whose_commit_fails_in_a_later_chunk_leaves_nothing_and_commits_afterwards()
    {
        Skip.If(TestDatabases.PostgresServer is null, TestDatabases.SkipReason);
        var connection = await TestDatabases.CreatePostgresDatabaseAsync();
        try
        {
            await FailInLaterChunkThenCommitAsync(new PortalFactory
            {
                Provider = "PostgreSql", ConnectionString = connection, Settings = { ["RosterImport:CommitChunkSize"] = "1" },
            });
        }
        finally
        {
            await TestDatabases.DropPostgresDatabaseAsync(connection);
        }
    }

    private static async Task FailInLaterChunkThenCommitAsync(PortalFactory portal)
    {
        // Chunks of one row: the third row's term fails after two whole chunks (people, terms, audit entries) were saved.
        var failing = new FailingInsert { FailAt = 3 };
        using var _ = portal;
        using var factory = portal.WithWebHostBuilder(b => b.ConfigureTestServices(s =>
        {
            s.ConfigureDbContext<SqliteFederationDbContext>(o => o.AddInterceptors(failing));
            s.ConfigureDbContext<PostgreSqlFederationDbContext>(o => o.AddInterceptors(failing));
        }));
        var (xinningId, villages) = await XinningAsync(factory);
        var rows = Enumerable.Range(7_500, 6).Select(n => RosterSheets.Row(villages[n % villages.Count], n)).ToList();
        var client = new PortalClient(factory);
        await client.LoginAsync("county.staff");
        var (token, html) = await RosterSheets.PreviewAsync(client, xinningId, RosterSheets.Xlsx(rows));
        var before = await CountsAsync(factory);
        var audited = await WithDbAsync(factory, db => db.AuditEntries.CountAsync());

        failing.Armed = true;
        var failed = await RosterSheets.CommitAsync(client, token, html);
        failing.Armed = false;

        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        Assert.Equal(2, failing.TermInsertsBeforeFailure); // two chunks were written inside the transaction
        Assert.Equal(before, await CountsAsync(factory));
        Assert.Equal(0, await ImportedAsync(factory, rows));
        Assert.Equal(audited, await WithDbAsync(factory, db => db.AuditEntries.CountAsync()));
        Assert.Equal(1, await WithDbAsync(factory, db => db.PendingImports.CountAsync(p => p.Token == token))); // not spent

        var retried = await RosterSheets.CommitAsync(client, token, html);
        Assert.Equal(HttpStatusCode.Redirect, retried.StatusCode);
        Assert.Equal(6, await ImportedAsync(factory, rows));
        Assert.Equal((before.People + 6, before.Terms + 6), await CountsAsync(factory));
        // Every record of every chunk has its audit entry, with its key, and the import its one entry.
        var (people, terms, imports) = await WithDbAsync(factory, async db =>
        {
            var hashes = rows.Select(r => db.PersonalData!.HashIdNumber((string)r[RosterColumns.IdNumber]!)).ToList();
            var personIds = await db.People.Where(p => hashes.Contains(p.IdNumberHash!)).Select(p => p.Id.ToString()).ToListAsync();
            var termIds = await db.OfficeTerms.Where(t => hashes.Contains(t.Person!.IdNumberHash!)).Select(t => t.Id.ToString()).ToListAsync();
            return (
                await db.AuditEntries.CountAsync(a => a.EntityType == nameof(Person) && a.Action == "Added" && personIds.Contains(a.EntityId!)),
                await db.AuditEntries.CountAsync(a => a.EntityType == nameof(OfficeTerm) && a.Action == "Added" && termIds.Contains(a.EntityId!)),
                await db.AuditEntries.CountAsync(a => a.Action == AuditActions.Import && a.EntityId == xinningId.ToString()));
        });
        Assert.Equal((6, 6, 1), (people, terms, imports));
    }

    [Fact]
    public async Task An_import_previewed_on_one_instance_is_committed_on_another_once_and_its_pending_rows_are_encrypted()
    {
        using var a = new PortalFactory();
        using var b = new PortalFactory { SeedDemo = false, ConnectionString = $"Data Source={Path.Combine(a.DataFolder, "federation.db")}" };
        var (xinningId, villages) = await XinningAsync(a);
        var rows = Enumerable.Range(9_000, 5).Select(n => RosterSheets.Row(villages[n % villages.Count], n)).ToList();
        var onA = new PortalClient(a);
        await onA.LoginAsync("county.staff");
        var (token, html) = await RosterSheets.PreviewAsync(onA, xinningId, RosterSheets.Xlsx(rows));

        // The pending batch is a row of the database, encrypted: no ID number of the sheet in it, no file on disk.
        var payload = await WithDbAsync(a, db => db.PendingImports.Where(p => p.Token == token).Select(p => p.Payload).SingleAsync());
        Assert.StartsWith("e1.1.", payload, StringComparison.Ordinal);
        Assert.All(rows, r => Assert.DoesNotContain((string)r[RosterColumns.IdNumber]!, payload, StringComparison.Ordinal));
        Assert.False(Directory.Exists(Path.Combine(a.DataFolder, "imports")));

        // The same user on instance B (same database) sees the preview and commits it.
        var onB = new PortalClient(b);
        await onB.LoginAsync("county.staff");
        var previewOnB = await onB.Http.GetAsync($"/RosterImport/Preview/{token}");
        Assert.Equal(HttpStatusCode.OK, previewOnB.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await RosterSheets.CommitAsync(onB, token, await previewOnB.Content.ReadAsStringAsync())).StatusCode);
        Assert.Equal(5, await ImportedAsync(a, rows));

        // Spent everywhere: A's commit of the same batch finds nothing and writes nothing.
        Assert.Equal(HttpStatusCode.NotFound, (await RosterSheets.CommitAsync(onA, token, html)).StatusCode);
        Assert.Equal(5, await ImportedAsync(a, rows));
        Assert.Equal(0, await WithDbAsync(a, db => db.PendingImports.CountAsync()));
    }

    [SkippableFact]
    public async Task On_PostgreSQL_two_instances_share_sign_in_cookies_and_the_writing_flows_work_with_retries_on()
    {
        Skip.If(TestDatabases.PostgresServer is null, TestDatabases.SkipReason);
        var connection = await TestDatabases.CreatePostgresDatabaseAsync();
        try
        {
            using var a = new PortalFactory { Provider = "PostgreSql", ConnectionString = connection };
            var onA = new PortalClient(a);
            var login = await onA.LoginAsync("county.staff");
            Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
            // The sign-in cookie as the browser would send it (the last value set wins; a large one comes in chunks).
            var cookie = string.Join("; ", login.Headers.GetValues("Set-Cookie")
                .Where(c => c.StartsWith("kjfl.auth", StringComparison.Ordinal))
                .Select(c => c.Split(';')[0])
                .GroupBy(c => c[..c.IndexOf('=', StringComparison.Ordinal)])
                .Select(g => g.Last())
                .Where(c => !c.EndsWith('=')));

            // A second instance on the same database, started after: it reads A's key from the database.
            using var b = new PortalFactory { Provider = "PostgreSql", ConnectionString = connection };
            using var onB = b.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
            using var request = new HttpRequestMessage(HttpMethod.Get, "/");
            request.Headers.Add("Cookie", cookie);
            request.Headers.AcceptLanguage.ParseAdd("zh-CN");
            var page = await onB.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Contains("全县妇联工作概览", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);

            // Without the cookie B sends to sign-in: the 200 above is the cookie's doing.
            Assert.Equal(HttpStatusCode.Redirect, (await onB.GetAsync("/")).StatusCode);

            // The key ring is in the database, and encrypted there with the Privacy key.
            var keys = await WithDbAsync(b, db => db.DataProtectionKeys.Select(k => k.Xml!).ToListAsync());
            Assert.NotEmpty(keys);
            Assert.All(keys, xml =>
            {
                Assert.Contains("encryptedKey", xml, StringComparison.Ordinal);
                Assert.DoesNotContain("<masterKey", xml, StringComparison.Ordinal);
            });
            Assert.Equal(0, await WithDbAsync(b, db => db.AuditEntries.CountAsync(e => e.EntityType == "DataProtectionKey")));

            // Writing flows, with the retrying strategy: an import (explicit transaction) on B, an edit (the audit's own transaction).
            Assert.True(await WithDbAsync(b, db => Task.FromResult(db.Database.CreateExecutionStrategy().RetriesOnFailure)));
            var (xinningId, villages) = await XinningAsync(b);
            var rows = Enumerable.Range(8_000, 6).Select(n => RosterSheets.Row(villages[n % villages.Count], n)).ToList();
            var staffOnB = new PortalClient(b);
            await staffOnB.LoginAsync("county.staff");
            var (token, html) = await RosterSheets.PreviewAsync(staffOnB, xinningId, RosterSheets.Xlsx(rows));
            Assert.Equal(HttpStatusCode.Redirect, (await RosterSheets.CommitAsync(staffOnB, token, html)).StatusCode);
            Assert.Equal(6, await ImportedAsync(a, rows));

            var added = await WithDbAsync(a, async db =>
            {
                var organisation = await db.Organisations.SingleAsync(o => o.Name == "新宁镇");
                var person = new Person { Name = "重试测试", OrganisationId = organisation.Id, Phone = "13800001111", IdNumber = RosterSheets.IdNumber(8_100) };
                db.People.Add(person);
                await db.SaveChangesAsync();
                return person.Id;
            });
            Assert.Equal(1, await WithDbAsync(b, db => db.AuditEntries.CountAsync(e => e.EntityType == nameof(Person) && e.EntityId == added.ToString() && e.Action == "Added")));
            var moved = await WithDbAsync(b, async db =>
            {
                var hash = db.PersonalData!.HashPhone("13800001111");
                return await db.People.Where(p => p.PhoneHash == hash).Select(p => p.IdNumber).SingleAsync();
            });
            Assert.Equal(RosterSheets.IdNumber(8_100), moved);
        }
        finally
        {
            await TestDatabases.DropPostgresDatabaseAsync(connection);
        }
    }

    [SkippableFact]
    public async Task On_PostgreSQL_an_outage_answers_503_and_the_portal_recovers_without_a_restart()
    {
        Skip.If(TestDatabases.PostgresServer is null, TestDatabases.SkipReason);
        var connection = await TestDatabases.CreatePostgresDatabaseAsync();
        var server = new NpgsqlConnectionStringBuilder(connection);
        using var proxy = new TcpProxy(server.Host!, server.Port);
        try
        {
            var viaProxy = new NpgsqlConnectionStringBuilder(connection) { Host = "127.0.0.1", Port = proxy.Port, Timeout = 3 }.ConnectionString;
            using var factory = new PortalFactory { Provider = "PostgreSql", ConnectionString = viaProxy, SeedDemo = false };
            var client = new PortalClient(factory);
            Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync("/health")).StatusCode);

            proxy.Stop();
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.Http.GetAsync("/health")).StatusCode);
            var down = await client.LoginAsync("nobody", "wrong-password-123");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, down.StatusCode);
            Assert.Contains("服务暂时不可用", await down.Content.ReadAsStringAsync(), StringComparison.Ordinal);

            proxy.Start();
            var watch = System.Diagnostics.Stopwatch.StartNew();
            Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync("/health")).StatusCode);
            var up = await client.LoginAsync("nobody", "wrong-password-123");
            Assert.Equal(HttpStatusCode.OK, up.StatusCode); // the sign-in page again, with its error: the database answered
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"recovered in {watch.Elapsed}");
        }
        finally
        {
            proxy.Stop();
            await TestDatabases.DropPostgresDatabaseAsync(connection);
        }
    }

    private static async Task<T> WithDbAsync<T>(WebApplicationFactory<Program> factory, Func<FederationDbContext, Task<T>> query)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<FederationDbContext>());
    }

    private static Task<(int People, int Terms)> CountsAsync(WebApplicationFactory<Program> factory) =>
        WithDbAsync(factory, async db => (await db.People.CountAsync(), await db.OfficeTerms.CountAsync()));

    private static Task<int> ImportedAsync(WebApplicationFactory<Program> factory, List<Dictionary<string, object?>> rows) =>
        WithDbAsync(factory, db =>
        {
            var hashes = rows.Select(r => db.PersonalData!.HashIdNumber((string)r[RosterColumns.IdNumber]!)).ToList();
            return db.People.CountAsync(p => hashes.Contains(p.IdNumberHash!));
        });

    private static Task<(int Id, List<string> Villages)> XinningAsync(WebApplicationFactory<Program> factory) => WithDbAsync(factory, async db =>
    {
        var xinning = await db.Organisations.SingleAsync(o => o.Name == "新宁镇");
        var upper = OrganisationPath.SubtreeUpperBound(xinning.Path);
        var names = await db.Organisations
            .Where(o => o.Path.CompareTo(xinning.Path) > 0 && o.Path.CompareTo(upper) < 0 && o.ClosedOn == null)
            .Select(o => o.Name).ToListAsync();
        return (xinning.Id, names.GroupBy(n => n).Where(g => g.Count() == 1).Select(g => g.Key).Order(StringComparer.Ordinal).ToList());
    });

    /// <summary>A TCP relay to the database that can be cut and restored, as a network outage or a database restart would.</summary>
    private sealed class TcpProxy : IDisposable
    {
        private readonly string _host;
        private readonly int _targetPort;
        private readonly List<TcpClient> _open = [];
        private TcpListener? _listener;
        private CancellationTokenSource? _stop;

        public TcpProxy(string host, int targetPort)
        {
            (_host, _targetPort) = (host, targetPort);
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            Port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            Start();
        }

        public int Port { get; }

        public void Start()
        {
            _stop = new CancellationTokenSource();
            _listener = new TcpListener(IPAddress.Loopback, Port);
            _listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            _listener.Start();
            _ = AcceptAsync(_listener, _stop.Token);
        }

        /// <summary>Stops listening and cuts every open connection.</summary>
        public void Stop()
        {
            _stop?.Cancel();
            _listener?.Stop();
            lock (_open)
            {
                foreach (var c in _open)
                {
                    c.Dispose();
                }

                _open.Clear();
            }
        }

        private async Task AcceptAsync(TcpListener listener, CancellationToken stop)
        {
            while (!stop.IsCancellationRequested)
            {
                TcpClient inbound;
                try
                {
                    inbound = await listener.AcceptTcpClientAsync(stop);
                }
                catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
                {
                    return;
                }

                var outbound = new TcpClient();
                try
                {
                    await outbound.ConnectAsync(_host, _targetPort, stop);
                }
                catch (Exception ex) when (ex is OperationCanceledException or SocketException)
                {
                    inbound.Dispose();
                    outbound.Dispose();
                    continue;
                }

                lock (_open)
                {
                    _open.Add(inbound);
                    _open.Add(outbound);
                }

                _ = PumpAsync(inbound, outbound, stop);
                _ = PumpAsync(outbound, inbound, stop);
            }
        }

        private static async Task PumpAsync(TcpClient from, TcpClient to, CancellationToken stop)
        {
            try
            {
                await from.GetStream().CopyToAsync(to.GetStream(), stop);
            }
            catch (Exception ex) when (ex is IOException or OperationCanceledException or ObjectDisposedException or InvalidOperationException or SocketException)
            {
            }
            finally
            {
                from.Dispose();
                to.Dispose();
            }
        }

        public void Dispose() => Stop();
    }
}
