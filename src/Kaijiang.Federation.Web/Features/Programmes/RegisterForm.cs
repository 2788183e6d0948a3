using Kaijiang.Federation.Web.Data;
using Kaijiang.Federation.Web.Domain;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ModelBinding.Validation;
using Microsoft.EntityFrameworkCore;

namespace Kaijiang.Federation.Web.Features.Programmes;

/// <summary>What every register's edit form carries: the concurrency token, and the choices the page offers.</summary>
public abstract class RegisterInput
{
    /// <summary>The version the form was read at: the optimistic concurrency token.</summary>
    public int Version { get; set; }

    [BindNever]
    [ValidateNever]
    public IReadOnlyList<Option> OrganisationOptions { get; set; } = [];
}

/// <summary>
/// One register's create/edit use case: how a record becomes a form and back, which organisation it belongs to,
/// and the rules a data annotation cannot state. <see cref="RegisterController{TEntity, TInput}"/> runs it.
/// </summary>
public abstract class RegisterForm<TEntity, TInput>(RegisterFormKit kit)
    where TEntity : EditableEntity, IOrganisationOwned, new()
    where TInput : RegisterInput, new()
{
    private readonly FederationDbContext db = kit.Db;

    protected RegisterFormKit Kit => kit;

    protected DateOnly Today => kit.Clock.Today();

    /// <summary>An organisation chosen in the form, in the user's scope; a model error on the field otherwise.</summary>
    protected async Task<Organisation?> OrganisationFieldAsync(int? id, string field, ModelStateDictionary modelState, CancellationToken cancellationToken)
    {
        if (id is null)
        {
            return null; // [Required] on the field says so
        }

        var organisation = await kit.Queries.OrganisationAsync(id, cancellationToken);
        if (organisation is null)
        {
            modelState.AddModelError(field, kit.L["Programmes.OrganisationNotFound"]);
        }

        return organisation;
    }

    /// <summary>A person chosen in the form (hidden id or search text), in the user's scope; a model error otherwise.</summary>
    protected async Task<Person?> PersonFieldAsync(int? id, string? query, string field, bool required, ModelStateDictionary modelState, CancellationToken cancellationToken)
    {
        if (!required && id is null && string.IsNullOrWhiteSpace(query))
        {
            return null;
        }

        var (person, error) = await kit.People.ResolveAsync(id, query, cancellationToken);
        if (error is not null)
        {
            modelState.AddModelError(field, kit.L[error]);
        }

        return person;
    }

    protected void AddError(ModelStateDictionary modelState, string field, string key, params object[] arguments) =>
        modelState.AddModelError(field, kit.L[key, arguments]);

    /// <summary>The record through the scoped context (tracked): null when it does not exist for this user.</summary>
    public virtual Task<TEntity?> LoadAsync(int id, CancellationToken cancellationToken) =>
        db.Set<TEntity>().SingleOrDefaultAsync(e => e.Id == id, cancellationToken);

    public abstract Task<TInput> ToInputAsync(TEntity entity, CancellationToken cancellationToken);

    /// <summary>The organisation the record will belong to, in the user's scope; null with a model error otherwise.</summary>
    public abstract Task<Organisation?> ResolveOrganisationAsync(TInput input, ModelStateDictionary modelState, CancellationToken cancellationToken);

    public virtual Task ValidateAsync(TInput input, TEntity? existing, ModelStateDictionary modelState, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    public abstract void Apply(TInput input, TEntity entity, Organisation organisation);

    /// <summary>Fills the choices of the page (organisations, kinds, the chosen person's label).</summary>
    public virtual Task PrepareAsync(TInput input, CancellationToken cancellationToken) => Task.CompletedTask;

    public void Add(TEntity entity) => db.Set<TEntity>().Add(entity);

    public EntityEntryValues Entry(TEntity entity) => new(db, entity);
}

/// <summary>What every register form needs from outside.</summary>
public sealed class RegisterFormKit(
    FederationDbContext db,
    RegisterQueries queries,
    PersonLookup people,
    Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> localizer,
    TimeProvider clock)
{
    public FederationDbContext Db => db;

    public RegisterQueries Queries => queries;

    public PersonLookup People => people;

    public Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> L => localizer;

    public TimeProvider Clock => clock;
}

/// <summary>The tracked state of a record, for the concurrency check and the conflict message.</summary>
public sealed class EntityEntryValues(FederationDbContext db, object entity)
{
    public void ExpectVersion(int version) => db.Entry(entity).Property(nameof(EditableEntity.Version)).OriginalValue = version;

    public Task<int> SaveAsync(CancellationToken cancellationToken) => db.SaveChangesAsync(cancellationToken);

    /// <summary>After a lost race: the stored values of the fields that differ from ours, and the stored version.</summary>
    public async Task<(IReadOnlyList<(string Field, string Value)> Changed, int Version)?> ConflictAsync(CancellationToken cancellationToken)
    {
        var entry = db.Entry(entity);
        var stored = await entry.GetDatabaseValuesAsync(cancellationToken);
        var changed = new List<(string, string)>();
        if (stored is not null)
        {
            foreach (var property in stored.Properties)
            {
                if (property.Name is nameof(EditableEntity.Version) or nameof(EditableEntity.Id))
                {
                    continue;
                }

                var theirs = stored[property];
                if (!Equals(entry.Property(property.Name).CurrentValue, theirs))
                {
                    changed.Add((property.Name, theirs switch
                    {
                        null => "—",
                        DateOnly d => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                        IFormattable f => f.ToString(null, System.Globalization.CultureInfo.CurrentCulture),
                        _ => theirs.ToString() ?? "—",
                    }));
                }
            }
        }

        entry.State = EntityState.Detached;
        return stored is null ? null : (changed, (int)stored[nameof(EditableEntity.Version)]!);
    }
}
