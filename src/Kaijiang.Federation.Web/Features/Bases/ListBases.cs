using Kaijiang.Federation.Web.Data;
using Kaijiang.Federation.Web.Domain;
using Kaijiang.Federation.Web.Features.Programmes;
using Microsoft.EntityFrameworkCore;

namespace Kaijiang.Federation.Web.Features.Bases;

/// <summary>Bases (基地) in the user's scope, by township, kind and year recognised.</summary>
public sealed class ListBases(FederationDbContext db, RegisterQueries queries, TimeProvider clock)
{
    private static readonly RegisterColumn[] Columns =
    [
        new("Bases.Name"), new("Bases.Kind", CellKind.Label), new("Programmes.Organisation"), new("Bases.Leader"),
        new("Bases.JobsProvided", CellKind.Number), new("Bases.WomenEmployed", CellKind.Number), new("Bases.YearRecognised", CellKind.Number),
    ];

    public async Task<RegisterListPage> RunAsync(RegisterFilter filter, bool everything, CancellationToken cancellationToken)
    {
        var bases = await queries.WithinAsync(db.Bases.AsNoTracking(), filter.Township, cancellationToken);
        if (Enum.TryParse<BaseKind>(filter.Kind, out var kind) && Enum.IsDefined(kind))
        {
            bases = bases.Where(b => b.Kind == kind);
        }
        else
        {
            filter.Kind = null;
        }

        if (filter.Year is { } year)
        {
            bases = bases.Where(b => b.YearRecognised == year);
        }

        if (filter.Search?.Trim() is { Length: > 0 } search)
        {
            bases = bases.Where(b => b.Name.Contains(search));
        }

        var (rows, total, pageCount) = await RegisterQueries.PageAsync(
            bases.OrderBy(b => b.Kind).ThenBy(b => b.Name).ThenBy(b => b.Id)
                .Select(b => new { b.Id, b.Name, b.Kind, Host = b.Organisation!.Name, Leader = b.Leader!.Name, b.JobsProvided, b.WomenEmployed, b.YearRecognised }),
            filter, everything, cancellationToken);

        return new RegisterListPage(
            "Bases",
            filter,
            [
                new("township", "Programmes.Township", await queries.TownshipOptionsAsync(cancellationToken), RegisterQueries.Selected(filter.Township)),
                new("kind", "Bases.Kind", RegisterQueries.EnumOptions<BaseKind>("BaseKind"), filter.Kind),
                new("year", "Bases.YearRecognised", RegisterQueries.YearOptions(clock.Today()), RegisterQueries.Selected(filter.Year)),
            ],
            Columns,
            rows.Select(r => new RegisterRow(r.Id, [r.Name, "BaseKind." + r.Kind, r.Host, r.Leader, r.JobsProvided, r.WomenEmployed, r.YearRecognised], $"/Bases/Edit/{r.Id}")).ToList(),
            total,
            pageCount);
    }
}
