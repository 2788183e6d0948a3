using Kaijiang.Federation.Web.Data;
using Kaijiang.Federation.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace Kaijiang.Federation.Web.Features.Organisations;

public sealed record OrganisationSummary(
    int Id, string Name, OrganisationKind Kind, UnitKind UnitKind, DateOnly? ClosedOn, ReformStatus ReformStatus, string? ChairName, int Children, int Officers);

/// <summary>One current term on the roster, with the figures the county tracks; the phone is already masked.</summary>
public sealed record RosterRow(
    int TermId, int PersonId, string Name, string MaskedPhone, Office Office, bool IsFullTime,
    bool InTwoCommittees, bool IsPartySecretary, bool IsVillageDirector, DateOnly StartOn, DateOnly PlannedEndOn,
    decimal? MonthlyStipend, decimal? SecretaryMonthlyPay)
{
    /// <summary>The ≥ one-third rule, computed, never typed; null when the figures are missing.</summary>
    public bool? MeetsStipendRule => StipendRule.Meets(MonthlyStipend, SecretaryMonthlyPay);
}

public sealed record ServiceSiteRow(ServiceSiteKind Kind, string Name, DateOnly? StandardisedOn, decimal? AreaSquareMetres);

/// <summary>Awards and loans of the organisation and everything under it, in brief.</summary>
public sealed record RegisterBrief(int Awards, int AwardsGranted, int Loans, decimal LoanAmount, decimal LoanOutstanding);

/// <summary>The children table's filter, kept in the URL.</summary>
public sealed record ChildrenFilter(OrganisationKind? Kind, bool ShowClosed, int Page);

