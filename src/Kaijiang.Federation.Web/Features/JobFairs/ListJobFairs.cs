using Kaijiang.Federation.Web.Data;
using Kaijiang.Federation.Web.Domain;
using Kaijiang.Federation.Web.Features.Programmes;
using Microsoft.EntityFrameworkCore;

namespace Kaijiang.Federation.Web.Features.JobFairs;

public sealed class ListJobFairs(FederationDbContext db, RegisterQueries queries, TimeProvider clock)
{
    private static readonly RegisterColumn[] Columns =
    [
        new("JobFairs.Name"), new("JobFairs.HeldOn", CellKind.Date), new("JobFairs.Place"), new("JobFairs.Employers", CellKind.Number),
        new("JobFairs.PositionsOffered", CellKind.Number), new("Programmes.Organisation"),
    ];

    public async Task<RegisterListPage> RunAsync(RegisterFilter filter, bool everything, CancellationToken cancellationToken)
    {
        var fairs = await queries.WithinAsync(db.JobFairs.AsNoTracking(), filter.Township, cancellationToken);
        if (filter.Year is { } year)
        {
            var from = new DateOnly(Math.Clamp(year, 1, 9999), 1, 1);
            var to = new DateOnly(Math.Clamp(year, 1, 9999), 12, 31);
            fairs = fairs.Where(f => f.HeldOn >= from && f.HeldOn <= to);
        }

        if (filter.Search?.Trim() is { Length: > 0 } search)
        {
            fairs = fairs.Where(f => f.Name.Contains(search));
        }

        var (rows, total, pageCount) = await RegisterQueries.PageAsync(
            fairs.OrderByDescending(f => f.HeldOn).ThenByDescending(f => f.Id)
                .Select(f => new { f.Id, f.Name, f.HeldOn, f.Place, f.Employers, f.PositionsOffered, Organisation = f.Organisation!.Name }),
            filter, everything, cancellationToken);

        return new RegisterListPage(
            "JobFairs",
            filter,
            [
                new("township", "Programmes.Township", await queries.TownshipOptionsAsync(cancellationToken), RegisterQueries.Selected(filter.Township)),
                new("year", "Programmes.Year", RegisterQueries.YearOptions(clock.Today()), RegisterQueries.Selected(filter.Year)),
            ],
            Columns,
            rows.Select(r => new RegisterRow(r.Id, [r.Name, r.HeldOn, r.Place, r.Employers, r.PositionsOffered, r.Organisation], $"/JobFairs/Edit/{r.Id}")).ToList(),
            total,
            pageCount);
    }
}
