using Kaijiang.Federation.IntegrationTests.Infrastructure;
using Kaijiang.Federation.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace Kaijiang.Federation.IntegrationTests.Organisations;

/// <summary>A demo county of its own for the tests that create, move and close organisations.</summary>
public sealed class OrganisationWriteFixture : IDisposable
{
    public PortalFactory Factory { get; } = new();

    public OrganisationWriteFixture() => _ = Factory.Server;

    public Task<Organisation> OrganisationAsync(string name) =>
        Factory.WithScopeAsync(db => db.Organisations.AsNoTracking().SingleAsync(o => o.Name == name));

    public async Task<PortalClient> SignedInAsync(string user = "county.staff")
    {
        var client = new PortalClient(Factory);
        await client.LoginAsync(user);
        return client;
    }

    /// <summary>An organisation made straight in the database, with a unique name, for one test to change.</summary>
    public async Task<Organisation> AddAsync(string parentName, OrganisationKind kind, UnitKind unitKind = UnitKind.None)
    {
        return await Factory.WithScopeAsync(async db =>
        {
            var parent = await db.Organisations.SingleAsync(o => o.Name == parentName);
            var siblings = await db.Organisations.Where(o => o.ParentId == parent.Id).Select(o => o.Path).ToListAsync();
            var next = siblings.Select(p => int.Parse(p[^OrganisationPath.SegmentWidth..], System.Globalization.CultureInfo.InvariantCulture)).DefaultIfEmpty(0).Max() + 1;
            var path = OrganisationPath.Child(parent.Path, next);
            var organisation = new Organisation
            {
                ParentId = parent.Id,
                Path = path,
                Depth = OrganisationPath.DepthOf(path),
                Kind = kind,
                UnitKind = unitKind,
                Name = "测试" + Guid.NewGuid().ToString("N")[..8],
            };
            db.Organisations.Add(organisation);
            await db.SaveChangesAsync();
            return organisation;
        });
    }

    public void Dispose() => Factory.Dispose();
}
