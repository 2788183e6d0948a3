using System.Globalization;
using System.Text.RegularExpressions;
using Kaijiang.Federation.Web.Data;
using Kaijiang.Federation.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace Kaijiang.Federation.Web.Features.RosterImport;

/// <summary>One reason a row cannot be imported: row number, column, a resource key and its arguments, and the cell as typed.</summary>
public sealed record RowProblem(int Row, string Column, string Key, string? Value, string[] Arguments);

public enum RowAction
{
    /// <summary>A new person and a new term.</summary>
    Create = 1,

    /// <summary>An existing person (matched by ID number) and a new term.</summary>
    Update = 2,

    /// <summary>An existing person who already holds this office here: the existing term is updated, no second one added.</summary>
    Duplicate = 3,
}

/// <summary>A row that passed every check, as the commit will write it.</summary>
public sealed record ValidRow(
    int Row,
    RowAction Action,
    int OrganisationId,
    string OrganisationName,
    int? PersonId,
    int? TermId,
    string Name,
    Sex Sex,
    DateOnly? BirthDate,
    string? Ethnicity,
    Education? Education,
    PoliticalStatus? PoliticalStatus,
    string? Phone,
    string IdNumber,
    Office Office,
    bool IsFullTime,
    DateOnly StartOn,
    bool InTwoCommittees,
    bool IsPartySecretary,
    bool IsVillageDirector,
    decimal? MonthlyStipend,
    decimal? SecretaryMonthlyPay);

public sealed record RosterPreview(int TotalRows, IReadOnlyList<ValidRow> Rows, IReadOnlyList<RowProblem> Problems)
{
    public bool IsValid => Problems.Count == 0 && Rows.Count > 0;

    public int Count(RowAction action) => Rows.Count(r => r.Action == action);

    /// <summary>Rows with at least one problem.</summary>
    public int BadRows => Problems.Select(p => p.Row).Distinct().Count();
}

/// <summary>
/// Checks every row of a roster sheet against the rules and the database before anything is written: all problems of
/// all rows are found in one pass, with a fixed number of queries whatever the number of rows.
/// </summary>
public sealed partial class ValidateRoster(FederationDbContext db, TimeProvider clock, PersonalDataProtector personalData)
{
    public const int EthnicityMaxLength = 20;
    public const decimal MaxMonthlyAmount = 1_000_000m;

    private sealed record OrganisationRow(int Id, string Name, string Path);

    private sealed record ExistingPerson(int Id, string IdNumber, string OrganisationPath);

    private sealed record CurrentTerm(int Id, int OrganisationId, int PersonId, Office Office);

    public async Task<RosterPreview> RunAsync(Organisation target, IReadOnlyList<SheetRow> rows, CancellationToken cancellationToken)
    {
        var today = clock.Today();
        var problems = new List<RowProblem>();

        // The organisations a row may name: the chosen one and its open subtree, as the user's scope allows.
        var upper = OrganisationPath.SubtreeUpperBound(target.Path);
        var organisations = await db.Organisations.AsNoTracking()
            .Where(o => o.Path.CompareTo(target.Path) >= 0 && o.Path.CompareTo(upper) < 0 && o.ClosedOn == null)
            .Select(o => new OrganisationRow(o.Id, o.Name, o.Path))
            .ToListAsync(cancellationToken);
        var byName = organisations.GroupBy(o => o.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);

        var parsed = new List<(SheetRow Sheet, ParsedRow Row)>();
        foreach (var row in rows)
        {
            var before = problems.Count;
            var result = Parse(row, byName, today, problems);
            if (problems.Count == before && result is not null)
            {
                parsed.Add((row, result));
            }
        }

        // The same ID number twice in one sheet: the later rows are reported against the first.
        var firstRowOf = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            var id = row[RosterColumns.IdNumber] is { } raw ? ResidentIdNumber.Normalise(raw) : null;
            if (id is null || ResidentIdNumber.Check(id) != ResidentIdProblem.None)
            {
                continue;
            }

            if (firstRowOf.TryGetValue(id, out var first))
            {
                problems.Add(new RowProblem(row.Number, RosterColumns.IdNumber, "RosterImport.Problem.DuplicateInSheet", row[RosterColumns.IdNumber], [first.ToString(CultureInfo.InvariantCulture)]));
            }
            else
            {
                firstRowOf[id] = row.Number;
            }
        }

