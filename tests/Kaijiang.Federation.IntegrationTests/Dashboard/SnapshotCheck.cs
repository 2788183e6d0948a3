using Kaijiang.Federation.IntegrationTests.Infrastructure;
using Kaijiang.Federation.Web.Data;
using Kaijiang.Federation.Web.Domain;
using Kaijiang.Federation.Web.Features.Dashboard;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;

namespace Kaijiang.Federation.IntegrationTests.Dashboard;

/// <summary>Figures read back from a stored snapshot against the figures counted live, key by key.</summary>
public static class SnapshotCheck
{
    /// <summary>The dashboard's figures with a memory cache of their own, empty: as on a restarted or second instance.</summary>
    public static DashboardFigures Uncached(IServiceProvider services) =>
        ActivatorUtilities.CreateInstance<DashboardFigures>(services,
            ActivatorUtilities.CreateInstance<ReadCache>(services, new MemoryCache(new MemoryCacheOptions())));

    /// <summary>
    /// Counts the figures of <paramref name="path"/> live, then reads them twice through uncached dashboards (the first
    /// stores today's snapshot when none exists, the second surely reads it) and compares every figure.
    /// </summary>
    public static async Task<ScopeFigures> AssertSnapshotEqualsLiveAsync(PortalFactory factory, string path, int? partPathLength = null)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<FederationDbContext>();
        var organisation = await db.Organisations.AsNoTracking().Where(o => o.Path == path)
            .Select(o => new OrganisationRef(o.Id, o.Name, o.Path, o.Kind, o.ParentId)).SingleAsync();
        var length = partPathLength ?? path.Length + OrganisationPath.SegmentWidth;
        var today = services.GetRequiredService<TimeProvider>().Today();

        // From an empty store: a snapshot stored earlier by another test may predate a change since.
        await db.DashboardSnapshots.Where(s => s.ScopePath == path && s.PartPathLength == length).ExecuteDeleteAsync();
        var live = await Uncached(services).ComputeLiveAsync(organisation, length, today, CancellationToken.None);
        var first = await Uncached(services).ForAsync(organisation, length, today, CancellationToken.None);
        var stored = await services.GetRequiredService<DashboardSnapshotStore>().NewestAsync(path, length, today, CancellationToken.None);
        Assert.NotNull(stored);
        var read = await Uncached(services).ForAsync(organisation, length, today, CancellationToken.None);

        Assert.Equal(stored.ComputedAt, read.SnapshotAt);
        Assert.False(read.Refreshing);
        Assert.Null(live.SnapshotAt);
        Assert.True(live.Total.Values.Count(v => v.Value != 0) >= 10, "too few figures to compare");
        AssertSame(live, first);
        AssertSame(live, read);
        return read;
    }

    public static void AssertSame(ScopeFigures expected, ScopeFigures actual)
    {
        Assert.Equal(expected.Scope, actual.Scope);
        Assert.Equal(expected.AsOf, actual.AsOf);
        Assert.Equal(expected.ReportPeriod, actual.ReportPeriod);
        Assert.Equal(expected.ReportDueOn, actual.ReportDueOn);
        AssertSameSet("total", expected.Total, actual.Total);
        Assert.Equal(expected.Parts.Select(p => p.Organisation), actual.Parts.Select(p => p.Organisation));
        foreach (var (e, a) in expected.Parts.Zip(actual.Parts))
        {
            AssertSameSet(e.Organisation.Path, e.Figures, a.Figures);
        }

        Assert.Equal(expected.Trend, actual.Trend);
        Assert.Equal(expected.LoansByIndustry, actual.LoansByIndustry);
        Assert.Equal(expected.AwardTitles, actual.AwardTitles);
        Assert.Equal(expected.TownshipFundsValues, actual.TownshipFundsValues);
        Assert.Equal(expected.GrantAmounts, actual.GrantAmounts);
    }

    private static void AssertSameSet(string what, FigureSet expected, FigureSet actual)
    {
        Assert.Equal(expected.Values.Keys.Order(StringComparer.Ordinal), actual.Values.Keys.Order(StringComparer.Ordinal));
        foreach (var (key, value) in expected.Values)
        {
            Assert.True(value == actual[key], $"{what} {key}: live {value}, snapshot {actual[key]}");
        }
    }
}
