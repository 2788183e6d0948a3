using Kaijiang.Federation.Web.Data;
using Kaijiang.Federation.Web.Domain;
using Kaijiang.Federation.Web.Features.Programmes;
using Microsoft.EntityFrameworkCore;

namespace Kaijiang.Federation.Web.Features.Trainings;

public sealed class ListTrainings(FederationDbContext db, RegisterQueries queries, TimeProvider clock)
{
    private static readonly RegisterColumn[] Columns =
    [
        new("Trainings.TrainingTitle"), new("Trainings.HeldOn", CellKind.Date), new("Trainings.EndsOn", CellKind.Date),
        new("Trainings.Organiser"), new("Trainings.Participants", CellKind.Number), new("Programmes.Organisation"),
    ];

    public async Task<RegisterListPage> RunAsync(RegisterFilter filter, bool everything, CancellationToken cancellationToken)
    {
        var trainings = await queries.WithinAsync(db.Trainings.AsNoTracking(), filter.Township, cancellationToken);
        if (filter.Year is { } year)
        {
            var from = new DateOnly(Math.Clamp(year, 1, 9999), 1, 1);
            var to = new DateOnly(Math.Clamp(year, 1, 9999), 12, 31);
            trainings = trainings.Where(t => t.HeldOn >= from && t.HeldOn <= to);
        }

        if (filter.Search?.Trim() is { Length: > 0 } search)
        {
            trainings = trainings.Where(t => t.Title.Contains(search));
        }

        var (rows, total, pageCount) = await RegisterQueries.PageAsync(
            trainings.OrderByDescending(t => t.HeldOn).ThenByDescending(t => t.Id)
                .Select(t => new { t.Id, t.Title, t.HeldOn, t.Days, t.Organiser, t.Participants, Organisation = t.Organisation!.Name }),
            filter, everything, cancellationToken);

        return new RegisterListPage(
            "Trainings",
            filter,
            [
                new("township", "Programmes.Township", await queries.TownshipOptionsAsync(cancellationToken), RegisterQueries.Selected(filter.Township)),
                new("year", "Programmes.Year", RegisterQueries.YearOptions(clock.Today()), RegisterQueries.Selected(filter.Year)),
            ],
            Columns,
            rows.Select(r => new RegisterRow(
                r.Id, [r.Title, r.HeldOn, r.HeldOn.AddDays(Math.Max(1, r.Days) - 1), r.Organiser, r.Participants, r.Organisation], $"/Trainings/Edit/{r.Id}")).ToList(),
            total,
            pageCount);
    }
}
