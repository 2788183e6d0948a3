using System.Globalization;
using Kaijiang.Federation.Web.Authorization;
using Kaijiang.Federation.Web.Data;
using Kaijiang.Federation.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace Kaijiang.Federation.Web.Features.History;

public sealed record HistoryEntry(long Id, DateTimeOffset At, string? UserName, string Action, IReadOnlyList<PropertyChange> Changes);

public sealed record RecordHistoryPage(
    string EntityType,
    int EntityId,
    int OrganisationId,
    string OrganisationName,
    IReadOnlyList<HistoryEntry> Entries,
    int Page,
    int PageCount,
    int Total);

/// <summary>The audit entries of one record, newest first, a page at a time; only for a record the user can see.</summary>
public sealed class RecordHistory(FederationDbContext db, AuditChanges changes)
{
    public const int PageSize = 20;

    /// <summary>The record types whose history can be shown, each found through the scope filter.</summary>
    private static readonly Dictionary<string, Func<FederationDbContext, int, IQueryable<int>>> OwnerOf = new(StringComparer.Ordinal)
    {
        [nameof(Organisation)] = (db, id) => db.Organisations.Where(o => o.Id == id).Select(o => o.Id),
        [nameof(Person)] = Owned<Person>,
        [nameof(OfficeTerm)] = Owned<OfficeTerm>,
        [nameof(ServiceSite)] = Owned<ServiceSite>,
        [nameof(Family)] = Owned<Family>,
        [nameof(FamilyAward)] = Owned<FamilyAward>,
        [nameof(FamilyMotto)] = Owned<FamilyMotto>,
        [nameof(Loan)] = Owned<Loan>,
        [nameof(StartupGrant)] = Owned<StartupGrant>,
        [nameof(Base)] = Owned<Base>,
        [nameof(Project)] = Owned<Project>,
        [nameof(Training)] = Owned<Training>,
        [nameof(Expert)] = Owned<Expert>,
        [nameof(JobFair)] = Owned<JobFair>,
        [nameof(Partner)] = Owned<Partner>,
        [nameof(OutreachChannel)] = Owned<OutreachChannel>,
        [nameof(MonthlyReport)] = Owned<MonthlyReport>,
    };

    public static IReadOnlyCollection<string> KnownTypes => OwnerOf.Keys;

    public static bool IsKnown(string? entityType) => entityType is not null && OwnerOf.ContainsKey(entityType);

    private static IQueryable<int> Owned<T>(FederationDbContext db, int id)
        where T : EditableEntity, IOrganisationOwned =>
        db.Set<T>().Where(e => e.Id == id).Select(e => e.OrganisationId);

    /// <summary>The organisation the record belongs to, or null when the type is unknown or the record is not visible.</summary>
    public async Task<OrganisationResource?> OwnerAsync(string entityType, int id, CancellationToken cancellationToken)
    {
        if (!OwnerOf.TryGetValue(entityType, out var owner))
        {
            return null;
        }

        var organisationId = owner(db, id);
        return await db.Organisations.AsNoTracking()
            .Where(o => organisationId.Contains(o.Id))
            .Select(o => new OrganisationResource(o.Id, o.Path, o.Kind))
            .SingleOrDefaultAsync(cancellationToken);
    }

    public async Task<RecordHistoryPage> PageAsync(string entityType, int id, OrganisationResource owner, int page, CancellationToken cancellationToken)
    {
        var key = id.ToString(CultureInfo.InvariantCulture);
        var entries = db.AuditEntries.AsNoTracking().Where(a => a.EntityType == entityType && a.EntityId == key);
        var total = await entries.CountAsync(cancellationToken);
        var pageCount = Math.Max(1, (total + PageSize - 1) / PageSize);
        page = Math.Clamp(page, 1, pageCount);
        var rows = await entries
            .OrderByDescending(a => a.At).ThenByDescending(a => a.Id)
            .Skip((page - 1) * PageSize).Take(PageSize)
            .Select(a => new { a.Id, a.At, a.UserName, a.Action, a.Before, a.After })
            .ToListAsync(cancellationToken);
        var organisationName = await db.Organisations.AsNoTracking().Where(o => o.Id == owner.OrganisationId).Select(o => o.Name).SingleAsync(cancellationToken);
        return new RecordHistoryPage(
            entityType,
            id,
            owner.OrganisationId,
            organisationName,
            rows.Select(r => new HistoryEntry(r.Id, r.At, r.UserName, r.Action, changes.Describe(entityType, r.Before, r.After))).ToList(),
            page,
            pageCount,
            total);
    }
}
