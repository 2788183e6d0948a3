using Kaijiang.Federation.IntegrationTests.Infrastructure;
using Kaijiang.Federation.Web.Domain;
using Microsoft.EntityFrameworkCore;
using static Kaijiang.Federation.IntegrationTests.Dashboard.DashboardPageReader;

namespace Kaijiang.Federation.IntegrationTests.Dashboard;

/// <summary>The cached dashboard is dropped when a record changes (a database of its own: this test writes).</summary>
public sealed class DashboardCacheTests : IDisposable
{
    private readonly PortalFactory _factory = new();

    [Fact]
    public async Task A_saved_change_shows_on_the_next_dashboard_within_the_cache_lifetime()
    {
        var client = new PortalClient(_factory);
        await client.LoginAsync("leader");
        var before = Number(Figure(await client.Http.GetStringAsync("/"), "Dashboard.JobFairs"));

        await _factory.WithScopeAsync(async db =>
        {
            var county = await db.Organisations.SingleAsync(o => o.Kind == OrganisationKind.County);
            db.JobFairs.Add(new JobFair { Name = "测试招聘会", HeldOn = new DateOnly(2020, 3, 8), OrganisationId = county.Id });
            return await db.SaveChangesAsync();
        });

        Assert.Equal(before + 1, Number(Figure(await client.Http.GetStringAsync("/"), "Dashboard.JobFairs")));
    }

    public void Dispose() => _factory.Dispose();
}
