using Kaijiang.Federation.Web.Data;
using Kaijiang.Federation.Web.Domain;
using Kaijiang.Federation.Web.Features.Programmes;
using Microsoft.EntityFrameworkCore;

namespace Kaijiang.Federation.Web.Features.Experts;

public sealed class ListExperts(FederationDbContext db, RegisterQueries queries)
{
    private static readonly RegisterColumn[] Columns =
    [
        new("Experts.Name"), new("Experts.Kind", CellKind.Label), new("Experts.Speciality"), new("Experts.Employer"), new("Programmes.Organisation"),
    ];

    public async Task<RegisterListPage> RunAsync(RegisterFilter filter, bool everything, CancellationToken cancellationToken)
    {
        var experts = await queries.WithinAsync(db.Experts.AsNoTracking(), filter.Township, cancellationToken);
        if (Enum.TryParse<ExpertKind>(filter.Kind, out var kind) && Enum.IsDefined(kind))
        {
            experts = experts.Where(e => e.Kind == kind);
        }
        else
        {
            filter.Kind = null;
        }

        if (filter.Search?.Trim() is { Length: > 0 } search)
        {
            experts = experts.Where(e => e.Name.Contains(search) || (e.Speciality != null && e.Speciality.Contains(search)));
        }

        var (rows, total, pageCount) = await RegisterQueries.PageAsync(
            experts.OrderBy(e => e.Kind).ThenBy(e => e.Name).ThenBy(e => e.Id)
                .Select(e => new { e.Id, e.Name, e.Kind, e.Speciality, e.Employer, Organisation = e.Organisation!.Name }),
            filter, everything, cancellationToken);

        return new RegisterListPage(
            "Experts",
            filter,
            [
                new("township", "Programmes.Township", await queries.TownshipOptionsAsync(cancellationToken), RegisterQueries.Selected(filter.Township)),
                new("kind", "Experts.Kind", RegisterQueries.EnumOptions<ExpertKind>("ExpertKind"), filter.Kind),
            ],
            Columns,
            rows.Select(r => new RegisterRow(r.Id, [r.Name, "ExpertKind." + r.Kind, r.Speciality, r.Employer, r.Organisation], $"/Experts/Edit/{r.Id}")).ToList(),
            total,
            pageCount);
    }
}
