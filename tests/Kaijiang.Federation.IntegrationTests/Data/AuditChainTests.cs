using Kaijiang.Federation.IntegrationTests.Infrastructure;
using Kaijiang.Federation.Web.Data;
using Kaijiang.Federation.Web.Domain;
using Kaijiang.Federation.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Kaijiang.Federation.IntegrationTests.Data;

public sealed class AuditChainTests
{
    private static async Task<long> ChangeSomethingAsync(PortalFactory factory, string address)
    {
        return await factory.WithScopeAsync(async db =>
        {
            var township = await db.Organisations.FirstAsync(o => o.Kind == OrganisationKind.Township);
            township.Address = address;
            await db.SaveChangesAsync();
            return await db.AuditEntries.MaxAsync(e => e.Id);
        });
    }

    [Fact]
    public async Task Sealed_entries_verify_and_a_changed_entry_is_named_by_the_verifier()
    {
        using var factory = new PortalFactory { SeedDemo = false };
        await factory.WithScopeAsync(async db =>
        {
            db.Organisations.Add(new Organisation { Name = "测试县", Kind = OrganisationKind.County, Path = OrganisationPath.Segment(1) });
            db.Organisations.Add(new Organisation { Name = "测试镇", Kind = OrganisationKind.Township, Path = OrganisationPath.Child(OrganisationPath.Segment(1), 1) });
            return await db.SaveChangesAsync();
        });
        await ChangeSomethingAsync(factory, "一号");
        var target = await ChangeSomethingAsync(factory, "二号");
        await ChangeSomethingAsync(factory, "三号");

        var (sealedCount, intact) = await factory.WithScopeAsync(async db =>
            (await AuditChain.SealAsync(db, DateTimeOffset.UtcNow.AddMinutes(1)), await AuditChain.VerifyAsync(db)));
        Assert.True(sealedCount >= 5, $"sealed {sealedCount}");
        Assert.True(intact.Intact, intact.Message);
        Assert.Equal(0, await factory.WithScopeAsync(db => VerifyAuditCommand.ExecuteAsync(db, TextWriter.Null, TextWriter.Null)));

        // Someone with database access rewrites history behind the application's back.
        await factory.WithScopeAsync(db => db.Database.ExecuteSqlRawAsync(
            "UPDATE \"AuditEntries\" SET \"After\" = {0} WHERE \"Id\" = {1}", "{\"Address\":\"篡改\"}", target));

        var error = new StringWriter();
        var code = await factory.WithScopeAsync(db => VerifyAuditCommand.ExecuteAsync(db, TextWriter.Null, error));
        Assert.Equal(1, code);
        Assert.Contains($"BROKEN at entry {target}", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Removing_an_entry_from_the_middle_breaks_the_link_at_the_next_one()
    {
        using var factory = new PortalFactory { SeedDemo = false };
        await factory.WithScopeAsync(async db =>
        {
            db.Organisations.Add(new Organisation { Name = "测试县", Kind = OrganisationKind.County, Path = OrganisationPath.Segment(1) });
            db.Organisations.Add(new Organisation { Name = "测试镇", Kind = OrganisationKind.Township, Path = OrganisationPath.Child(OrganisationPath.Segment(1), 1) });
            return await db.SaveChangesAsync();
        });
        var removed = await ChangeSomethingAsync(factory, "一号");
        var next = await ChangeSomethingAsync(factory, "二号");
        await factory.WithScopeAsync(db => AuditChain.SealAsync(db, DateTimeOffset.UtcNow.AddMinutes(1)));

        await factory.WithScopeAsync(db => db.Database.ExecuteSqlRawAsync("DELETE FROM \"AuditEntries\" WHERE \"Id\" = {0}", removed));

        var result = await factory.WithScopeAsync(db => AuditChain.VerifyAsync(db));
        Assert.False(result.Intact);
        Assert.Equal(next, result.FirstBrokenId);
    }

    [Fact]
    public async Task The_application_cannot_edit_or_delete_an_audit_entry()
    {
        using var factory = new PortalFactory { SeedDemo = false };
        await factory.WithScopeAsync(async db =>
        {
            db.Organisations.Add(new Organisation { Name = "测试县", Kind = OrganisationKind.County, Path = OrganisationPath.Segment(1) });
            return await db.SaveChangesAsync();
        });

        await Assert.ThrowsAsync<InvalidOperationException>(() => factory.WithScopeAsync(async db =>
        {
            var entry = await db.AuditEntries.FirstAsync();
            entry.After = "{}";
            return await db.SaveChangesAsync();
        }));
        await Assert.ThrowsAsync<InvalidOperationException>(() => factory.WithScopeAsync(async db =>
        {
            db.AuditEntries.Remove(await db.AuditEntries.FirstAsync());
            return await db.SaveChangesAsync();
        }));
    }
}
