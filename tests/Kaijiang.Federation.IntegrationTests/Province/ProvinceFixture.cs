using Kaijiang.Federation.IntegrationTests.Infrastructure;
using Kaijiang.Federation.Web.Domain;
using Kaijiang.Federation.Web.Seeding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kaijiang.Federation.IntegrationTests.Province;

/// <summary>A portal on a tiny generated province (scale 0.001: 2 cities, 2 counties, 4 townships, 30 villages, 300 people).</summary>
public sealed class ProvinceFixture : IAsyncLifetime
{
    public const double TinyScale = 0.001;

    public PortalFactory Factory { get; } = new() { SeedDemo = false };

    public string GeneratorOutput { get; private set; } = "";

    public int ExitCode { get; private set; }

    public async Task InitializeAsync()
    {
        _ = Factory.Server;
        (ExitCode, GeneratorOutput) = await ProvinceRun.GenerateAsync(Factory, new ProvinceOptions(Scale: TinyScale));
    }

    public Task<Organisation> OrganisationAsync(Func<IQueryable<Organisation>, IQueryable<Organisation>> pick) =>
        Factory.WithScopeAsync(db => pick(db.Organisations.AsNoTracking().IgnoreQueryFilters().OrderBy(o => o.Path)).FirstAsync());

    public async Task<PortalClient> SignedInAsync(string user)
    {
        var client = new PortalClient(Factory);
        var response = await client.LoginAsync(user, GenerateProvinceCommand.Password);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        Assert.DoesNotContain("/Account/Login", response.Headers.Location?.OriginalString ?? "", StringComparison.Ordinal);
        return client;
    }

    /// <summary>
    /// One round of the dashboard snapshot refresher (off in tests): the province and its cities read their dashboard
    /// from snapshots, which show a change saved by another test of the class only after a round.
    /// </summary>
    public Task<int> RefreshDashboardSnapshotsAsync() =>
        Factory.Services.GetRequiredService<Kaijiang.Federation.Web.Features.Dashboard.DashboardSnapshotRefresher>().RefreshAsync(CancellationToken.None);

    public Task DisposeAsync()
    {
        Factory.Dispose();
        return Task.CompletedTask;
    }
}

public static class ProvinceRun
{
    /// <summary>Runs generate-province against the factory's database, as the command does, and returns its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output)> GenerateAsync(PortalFactory factory, ProvinceOptions options)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await GenerateProvinceCommand.ExecuteAsync(factory.Services, options, output, error, CancellationToken.None);
        return (code, output + error.ToString());
    }
}
