using Kaijiang.Federation.IntegrationTests.Infrastructure;
using Kaijiang.Federation.Web.Data;
using Kaijiang.Federation.Web.Domain;
using Kaijiang.Federation.Web.Seeding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Kaijiang.Federation.IntegrationTests.Seeding;

[Collection(DemoCountyCollection.Name)]
public class DemoSeederTests(DemoCountyFixture fixture)
{
    private readonly PortalFactory _factory = fixture.Factory;

    private static readonly string[] DemoAccountNames =
        ["admin", "county.staff", "leader", "chair.jianshe", .. DemoCounty.Townships.Select(t => "chair." + t.Pinyin)];

    [Fact]
    public async Task Seeding_a_seeded_database_again_changes_nothing()
    {
        var before = await CountsAsync();

        await using (var scope = _factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync();
        }

        var after = await CountsAsync();
        Assert.Equal(before, after);
        Assert.Equal(307, before["Organisations"]);
        Assert.Equal(24, before["Users"]);
    }

    [Fact]
    public void The_demo_county_is_the_same_on_every_build()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 29, 4, 0, 0, TimeSpan.Zero));

        var first = new DemoCounty(clock).Build();
        var second = new DemoCounty(clock).Build();

        Assert.Equal(Fingerprint(first), Fingerprint(second));
        Assert.Equal(first.People.Select(p => p.IdNumber), second.People.Select(p => p.IdNumber));
        Assert.Equal(first.Loans.Select(l => l.Amount), second.Loans.Select(l => l.Amount));
    }

    [Theory]
    [InlineData(2020, 2, 1)]
    [InlineData(2026, 1, 1)]
    [InlineData(2031, 7, 15)]
    public void The_figures_hold_whatever_today_is(int year, int month, int day)
    {
        var today = new DateOnly(year, month, day);
        var clock = new FakeTimeProvider(new DateTimeOffset(today.ToDateTime(new TimeOnly(1, 0)), TimeSpan.Zero));

        var county = new DemoCounty(clock).Build();

        var grassroots = county.OfficeTerms.Where(t => t.EndedOn == null && t.Organisation!.Kind is OrganisationKind.Village or OrganisationKind.Community).ToList();
        Assert.Equal(227, grassroots.Count(t => t.Office == Office.Chair));
        Assert.Equal(450, grassroots.Count(t => t.Office == Office.ViceChair));
        Assert.Equal(2_065, grassroots.Count(t => t.Office == Office.ExecutiveMember));
        Assert.Equal(985, county.Loans.Count);
        Assert.Equal(75_400_000m, county.Loans.Sum(l => l.Amount));
        Assert.Equal(800, county.Trainings.Sum(t => t.Participants));
        Assert.All(county.Loans.SelectMany(l => l.Repayments), r => Assert.True(r.PaidOn <= today));
        Assert.All(county.MonthlyReports.Where(r => r.SubmittedAt != null), r => Assert.True(r.SubmittedAt <= clock.GetUtcNow()));
        Assert.All(county.People, p => Assert.True(ResidentIdNumber.IsValid(p.IdNumber)));
        Assert.Equal(24, county.Accounts.Count);
    }

    private static string Fingerprint(DemoCounty.Result county) => string.Join(
        "|",
        county.Organisations.Count,
        string.Join(",", county.Organisations.Select(o => o.Path + o.Name)),
        string.Join(",", county.People.Select(p => p.Name + p.Phone)),
        string.Join(",", county.OfficeTerms.Select(t => $"{t.Office}{t.StartOn}{t.MonthlyStipend}")),
        string.Join(",", county.FamilyMottos.Select(m => m.Text)),
        string.Join(",", county.MonthlyReports.Select(r => $"{r.Period}{r.Status}{r.SubmittedAt:O}")));

    private Task<Dictionary<string, int>> CountsAsync() => _factory.WithScopeAsync(async (FederationDbContext db) => new Dictionary<string, int>
    {
        ["Organisations"] = await db.Organisations.CountAsync(),
        ["People"] = await db.People.CountAsync(),
        ["OfficeTerms"] = await db.OfficeTerms.CountAsync(),
        ["ServiceSites"] = await db.ServiceSites.CountAsync(),
        ["Families"] = await db.Families.CountAsync(),
        ["FamilyAwards"] = await db.FamilyAwards.CountAsync(),
        ["FamilyMottos"] = await db.FamilyMottos.CountAsync(),
        ["Loans"] = await db.Loans.CountAsync(),
        ["LoanRepayments"] = await db.LoanRepayments.CountAsync(),
        ["StartupGrants"] = await db.StartupGrants.CountAsync(),
        ["Bases"] = await db.Bases.CountAsync(),
        ["MonthlyReports"] = await db.MonthlyReports.CountAsync(),
        // Other tests of this collection add accounts of their own; the demo accounts are the ones seeding owns.
        ["Users"] = await db.Users.CountAsync(u => DemoAccountNames.Contains(u.UserName!)),
    });
}
