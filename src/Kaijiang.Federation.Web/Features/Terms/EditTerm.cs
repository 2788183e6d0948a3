using System.Globalization;
using Kaijiang.Federation.Web.Data;
using Kaijiang.Federation.Web.Domain;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Kaijiang.Federation.Web.Features.Terms;

/// <summary>Who holds a term and where, as the edit and end pages show it.</summary>
public sealed record TermHeading(int TermId, int PersonId, string PersonName, int OrganisationId, string OrganisationName, Office Office, DateOnly StartOn, DateOnly PlannedEndOn, DateOnly? EndedOn);

public sealed record EditTermPage(TermHeading Heading, TermInput Input);

/// <summary>Loads terms through the scoped context and edits them, refusing to overwrite someone else's newer save.</summary>
public sealed class EditTerm(FederationDbContext db)
{
    public Task<OfficeTerm?> LoadAsync(int id, CancellationToken cancellationToken) =>
        db.OfficeTerms.SingleOrDefaultAsync(t => t.Id == id, cancellationToken);

    /// <summary>Tracked, so that the audit entry records the organisation's path.</summary>
    public Task<Organisation?> OrganisationAsync(int id, CancellationToken cancellationToken) =>
        db.Organisations.SingleOrDefaultAsync(o => o.Id == id, cancellationToken);

    public async Task<TermHeading> HeadingAsync(OfficeTerm term, Organisation organisation, CancellationToken cancellationToken)
    {
        // She may live outside the user's scope (a township officer from elsewhere): then her name is not shown.
        var name = await db.People.AsNoTracking().Where(p => p.Id == term.PersonId).Select(p => p.Name).FirstOrDefaultAsync(cancellationToken);
        return new TermHeading(term.Id, term.PersonId, name ?? "—", organisation.Id, organisation.Name, term.Office, term.StartOn, term.PlannedEndOn, term.EndedOn);
    }

    /// <summary>Saves the term; returns the stored term when someone else saved first.</summary>
    public async Task<OfficeTerm?> SaveAsync(OfficeTerm term, Action<OfficeTerm> change, int version, CancellationToken cancellationToken)
    {
        // Compare against the version the user read, not the one just loaded.
        db.Entry(term).Property(t => t.Version).OriginalValue = version;
        change(term);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return null;
        }
        catch (DbUpdateConcurrencyException)
        {
            var entry = db.Entry(term);
            var stored = await entry.GetDatabaseValuesAsync(cancellationToken);
            entry.State = EntityState.Detached;
            return stored is null ? throw new InvalidOperationException("The term was deleted while it was being edited.") : (OfficeTerm)stored.ToObject();
        }
    }

    /// <summary>Shows, field by field, what someone else saved while the user was editing the term.</summary>
    public static void ReportConflict(ModelStateDictionary modelState, string prefix, TermValues mine, OfficeTerm theirs, IStringLocalizer<SharedResource> l)
    {
        modelState.AddModelError("", l["Concurrency.Conflict"]);
        void Compare(string field, object? a, object? b, string shown)
        {
            if (!Equals(a, b))
            {
                modelState.AddModelError(prefix + "." + field, l["Concurrency.FieldChanged", shown]);
            }
        }

        string YesNo(bool value) => value ? l["Common.Yes"] : l["Common.No"];
        static string Money(decimal? value) => value?.ToString("0.00", CultureInfo.InvariantCulture) ?? "—";
        Compare(nameof(TermInput.Office), mine.Office, theirs.Office, l["Office." + theirs.Office]);
        Compare(nameof(TermInput.IsFullTime), mine.IsFullTime, theirs.IsFullTime, theirs.IsFullTime ? l["Organisations.FullTime"] : l["Organisations.PartTime"]);
        Compare(nameof(TermInput.StartOn), mine.StartOn, theirs.StartOn, theirs.StartOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Compare(nameof(TermInput.ElectedAt), mine.ElectedAt, theirs.ElectedAt, theirs.ElectedAt ?? "—");
        Compare(nameof(TermInput.InTwoCommittees), mine.InTwoCommittees, theirs.InTwoCommittees, YesNo(theirs.InTwoCommittees));
        Compare(nameof(TermInput.IsPartySecretary), mine.IsPartySecretary, theirs.IsPartySecretary, YesNo(theirs.IsPartySecretary));
        Compare(nameof(TermInput.IsVillageDirector), mine.IsVillageDirector, theirs.IsVillageDirector, YesNo(theirs.IsVillageDirector));
        Compare(nameof(TermInput.MonthlyStipend), mine.MonthlyStipend, theirs.MonthlyStipend, Money(theirs.MonthlyStipend));
        Compare(nameof(TermInput.SecretaryMonthlyPay), mine.SecretaryMonthlyPay, theirs.SecretaryMonthlyPay, Money(theirs.SecretaryMonthlyPay));
    }
}
