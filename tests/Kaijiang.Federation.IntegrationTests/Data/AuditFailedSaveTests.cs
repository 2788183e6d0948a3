using System.Text.Json;
using Kaijiang.Federation.IntegrationTests.Infrastructure;
using Kaijiang.Federation.Web.Data;
using Kaijiang.Federation.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kaijiang.Federation.IntegrationTests.Data;

/// <summary>
/// A save that fails leaves no audit entry behind: not in the database, and not tracked for the next save of the same
/// request to write. EF Core reports a concurrency conflict and a cancellation through their own events, not through
/// <c>SaveChangesFailed</c>.
/// </summary>
public sealed class AuditFailedSaveTests
{
    private static async Task<int> TownshipAsync(PortalFactory factory) =>
        await factory.WithScopeAsync(db => db.Organisations.Where(o => o.Kind == OrganisationKind.Township).Select(o => o.Id).FirstAsync());

    // The addresses the township's "Modified" entries record, oldest first.
    private static async Task<List<string?>> AuditedAddressesAsync(PortalFactory factory, int id)
    {
        var after = await factory.WithScopeAsync(db => db.AuditEntries
            .Where(e => e.EntityType == nameof(Organisation) && e.EntityId == id.ToString(System.Globalization.CultureInfo.InvariantCulture) && e.Action == "Modified")
            .OrderBy(e => e.Id)
            .Select(e => e.After!)
            .ToListAsync());
        return after.Select(json => JsonDocument.Parse(json).RootElement.GetProperty(nameof(Organisation.Address)).GetString()).ToList();
    }

    private static int TrackedAuditEntries(FederationDbContext db) => db.ChangeTracker.Entries<AuditEntry>().Count();

    [Fact]
    public async Task A_save_refused_for_a_concurrent_change_leaves_no_audit_entry_for_the_next_save_to_write()
    {
        using var factory = new PortalFactory();
        var id = await TownshipAsync(factory);

        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FederationDbContext>();
        var township = await db.Organisations.SingleAsync(o => o.Id == id);

        // Someone else saves the township first.
        await factory.WithScopeAsync(async other =>
        {
            (await other.Organisations.SingleAsync(o => o.Id == id)).Address = "他人的地址";
            return await other.SaveChangesAsync();
        });

        township.Address = "被拒绝的地址";
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => db.SaveChangesAsync());
        Assert.Equal(0, TrackedAuditEntries(db));
        Assert.Null(db.Database.CurrentTransaction);

        // The clerk reloads and saves again in the same request: one entry for this save, none for the refused one.
        await db.Entry(township).ReloadAsync();
        township.Address = "重新保存的地址";
        await db.SaveChangesAsync();

        var audited = await AuditedAddressesAsync(factory, id);
        Assert.Equal(["他人的地址", "重新保存的地址"], audited);
    }

    [Fact]
    public async Task A_cancelled_save_leaves_no_audit_entry_for_the_next_save_to_write()
    {
        using var factory = new PortalFactory();
        var id = await TownshipAsync(factory);

        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FederationDbContext>();
        var township = await db.Organisations.SingleAsync(o => o.Id == id);

        township.Address = "取消的地址";
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => db.SaveChangesAsync(cancelled.Token));
        Assert.Equal(0, TrackedAuditEntries(db));

        township.Address = "保存的地址";
        await db.SaveChangesAsync();

        var audited = await AuditedAddressesAsync(factory, id);
        Assert.Equal(["保存的地址"], audited);
    }

    [Fact]
    public async Task A_cancelled_save_of_a_new_record_rolls_back_the_transaction_the_audit_trail_opened()
    {
        using var factory = new PortalFactory();
        var id = await TownshipAsync(factory);

        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FederationDbContext>();
        await db.Organisations.SingleAsync(o => o.Id == id); // tracked: the save needs no query before it prepares
        db.People.Add(new Person { OrganisationId = id, Name = "取消测试", Sex = Sex.Female });
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => db.SaveChangesAsync(cancelled.Token));

        Assert.Equal(0, TrackedAuditEntries(db));
        Assert.Null(db.Database.CurrentTransaction);
        Assert.False(await factory.WithScopeAsync(other => other.People.IgnoreQueryFilters().AnyAsync(p => p.Name == "取消测试")));
    }
}
