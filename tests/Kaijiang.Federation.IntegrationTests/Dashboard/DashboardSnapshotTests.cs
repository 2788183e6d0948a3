using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Kaijiang.Federation.IntegrationTests.Infrastructure;
using Kaijiang.Federation.Web.Data;
using Kaijiang.Federation.Web.Domain;
using Kaijiang.Federation.Web.Features.Dashboard;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Serilog.Core;
using Serilog.Events;
using static Kaijiang.Federation.IntegrationTests.Dashboard.DashboardPageReader;

namespace Kaijiang.Federation.IntegrationTests.Dashboard;

/// <summary>
/// The demo county forced to read its dashboard from snapshots (Dashboard:SnapshotKinds=County), as a province or a
/// city does by default; a database of its own in each test, since they write.
/// </summary>
public sealed partial class DashboardSnapshotTests : IDisposable
{
    private static readonly DateTimeOffset Morning = new(2026, 11, 29, 1, 30, 0, TimeSpan.Zero); // 09:30 in China

    private readonly FakeTimeProvider _clock = new(Morning);
    private readonly PortalFactory _factory;

    public DashboardSnapshotTests() => _factory = new PortalFactory
    {
        Clock = _clock,
        Settings = { ["Dashboard:SnapshotKinds"] = "County" },
    };

    private Task<string> CountyPathAsync() =>
        _factory.WithScopeAsync(db => db.Organisations.Where(o => o.Kind == OrganisationKind.County).Select(o => o.Path).SingleAsync());

    private Task<List<DashboardSnapshot>> SnapshotsAsync() =>
        _factory.WithScopeAsync(db => db.DashboardSnapshots.AsNoTracking().OrderBy(s => s.Id).ToListAsync());

    [Fact]
    public async Task The_county_read_from_its_snapshot_has_exactly_the_live_figures_by_townships_and_by_villages()
    {
        var county = await CountyPathAsync();
        await SnapshotCheck.AssertSnapshotEqualsLiveAsync(_factory, county);
        await SnapshotCheck.AssertSnapshotEqualsLiveAsync(_factory, county, county.Length + 2 * OrganisationPath.SegmentWidth);
        Assert.Equal(2, (await SnapshotsAsync()).Count);
    }

    [Fact]
    public async Task A_change_after_the_snapshot_shows_after_a_refresh_round_and_meanwhile_the_page_says_as_of_when()
    {
        var client = new PortalClient(_factory);
        await client.LoginAsync("leader");
        var html = await client.Http.GetStringAsync("/");
        var before = Number(Figure(html, FigureKeys.JobFairs));
        Assert.DoesNotContain("data-snapshot-refreshing", html, StringComparison.Ordinal);
        var snapshot = Assert.Single(await SnapshotsAsync());
        Assert.Equal(await CountyPathAsync(), snapshot.ScopePath);

        // A sign-in saves the account (audited) but changes no figure: the snapshot stays current.
        await new PortalClient(_factory).LoginAsync("county.staff");
        var refresher = _factory.Services.GetRequiredService<DashboardSnapshotRefresher>();
        Assert.Equal(0, await refresher.RefreshAsync(CancellationToken.None));

        await _factory.WithScopeAsync(async db =>
        {
            var county = await db.Organisations.SingleAsync(o => o.Kind == OrganisationKind.County);
            db.JobFairs.Add(new JobFair { Name = "快照测试招聘会", HeldOn = new DateOnly(2020, 3, 8), OrganisationId = county.Id });
            return await db.SaveChangesAsync();
        });
        _clock.Advance(TimeSpan.FromMinutes(7));

        // The stored figures, with the note: as of 09:30 (China time), being refreshed.
        html = await client.Http.GetStringAsync("/");
        Assert.Equal(before, Number(Figure(html, FigureKeys.JobFairs)));
        Assert.Matches("data-snapshot-refreshing>以上数字截至 09:30，正在更新", html);
        var english = new PortalClient(_factory, "en");
        await english.LoginAsync("leader");
        Assert.Contains("as of 09:30 and are being refreshed", await english.Http.GetStringAsync("/"), StringComparison.Ordinal);

        Assert.Equal(1, await refresher.RefreshAsync(CancellationToken.None));
        Assert.Equal(0, await refresher.RefreshAsync(CancellationToken.None)); // nothing changed since

        html = await client.Http.GetStringAsync("/");
        Assert.Equal(before + 1, Number(Figure(html, FigureKeys.JobFairs)));
        Assert.DoesNotContain("data-snapshot-refreshing", html, StringComparison.Ordinal);
        var refreshed = Assert.Single(await SnapshotsAsync()); // the older row of the key is gone
        Assert.True(refreshed.Id > snapshot.Id);
        Assert.True(refreshed.ChangeMarker > snapshot.ChangeMarker);
    }

