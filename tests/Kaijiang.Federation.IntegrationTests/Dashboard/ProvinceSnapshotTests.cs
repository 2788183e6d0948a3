using System.Net;
using Kaijiang.Federation.IntegrationTests.Infrastructure;
using Kaijiang.Federation.IntegrationTests.Province;
using Kaijiang.Federation.Web.Domain;
using Kaijiang.Federation.Web.Seeding;
using Microsoft.EntityFrameworkCore;
using static Kaijiang.Federation.IntegrationTests.Dashboard.DashboardPageReader;

namespace Kaijiang.Federation.IntegrationTests.Dashboard;

/// <summary>A tiny generated province, whose province and cities read their dashboard from snapshots by default.</summary>
[Collection(DemoCountyCollection.Name)]
public sealed class ProvinceSnapshotTests(ProvinceFixture province) : IClassFixture<ProvinceFixture>
{
    [Fact]
    public async Task The_province_and_a_city_read_from_snapshots_have_exactly_the_live_figures()
    {
        Assert.True(province.ExitCode == 0, province.GeneratorOutput);
        await AssertProvinceSnapshotsEqualLiveAsync(province.Factory);
    }

    [SkippableFact]
    public async Task On_PostgreSQL_too()
    {
        Skip.If(TestDatabases.PostgresServer is null, TestDatabases.SkipReason);
        var connection = await TestDatabases.CreatePostgresDatabaseAsync();
        try
        {
            using var postgres = new PortalFactory { Provider = "PostgreSql", ConnectionString = connection, SeedDemo = false };
            _ = postgres.Server;
            var (code, output) = await ProvinceRun.GenerateAsync(postgres, new ProvinceOptions(Scale: ProvinceFixture.TinyScale));
            Assert.True(code == 0, output);
            await AssertProvinceSnapshotsEqualLiveAsync(postgres);
        }
        finally
        {
            await TestDatabases.DropPostgresDatabaseAsync(connection);
        }
    }

    private static async Task AssertProvinceSnapshotsEqualLiveAsync(PortalFactory factory)
    {
        var (root, city, townshipLength) = await factory.WithScopeAsync(async db => (
            await db.Organisations.IgnoreQueryFilters().Where(o => o.Kind == OrganisationKind.Province).Select(o => o.Path).SingleAsync(),
            await db.Organisations.IgnoreQueryFilters().Where(o => o.Kind == OrganisationKind.City).OrderBy(o => o.Path).Select(o => o.Path).FirstAsync(),
            await db.Organisations.IgnoreQueryFilters().Where(o => o.Kind == OrganisationKind.Township).Select(o => o.Path.Length).FirstAsync()));

        var byCities = await SnapshotCheck.AssertSnapshotEqualsLiveAsync(factory, root);
        Assert.Equal(2, byCities.Parts.Count);
        var byTownships = await SnapshotCheck.AssertSnapshotEqualsLiveAsync(factory, root, townshipLength); // the comparison page
        Assert.Equal(4, byTownships.Parts.Count);
        await SnapshotCheck.AssertSnapshotEqualsLiveAsync(factory, city);
        Assert.True(byCities.Total[Web.Features.Dashboard.FigureKeys.Loans] > 0);
    }

    [Fact]
    public async Task A_township_chair_never_gets_the_province_snapshots_figures()
    {
        var (provinceId, cityId) = (
            (await province.OrganisationAsync(q => q.Where(o => o.Kind == OrganisationKind.Province))).Id,
            (await province.OrganisationAsync(q => q.Where(o => o.Kind == OrganisationKind.City))).Id);

        // The province's snapshot exists (the province leader's dashboard stored or read it).
        var leader = await province.SignedInAsync("province.leader");
        var provinceHtml = await leader.Http.GetStringAsync("/");
        Assert.Equal(4, Number(Figure(provinceHtml, Web.Features.Dashboard.FigureKeys.Townships)));
        Assert.True(await province.Factory.WithScopeAsync(db => db.DashboardSnapshots.AnyAsync(s => s.PartPathLength > 0)));

        var chair = await province.SignedInAsync("chair.t1");
        Assert.Equal(HttpStatusCode.NotFound, (await chair.Http.GetAsync($"/Dashboard/Organisation/{provinceId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await chair.Http.GetAsync($"/Dashboard/Organisation/{cityId}")).StatusCode);
        var own = await chair.Http.GetStringAsync("/");
        Assert.Equal(1, Number(Figure(own, Web.Features.Dashboard.FigureKeys.Townships)));
        Assert.NotEqual(Figure(provinceHtml, Web.Features.Dashboard.FigureKeys.Loans), Figure(own, Web.Features.Dashboard.FigureKeys.Loans));
    }
}
