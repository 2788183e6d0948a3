using Kaijiang.Federation.Web.Data;
using Kaijiang.Federation.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace Kaijiang.Federation.Web.Features.People;

/// <summary>The cross-posts the county tracks (进两委, 党支部书记, 村（居）委会主任).</summary>
public enum CrossPost
{
    TwoCommittees = 1,
    PartySecretary = 2,
    VillageDirector = 3,
}

/// <summary>The list's filters, kept in the query string so that a filtered page can be bookmarked and shared.</summary>
public sealed class PeopleFilter
{
    public string? Name { get; set; }

    /// <summary>A township: people living in its subtree.</summary>
    public int? Township { get; set; }

    /// <summary>The kind of organisation she lives in (village, community, township …).</summary>
    public OrganisationKind? Kind { get; set; }

    /// <summary>Holds this office now, in any organisation.</summary>
    public Office? Office { get; set; }

    /// <summary>Holds a current office with this cross-post.</summary>
    public CrossPost? CrossPost { get; set; }

    public int Page { get; set; } = 1;

    public bool IsFiltered => !string.IsNullOrWhiteSpace(Name) || Township is not null || Kind is not null || Office is not null || CrossPost is not null;
}

/// <summary>A row of the list: ID number and phone are masked here, whatever the role.</summary>
public sealed record PersonRow(int Id, string Name, Sex Sex, DateOnly? BirthDate, string OrganisationName, string MaskedIdNumber, string MaskedPhone, IReadOnlyList<Office> CurrentOffices);

public sealed record TownshipOption(int Id, string Name);

internal sealed record TownshipPath(int Id, string Name, string Path);

public sealed record PeopleListPage(PeopleFilter Filter, IReadOnlyList<PersonRow> Rows, int Total, int PageCount, IReadOnlyList<TownshipOption> Townships);

/// <summary>Lists the people in the user's scope, filtered, a page at a time in a stable order (name, then id).</summary>
public sealed class ListPeople(FederationDbContext db, TimeProvider clock, ReadCache readCache)
{
    public const int PageSize = 30;

    public async Task<PeopleListPage> RunAsync(PeopleFilter filter, CancellationToken cancellationToken)
    {
        var today = clock.Today();
        var people = db.People.AsNoTracking();

        var name = filter.Name?.Trim();
        if (!string.IsNullOrEmpty(name))
        {
            filter.Name = name;
            people = people.Where(PersonNames.Containing(name));
        }

        var townships = await readCache.GetOrCreateAsync("townships", "", () => db.Organisations.AsNoTracking()
            .Where(o => o.Kind == OrganisationKind.Township)
            .OrderBy(o => o.Path)
            .Select(o => new TownshipPath(o.Id, o.Name, o.Path))
            .ToListAsync(cancellationToken));
        if (filter.Township is { } townshipId && townships.FirstOrDefault(t => t.Id == townshipId) is { } township)
        {
            var upper = OrganisationPath.SubtreeUpperBound(township.Path);
            people = people.Where(p => p.Organisation!.Path.CompareTo(township.Path) >= 0 && p.Organisation.Path.CompareTo(upper) < 0);
        }
        else
        {
            filter.Township = null;
        }

        if (filter.Kind is { } kind && Enum.IsDefined(kind))
        {
            people = people.Where(p => p.Organisation!.Kind == kind);
        }
        else
        {
            filter.Kind = null;
        }

        if (filter.Office is { } office && !Enum.IsDefined(office))
        {
            filter.Office = null;
        }

        if (filter.CrossPost is { } crossPost && !Enum.IsDefined(crossPost))
        {
            filter.CrossPost = null;
        }

        if (filter.Office is not null || filter.CrossPost is not null)
        {
            var terms = db.OfficeTerms.Where(t => t.EndedOn == null || t.EndedOn > today);
            if (filter.Office is { } o)
            {
                terms = terms.Where(t => t.Office == o);
            }

            terms = filter.CrossPost switch
            {
                CrossPost.TwoCommittees => terms.Where(t => t.InTwoCommittees),
                CrossPost.PartySecretary => terms.Where(t => t.IsPartySecretary),
                CrossPost.VillageDirector => terms.Where(t => t.IsVillageDirector),
                _ => terms,
            };
            people = people.Where(p => terms.Any(t => t.PersonId == p.Id));
        }

        // Counting every person of the scope is the list's costliest query: it is cached briefly for the filter (ReadCache).
        var filterKey = $"{name}|{filter.Township}|{filter.Kind}|{filter.Office}|{filter.CrossPost}";
        var total = await readCache.GetOrCreateAsync("people-count", filterKey,
            () => people.CountAsync(cancellationToken));
        var pageCount = Math.Max(1, (total + PageSize - 1) / PageSize);
        filter.Page = Math.Clamp(filter.Page, 1, pageCount);

        // The page's rows too (masked already, per scope, dropped by any saved record): a clerk's list is read far
        // more often than any record in it changes.
        var rows = await readCache.GetOrCreateAsync("people-page", $"{filterKey}|{filter.Page}",
            () => PageAsync(people, filter.Page, today, cancellationToken));

        return new PeopleListPage(
            filter,
            rows,
            total,
            pageCount,
            townships.Select(t => new TownshipOption(t.Id, t.Name)).ToList());
    }

    private async Task<List<PersonRow>> PageAsync(IQueryable<Person> people, int page, DateOnly today, CancellationToken cancellationToken)
    {
        var rows = await people
            .OrderBy(p => p.Name).ThenBy(p => p.Id)
            .Skip((page - 1) * PageSize)
            .Take(PageSize)
            .Select(p => new
            {
                p.Id,
                p.Name,
                p.Sex,
                p.BirthDate,
                OrganisationName = p.Organisation!.Name,
                p.IdNumber,
                p.Phone,
                Offices = db.OfficeTerms.Where(t => t.PersonId == p.Id && (t.EndedOn == null || t.EndedOn > today)).Select(t => t.Office).ToList(),
            })
            .ToListAsync(cancellationToken);
        return rows.Select(r => new PersonRow(r.Id, r.Name, r.Sex, r.BirthDate, r.OrganisationName, ResidentIdNumber.Mask(r.IdNumber), MobilePhone.Mask(r.Phone), r.Offices.Distinct().Order().ToList())).ToList();
    }
}
