using Kaijiang.Federation.IntegrationTests.Infrastructure;
using Kaijiang.Federation.Web.Domain;
using Kaijiang.Federation.Web.Features.Organisations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kaijiang.Federation.IntegrationTests.Organisations;

/// <summary>
/// The organisation page's register brief (awards, loans, amount lent, outstanding) is computed by aggregate queries;
/// here it is checked against the same figures added up in memory from every loan and repayment of the subtree,
/// for the county (which holds the demo's written-off loans) and for every township.
/// </summary>
[Collection(DemoCountyCollection.Name)]
public sealed class OrganisationRegisterBriefTests(DemoCountyFixture county)
{
    [Fact]
    public async Task The_brief_matches_the_loans_and_repayments_of_the_subtree_added_up_in_memory()
    {
        await using var scope = county.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Kaijiang.Federation.Web.Data.FederationDbContext>();
        var queries = scope.ServiceProvider.GetRequiredService<OrganisationQueries>();
        var organisations = await db.Organisations.AsNoTracking()
            .Where(o => o.Kind == OrganisationKind.County || o.Kind == OrganisationKind.Township)
            .Select(o => new { o.Id, o.Path, o.Kind }).ToListAsync();
        var loans = await db.Loans.AsNoTracking()
            .Select(l => new { l.Id, l.Amount, l.WrittenOffOn, l.Organisation!.Path }).ToListAsync();
        var repaid = await db.LoanRepayments.AsNoTracking()
            .GroupBy(r => r.LoanId).Select(g => new { LoanId = g.Key, Principal = g.Sum(r => r.Principal) })
            .ToDictionaryAsync(r => r.LoanId, r => r.Principal);
        var awards = await db.FamilyAwards.AsNoTracking()
            .Select(a => new { a.Status, a.Organisation!.Path }).ToListAsync();
        Assert.Contains(loans, l => l.WrittenOffOn != null); // the case the aggregate must get right

        foreach (var organisation in organisations)
        {
            var inside = loans.Where(l => l.Path.StartsWith(organisation.Path, StringComparison.Ordinal)).ToList();
            var amount = inside.Sum(l => l.Amount);
            var outstanding = Math.Max(0m, amount - inside.Where(l => l.WrittenOffOn != null).Sum(l => l.Amount)
                - inside.Where(l => l.WrittenOffOn == null).Sum(l => repaid.GetValueOrDefault(l.Id)));
            var awardsInside = awards.Where(a => a.Path.StartsWith(organisation.Path, StringComparison.Ordinal)).ToList();

            var details = await queries.DetailsAsync(organisation.Id, new ChildrenFilter(null, false, 1), CancellationToken.None);

            Assert.Equal(
                new RegisterBrief(awardsInside.Count, awardsInside.Count(a => a.Status == AwardStatus.Awarded), inside.Count, amount, outstanding),
                details!.Registers);
        }

        Assert.Contains(organisations, o => o.Kind == OrganisationKind.County);
    }
}
