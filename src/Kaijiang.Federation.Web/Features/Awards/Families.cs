using System.ComponentModel.DataAnnotations;
using Kaijiang.Federation.Web.Data;
using Kaijiang.Federation.Web.Domain;
using Kaijiang.Federation.Web.Features.Registers;
using Microsoft.EntityFrameworkCore;

namespace Kaijiang.Federation.Web.Features.Awards;

public sealed class FamilyListFilter
{
    public int? Township { get; set; }

    public string? Search { get; set; }

    public int Page { get; set; } = 1;
}

public sealed record FamilyRow(int Id, string Name, string HeadName, string VillageName, int Members, int Awards);

public sealed record FamilyListPage(FamilyListFilter Filter, IReadOnlyList<TownshipOption> Townships, IReadOnlyList<FamilyRow> Rows, int Total, int PageCount);

public sealed class FamilyInput
{
    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "Families.HouseholdHead")]
    public int? HouseholdHeadId { get; set; }

    [StringLength(100, ErrorMessage = "Validation.StringLength")]
    [Display(Name = "Families.Name")]
    public string? Name { get; set; }

    /// <summary>One member a line: name and relation to the household head, e.g. "李明 配偶".</summary>
    [StringLength(2000, ErrorMessage = "Validation.StringLength")]
    [Display(Name = "Families.Members")]
    public string? Members { get; set; }

    public int Version { get; set; }
}

public sealed record PersonChoice(int Id, string Name, int? BirthYear, string OrganisationName);

public sealed record FamilyForm(int? Id, FamilyInput Input, string? Search, IReadOnlyList<PersonChoice> People);

/// <summary>Families (家庭): the list, and registering or editing one. The household head is a person in scope.</summary>
public sealed class Families(FederationDbContext db, RegisterLookups lookups)
{
    public async Task<FamilyListPage> ListAsync(FamilyListFilter filter, CancellationToken cancellationToken)
    {
        (var families, filter.Township) = await lookups.InSubtreeAsync(db.Families.AsNoTracking(), filter.Township, cancellationToken);

        var search = filter.Search?.Trim();
        if (!string.IsNullOrEmpty(search))
        {
            families = families.Where(f => f.Name.Contains(search) || f.HouseholdHead!.Name.Contains(search));
        }

        var total = await families.CountAsync(cancellationToken);
        var pageCount = Math.Max(1, (total + RegisterLookups.PageSize - 1) / RegisterLookups.PageSize);
        filter.Page = Math.Clamp(filter.Page, 1, pageCount);
        var rows = await families.OrderBy(f => f.Organisation!.Path).ThenBy(f => f.Name).ThenBy(f => f.Id)
            .Skip((filter.Page - 1) * RegisterLookups.PageSize).Take(RegisterLookups.PageSize)
            .Select(f => new FamilyRow(f.Id, f.Name, f.HouseholdHead!.Name, f.Organisation!.Name, f.Members.Count,
                db.FamilyAwards.Count(a => a.FamilyId == f.Id && a.Status == AwardStatus.Awarded)))
            .ToListAsync(cancellationToken);
        return new FamilyListPage(filter, await lookups.TownshipsAsync(cancellationToken), rows, total, pageCount);
    }

    public async Task<FamilyForm> FormAsync(int? id, FamilyInput input, string? search, CancellationToken cancellationToken)
    {
        var people = db.People.AsNoTracking()
            .Where(p => p.Organisation!.Kind == OrganisationKind.Village || p.Organisation.Kind == OrganisationKind.Community);
        var term = search?.Trim();
        people = string.IsNullOrEmpty(term)
            ? people.Where(p => p.Id == input.HouseholdHeadId)
            : people.Where(p => p.Id == input.HouseholdHeadId || p.Name.Contains(term));
        var choices = await people.OrderBy(p => p.Name).ThenBy(p => p.Id).Take(30)
            .Select(p => new PersonChoice(p.Id, p.Name, p.BirthDate == null ? null : p.BirthDate.Value.Year, p.Organisation!.Name))
            .ToListAsync(cancellationToken);
        return new FamilyForm(id, input, search, choices);
    }

    public Task<Family?> LoadAsync(int id, CancellationToken cancellationToken) =>
        db.Families.Include(f => f.Members).Include(f => f.Organisation).SingleOrDefaultAsync(f => f.Id == id, cancellationToken);

    /// <summary>The household head, if she is in scope and lives in a village or community.</summary>
    public Task<Person?> HeadAsync(int? id, CancellationToken cancellationToken) =>
        db.People.AsNoTracking().Include(p => p.Organisation)
            .SingleOrDefaultAsync(p => p.Id == id && (p.Organisation!.Kind == OrganisationKind.Village || p.Organisation.Kind == OrganisationKind.Community), cancellationToken);

    public static FamilyInput InputOf(Family f) => new()
    {
        HouseholdHeadId = f.HouseholdHeadId,
        Name = f.Name,
        Members = string.Join("\n", f.Members.OrderBy(m => m.Id).Select(m => m.Name + " " + m.Relation)),
        Version = f.Version,
    };

    /// <summary>Members typed one a line, "name relation"; a line without a relation is refused.</summary>
    public static (List<(string Name, string Relation)> Members, int? BadLine) ParseMembers(string? text)
    {
        var members = new List<(string, string)>();
        var lines = (text ?? "").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0)
            {
                continue;
            }

            var parts = line.Split([' ', '\t', ',', '，', '、', '\u3000'], StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length != 2 || parts[0].Length > Person.NameMaxLength || parts[1].Length > 20)
            {
                return ([], i + 1);
            }

            members.Add((parts[0], parts[1]));
        }

        return (members, null);
    }

    /// <summary>Saves a new or edited family; false when someone else saved it first.</summary>
    public async Task<(int? Id, int? CurrentVersion)> SaveAsync(Family? family, Person head, FamilyInput input, List<(string Name, string Relation)> members, CancellationToken cancellationToken)
    {
        if (family is null)
        {
            family = new Family();
            db.Families.Add(family);
        }
        else
        {
            db.Entry(family).Property(f => f.Version).OriginalValue = input.Version;
        }

        family.HouseholdHeadId = head.Id;
        family.OrganisationId = head.OrganisationId;
        family.Name = string.IsNullOrWhiteSpace(input.Name) ? head.Name + "家庭" : input.Name.Trim();
        var wanted = members.Select(m => (m.Name, m.Relation)).ToList();
        family.Members.RemoveAll(m => !wanted.Contains((m.Name, m.Relation)));
        foreach (var (name, relation) in wanted.Where(w => !family.Members.Any(m => m.Name == w.Name && m.Relation == w.Relation)))
        {
            family.Members.Add(new FamilyMember { Name = name, Relation = relation });
        }

        if (db.Entry(head.Organisation!).State == EntityState.Detached && family.Organisation is null)
        {
            db.Attach(head.Organisation!);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return (family.Id, null);
        }
        catch (DbUpdateConcurrencyException)
        {
            var current = await db.Entry(family).GetDatabaseValuesAsync(cancellationToken);
            db.ChangeTracker.Clear();
            return (null, current?.GetValue<int>(nameof(Family.Version)) ?? input.Version);
        }
    }
}
