using Kaijiang.Federation.IntegrationTests.Infrastructure;
using Kaijiang.Federation.Web.Data;
using Kaijiang.Federation.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kaijiang.Federation.IntegrationTests.Data;

/// <summary>
/// Contexts are pooled (ADR 0013) and a lease hands each one its user's scope and save interceptors. A context
/// without a lease, taken from the pool's factory directly or back in the pool, fails closed: it sees nothing and
/// refuses to save (it would otherwise be unscoped, or unaudited).
/// </summary>
[Collection(DemoCountyCollection.Name)]
public sealed class PooledContextTests(DemoCountyFixture county)
{
    [Fact]
    public async Task A_context_taken_from_the_pool_without_a_lease_sees_nothing_and_refuses_to_save()
    {
        await using var db = Unleased();

        Assert.Equal(0, await db.Organisations.CountAsync());
        Assert.Equal(0, await db.People.CountAsync());
        db.JobFairs.Add(new JobFair { Name = "无租约", HeldOn = new DateOnly(2020, 3, 8), OrganisationId = 1 });
        await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
    }

    [Fact]
    public async Task A_leased_context_sees_the_county_and_once_its_request_ends_the_pooled_instance_sees_nothing()
    {
        FederationDbContext leased;
        await using (var scope = county.Factory.Services.CreateAsyncScope())
        {
            leased = scope.ServiceProvider.GetRequiredService<FederationDbContext>();
            Assert.True(await leased.Organisations.CountAsync() > 100);
        }

        // The pool hands out the instance it got back; whatever it is, without a lease it sees nothing.
        await using var next = Unleased();
        Assert.Equal(0, await next.Organisations.CountAsync());
    }

    private FederationDbContext Unleased()
    {
        var services = county.Factory.Services;
        return (FederationDbContext?)services.GetService<IDbContextFactory<SqliteFederationDbContext>>()?.CreateDbContext()
            ?? services.GetRequiredService<IDbContextFactory<PostgreSqlFederationDbContext>>().CreateDbContext();
    }
}
