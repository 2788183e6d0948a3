using Kaijiang.Federation.Web.Data;
using Kaijiang.Federation.Web.Domain;
using Kaijiang.Federation.Web.Features.Programmes;
using Microsoft.EntityFrameworkCore;

namespace Kaijiang.Federation.Web.Features.Grants;

public sealed class ListGrants(FederationDbContext db, RegisterQueries queries, TimeProvider clock)
{
    private static readonly RegisterColumn[] Columns =
    [
        new("Grants.Graduate"), new("Grants.Business"), new("Grants.Amount", CellKind.Money), new("Grants.GrantedOn", CellKind.Date), new("Programmes.Organisation"),
    ];

    public async Task<RegisterListPage> RunAsync(RegisterFilter filter, bool everything, CancellationToken cancellationToken)
    {
        var grants = await queries.WithinAsync(db.StartupGrants.AsNoTracking(), filter.Township, cancellationToken);
        if (filter.Year is { } year)
        {
            var from = new DateOnly(Math.Clamp(year, 1, 9999), 1, 1);
            var to = new DateOnly(Math.Clamp(year, 1, 9999), 12, 31);
            grants = grants.Where(g => g.GrantedOn >= from && g.GrantedOn <= to);
        }

        if (filter.Search?.Trim() is { Length: > 0 } search)
        {
            grants = grants.Where(g => g.Business.Contains(search) || g.Graduate!.Name.Contains(search));
        }

        var (rows, total, pageCount) = await RegisterQueries.PageAsync(
            grants.OrderByDescending(g => g.GrantedOn).ThenByDescending(g => g.Id)
                .Select(g => new { g.Id, Graduate = g.Graduate!.Name, g.Business, g.Amount, g.GrantedOn, Organisation = g.Organisation!.Name }),
            filter, everything, cancellationToken);

        return new RegisterListPage(
            "Grants",
            filter,
            [
                new("township", "Programmes.Township", await queries.TownshipOptionsAsync(cancellationToken), RegisterQueries.Selected(filter.Township)),
                new("year", "Programmes.Year", RegisterQueries.YearOptions(clock.Today()), RegisterQueries.Selected(filter.Year)),
            ],
            Columns,
            rows.Select(r => new RegisterRow(r.Id, [r.Graduate, r.Business, r.Amount, r.GrantedOn, r.Organisation], $"/Grants/Edit/{r.Id}")).ToList(),
            total,
            pageCount);
    }
}
