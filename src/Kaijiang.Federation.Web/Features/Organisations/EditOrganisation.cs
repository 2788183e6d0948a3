using System.ComponentModel.DataAnnotations;
using Kaijiang.Federation.Web.Data;
using Kaijiang.Federation.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace Kaijiang.Federation.Web.Features.Organisations;

public sealed class EditOrganisationInput
{
    /// <summary>Shown, not edited here (renaming is a separate, audited step of the roster work).</summary>
    public string Name { get; set; } = "";

    [StringLength(12, MinimumLength = 6, ErrorMessage = "Validation.StringRange")]
    [RegularExpression("^[0-9]+$", ErrorMessage = "Validation.Digits")]
    [Display(Name = "Organisations.DivisionCode")]
    public string? DivisionCode { get; set; }

    [Display(Name = "Organisations.ReformStatus")]
    public ReformStatus ReformStatus { get; set; }

    [Display(Name = "Organisations.ReformDate")]
    [DataType(DataType.Date)]
    public DateOnly? ReformDate { get; set; }

    [Range(typeof(decimal), "0", "100000000", ErrorMessage = "Validation.Range")]
    [Display(Name = "Organisations.AnnualFunds")]
    public decimal AnnualFunds { get; set; }

    [StringLength(Person.NameMaxLength, ErrorMessage = "Validation.StringLength")]
    [Display(Name = "Organisations.ContactName")]
    public string? ContactName { get; set; }

    [StringLength(20, ErrorMessage = "Validation.StringLength")]
    [RegularExpression(@"^[0-9+\- ]{7,20}$", ErrorMessage = "Validation.Phone")]
    [Display(Name = "Organisations.ContactPhone")]
    public string? ContactPhone { get; set; }

    [StringLength(200, ErrorMessage = "Validation.StringLength")]
    [Display(Name = "Organisations.Address")]
    public string? Address { get; set; }

    /// <summary>The version the form was read at: the optimistic concurrency token.</summary>
    public int Version { get; set; }

    public static EditOrganisationInput From(Organisation o) => new()
    {
        Name = o.Name,
        DivisionCode = o.DivisionCode,
        ReformStatus = o.ReformStatus,
        ReformDate = o.ReformDate,
        AnnualFunds = o.AnnualFunds,
        ContactName = o.ContactName,
        ContactPhone = o.ContactPhone,
        Address = o.Address,
        Version = o.Version,
    };
}

public sealed record FieldChange(string Field, string CurrentValue);

public sealed record EditOutcome(Organisation? Conflict, IReadOnlyList<FieldChange> ChangedFields);

/// <summary>Edits an organisation's own particulars, refusing to overwrite someone else's newer save.</summary>
public sealed class EditOrganisation(FederationDbContext db)
{
    public Task<Organisation?> LoadAsync(int id, CancellationToken cancellationToken) =>
        db.Organisations.SingleOrDefaultAsync(o => o.Id == id, cancellationToken);

    public async Task<EditOutcome> SaveAsync(Organisation organisation, EditOrganisationInput input, CancellationToken cancellationToken)
    {
        // Compare against the version the user read, not the one just loaded.
        db.Entry(organisation).Property(o => o.Version).OriginalValue = input.Version;
        organisation.DivisionCode = string.IsNullOrWhiteSpace(input.DivisionCode) ? null : input.DivisionCode.Trim();
        organisation.ReformStatus = input.ReformStatus;
        organisation.ReformDate = input.ReformDate;
        organisation.AnnualFunds = input.AnnualFunds;
        organisation.ContactName = input.ContactName?.Trim();
        organisation.ContactPhone = input.ContactPhone?.Trim();
        organisation.Address = input.Address?.Trim();

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
                    changes.Add(new FieldChange(field, theirs?.ToString() ?? "—"));
                }
            }

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