        // Existing people by ID number: one query. Unscoped on purpose: an ID number is unique across the whole
        // database, so a person outside the user's subtree must be refused here, not by the unique index at commit.
        // ID numbers are stored encrypted: the rows are found by their keyed hashes.
        var idHashes = parsed.Select(p => personalData.HashIdNumber(p.Row.IdNumber)).Distinct(StringComparer.Ordinal).ToList();
        var existing = idHashes.Count == 0
            ? []
            : await db.People.IgnoreQueryFilters().AsNoTracking()
                .Where(p => p.IdNumberHash != null && idHashes.Contains(p.IdNumberHash))
                .Select(p => new ExistingPerson(p.Id, p.IdNumber!, p.Organisation!.Path))
                .ToListAsync(cancellationToken);
        var existingById = existing.ToDictionary(p => p.IdNumber, StringComparer.Ordinal);
        var scopePath = db.ScopePath;

        // Current terms of the organisations named: one query.
        var organisationIds = parsed.Select(p => p.Row.Organisation.Id).Distinct().ToList();
        var currentTerms = organisationIds.Count == 0
            ? []
            : await db.OfficeTerms.AsNoTracking()
                .Where(t => organisationIds.Contains(t.OrganisationId) && (t.EndedOn == null || t.EndedOn > today))
                .Select(t => new CurrentTerm(t.Id, t.OrganisationId, t.PersonId, t.Office))
                .ToListAsync(cancellationToken);

        // Looked up per row in dictionaries: scanning every current term for each of 10,000 rows is quadratic.
        var termOf = new Dictionary<(int OrganisationId, int PersonId, Office Office), CurrentTerm>();
        var chairsOf = new Dictionary<int, List<int>>();
        foreach (var term in currentTerms)
        {
            termOf.TryAdd((term.OrganisationId, term.PersonId, term.Office), term); // the first, as a scan would find
            if (term.Office == Office.Chair)
            {
                (chairsOf.TryGetValue(term.OrganisationId, out var chairs) ? chairs : chairsOf[term.OrganisationId] = []).Add(term.PersonId);
            }
        }

        var chairsInSheet = new Dictionary<int, int>();
        var valid = new List<ValidRow>();
        foreach (var (sheet, row) in parsed)
        {
            var count = problems.Count;
            existingById.TryGetValue(row.IdNumber, out var person);
            if (person is not null && scopePath is not null && !OrganisationPath.IsInSubtree(person.OrganisationPath, scopePath))
            {
                problems.Add(new RowProblem(sheet.Number, RosterColumns.IdNumber, "RosterImport.Problem.PersonOutsideScope", row.IdNumber, []));
            }

            var sameOffice = person is null
                ? null
                : termOf.GetValueOrDefault((row.Organisation.Id, person.Id, row.Office));

            if (row.Office == Office.Chair)
            {
                if (chairsInSheet.TryGetValue(row.Organisation.Id, out var firstChairRow))
                {
                    problems.Add(new RowProblem(sheet.Number, RosterColumns.Office, "RosterImport.Problem.SecondChairInSheet", sheet[RosterColumns.Office], [firstChairRow.ToString(CultureInfo.InvariantCulture), row.Organisation.Name]));
                }
                else
                {
                    chairsInSheet[row.Organisation.Id] = sheet.Number;
                }

                if (chairsOf.TryGetValue(row.Organisation.Id, out var chairs) && chairs.Exists(id => id != person?.Id))
                {
                    problems.Add(new RowProblem(sheet.Number, RosterColumns.Office, "RosterImport.Problem.ChairExists", sheet[RosterColumns.Office], [row.Organisation.Name]));
                }
            }

            if (problems.Count > count || firstRowOf.GetValueOrDefault(row.IdNumber) != sheet.Number)
            {
                continue;
            }

            var action = person is null ? RowAction.Create : sameOffice is null ? RowAction.Update : RowAction.Duplicate;
            valid.Add(new ValidRow(
                sheet.Number, action, row.Organisation.Id, row.Organisation.Name, person?.Id, sameOffice?.Id,
                row.Name, row.Sex, row.BirthDate, row.Ethnicity, row.Education, row.PoliticalStatus, row.Phone, row.IdNumber,
                row.Office, row.IsFullTime, row.StartOn, row.InTwoCommittees, row.IsPartySecretary, row.IsVillageDirector,
                row.MonthlyStipend, row.SecretaryMonthlyPay));
        }

