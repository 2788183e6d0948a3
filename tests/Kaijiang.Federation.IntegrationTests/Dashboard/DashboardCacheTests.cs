using Kaijiang.Federation.IntegrationTests.Infrastructure;
using Kaijiang.Federation.Web.Data;
using Kaijiang.Federation.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Kaijiang.Federation.IntegrationTests.Dashboard.DashboardPageReader;

namespace Kaijiang.Federation.IntegrationTests.Dashboard;

/// <summary>The cached dashboard is dropped when a record changes, and only then (a database of its own: these tests write).</summary>
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

    [Fact]
    public async Task A_sign_in_leaves_the_cached_figures_in_place_and_only_a_saved_record_drops_them()
    {
        var signal = _factory.Services.GetRequiredService<RecordChangeSignal>();
        var client = new PortalClient(_factory);
        await client.LoginAsync("leader");
        var before = Number(Figure(await client.Http.GetStringAsync("/"), "Dashboard.JobFairs"));
        var generation = signal.Generation;

        // Removed behind the portal's back (a bulk delete does not pass the save interceptors): the cache cannot know.
        await _factory.WithScopeAsync(db => db.JobFairs.OrderBy(j => j.Id).Take(1).ExecuteDeleteAsync());
        // A sign-in saves the account: no figure changes, so the cached figures must survive it.
        await new PortalClient(_factory).LoginAsync("county.staff");

        Assert.Equal(generation, signal.Generation);
        Assert.Equal(before, Number(Figure(await client.Http.GetStringAsync("/"), "Dashboard.JobFairs")));

        await _factory.WithScopeAsync(async db =>
        {
            var county = await db.Organisations.SingleAsync(o => o.Kind == OrganisationKind.County);
            db.JobFairs.AddRange(
                new JobFair { Name = "测试招聘会一", HeldOn = new DateOnly(2020, 3, 8), OrganisationId = county.Id },
                new JobFair { Name = "测试招聘会二", HeldOn = new DateOnly(2020, 3, 9), OrganisationId = county.Id });
            return await db.SaveChangesAsync();
        });

        Assert.Equal(generation + 1, signal.Generation);
        Assert.Equal(before + 1, Number(Figure(await client.Http.GetStringAsync("/"), "Dashboard.JobFairs")));
    }

    [Fact]
    public async Task A_save_inside_an_explicit_transaction_moves_the_generation_on_again_once_it_commits()
    {
        var signal = _factory.Services.GetRequiredService<RecordChangeSignal>();
        var before = signal.Generation;
        long atSave = 0;

        await _factory.WithScopeAsync(async db =>
        {
            var county = await db.Organisations.SingleAsync(o => o.Kind == OrganisationKind.County);
            return await db.InTransactionAsync(async ct =>
            {
                db.JobFairs.Add(new JobFair { Name = "事务招聘会", HeldOn = new DateOnly(2020, 4, 8), OrganisationId = county.Id });
                var saved = await db.SaveChangesAsync(ct);
                atSave = signal.Generation; // moved on, but a reader here still sees the old rows
                return saved;
            });
        });

        Assert.Equal(before + 1, atSave);
        Assert.Equal(before + 2, signal.Generation); // again after the commit
    }

    public void Dispose() => _factory.Dispose();
}
