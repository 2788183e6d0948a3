using Kaijiang.Federation.Web.Data;
using Kaijiang.Federation.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace Kaijiang.Federation.Web.Features.People;

/// <summary>"Part of a name" as one LIKE pattern on every provider, so PostgreSQL's trigram index can answer it.</summary>
public static class PersonNames
{

    /// <summary>
    /// People whose name contains <paramref name="part"/>. <c>string.Contains</c> becomes <c>strpos(…) &gt; 0</c> on
    /// PostgreSQL, which no index can serve; <c>LIKE '%part%'</c> (wildcards in the input escaped) uses the trigram index
    /// when the part has three characters or more. A shorter part has no trigram of its own, so it is asked as what it
    /// means: the name starts with it, or ends with it (the trigram index answers both, from the word-boundary
    /// trigrams), or the name is long enough to hold it strictly inside (a name at most one character longer than the
    /// part cannot; the index on the name's length finds the few longer ones). Same rows as <c>LIKE '%part%'</c>.
    /// </summary>
    public static System.Linq.Expressions.Expression<Func<Person, bool>> Containing(string part)
    {
        var escaped = part.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal)
            .Replace("_", "\\_", StringComparison.Ordinal);
        var inside = "%" + escaped + "%";
        if (part.Length >= 3)
        {
            return p => EF.Functions.Like(p.Name, inside, "\\");
        }

        var (prefix, suffix, longEnough) = (escaped + "%", "%" + escaped, part.Length + 2);
        return p => EF.Functions.Like(p.Name, prefix, "\\") || EF.Functions.Like(p.Name, suffix, "\\")
            || (p.Name.Length >= EF.Constant(longEnough) && EF.Functions.Like(p.Name, inside, "\\"));
    }
}

/// <summary>A person found by a search: enough to recognise her, never her full ID number or phone.</summary>
public sealed record PersonMatch(int Id, string Name, Sex Sex, DateOnly? BirthDate, string OrganisationName, string MaskedIdNumber);

/// <summary>The search page; <see cref="OrganisationId"/> is set when it picks a person for a new term there.</summary>
public sealed record PersonSearchPage(string? Query, IReadOnlyList<PersonMatch> Matches, bool MoreThanShown, int? OrganisationId);

/// <summary>
/// Finds people in the user's scope by name (part of it), by a whole ID number or by a whole mobile number. Only a
/// whole number matches, so the search cannot be used to guess numbers a character at a time; numbers are stored
/// encrypted and matched through their keyed hashes.
/// </summary>
public sealed class SearchPeople(FederationDbContext db, PersonalDataProtector personalData)
{
    public const int MaxMatches = 20;

    public async Task<(IReadOnlyList<PersonMatch> Matches, bool More)> RunAsync(string? query, CancellationToken cancellationToken)
    {
        var q = query?.Trim();
        if (string.IsNullOrEmpty(q))
        {
            return ([], false);
        }

        var people = db.People.AsNoTracking();
        if (q.Length == ResidentIdNumber.Length && char.IsAsciiDigit(q[0]))
        {
            var hash = personalData.HashIdNumber(ResidentIdNumber.Normalise(q));
            people = people.Where(p => p.IdNumberHash == hash);
        }
        else if (MobilePhone.IsValid(q))
        {
            var hash = personalData.HashPhone(q);
            people = people.Where(p => p.PhoneHash == hash);
        }
        else
        {
            people = people.Where(PersonNames.Containing(q));
        }

        var rows = await people
            .OrderBy(p => p.Name).ThenBy(p => p.Id)
            .Take(MaxMatches + 1)
            .Select(p => new { p.Id, p.Name, p.Sex, p.BirthDate, OrganisationName = p.Organisation!.Name, p.IdNumber })
            .ToListAsync(cancellationToken);
        var matches = rows.Take(MaxMatches)
            .Select(r => new PersonMatch(r.Id, r.Name, r.Sex, r.BirthDate, r.OrganisationName, ResidentIdNumber.Mask(r.IdNumber)))
            .ToList();
        return (matches, rows.Count > MaxMatches);
    }

    /// <summary>People of exactly this name in scope: possible duplicates to offer before creating another.</summary>
    public async Task<IReadOnlyList<PersonMatch>> SameNameAsync(string name, int? exceptId, CancellationToken cancellationToken)
    {
        var rows = await db.People.AsNoTracking()
            .Where(p => p.Name == name && p.Id != exceptId)
            .OrderBy(p => p.Id)
            .Take(MaxMatches)
            .Select(p => new { p.Id, p.Name, p.Sex, p.BirthDate, OrganisationName = p.Organisation!.Name, p.IdNumber })
            .ToListAsync(cancellationToken);
        return rows.Select(r => new PersonMatch(r.Id, r.Name, r.Sex, r.BirthDate, r.OrganisationName, ResidentIdNumber.Mask(r.IdNumber))).ToList();
    }
}