        var ordered = problems.OrderBy(p => p.Row).ThenBy(p => SheetRow.ColumnIndex(p.Column)).ToList();
        return new RosterPreview(rows.Count, ordered.Count == 0 ? valid : [], ordered);
    }

    private sealed record ParsedRow(
        OrganisationRow Organisation,
        string Name,
        Sex Sex,
        DateOnly? BirthDate,
        string? Ethnicity,
        Education? Education,
        PoliticalStatus? PoliticalStatus,
        string? Phone,
        string IdNumber,
        Office Office,
        bool IsFullTime,
        DateOnly StartOn,
        bool InTwoCommittees,
        bool IsPartySecretary,
        bool IsVillageDirector,
        decimal? MonthlyStipend,
        decimal? SecretaryMonthlyPay);

    private static ParsedRow? Parse(SheetRow row, Dictionary<string, List<OrganisationRow>> organisations, DateOnly today, List<RowProblem> problems)
    {
        void Problem(string column, string key, params string[] arguments) =>
            problems.Add(new RowProblem(row.Number, column, key, row[column], arguments));

        string? Required(string column)
        {
            var value = row[column];
            if (value is null)
            {
                Problem(column, "RosterImport.Problem.Required");
            }

            return value;
        }

        T? Word<T>(string column, IReadOnlyDictionary<string, T> words)
            where T : struct
        {
            if (row[column] is not { } value)
            {
                return null;
            }

            if (words.TryGetValue(value, out var word))
            {
                return word;
            }

            Problem(column, "RosterImport.Problem.UnknownWord", string.Join("、", words.Keys));
            return null;
        }

        DateOnly? Date(string column)
        {
            if (row[column] is not { } value)
            {
                return null;
            }

            if (!RosterColumns.TryParseDate(value, out var date))
            {
                Problem(column, "RosterImport.Problem.BadDate");
                return null;
            }

            if (date.Year < ResidentIdNumber.EarliestBirthYear)
            {
                Problem(column, "RosterImport.Problem.DateTooEarly", ResidentIdNumber.EarliestBirthYear.ToString(CultureInfo.InvariantCulture));
                return null;
            }

            if (date > today)
            {
                Problem(column, "RosterImport.Problem.DateInFuture");
                return null;
            }

            return date;
        }

        decimal? Money(string column)
        {
            if (row[column] is not { } value)
            {
                return null;
            }

            if (!decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var amount))
            {
                Problem(column, "RosterImport.Problem.NotANumber");
                return null;
            }

            if (amount < 0)
            {
                Problem(column, "RosterImport.Problem.Negative");
                return null;
            }

            if (amount > MaxMonthlyAmount)
            {
                Problem(column, "RosterImport.Problem.TooLarge", MaxMonthlyAmount.ToString("N0", CultureInfo.InvariantCulture));
                return null;
            }

            return decimal.Round(amount, 2, MidpointRounding.AwayFromZero);
        }

        OrganisationRow? organisation = null;
        if (Required(RosterColumns.Organisation) is { } organisationName)
        {
            if (!organisations.TryGetValue(organisationName, out var matches))
            {
                Problem(RosterColumns.Organisation, "RosterImport.Problem.UnknownOrganisation");
            }
            else if (matches.Count > 1)
            {
                Problem(RosterColumns.Organisation, "RosterImport.Problem.AmbiguousOrganisation", matches.Count.ToString(CultureInfo.InvariantCulture));
            }
            else
            {
                organisation = matches[0];
            }
        }

        var name = Required(RosterColumns.Name);
        if (name is not null)
        {
            if (name.Length > Person.NameMaxLength)
            {
                Problem(RosterColumns.Name, "RosterImport.Problem.TooLong", Person.NameMaxLength.ToString(CultureInfo.InvariantCulture));
                name = null;
            }
            else if (!NamePattern().IsMatch(name))
            {
                Problem(RosterColumns.Name, "RosterImport.Problem.NameCharacters");
                name = null;
            }
        }

        var idNumber = Required(RosterColumns.IdNumber) is { } rawId ? ResidentIdNumber.Normalise(rawId) : null;
        if (idNumber is not null && ResidentIdNumber.Check(idNumber, today) is var idProblem && idProblem != ResidentIdProblem.None)
        {
            Problem(RosterColumns.IdNumber, "RosterImport.Problem.IdNumber", idProblem.ToString());
            idNumber = null;
        }

        var sex = Word(RosterColumns.Sex, RosterColumns.Sexes);
        var birthDate = Date(RosterColumns.BirthDate);
        if (birthDate is { } birth && idNumber is not null && ResidentIdNumber.BirthDateOf(idNumber) != birth)
        {
            Problem(RosterColumns.BirthDate, "RosterImport.Problem.BirthDateMismatch");
        }

        var ethnicity = row[RosterColumns.Ethnicity];
        if (ethnicity is not null && (ethnicity.Length > EthnicityMaxLength || !NamePattern().IsMatch(ethnicity)))
        {
            Problem(RosterColumns.Ethnicity, "RosterImport.Problem.NameCharacters");
        }

        var education = Word(RosterColumns.Education, RosterColumns.Educations);
        var political = Word(RosterColumns.PoliticalStatus, RosterColumns.PoliticalStatuses);

        var phone = row[RosterColumns.Phone];
        if (phone is not null && !MobilePhone.IsValid(phone))
        {
            Problem(RosterColumns.Phone, "RosterImport.Problem.Phone");
        }

        var office = Required(RosterColumns.Office) is null ? null : Word(RosterColumns.Office, RosterColumns.Offices);
        var fullTime = Word(RosterColumns.FullTime, RosterColumns.FullTimeWords);
        var startOn = Required(RosterColumns.StartOn) is null ? null : Date(RosterColumns.StartOn);
        var twoCommittees = Word(RosterColumns.InTwoCommittees, RosterColumns.YesNo);
        var secretary = Word(RosterColumns.PartySecretary, RosterColumns.YesNo);
        var director = Word(RosterColumns.VillageDirector, RosterColumns.YesNo);
        var stipend = Money(RosterColumns.MonthlyStipend);
        var pay = Money(RosterColumns.SecretaryPay);

        if (organisation is null || name is null || idNumber is null || office is null || startOn is null)
        {
            return null;
        }

        return new ParsedRow(
            organisation, name, sex ?? ResidentIdNumber.SexOf(idNumber) ?? Sex.Female, birthDate ?? ResidentIdNumber.BirthDateOf(idNumber),
            ethnicity, education, political, phone, idNumber, office.Value, fullTime ?? false, startOn.Value,
            twoCommittees ?? false, secretary ?? false, director ?? false, stipend, pay);
    }

    // Letters of any script (Chinese, Latin, Tibetan, Uyghur …), combining marks, the middle dot of transliterated
    // names and spaces. No digits, symbols, emoji or markup.
    [GeneratedRegex(@"^[\p{L}\p{M}·•．. ]+$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}
