using System.Net;
using Kaijiang.Federation.IntegrationTests.Infrastructure;
using Kaijiang.Federation.Web.Data;
using Kaijiang.Federation.Web.Domain;
using Kaijiang.Federation.Web.Seeding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kaijiang.Federation.IntegrationTests.Province;

/// <summary>generate-province at a tiny scale: what it writes, that it writes the same again, and that the portal serves it.</summary>
[Collection(DemoCountyCollection.Name)]
public sealed class ProvinceGeneratorTests(ProvinceFixture province) : IClassFixture<ProvinceFixture>
{
    [Fact]
    public async Task The_tiny_province_has_its_counts_and_a_consistent_tree()
    {
        Assert.True(province.ExitCode == 0, province.GeneratorOutput);
        var counts = await CountsAsync(province.Factory);

        Assert.Equal(1, counts["Province"]);
        Assert.Equal(2, counts["City"]);
        Assert.Equal(2, counts["County"]);
        Assert.Equal(4, counts["Township"]);
        Assert.Equal(30, counts["Grassroots"]);
        Assert.Equal(300, counts["People"]);
        Assert.Equal(300, counts["Terms"]);
        Assert.Equal(100, counts["Loans"]);
        Assert.Equal(20, counts["Awards"]);
        Assert.Equal(20, counts["Indicators"]);
        Assert.InRange(counts["Reports"], 4 * 100, 4 * ProvinceGenerator.ReportMonths);
        Assert.Equal(counts["Reports"] * 20, counts["Values"]);
        Assert.Equal(GenerateProvinceCommand.Accounts.Count, counts["Users"]);

        await province.Factory.WithScopeAsync(async db =>
        {
            var organisations = await db.Organisations.IgnoreQueryFilters().AsNoTracking().ToListAsync();
            var byId = organisations.ToDictionary(o => o.Id);
            foreach (var o in organisations)
            {
                Assert.Equal(OrganisationPath.DepthOf(o.Path), o.Depth);
                Assert.Equal(0, o.Version);
                if (o.ParentId is { } parentId)
                {
                    var parent = byId[parentId];
                    Assert.StartsWith(parent.Path, o.Path, StringComparison.Ordinal);
                    Assert.Equal(parent.Path.Length + OrganisationPath.SegmentWidth, o.Path.Length);
                    Assert.True(OrganisationHierarchy.CanHold(parent.Kind, o.Kind), $"{parent.Kind} holding {o.Kind}");
                }
                else
                {
                    Assert.Equal(OrganisationKind.Province, o.Kind);
                }
            }

            var people = await db.People.IgnoreQueryFilters().AsNoTracking().ToListAsync();
            Assert.All(people, p => Assert.True(ResidentIdNumber.IsValid(p.IdNumber), p.IdNumber));
            Assert.All(people, p => Assert.True(MobilePhone.IsValid(p.Phone), p.Phone));
            Assert.All(people, p => Assert.Equal(p.BirthDate, ResidentIdNumber.BirthDateOf(p.IdNumber!)));
            Assert.All(people, p => Assert.Equal(p.Sex, ResidentIdNumber.SexOf(p.IdNumber!)));

            // The bulk writer bypasses the save interceptor: the generator fills in the keyed hashes itself, so that
            // search by ID number or phone finds generated people without a conversion at the next start.
            var personalData = province.Factory.Services.GetRequiredService<PersonalDataProtector>();
            Assert.All(people, p => Assert.Equal(personalData.HashIdNumber(p.IdNumber), p.IdNumberHash));
            Assert.All(people, p => Assert.Equal(personalData.HashPhone(p.Phone), p.PhoneHash));

            // New rows after the load get keys past the generated ones (the sequences were moved on).
            var added = new Person { OrganisationId = organisations[0].Id, Name = "新增测试" };
            db.People.Add(added);
            await db.SaveChangesAsync();
            Assert.Equal(people.Max(p => p.Id) + 1, added.Id);
            return 0;
        });
    }

    [Fact]
    public async Task The_same_seed_writes_the_same_data_and_another_seed_other_data()
    {
        using var again = new PortalFactory { SeedDemo = false };
        using var other = new PortalFactory { SeedDemo = false };
        _ = again.Server;
        _ = other.Server;
        Assert.Equal(0, (await ProvinceRun.GenerateAsync(again, new ProvinceOptions(Scale: ProvinceFixture.TinyScale))).ExitCode);
        Assert.Equal(0, (await ProvinceRun.GenerateAsync(other, new ProvinceOptions(Seed: 7, Scale: ProvinceFixture.TinyScale))).ExitCode);

        var first = await FingerprintAsync(province.Factory);
        Assert.Equal(first, await FingerprintAsync(again));
        Assert.NotEqual(first, await FingerprintAsync(other));
    }

    [Fact]
    public async Task Generating_into_a_database_that_holds_data_is_refused_and_changes_nothing()
    {
        var before = await CountsAsync(province.Factory);

        var (code, output) = await ProvinceRun.GenerateAsync(province.Factory, new ProvinceOptions(Scale: ProvinceFixture.TinyScale));

        Assert.Equal(1, code);
        Assert.Contains("empty database only", output, StringComparison.Ordinal);
        Assert.Equal(before["Organisations"], (await CountsAsync(province.Factory))["Organisations"]);
    }