public sealed record ChildrenTable(IReadOnlyList<OrganisationSummary> Rows, int Total, int Page, int PageSize, ChildrenFilter Filter,
    IReadOnlyList<OrganisationKind> Kinds)
{
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

public sealed record Breadcrumb(int Id, string Name);

public sealed record OrganisationDetails
{
    public required int Id { get; init; }
    public required string Name { get; init; }
    public required OrganisationKind Kind { get; init; }
    public UnitKind UnitKind { get; init; }
    public string Path { get; init; } = "";
    public int? ParentId { get; init; }
    public string? PinyinInitials { get; init; }
    public string? DivisionCode { get; init; }
    public ReformStatus ReformStatus { get; init; }
    public DateOnly? ReformDate { get; init; }
    public decimal AnnualFunds { get; init; }
    public string? ContactName { get; init; }
    public string? ContactPhone { get; init; }
    public string? Address { get; init; }
    public DateOnly? ClosedOn { get; init; }
    public IReadOnlyList<Breadcrumb> Ancestors { get; init; } = [];
    public IReadOnlyList<RosterRow> Roster { get; init; } = [];
    public IReadOnlyList<OfficeRequirements.Vacancy> Vacancies { get; init; } = [];
    public IReadOnlyList<RosterRow> EndingSoon { get; init; } = [];
    public IReadOnlyList<ServiceSiteRow> ServiceSites { get; init; } = [];
    public RegisterBrief Registers { get; init; } = new(0, 0, 0, 0, 0);
    public ChildrenTable? Children { get; init; }
    public DateOnly Today { get; init; }
}

/// <summary>Reads of the organisation pages. The scope filter makes an organisation outside the user's subtree not found.</summary>
public sealed class OrganisationQueries(FederationDbContext db, TimeProvider clock, ReadCache readCache)
{
    public const int EndingWithinDays = 90;
    public const int ChildrenPageSize = 50;

    // The organisation page's own reads, compiled once (EF.CompileAsyncQuery): on every request they were expression
    // trees built, walked for parameters and looked up in the query cache again — about a tenth of the page's CPU.
    // The scope filter still applies: a compiled query reads the context's scope at each execution.
    private static readonly Func<FederationDbContext, int, CancellationToken, Task<OrganisationDetails?>> Organisation =
        EF.CompileAsyncQuery((FederationDbContext db, int id, CancellationToken _) => db.Organisations.AsNoTracking()
            .Where(o => o.Id == id)
            .Select(o => new OrganisationDetails
            {
                Id = o.Id,
                Name = o.Name,
                Kind = o.Kind,
                UnitKind = o.UnitKind,
                Path = o.Path,
                ParentId = o.ParentId,
                PinyinInitials = o.PinyinInitials,
                DivisionCode = o.DivisionCode,
                ReformStatus = o.ReformStatus,
                ReformDate = o.ReformDate,
                AnnualFunds = o.AnnualFunds,
                ContactName = o.ContactName,
                ContactPhone = o.ContactPhone,
                Address = o.Address,
                ClosedOn = o.ClosedOn,
            })
            .SingleOrDefault());

    private static readonly Func<FederationDbContext, List<string>, IAsyncEnumerable<Breadcrumb>> Ancestors =
        EF.CompileAsyncQuery((FederationDbContext db, List<string> paths) => db.Organisations.AsNoTracking()
            .Where(o => paths.Contains(o.Path))
            .OrderBy(o => o.Path)
            .Select(o => new Breadcrumb(o.Id, o.Name)));

    private static readonly Func<FederationDbContext, int, DateOnly, IAsyncEnumerable<RosterRow>> CurrentTerms =
        EF.CompileAsyncQuery((FederationDbContext db, int id, DateOnly today) => db.OfficeTerms.AsNoTracking()
            .Where(t => t.OrganisationId == id && (t.EndedOn == null || t.EndedOn > today))
            .OrderBy(t => t.Office).ThenBy(t => t.StartOn).ThenBy(t => t.Id)
            .Select(t => new RosterRow(
                t.Id, t.PersonId, t.Person!.Name, MobilePhone.Mask(t.Person.Phone), t.Office, t.IsFullTime, t.InTwoCommittees, t.IsPartySecretary,
                t.IsVillageDirector, t.StartOn, t.PlannedEndOn, t.MonthlyStipend, t.SecretaryMonthlyPay)));

    private static readonly Func<FederationDbContext, int, IAsyncEnumerable<ServiceSiteRow>> Sites =
        EF.CompileAsyncQuery((FederationDbContext db, int id) => db.ServiceSites.AsNoTracking()
            .Where(s => s.OrganisationId == id)
            .OrderBy(s => s.Kind).ThenBy(s => s.Id)
            .Select(s => new ServiceSiteRow(s.Kind, s.Name, s.StandardisedOn, s.AreaSquareMetres)));

    public async Task<OrganisationDetails?> DetailsAsync(int id, ChildrenFilter filter, CancellationToken cancellationToken)
    {
        // Everything on the page is cached briefly per scope (ReadCache) and dropped by any saved record: the
        // organisation's own particulars, roster and sites; the two reads that add up its subtree; the children table.
        var organisation = await readCache.GetOrCreateAsync("organisation", id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            () => OwnAsync(id, cancellationToken));
        if (organisation is null)
        {
            return null;
        }

        return organisation with
        {
            Registers = await readCache.GetOrCreateAsync("registers", organisation.Path, () => RegistersAsync(organisation.Path, cancellationToken)),
            Children = await readCache.GetOrCreateAsync("children", $"{id}|{filter.Kind}|{filter.ShowClosed}|{filter.Page}",
                () => ChildrenAsync(id, filter, cancellationToken)),
        };
    }

    /// <summary>The organisation's own part of the page: particulars, breadcrumbs, current roster, service sites.</summary>
    private async Task<OrganisationDetails?> OwnAsync(int id, CancellationToken cancellationToken)
    {
        var today = clock.Today();
        var organisation = await Organisation(db, id, cancellationToken);
        if (organisation is null)
        {
            return null;
        }

        var ancestors = await Ancestors(db, OrganisationPath.Ancestors(organisation.Path).ToList()).ToListAsync(cancellationToken);
        var roster = await CurrentTerms(db, id, today).ToListAsync(cancellationToken);
        var horizon = today.AddDays(EndingWithinDays);
        var sites = await Sites(db, id).ToListAsync(cancellationToken);

        return organisation with
        {
            Today = today,
            Ancestors = ancestors,
            Roster = roster,
            Vacancies = OfficeRequirements.Vacancies(organisation.Kind, roster.Select(r => r.Office)),
            EndingSoon = roster.Where(r => r.PlannedEndOn <= horizon).OrderBy(r => r.PlannedEndOn).ToList(),
            ServiceSites = sites,
        };
    }

    private async Task<RegisterBrief> RegistersAsync(string path, CancellationToken cancellationToken)
    {
        var upper = OrganisationPath.SubtreeUpperBound(path);
        var awards = await db.FamilyAwards.AsNoTracking()
            .Where(a => a.Organisation!.Path.CompareTo(path) >= 0 && a.Organisation.Path.CompareTo(upper) < 0)
            .GroupBy(_ => 1)
            .Select(g => new { Total = g.Count(), Granted = g.Count(a => a.Status == AwardStatus.Awarded) })
            .SingleOrDefaultAsync(cancellationToken);
        var loans = db.Loans.AsNoTracking().Where(l => l.Organisation!.Path.CompareTo(path) >= 0 && l.Organisation.Path.CompareTo(upper) < 0);
        // One aggregate for count, amount and written-off amount (it was three queries), one for the repayments.
        var figures = await loans
            .GroupBy(_ => 1)
            .Select(g => new { Count = g.Count(), Amount = g.Sum(l => l.Amount), WrittenOff = g.Sum(l => l.WrittenOffOn != null ? l.Amount : 0m) })
            .SingleOrDefaultAsync(cancellationToken);
        var loanCount = figures?.Count ?? 0;
        var amount = figures?.Amount ?? 0m;
        var writtenOff = figures?.WrittenOff ?? 0m;
        var repaid = loanCount == 0 ? 0m : await db.LoanRepayments.AsNoTracking()
            .Where(r => loans.Any(l => l.Id == r.LoanId) && r.Loan!.WrittenOffOn == null)
            .SumAsync(r => r.Principal, cancellationToken);
        return new RegisterBrief(awards?.Total ?? 0, awards?.Granted ?? 0, loanCount, amount, Math.Max(0m, amount - writtenOff - repaid));
    }

    /// <summary>The children with their figures: one query for the page (the counts are sub-queries of it), ordered by path.</summary>
    private async Task<ChildrenTable?> ChildrenAsync(int id, ChildrenFilter filter, CancellationToken cancellationToken)
    {
        var today = clock.Today();
        var all = db.Organisations.AsNoTracking().Where(o => o.ParentId == id);
        var kinds = await all.Select(o => o.Kind).Distinct().ToListAsync(cancellationToken);
        if (kinds.Count == 0)
        {
            return null;
        }

        var children = filter.ShowClosed ? all : all.Where(o => o.ClosedOn == null);
        if (filter.Kind is { } kind)
        {
            children = children.Where(o => o.Kind == kind);
        }

        var total = await children.CountAsync(cancellationToken);
        var pages = Math.Max(1, (total + ChildrenPageSize - 1) / ChildrenPageSize);
        var page = Math.Clamp(filter.Page, 1, pages);
        var rows = await children.OrderBy(o => o.Path)
            .Skip((page - 1) * ChildrenPageSize).Take(ChildrenPageSize)
            .Select(o => new OrganisationSummary(
                o.Id,
                o.Name,
                o.Kind,
                o.UnitKind,
                o.ClosedOn,
                o.ReformStatus,
                o.OfficeTerms.Where(t => t.Office == Office.Chair && (t.EndedOn == null || t.EndedOn > today))
                    .OrderBy(t => t.StartOn).Select(t => t.Person!.Name).FirstOrDefault(),
                o.Children.Count(c => c.ClosedOn == null),
                o.OfficeTerms.Count(t => t.EndedOn == null || t.EndedOn > today)))
            .ToListAsync(cancellationToken);
        return new ChildrenTable(rows, total, page, ChildrenPageSize, filter with { Page = page }, kinds.Order().ToList());
    }
}
