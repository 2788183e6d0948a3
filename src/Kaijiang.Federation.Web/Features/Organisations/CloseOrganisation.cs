using Kaijiang.Federation.Web.Data;
using Kaijiang.Federation.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace Kaijiang.Federation.Web.Features.Organisations;

public sealed class CloseOrganisationInput
{
    public int Version { get; set; }
}

/// <summary>What the confirmation page says before an organisation is closed.</summary>
public sealed record CloseOrganisationPage(int Id, string Name, OrganisationKind Kind, DateOnly? ClosedOn, int OpenChildren, int CurrentOfficers, int Version);

/// <summary>Closes an organisation: it stays, with its history, marked closed and hidden from the tree by default. Never deleted.</summary>
public sealed class CloseOrganisation(FederationDbContext db, TimeProvider clock)
{
    public Task<Organisation?> LoadAsync(int id, CancellationToken cancellationToken) =>
        db.Organisations.SingleOrDefaultAsync(o => o.Id == id, cancellationToken);

    public async Task<CloseOrganisationPage> PageAsync(Organisation organisation, CancellationToken cancellationToken)
    {
        var today = clock.Today();
        var openChildren = await db.Organisations.CountAsync(o => o.ParentId == organisation.Id && o.ClosedOn == null, cancellationToken);
        var officers = await db.OfficeTerms.CountAsync(t => t.OrganisationId == organisation.Id && (t.EndedOn == null || t.EndedOn > today), cancellationToken);
        return new CloseOrganisationPage(organisation.Id, organisation.Name, organisation.Kind, organisation.ClosedOn, openChildren, officers, organisation.Version);
    }

    /// <summary>Why it cannot be closed, as a resource key; null when it can.</summary>
    public static string? Refusal(Organisation organisation, CloseOrganisationPage page) =>
        organisation.ParentId is null ? "Organisations.CannotCloseRoot"
        : organisation.ClosedOn is not null ? "Organisations.AlreadyClosed"
        : page.OpenChildren > 0 ? "Organisations.CloseChildrenFirst"
        : null;

    /// <summary>False when someone else saved the organisation since the page was read.</summary>
    public async Task<bool> CloseAsync(Organisation organisation, int version, CancellationToken cancellationToken)
    {
        db.Entry(organisation).Property(o => o.Version).OriginalValue = version;
        organisation.ClosedOn = clock.Today();
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            return false;
        }
    }
}
