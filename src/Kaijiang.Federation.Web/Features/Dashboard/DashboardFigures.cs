using Kaijiang.Federation.Web.Data;
using Kaijiang.Federation.Web.Domain;
using Microsoft.EntityFrameworkCore;
using K = Kaijiang.Federation.Web.Features.Dashboard.FigureKeys;

namespace Kaijiang.Federation.Web.Features.Dashboard;

/// <summary>Additive figures by key: counts and sums, so that the figures of the parts add up to the whole.</summary>
public sealed class FigureSet
{
    private readonly Dictionary<string, decimal> _values = new(StringComparer.Ordinal);

    public decimal this[string key] => _values.GetValueOrDefault(key);

    public IReadOnlyDictionary<string, decimal> Values => _values;

    public void Add(string key, decimal value) => _values[key] = _values.GetValueOrDefault(key) + value;

    /// <summary>A set holding exactly these values (a stored snapshot's).</summary>
    public static FigureSet From(IReadOnlyDictionary<string, decimal> values)
    {
        var set = new FigureSet();
        foreach (var (key, value) in values)
        {
            set._values[key] = value;
        }

        return set;
    }

    public void AddAll(FigureSet other)
    {
        foreach (var (key, value) in other._values)
        {
            Add(key, value);
        }
    }

    public int Count(string key) => (int)this[key];

    /// <summary>A share in [0, 1], or null when there is nothing to divide by.</summary>
    public decimal? Share(string part, string whole) => this[whole] == 0 ? null : this[part] / this[whole];
}

public sealed record OrganisationRef(int Id, string Name, string Path, OrganisationKind Kind, int? ParentId);

public sealed record ChildFigures(OrganisationRef Organisation, FigureSet Figures);

public sealed record TrendPoint(int Period, int Submitted, int Approved);

public sealed record IndustryLoans(string Industry, int Count, decimal Amount);

public sealed record AwardTitleName(string Code, string NameZh, string NameEn, int SortOrder);

/// <summary>Everything the dashboard, the drill-down, the comparison and the summary show for one organisation.</summary>
public sealed class ScopeFigures
{
    public required OrganisationRef Scope { get; init; }

    /// <summary>The day the figures are counted at: today on the dashboard, the end of the year in the summary.</summary>
    public required DateOnly AsOf { get; init; }

    /// <summary>The month whose reports are due (the previous month), as yyyyMM.</summary>
    public required int ReportPeriod { get; init; }

    public required DateOnly ReportDueOn { get; init; }

    public required FigureSet Total { get; init; }

    /// <summary>The figures of each part one level down (or of each township in the comparison); records of the scope itself are in the total only.</summary>
    public required IReadOnlyList<ChildFigures> Parts { get; init; }

    public required IReadOnlyList<TrendPoint> Trend { get; init; }

    public required IReadOnlyList<IndustryLoans> LoansByIndustry { get; init; }

    public required IReadOnlyList<AwardTitleName> AwardTitles { get; init; }

    /// <summary>The distinct annual work funds of the townships in scope (one value when every township has the same).</summary>
    public required IReadOnlyList<decimal> TownshipFundsValues { get; init; }

    /// <summary>The distinct amounts of the start-up grants (one value when every graduate received the same).</summary>
    public required IReadOnlyList<decimal> GrantAmounts { get; init; }

    /// <summary>When the figures come from a stored snapshot: the time it was computed; null for live figures.</summary>
    public DateTimeOffset? SnapshotAt { get; init; }

    /// <summary>The snapshot predates the latest saved change: the refresher is computing a newer one.</summary>
    public bool Refreshing { get; init; }
}

public sealed class ReportOptions
{
    public const string Section = "Reports";

    /// <summary>The day of the month by which last month's report is due.</summary>
    public int DueDay { get; set; } = 5;
}

