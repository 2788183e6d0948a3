using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Kaijiang.Federation.Web.Data;
using Kaijiang.Federation.Web.Domain;
using Kaijiang.Federation.Web.Features.Registers;
using Microsoft.EntityFrameworkCore;

namespace Kaijiang.Federation.Web.Features.Homes;

public sealed class HomeInput
{
    [Display(Name = "Homes.Kind")]
    public ServiceSiteKind Kind { get; set; } = ServiceSiteKind.WomensHome;

    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "Homes.Host")]
    public int? HostId { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(100, ErrorMessage = "Validation.StringLength")]
    [Display(Name = "Homes.Name")]
    public string? Name { get; set; }

    [Range(typeof(decimal), "0", "100000", ErrorMessage = "Validation.Range")]
    [Display(Name = "Homes.Area")]
    public decimal? AreaSquareMetres { get; set; }

    [Range(typeof(decimal), "0", "10000000", ErrorMessage = "Validation.Range")]
    [Display(Name = "Homes.Subsidy")]
    public decimal SubsidyReceived { get; set; }

    [Display(Name = "Homes.OpenedOn")]
    [DataType(DataType.Date)]
    public DateOnly? OpenedOn { get; set; }

    /// <summary>People of the host organisation who run the home.</summary>
    [Display(Name = "Homes.Managers")]
    public List<int> ManagerIds { get; set; } = [];

    public int Version { get; set; }

    public static HomeInput From(ServiceSite s) => new()
    {
        Kind = s.Kind,
        HostId = s.OrganisationId,
        Name = s.Name,
        AreaSquareMetres = s.AreaSquareMetres,
        SubsidyReceived = s.SubsidyReceived,
        OpenedOn = s.OpenedOn,
        ManagerIds = s.Managers.Select(m => m.PersonId).ToList(),
        Version = s.Version,
    };
}

public sealed record PersonOption(int Id, string Name);

/// <summary>The form's view model: what was typed, and the choices.</summary>
public sealed record HomeForm(int? Id, HomeInput Input, IReadOnlyList<OrganisationOption> Hosts, IReadOnlyList<PersonOption> People);

public sealed record HomeSaveOutcome(int? SavedId, IReadOnlyList<(string Field, string Current)> Conflicts, int? CurrentVersion)
{
    public bool IsConflict => CurrentVersion is not null;
}

/// <summary>Registers a home or edits one, refusing to overwrite someone else's newer save.</summary>
public sealed class EditHome(FederationDbContext db, RegisterLookups lookups, TimeProvider clock)
{
    /// <summary>Hosts are villages, communities and units (新领域): a township or the county hosts no home.</summary>
    public static bool CanHost(OrganisationKind kind) => kind is OrganisationKind.Village or OrganisationKind.Community or OrganisationKind.Unit;

    public Task<ServiceSite?> LoadAsync(int id, CancellationToken cancellationToken) =>
        db.ServiceSites.Include(s => s.Managers).Include(s => s.MetItems).SingleOrDefaultAsync(s => s.Id == id, cancellationToken);

    /// <summary>The host, if it is in scope and may host a home; null otherwise.</summary>
    public Task<Organisation?> HostAsync(int? id, CancellationToken cancellationToken) => id is null
        ? Task.FromResult<Organisation?>(null)
        : db.Organisations.AsNoTracking().SingleOrDefaultAsync(
            o => o.Id == id && o.ClosedOn == null && (o.Kind == OrganisationKind.Village || o.Kind == OrganisationKind.Community || o.Kind == OrganisationKind.Unit),
            cancellationToken);

    public async Task<HomeForm> FormAsync(int? id, HomeInput input, CancellationToken cancellationToken)
    {
        var people = input.HostId is { } hostId
            ? await db.People.AsNoTracking().Where(p => p.OrganisationId == hostId).OrderBy(p => p.Name).ThenBy(p => p.Id)
                .Select(p => new PersonOption(p.Id, p.Name)).ToListAsync(cancellationToken)
            : [];
        return new HomeForm(id, input, await lookups.HostsAsync(includeUnits: true, cancellationToken), people);
    }

    public async Task<int> CreateAsync(Organisation host, HomeInput input, CancellationToken cancellationToken)
    {
        var home = new ServiceSite { OrganisationId = host.Id, Kind = input.Kind };
        Apply(home, input);
        await SetManagersAsync(home, host.Id, input.ManagerIds, cancellationToken);
        // A new home meets nothing yet; the standard follows from inspections.
        StandardChecklist.Apply(home, await ActiveItemsAsync(home.Kind, cancellationToken), clock.Today());
        db.ServiceSites.Add(home);
        db.Attach(host); // lets the audit entry carry the host's path
        await db.SaveChangesAsync(cancellationToken);
        return home.Id;
    }

    public async Task<HomeSaveOutcome> SaveAsync(ServiceSite home, Organisation host, HomeInput input, CancellationToken cancellationToken)
    {
        db.Entry(home).Property(s => s.Version).OriginalValue = input.Version;
        home.OrganisationId = host.Id;
        db.Attach(host);
        Apply(home, input);
        await SetManagersAsync(home, host.Id, input.ManagerIds, cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return new HomeSaveOutcome(home.Id, [], null);
        }
        catch (DbUpdateConcurrencyException)
        {
            var entry = db.Entry(home);
            var stored = await entry.GetDatabaseValuesAsync(cancellationToken) ?? throw new InvalidOperationException("The home was removed.");
            var current = (ServiceSite)stored.ToObject();
            var changes = new List<(string, string)>();
            void Compare(string field, object? mine, object? theirs)
            {
                if (!Equals(mine, theirs))
                {
                    changes.Add((field, Convert.ToString(theirs, CultureInfo.CurrentCulture) ?? "—"));
                }
            }

            Compare(nameof(input.Name), home.Name, current.Name);
            Compare(nameof(input.HostId), home.OrganisationId, current.OrganisationId);
            Compare(nameof(input.AreaSquareMetres), home.AreaSquareMetres, current.AreaSquareMetres);
            Compare(nameof(input.SubsidyReceived), home.SubsidyReceived, current.SubsidyReceived);
            Compare(nameof(input.OpenedOn), home.OpenedOn, current.OpenedOn);
            db.ChangeTracker.Clear();
            return new HomeSaveOutcome(null, changes, current.Version);
        }
    }

    private static void Apply(ServiceSite home, HomeInput input)
    {
        home.Name = input.Name!.Trim();
        home.AreaSquareMetres = input.AreaSquareMetres;
        home.SubsidyReceived = input.SubsidyReceived;
        home.OpenedOn = input.OpenedOn;
    }

    private async Task SetManagersAsync(ServiceSite home, int hostId, List<int> personIds, CancellationToken cancellationToken)
    {
        // Only people of the host organisation in scope; anything else posted is ignored.
        var valid = await db.People.AsNoTracking().Where(p => p.OrganisationId == hostId && personIds.Contains(p.Id)).Select(p => p.Id).ToListAsync(cancellationToken);
        home.Managers.RemoveAll(m => !valid.Contains(m.PersonId));
        foreach (var id in valid.Where(id => home.Managers.All(m => m.PersonId != id)))
        {
            home.Managers.Add(new ServiceSiteManager { PersonId = id });
        }
    }

    private Task<List<int>> ActiveItemsAsync(ServiceSiteKind kind, CancellationToken cancellationToken) =>
        db.StandardChecklistItems.AsNoTracking().Where(i => i.Kind == kind && i.IsActive).Select(i => i.Id).ToListAsync(cancellationToken);
}
