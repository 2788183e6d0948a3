using Kaijiang.Federation.Web.Data;
using Kaijiang.Federation.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace Kaijiang.Federation.Web.Features.Organisations;

public sealed class EditOrganisationInput : OrganisationParticulars
{
    /// <summary>The version the form was read at: the optimistic concurrency token.</summary>
    public int Version { get; set; }

    public static EditOrganisationInput From(Organisation o)
    {
        var input = new EditOrganisationInput { Version = o.Version };
        input.CopyFrom(o);
        return input;
    }
}

/// <summary>A field someone else changed; an enum value is given as its resource key (e.g. <c>ReformStatus.Converted</c>).</summary>
public sealed record FieldChange(string Field, string CurrentValue, bool IsResourceKey = false);

public sealed record EditOutcome(Organisation? Conflict, IReadOnlyList<FieldChange> ChangedFields);

/// <summary>Edits an organisation's own particulars, refusing to overwrite someone else's newer save.</summary>
public sealed class EditOrganisation(FederationDbContext db)
{
    public Task<Organisation?> LoadAsync(int id, CancellationToken cancellationToken) =>
        db.Organisations.Include(o => o.Parent).SingleOrDefaultAsync(o => o.Id == id, cancellationToken);

    /// <summary>The kinds this organisation may take: those its parent may hold, and that may hold its children.</summary>
    public async Task<IReadOnlyList<OrganisationKind>> KindChoicesAsync(Organisation organisation, CancellationToken cancellationToken)
    {
        var childKinds = await db.Organisations.IgnoreQueryFilters().Where(o => o.ParentId == organisation.Id)
            .Select(o => o.Kind).Distinct().ToListAsync(cancellationToken);
        var candidates = organisation.Parent is { } parent ? OrganisationHierarchy.KindsUnder(parent.Kind) : [organisation.Kind];
        return candidates.Where(k => childKinds.All(c => OrganisationHierarchy.CanHold(k, c))).ToList();
    }

    public async Task<IEnumerable<(string Field, string Key)>> CheckAsync(Organisation organisation, EditOrganisationInput input, CancellationToken cancellationToken)
    {
        var errors = input.CheckShape(organisation.Parent?.Kind).ToList();
        if (input.Kind != organisation.Kind && !(await KindChoicesAsync(organisation, cancellationToken)).Contains(input.Kind))
        {
            errors.Add((nameof(input.Kind), "Organisations.KindDoesNotFitChildren"));
        }

        return errors.Distinct();
    }

    public async Task<EditOutcome> SaveAsync(Organisation organisation, EditOrganisationInput input, CancellationToken cancellationToken)
    {
        // Compare against the version the user read, not the one just loaded.
        db.Entry(organisation).Property(o => o.Version).OriginalValue = input.Version;
        input.ApplyTo(organisation);

        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return new EditOutcome(null, []);
        }
        catch (DbUpdateConcurrencyException)
        {
            var entry = db.Entry(organisation);
            var stored = await entry.GetDatabaseValuesAsync(cancellationToken);
            entry.State = EntityState.Detached;
            if (stored is null)
            {
                throw;
            }

            var current = (Organisation)stored.ToObject();
            var changes = new List<FieldChange>();
            void Compare(string field, object? mine, object? theirs)
            {
                if (!Equals(mine, theirs))
                {
                    changes.Add(theirs is Enum value
                        ? new FieldChange(field, $"{value.GetType().Name}.{value}", IsResourceKey: true)
                        : new FieldChange(field, theirs?.ToString() ?? "—"));
                }
            }

            Compare(nameof(input.Name), organisation.Name, current.Name);
            Compare(nameof(input.Kind), organisation.Kind, current.Kind);
            Compare(nameof(input.UnitKind), organisation.UnitKind, current.UnitKind);
            Compare(nameof(input.PinyinInitials), organisation.PinyinInitials, current.PinyinInitials);
            Compare(nameof(input.DivisionCode), organisation.DivisionCode, current.DivisionCode);
            Compare(nameof(input.ReformStatus), organisation.ReformStatus, current.ReformStatus);
            Compare(nameof(input.ReformDate), organisation.ReformDate, current.ReformDate);
            Compare(nameof(input.AnnualFunds), organisation.AnnualFunds, current.AnnualFunds);
            Compare(nameof(input.ContactName), organisation.ContactName, current.ContactName);
            Compare(nameof(input.ContactPhone), organisation.ContactPhone, current.ContactPhone);
            Compare(nameof(input.Address), organisation.Address, current.Address);
            return new EditOutcome(current, changes);
        }
    }
}