/// <summary>
/// Computes every figure of the dashboard from the records, with one grouped query per kind of record. Every query
/// groups by the organisation's path cut to the level of the parts, so the parts' figures (the township breakdown,
/// the charts by township, the comparison table) come from the same queries as the total.
/// The result is cached per (path, parts level, day) in the short per-scope <see cref="ReadCache"/>, dropped when any saved
/// record changes: the user's own scope filter still applies first, and the cached model holds numbers and both
/// languages' names only, no culture-formatted text.
/// Large scopes (<see cref="DashboardSnapshotOptions.SnapshotKinds"/>) are not counted on a request: past the memory
/// cache they read today's newest stored snapshot (<see cref="DashboardSnapshotStore"/>), kept current by
/// <see cref="DashboardSnapshotRefresher"/>, and count live only when today has none yet.
/// </summary>
public sealed class DashboardFigures(
    FederationDbContext db,
    TimeProvider clock,
    ReadCache readCache,
    Microsoft.Extensions.Options.IOptions<ReportOptions> reportOptions,
    Microsoft.Extensions.Options.IOptions<DashboardSnapshotOptions> snapshotOptions,
    DashboardSnapshotStore snapshots)
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, SemaphoreSlim> ComputeGates = new(StringComparer.Ordinal);

    /// <summary>The organisation with this id if the user may see it.</summary>
    public Task<OrganisationRef?> FindAsync(int id, CancellationToken cancellationToken) =>
        db.Organisations.AsNoTracking().Where(o => o.Id == id)
            .Select(o => new OrganisationRef(o.Id, o.Name, o.Path, o.Kind, o.ParentId))
            .FirstOrDefaultAsync(cancellationToken);

    /// <summary>
    /// The top of the user's scope: the first path she can see in path order, since an ancestor's path is a prefix of
    /// its descendants' and sorts before them. The path index answers it (ordering by depth sorted every organisation
    /// in scope, 20 ms on every dashboard request of a province).
    /// </summary>
    public Task<OrganisationRef?> ScopeRootAsync(CancellationToken cancellationToken) =>
        db.Organisations.AsNoTracking().OrderBy(o => o.Path)
            .Select(o => new OrganisationRef(o.Id, o.Name, o.Path, o.Kind, o.ParentId))
            .FirstOrDefaultAsync(cancellationToken);

    public DateOnly Today => clock.Today();

    /// <summary>The figures of <paramref name="scope"/>, broken down one level down, counted as of today.</summary>
    public Task<ScopeFigures> ForAsync(OrganisationRef scope, CancellationToken cancellationToken) =>
        ForAsync(scope, scope.Path.Length + OrganisationPath.SegmentWidth, clock.Today(), cancellationToken);

    /// <summary>
    /// The figures of <paramref name="scope"/>, broken down by the ancestors at <paramref name="partPathLength"/>, as of a day.
    /// The user's scope is part of the cache key: two users with different scopes never share a cached model even if
    /// one day a drill-down path lies outside one of them.
    /// </summary>
    public Task<ScopeFigures> ForAsync(OrganisationRef scope, int partPathLength, DateOnly asOf, CancellationToken cancellationToken) =>
        readCache.GetOrCreateAsync("dashboard", $"{scope.Path}|{partPathLength}|{asOf.DayNumber}",
            () => LoadAsync(scope, partPathLength, asOf, cancellationToken));

    /// <summary>The figures past the memory cache: today's snapshot of a large scope, or counted live.</summary>
    private async Task<ScopeFigures> LoadAsync(OrganisationRef scope, int partPathLength, DateOnly asOf, CancellationToken cancellationToken)
    {
        ScopeFigures figures;
        if (asOf == clock.Today() && snapshotOptions.Value.UsesSnapshot(scope.Kind))
        {
            // The scope organisation was found through the user's own context, and figures of a path inside her
            // scope are the same whatever her scope: the path is the whole key of a snapshot.
            var marker = await snapshots.ChangeMarkerAsync(cancellationToken);
            if (await snapshots.NewestAsync(scope.Path, partPathLength, asOf, cancellationToken) is { } stored)
            {
                figures = SnapshotFigures.Deserialize(stored, scope, refreshing: stored.ChangeMarker != marker);
            }
            else
            {
                // One computation per key in this process: requests arriving meanwhile wait for its row.
                var gate = ComputeGates.GetOrAdd(scope.Path + "|" + partPathLength, _ => new SemaphoreSlim(1, 1));
                await gate.WaitAsync(cancellationToken);
                try
                {
                    if (await snapshots.NewestAsync(scope.Path, partPathLength, asOf, cancellationToken) is { } meanwhile)
                    {
                        figures = SnapshotFigures.Deserialize(meanwhile, scope, refreshing: meanwhile.ChangeMarker != marker);
                    }
                    else
                    {
                        figures = await ComputeLiveAsync(scope, partPathLength, asOf, cancellationToken);
                        await snapshots.SaveAsync(figures, partPathLength, marker, cancellationToken);
                    }
                }
                finally
                {
                    gate.Release();
                }
            }
        }
        else
        {
            figures = await ComputeLiveAsync(scope, partPathLength, asOf, cancellationToken);
        }

        return figures;
    }

    /// <summary>Counts the figures from the records, bypassing the cache and the snapshots.</summary>
    public async Task<ScopeFigures> ComputeLiveAsync(OrganisationRef scope, int len, DateOnly asOf, CancellationToken ct)
    {
        var path = scope.Path;
        var upper = OrganisationPath.SubtreeUpperBound(path);
        var year = asOf.Year;
        var byPart = new Dictionary<string, FigureSet>(StringComparer.Ordinal);
        var total = new FigureSet();
        void Add(string part, string key, decimal value)
        {
            total.Add(key, value);
            if (part.Length == len)
            {
                if (!byPart.TryGetValue(part, out var set))
                {
                    byPart[part] = set = new FigureSet();
                }

                set.Add(key, value);
            }
        }

        // Organisations -------------------------------------------------------------------------------------
        var organisations = db.Organisations.AsNoTracking()
            .Where(o => o.Path.CompareTo(path) >= 0 && o.Path.CompareTo(upper) < 0 && (o.ClosedOn == null || o.ClosedOn > asOf));
        var orgRows = await organisations
            .GroupBy(o => new
            {
                Part = o.Path.Substring(0, len),
                o.Kind,
                o.UnitKind,
                Converted = o.ReformStatus == ReformStatus.Converted && (o.ReformDate == null || o.ReformDate <= asOf),
            })
            .Select(g => new { g.Key.Part, g.Key.Kind, g.Key.UnitKind, g.Key.Converted, Count = g.Count(), Funds = g.Sum(o => o.AnnualFunds) })
            .ToListAsync(ct);
        foreach (var r in orgRows)
        {
            var grassroots = r.Kind is OrganisationKind.Village or OrganisationKind.Community;
            switch (r.Kind)
            {
                case OrganisationKind.Township:
                    Add(r.Part, K.Townships, r.Count);
                    Add(r.Part, K.TownshipFunds, r.Funds);
                    break;
                case OrganisationKind.Village:
                    Add(r.Part, K.Villages, r.Count);
                    break;
                case OrganisationKind.Community:
                    Add(r.Part, K.Communities, r.Count);
                    break;
                case OrganisationKind.Unit:
                    Add(r.Part, K.Units, r.Count);
                    Add(r.Part, K.JointUnits, r.UnitKind == UnitKind.JointFederationMember ? r.Count : 0);
                    Add(r.Part, K.NonPublicUnits, r.UnitKind == UnitKind.NonPublicEconomic ? r.Count : 0);
                    break;
            }

            if (grassroots)
            {
                Add(r.Part, K.VillagesAndCommunities, r.Count);
                Add(r.Part, K.Converted, r.Converted ? r.Count : 0);
            }
        }

        var fundsValues = await organisations.Where(o => o.Kind == OrganisationKind.Township)
            .Select(o => o.AnnualFunds).Distinct().ToListAsync(ct);

        // Office terms ---------------------------------------------------------------------------------------
        var soon = asOf.AddDays(90);
        var terms = db.OfficeTerms.AsNoTracking()
            .Where(t => t.Organisation!.Path.CompareTo(path) >= 0 && t.Organisation.Path.CompareTo(upper) < 0
                && t.StartOn <= asOf && (t.EndedOn == null || t.EndedOn > asOf)
                && (t.Organisation.ClosedOn == null || t.Organisation.ClosedOn > asOf));
        var termRows = await terms
            .GroupBy(t => new { Part = t.Organisation!.Path.Substring(0, len), t.Organisation.Kind, t.Office })
            .Select(g => new
            {
                g.Key.Part,
                g.Key.Kind,
                g.Key.Office,
                Count = g.Count(),
                TwoCommittees = g.Sum(t => t.InTwoCommittees ? 1 : 0),
                Secretaries = g.Sum(t => t.IsPartySecretary ? 1 : 0),
                Directors = g.Sum(t => t.IsVillageDirector ? 1 : 0),
                Stipend = g.Sum(t => t.MonthlyStipend != null && t.SecretaryMonthlyPay != null && t.SecretaryMonthlyPay > 0 && t.MonthlyStipend * 3 >= t.SecretaryMonthlyPay ? 1 : 0),
                EndingSoon = g.Sum(t => t.PlannedEndOn > asOf && t.PlannedEndOn <= soon ? 1 : 0),
            })
            .ToListAsync(ct);
        foreach (var r in termRows)
        {
            Add(r.Part, K.TermsEndingSoon, r.EndingSoon);
            if (r.Kind == OrganisationKind.Township)
            {
                Add(r.Part, r.Office switch { Office.Chair => K.TownshipChairs, Office.ViceChair => K.TownshipViceChairs, _ => K.TownshipExecutives }, r.Count);
                Add(r.Part, K.TownshipChairsAndVices, r.Office == Office.ExecutiveMember ? 0 : r.Count);
            }
            else if (r.Kind is OrganisationKind.Village or OrganisationKind.Community)
            {
                Add(r.Part, r.Office switch { Office.Chair => K.VillageChairs, Office.ViceChair => K.VillageViceChairs, _ => K.VillageExecutives }, r.Count);
                if (r.Office == Office.Chair)
                {
                    Add(r.Part, K.ChairsInTwoCommittees, r.TwoCommittees);
                    Add(r.Part, K.ChairsPartySecretaries, r.Secretaries);
                    Add(r.Part, K.ChairsVillageDirectors, r.Directors);
                    Add(r.Part, K.ChairsMeetingStipendRule, r.Stipend);
                }
            }
        }

        // Vacancies: offices held per organisation, against OfficeRequirements. Organisations without any term count too.
        var held = await terms
            .GroupBy(t => new { t.OrganisationId, t.Office })
            .Select(g => new { g.Key.OrganisationId, g.Key.Office, Count = g.Count() })
            .ToListAsync(ct);
        var heldByOrganisation = held.ToLookup(h => h.OrganisationId);
        var federations = await organisations
            .Where(o => o.Kind == OrganisationKind.Township || o.Kind == OrganisationKind.Village || o.Kind == OrganisationKind.Community)
            .Select(o => new { o.Id, o.Kind, Part = o.Path.Substring(0, len) })
            .ToListAsync(ct);
        foreach (var f in federations)
        {
            var offices = heldByOrganisation[f.Id].SelectMany(h => Enumerable.Repeat(h.Office, h.Count));
            var missing = OfficeRequirements.Vacancies(f.Kind, offices).Sum(v => v.Missing);
            Add(f.Part, K.Vacancies, missing);
            Add(f.Part, K.OrganisationsWithVacancies, missing > 0 ? 1 : 0);
        }

        // Service sites --------------------------------------------------------------------------------------
        var siteRows = await db.ServiceSites.AsNoTracking()
            .Where(s => s.Organisation!.Path.CompareTo(path) >= 0 && s.Organisation.Path.CompareTo(upper) < 0
                && (s.OpenedOn == null || s.OpenedOn <= asOf))
            .GroupBy(s => new
            {
                Part = s.Organisation!.Path.Substring(0, len),
                s.Kind,
                Standardised = s.StandardisedOn != null && s.StandardisedOn <= asOf,
                Grassroots = s.Organisation.Kind == OrganisationKind.Village || s.Organisation.Kind == OrganisationKind.Community,
                NonPublic = s.Organisation.UnitKind == UnitKind.NonPublicEconomic,
            })
            .Select(g => new { g.Key.Part, g.Key.Kind, g.Key.Standardised, g.Key.Grassroots, g.Key.NonPublic, Count = g.Count(), Subsidy = g.Sum(s => s.SubsidyReceived) })
            .ToListAsync(ct);
        foreach (var r in siteRows)
        {
            Add(r.Part, K.Subsidies, r.Subsidy);
            if (r.Kind == ServiceSiteKind.ChildrensHome)
            {
                Add(r.Part, K.ChildrensHomes, r.Count);
                continue;
            }

            Add(r.Part, K.WomensHomes, r.Count);
            Add(r.Part, K.StandardisedWomensHomes, r.Standardised && r.Grassroots ? r.Count : 0);
            Add(r.Part, K.UnitWomensHomes, r.NonPublic ? r.Count : 0);
        }

        // Families ---------------------------------------------------------------------------------------------
        var awardRows = await db.FamilyAwards.AsNoTracking()
            .Where(a => a.Organisation!.Path.CompareTo(path) >= 0 && a.Organisation.Path.CompareTo(upper) < 0 && a.Year <= year)
            .GroupBy(a => new { Part = a.Organisation!.Path.Substring(0, len), a.AwardTitle!.Code, a.Level, a.Kind, a.Status })
            .Select(g => new { g.Key.Part, g.Key.Code, g.Key.Level, g.Key.Kind, g.Key.Status, Count = g.Count() })
            .ToListAsync(ct);
        foreach (var r in awardRows)
        {
            if (r.Status == AwardStatus.Awarded)
            {
                Add(r.Part, K.AwardsDecided, r.Count);
                Add(r.Part, K.Award(r.Code, r.Level), r.Count);
                Add(r.Part, K.AwardLevelKey(r.Level), r.Count);
                Add(r.Part, K.ProvincialNominationAwards, r.Level == AwardLevel.Province && r.Kind == AwardKind.NominationAward ? r.Count : 0);
            }
            else if (AwardPipeline.Statuses.Contains(r.Status))
            {
                Add(r.Part, K.Pipeline, r.Count);
            }
        }

        var mottoRows = await db.FamilyMottos.AsNoTracking()
            .Where(m => m.Organisation!.Path.CompareTo(path) >= 0 && m.Organisation.Path.CompareTo(upper) < 0 && m.YearCollected <= year)
            .GroupBy(m => m.Organisation!.Path.Substring(0, len))
            .Select(g => new { Part = g.Key, Count = g.Count() })
            .ToListAsync(ct);
        foreach (var r in mottoRows)
        {
            Add(r.Part, K.Mottos, r.Count);
        }

        // A book belongs to the scope when it holds a motto of the scope.
        total.Add(K.Books, await db.Books.AsNoTracking()
            .CountAsync(b => b.Year <= year && b.Mottos.Any(m => m.Organisation!.Path.CompareTo(path) >= 0 && m.Organisation.Path.CompareTo(upper) < 0), ct));

        var titles = await db.AwardTitles.AsNoTracking().OrderBy(t => t.SortOrder)
            .Select(t => new AwardTitleName(t.Code, t.NameZh, t.NameEn, t.SortOrder)).ToListAsync(ct);

        // Loans: the balance needs the repayments, so the database returns one row per loan with its repaid principal
        // summed, and the standing (LoanStanding, the one rule) is derived here.
        var loanRows = await db.Loans.AsNoTracking()
            .Where(l => l.Organisation!.Path.CompareTo(path) >= 0 && l.Organisation.Path.CompareTo(upper) < 0 && l.DisbursedOn <= asOf)
            .Select(l => new
            {
                Part = l.Organisation!.Path.Substring(0, len),
                l.BorrowerId,
                l.Amount,
                l.DueOn,
                l.WrittenOffOn,
                l.Industry,
                l.JobsCreated,
                Repaid = l.Repayments.Where(r => r.PaidOn <= asOf).Sum(r => (decimal?)r.Principal) ?? 0m,
            })
            .ToListAsync(ct);
        foreach (var l in loanRows)
        {
            var outstanding = Math.Max(0m, l.Amount - l.Repaid);
            var status = LoanStanding.Status(outstanding, l.DueOn, l.WrittenOffOn, asOf);
            Add(l.Part, K.Loans, 1);
            Add(l.Part, K.LoanAmount, l.Amount);
            Add(l.Part, K.LoanJobs, l.JobsCreated);
            if (status is LoanStatus.Active or LoanStatus.Overdue)
            {
                Add(l.Part, K.LoanOutstanding, outstanding);
                Add(l.Part, K.LoansOutstandingCount, 1);
            }

            if (status == LoanStatus.Overdue)
            {
                var days = LoanStanding.OverdueDays(outstanding, l.DueOn, asOf);
                Add(l.Part, K.LoansOverdue, 1);
                Add(l.Part, days <= 30 ? K.LoansOverdue1To30 : days <= 90 ? K.LoansOverdue31To90 : K.LoansOverdueOver90, 1);
            }
        }

        total.Add(K.Borrowers, loanRows.Select(l => l.BorrowerId).Distinct().Count());
        var industries = loanRows.GroupBy(l => l.Industry)
            .Select(g => new IndustryLoans(g.Key, g.Count(), g.Sum(l => l.Amount)))
            .OrderByDescending(i => i.Amount).ThenBy(i => i.Industry, StringComparer.Ordinal)
            .ToList();

        // Grants, bases, projects, trainings, experts, fairs, partners, channels -------------------------------
        var grantRows = await db.StartupGrants.AsNoTracking()
            .Where(g => g.Organisation!.Path.CompareTo(path) >= 0 && g.Organisation.Path.CompareTo(upper) < 0 && g.GrantedOn <= asOf)
            .GroupBy(g => new { Part = g.Organisation!.Path.Substring(0, len), g.Amount })
            .Select(g => new { g.Key.Part, g.Key.Amount, Count = g.Count() })
            .ToListAsync(ct);
        foreach (var r in grantRows)
        {
            Add(r.Part, K.Grants, r.Count);
            Add(r.Part, K.GrantAmount, r.Amount * r.Count);
        }

        var baseRows = await db.Bases.AsNoTracking()
            .Where(b => b.Organisation!.Path.CompareTo(path) >= 0 && b.Organisation.Path.CompareTo(upper) < 0 && (b.YearRecognised == null || b.YearRecognised <= year))
            .GroupBy(b => new { Part = b.Organisation!.Path.Substring(0, len), b.Kind })
            .Select(g => new { g.Key.Part, g.Key.Kind, Count = g.Count(), Jobs = g.Sum(b => b.JobsProvided) })
            .ToListAsync(ct);
        foreach (var r in baseRows)
        {
            Add(r.Part, K.Base(r.Kind), r.Count);
            Add(r.Part, K.BaseJobsOf(r.Kind), r.Jobs);
            Add(r.Part, K.BaseJobs, r.Jobs);
        }

        var projectRows = await db.Projects.AsNoTracking()
            .Where(p => p.Organisation!.Path.CompareTo(path) >= 0 && p.Organisation.Path.CompareTo(upper) < 0 && p.Year <= year)
            .GroupBy(p => p.Organisation!.Path.Substring(0, len))
            .Select(g => new { Part = g.Key, Count = g.Count(), Funds = g.Sum(p => p.Funds) })
            .ToListAsync(ct);
        foreach (var r in projectRows)
        {
            Add(r.Part, K.Projects, r.Count);
            Add(r.Part, K.ProjectFunds, r.Funds);
        }

        // Trainings are counted over the three years up to the day, as the document counts them (近三年).
        var threeYearsBefore = asOf.AddYears(-3);
        var trainingRows = await db.Trainings.AsNoTracking()
            .Where(t => t.Organisation!.Path.CompareTo(path) >= 0 && t.Organisation.Path.CompareTo(upper) < 0 && t.HeldOn <= asOf && t.HeldOn > threeYearsBefore)
            .GroupBy(t => t.Organisation!.Path.Substring(0, len))
            .Select(g => new { Part = g.Key, Count = g.Count(), People = g.Sum(t => t.Participants) })
            .ToListAsync(ct);
        foreach (var r in trainingRows)
        {
            Add(r.Part, K.Trainings, r.Count);
            Add(r.Part, K.TrainingPersonTimes, r.People);
        }

        var expertRows = await db.Experts.AsNoTracking()
            .Where(e => e.Organisation!.Path.CompareTo(path) >= 0 && e.Organisation.Path.CompareTo(upper) < 0)
            .GroupBy(e => new { Part = e.Organisation!.Path.Substring(0, len), e.Kind })
            .Select(g => new { g.Key.Part, g.Key.Kind, Count = g.Count() })
            .ToListAsync(ct);
        foreach (var r in expertRows)
        {
            Add(r.Part, K.Expert(r.Kind), r.Count);
        }

        var fairRows = await db.JobFairs.AsNoTracking()
            .Where(f => f.Organisation!.Path.CompareTo(path) >= 0 && f.Organisation.Path.CompareTo(upper) < 0 && f.HeldOn <= asOf)
            .GroupBy(f => f.Organisation!.Path.Substring(0, len))
            .Select(g => new { Part = g.Key, Count = g.Count() })
            .ToListAsync(ct);
        foreach (var r in fairRows)
        {
            Add(r.Part, K.JobFairs, r.Count);
        }

        var partnerRows = await db.Partners.AsNoTracking()
            .Where(p => p.Organisation!.Path.CompareTo(path) >= 0 && p.Organisation.Path.CompareTo(upper) < 0 && (p.Since == null || p.Since <= asOf))
            .GroupBy(p => new { Part = p.Organisation!.Path.Substring(0, len), p.Kind })
            .Select(g => new { g.Key.Part, g.Key.Kind, Count = g.Count() })
            .ToListAsync(ct);
        foreach (var r in partnerRows)
        {
            Add(r.Part, K.Partner(r.Kind), r.Count);
        }

        var channelRows = await db.OutreachChannels.AsNoTracking()
            .Where(c => c.Organisation!.Path.CompareTo(path) >= 0 && c.Organisation.Path.CompareTo(upper) < 0)
            .GroupBy(c => new { Part = c.Organisation!.Path.Substring(0, len), c.Kind })
            .Select(g => new { g.Key.Part, g.Key.Kind, Count = g.Count() })
            .ToListAsync(ct);
        foreach (var r in channelRows)
        {
            Add(r.Part, K.Channel(r.Kind), r.Count);
        }

        // Monthly reports: last month's are due by DueDay of this month; the trend covers the twelve months before this one.
        var thisMonth = new DateOnly(asOf.Year, asOf.Month, 1);
        var reportPeriod = MonthlyReport.PeriodOf(thisMonth.AddMonths(-1));
        var dueOn = thisMonth.AddDays(Math.Clamp(reportOptions.Value.DueDay, 1, 28) - 1);
        var dueBy = new DateTimeOffset(dueOn.AddDays(1).ToDateTime(TimeOnly.MinValue), ChinaTime.Offset);
        var firstTrendPeriod = MonthlyReport.PeriodOf(thisMonth.AddMonths(-12));
        foreach (var r in orgRows.Where(r => r.Kind == OrganisationKind.Township))
        {
            Add(r.Part, K.ReportsDue, r.Count);
        }

        var reports = db.MonthlyReports.AsNoTracking()
            .Where(r => r.Organisation!.Path.CompareTo(path) >= 0 && r.Organisation.Path.CompareTo(upper) < 0 && r.Organisation.Kind == OrganisationKind.Township);
        var reportRows = await reports
            .Where(r => r.Period == reportPeriod && r.Status != ReportStatus.Draft && r.SubmittedAt != null)
            .Select(r => new { Part = r.Organisation!.Path.Substring(0, len), r.Status, r.SubmittedAt })
            .ToListAsync(ct);
        foreach (var r in reportRows)
        {
            Add(r.Part, K.ReportsSubmitted, 1);
            Add(r.Part, K.ReportsOnTime, r.SubmittedAt < dueBy ? 1 : 0);
            Add(r.Part, K.ReportsApproved, r.Status == ReportStatus.Approved ? 1 : 0);
        }

        var trendRows = await reports
            .Where(r => r.Period >= firstTrendPeriod && r.Period <= reportPeriod && r.Status != ReportStatus.Draft)
            .GroupBy(r => new { r.Period, Approved = r.Status == ReportStatus.Approved })
            .Select(g => new { g.Key.Period, g.Key.Approved, Count = g.Count() })
            .ToListAsync(ct);
        var trend = Enumerable.Range(0, 12)
            .Select(m => MonthlyReport.PeriodOf(thisMonth.AddMonths(m - 12)))
            .Select(p => new TrendPoint(
                p,
                trendRows.Where(r => r.Period == p).Sum(r => r.Count),
                trendRows.Where(r => r.Period == p && r.Approved).Sum(r => r.Count)))
            .ToList();

        // The parts: the organisations whose path has the parts' length.
        var parts = await organisations
            .Where(o => o.Path.Length == len)
            .OrderBy(o => o.Path)
            .Select(o => new OrganisationRef(o.Id, o.Name, o.Path, o.Kind, o.ParentId))
            .ToListAsync(ct);

        return new ScopeFigures
        {
            Scope = scope,
            AsOf = asOf,
            ReportPeriod = reportPeriod,
            ReportDueOn = dueOn,
            Total = total,
            Parts = parts.Select(p => new ChildFigures(p, byPart.GetValueOrDefault(p.Path) ?? new FigureSet())).ToList(),
            Trend = trend,
            LoansByIndustry = industries,
            AwardTitles = titles,
            TownshipFundsValues = fundsValues.Order().ToList(),
            GrantAmounts = grantRows.Select(r => r.Amount).Distinct().Order().ToList(),
        };
    }
}

/// <summary>Small look-ups around the figures: the path length of townships in scope, an organisation's visible ancestors.</summary>
public sealed class DashboardLookups(FederationDbContext db)
{
    public Task<int> TownshipPathLengthAsync(CancellationToken cancellationToken) =>
        db.Organisations.AsNoTracking().Where(o => o.Kind == OrganisationKind.Township).Select(o => o.Path.Length).FirstOrDefaultAsync(cancellationToken);

    public async Task<IReadOnlyList<OrganisationRef>> AncestorsAsync(OrganisationRef organisation, CancellationToken cancellationToken)
    {
        var paths = OrganisationPath.Ancestors(organisation.Path).ToList();
        return await db.Organisations.AsNoTracking().Where(o => paths.Contains(o.Path)).OrderBy(o => o.Path)
            .Select(o => new OrganisationRef(o.Id, o.Name, o.Path, o.Kind, o.ParentId))
            .ToListAsync(cancellationToken);
    }
}