    [Fact]
    public async Task The_page_reads_the_stored_snapshot_and_not_yesterdays()
    {
        var client = new PortalClient(_factory);
        await client.LoginAsync("leader");
        var real = Number(Figure(await client.Http.GetStringAsync("/"), FigureKeys.JobFairs));

        // Today's stored figures altered by hand: the page (past an emptied memory cache) shows them, so it reads the row.
        var snapshot = Assert.Single(await SnapshotsAsync());
        await _factory.WithScopeAsync(async db =>
        {
            var row = await db.DashboardSnapshots.SingleAsync();
            row.Figures = JobFairsInTotal().Replace(row.Figures, "\"Dashboard.JobFairs\":424242", 1);
            return await db.SaveChangesAsync();
        });
        ((MemoryCache)_factory.Services.GetRequiredService<IMemoryCache>()).Clear();
        Assert.Equal(424242, Number(Figure(await client.Http.GetStringAsync("/"), FigureKeys.JobFairs)));

        // The next day the same row is yesterday's: the page counts again and stores the new day's in its place.
        _clock.Advance(TimeSpan.FromDays(1));
        client = new PortalClient(_factory); // yesterday's sign-in has expired
        await client.LoginAsync("leader");
        var html = await client.Http.GetStringAsync("/");
        Assert.Equal(real, Number(Figure(html, FigureKeys.JobFairs)));
        Assert.DoesNotContain("data-snapshot-refreshing", html, StringComparison.Ordinal);
        var tomorrow = Assert.Single(await SnapshotsAsync());
        Assert.Equal(DateOnly.FromDateTime(Morning.AddDays(1).ToOffset(ChinaTime.Offset).DateTime), tomorrow.AsOf);
        Assert.NotEqual(snapshot.Id, tomorrow.Id);

        // And the refresher, a day later again, replaces the day-old row without waiting for a visit.
        _clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(1, await _factory.Services.GetRequiredService<DashboardSnapshotRefresher>().RefreshAsync(CancellationToken.None));
        var third = Assert.Single(await SnapshotsAsync());
        Assert.Equal(tomorrow.AsOf.AddDays(1), third.AsOf);
        Assert.DoesNotContain("424242", third.Figures, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_refresher_makes_the_top_scope_a_snapshot_at_its_first_round_and_a_county_is_live_by_default()
    {
        var refresher = _factory.Services.GetRequiredService<DashboardSnapshotRefresher>();
        Assert.Equal(1, await refresher.RefreshAsync(CancellationToken.None));
        var snapshot = Assert.Single(await SnapshotsAsync());
        Assert.Equal(await CountyPathAsync(), snapshot.ScopePath);
        Assert.Equal(snapshot.ScopePath.Length + OrganisationPath.SegmentWidth, snapshot.PartPathLength);

        // Without the setting (the demo as shipped) a county is counted live and nothing is stored.
        using var plain = new PortalFactory();
        var client = new PortalClient(plain);
        await client.LoginAsync("leader");
        Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync("/")).StatusCode);
        Assert.Equal(0, await plain.Services.GetRequiredService<DashboardSnapshotRefresher>().RefreshAsync(CancellationToken.None));
        Assert.Equal(0, await plain.WithScopeAsync(db => db.DashboardSnapshots.CountAsync()));
    }

    [Fact]
    public async Task The_refresher_survives_a_database_that_is_down_and_the_host_keeps_answering()
    {
        var sink = new WarningSink();
        using var portal = new PortalFactory
        {
            Provider = "PostgreSql",
            ConnectionString = "Host=127.0.0.1;Port=1;Database=kjfl;Username=x;Password=x;Timeout=1",
            SeedDemo = false,
            Migrate = false,
            Settings = { ["Dashboard:SnapshotRefreshSeconds"] = "1" },
        };
        using var factory = portal.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<ILogEventSink>(sink)));
        var client = new PortalClient(factory);
        _ = factory.Server;

        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (sink.Count(nameof(DashboardSnapshotRefresher)) < 2 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(250);
        }

        Assert.True(sink.Count(nameof(DashboardSnapshotRefresher)) >= 2, "the refresher should log each failed round and try again");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.Http.GetAsync("/Account/Login")).StatusCode);
    }

    public void Dispose() => _factory.Dispose();

    [GeneratedRegex("\"Dashboard\\.JobFairs\":[0-9.]+")]
    private static partial Regex JobFairsInTotal();

    private sealed class WarningSink : ILogEventSink
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<string> _sources = new();

        public int Count(string source) => _sources.Count(s => s.Contains(source, StringComparison.Ordinal));

        public void Emit(LogEvent logEvent)
        {
            if (logEvent.Level == LogEventLevel.Warning && logEvent.Properties.TryGetValue("SourceContext", out var context))
            {
                _sources.Enqueue(context.ToString());
            }
        }
    }
}
