using Kaijiang.Federation.Web.Authorization;
using Kaijiang.Federation.Web.Data;
using Kaijiang.Federation.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace Kaijiang.Federation.Web.Features.Programmes;

public sealed record PersonChoice(int Id, string Label);

/// <summary>
/// Finds a person among the people in the user's scope, for the borrower, graduate, leader or expert of a record.
/// The form works without script: a name or full ID number typed in the search box is resolved when it names
/// exactly one person; with script, suggestions fill the hidden id.
/// </summary>
public sealed class PersonLookup(FederationDbContext db, CurrentUser currentUser, PersonalDataProtector personalData)
{
    public const int MaxSuggestions = 10;

    private bool SeesIdNumbers => currentUser.SeesFullIdentityNumbers;

    public async Task<IReadOnlyList<PersonChoice>> SuggestAsync(string? query, CancellationToken cancellationToken)
    {
        var text = query?.Trim();
        if (string.IsNullOrEmpty(text) || text.Length < 1)
        {
            return [];
        }

        var hash = text.Length == ResidentIdNumber.Length ? personalData.HashIdNumber(text) : null;
        var rows = await db.People.AsNoTracking()
            .Where(p => p.Name.StartsWith(text) || (hash != null && p.IdNumberHash == hash))
            .OrderBy(p => p.Name).ThenBy(p => p.Id)
            .Take(MaxSuggestions)
            .Select(p => new { p.Id, p.Name, p.IdNumber, Place = p.Organisation!.Name })
            .ToListAsync(cancellationToken);
        return rows.Select(p => new PersonChoice(p.Id, Label(p.Name, p.Place, p.IdNumber))).ToList();
    }

    public async Task<string?> LabelAsync(int? id, CancellationToken cancellationToken)
    {
        if (id is null)
        {
            return null;
        }

        var p = await db.People.AsNoTracking().Where(x => x.Id == id)
            .Select(x => new { x.Name, x.IdNumber, Place = x.Organisation!.Name }).SingleOrDefaultAsync(cancellationToken);
        return p is null ? null : Label(p.Name, p.Place, p.IdNumber);
    }

    /// <summary>The person by id, or else the one person the search text names; null with a reason when none or several.</summary>
    public async Task<(Person? Person, string? ErrorKey)> ResolveAsync(int? id, string? query, CancellationToken cancellationToken)
    {
        if (id is { } value)
        {
            var person = await db.People.SingleOrDefaultAsync(p => p.Id == value, cancellationToken);
            return person is null ? (null, "Programmes.PersonNotFound") : (person, null);
        }

        var text = query?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return (null, "Programmes.PersonRequired");
        }

        var hash = personalData.HashIdNumber(text);
        var matches = await db.People.Where(p => p.IdNumberHash == hash || p.Name == text).Take(2).ToListAsync(cancellationToken);
        return matches.Count switch
        {
            1 => (matches[0], null),
            0 => (null, "Programmes.PersonNotFound"),
            _ => (null, "Programmes.PersonAmbiguous"),
        };
    }

    private string Label(string name, string place, string? idNumber) =>
        idNumber is null ? $"{name} · {place}" : $"{name} · {place} · {(SeesIdNumbers ? idNumber : ResidentIdNumber.Mask(idNumber))}";
}
