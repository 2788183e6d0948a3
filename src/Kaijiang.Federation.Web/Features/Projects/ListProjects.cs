using Kaijiang.Federation.Web.Data;
using Kaijiang.Federation.Web.Domain;
using Kaijiang.Federation.Web.Features.Programmes;
using Microsoft.EntityFrameworkCore;

namespace Kaijiang.Federation.Web.Features.Projects;

public sealed class ListProjects(FederationDbContext db, RegisterQueries queries, TimeProvider clock)
{
    private static readonly RegisterColumn[] Columns =
    [
        new("Projects.Name"), new("Projects.Funder"), new("Projects.Funds", CellKind.Money), new("Projects.Year", CellKind.Number),
        new("Projects.Status", CellKind.Label), new("Programmes.Organisation"),
    ];

    public async Task<RegisterListPage> RunAsync(RegisterFilter filter, bool everything, CancellationToken cancellationToken)
    {
        var projects = await queries.WithinAsync(db.Projects.AsNoTracking(), filter.Township, cancellationToken);
        if (Enum.TryParse<ProjectStatus>(filter.Status, out var status) && Enum.IsDefined(status))
        {
            projects = projects.Where(p => p.Status == status);
        }
        else
        {
            filter.Status = null;
        }

        if (filter.Year is { } year)
        {
            projects = projects.Where(p => p.Year == year);
        }

        if (filter.Search?.Trim() is { Length: > 0 } search)
        {
            projects = projects.Where(p => p.Name.Contains(search) || p.Funder.Contains(search));
        }

        var (rows, total, pageCount) = await RegisterQueries.PageAsync(
            projects.OrderByDescending(p => p.Year).ThenBy(p => p.Name).ThenBy(p => p.Id)
                .Select(p => new { p.Id, p.Name, p.Funder, p.Funds, p.Year, p.Status, Organisation = p.Organisation!.Name }),
            filter, everything, cancellationToken);

        return new RegisterListPage(
            "Projects",
            filter,
            [
                new("township", "Programmes.Township", await queries.TownshipOptionsAsync(cancellationToken), RegisterQueries.Selected(filter.Township)),
                new("status", "Projects.Status", RegisterQueries.EnumOptions<ProjectStatus>("ProjectStatus"), filter.Status),
                new("year", "Projects.Year", RegisterQueries.YearOptions(clock.Today()), RegisterQueries.Selected(filter.Year)),
            ],
            Columns,
            rows.Select(r => new RegisterRow(r.Id, [r.Name, r.Funder, r.Funds, r.Year, "ProjectStatus." + r.Status, r.Organisation], $"/Projects/Edit/{r.Id}")).ToList(),
            total,
            pageCount);
    }
}