    [Fact]
    public async Task The_province_admin_sees_the_whole_tree_and_a_township_chair_only_her_township()
    {
        var root = await province.OrganisationAsync(q => q.Where(o => o.ParentId == null));
        var cities = await province.Factory.WithScopeAsync(db => db.Organisations.IgnoreQueryFilters().Where(o => o.Kind == OrganisationKind.City).OrderBy(o => o.Path).ToListAsync());
        var townships = await province.Factory.WithScopeAsync(db => db.Organisations.IgnoreQueryFilters().Where(o => o.Kind == OrganisationKind.Township).OrderBy(o => o.Path).ToListAsync());

        var admin = await province.SignedInAsync("province.admin");
        var tree = await admin.Http.GetStringAsync("/Organisations/Tree");
        Assert.Contains(WebUtility.HtmlEncode(root.Name), tree, StringComparison.Ordinal);
        Assert.All(cities, c => Assert.Contains(WebUtility.HtmlEncode(c.Name), tree, StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, (await admin.Http.GetAsync($"/Organisations/Details/{townships[3].Id}")).StatusCode);

        var chair = await province.SignedInAsync("chair.t2");
        Assert.Equal(HttpStatusCode.OK, (await chair.Http.GetAsync($"/Organisations/Details/{townships[1].Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await chair.Http.GetAsync($"/Organisations/Details/{townships[2].Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await chair.Http.GetAsync($"/Organisations/Details/{root.Id}")).StatusCode);
        var dashboard = await chair.Http.GetStringAsync("/Dashboard");
        Assert.Contains(WebUtility.HtmlEncode(townships[1].Name), dashboard, StringComparison.Ordinal);
        var matrix = await chair.Http.GetStringAsync("/Reports/Completeness?year=2026");
        Assert.Equal([townships[1].Name], ProvinceLevelsTests.MatrixRows(matrix));
    }

    internal static async Task<Dictionary<string, int>> CountsAsync(PortalFactory factory) => await factory.WithScopeAsync(async db =>
    {
        var kinds = await db.Organisations.IgnoreQueryFilters().GroupBy(o => o.Kind).Select(g => new { g.Key, Count = g.Count() }).ToListAsync();
        int Kind(params OrganisationKind[] k) => kinds.Where(x => k.Contains(x.Key)).Sum(x => x.Count);
        return new Dictionary<string, int>
        {
            ["Organisations"] = kinds.Sum(k => k.Count),
            ["Province"] = Kind(OrganisationKind.Province),
            ["City"] = Kind(OrganisationKind.City),
            ["County"] = Kind(OrganisationKind.County),
            ["Township"] = Kind(OrganisationKind.Township),
            ["Grassroots"] = Kind(OrganisationKind.Village, OrganisationKind.Community),
            ["People"] = await db.People.IgnoreQueryFilters().CountAsync(p => p.Name != "新增测试"),
            ["Terms"] = await db.OfficeTerms.IgnoreQueryFilters().CountAsync(),
            ["Loans"] = await db.Loans.IgnoreQueryFilters().CountAsync(),
            ["Awards"] = await db.FamilyAwards.IgnoreQueryFilters().CountAsync(),
            ["Indicators"] = await db.ReportIndicators.CountAsync(),
            ["Reports"] = await db.MonthlyReports.IgnoreQueryFilters().CountAsync(),
            ["Values"] = await db.MonthlyReportValues.CountAsync(),
            ["Users"] = await db.Users.CountAsync(),
        };
    });

    /// <summary>Every generated row that could differ between two runs, as one text, the same whatever the provider.</summary>
    internal static Task<string> FingerprintAsync(PortalFactory factory) => factory.WithScopeAsync(async db =>
    {
        static string M(decimal? d) => d?.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture) ?? "-";
        var organisations = (await db.Organisations.IgnoreQueryFilters().OrderBy(o => o.Id)
            .Select(o => new { o.Id, o.Path, o.Name, o.DivisionCode, o.PinyinInitials, o.ContactPhone }).ToListAsync())
            .Select(o => string.Join('|', o.Id, o.Path, o.Name, o.DivisionCode, o.PinyinInitials, o.ContactPhone));
        var people = (await db.People.IgnoreQueryFilters().Where(p => p.Name != "新增测试").OrderBy(p => p.Id)
            .Select(p => new { p.Id, p.Name, p.IdNumber, p.Phone, p.OrganisationId, p.BirthDate }).ToListAsync())
            .Select(p => string.Join('|', p.Id, p.Name, p.IdNumber, p.Phone, p.OrganisationId, p.BirthDate));
        var loans = (await db.Loans.IgnoreQueryFilters().OrderBy(l => l.Id).Select(l => new { l.Id, l.BorrowerId, l.Amount, l.DisbursedOn }).ToListAsync())
            .Select(l => string.Join('|', l.Id, l.BorrowerId, M(l.Amount), l.DisbursedOn));
        var repaid = (await db.LoanRepayments.OrderBy(r => r.Id).Select(r => new { r.LoanId, r.Principal, r.PaidOn, r.RecordedAt }).ToListAsync())
            .Select(r => string.Join('|', r.LoanId, M(r.Principal), r.PaidOn, r.RecordedAt.UtcTicks));
        var reports = (await db.MonthlyReports.IgnoreQueryFilters().OrderBy(r => r.Id).Select(r => new { r.OrganisationId, r.Period, r.Status, r.SubmittedAt }).ToListAsync())
            .Select(r => string.Join('|', r.OrganisationId, r.Period, r.Status, r.SubmittedAt?.UtcTicks));
        var values = (await db.MonthlyReportValues.OrderBy(v => v.Id).Select(v => v.Value).ToListAsync()).Select(M);
        return string.Join('\n', organisations.Concat(people).Concat(loans).Concat(repaid).Concat(reports)) + string.Join(',', values);
    });
}
