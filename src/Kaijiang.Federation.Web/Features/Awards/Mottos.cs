using System.ComponentModel.DataAnnotations;
using Kaijiang.Federation.Web.Data;
using Kaijiang.Federation.Web.Domain;
using Kaijiang.Federation.Web.Features.Registers;
using Microsoft.EntityFrameworkCore;

namespace Kaijiang.Federation.Web.Features.Awards;

public sealed class MottoListFilter
{
    public int? Township { get; set; }

    public int? Year { get; set; }

    public int? Book { get; set; }

    public string? Search { get; set; }

    public int Page { get; set; } = 1;
}

public sealed record MottoRow(int Id, string Text, string FamilyName, string VillageName, int YearCollected, IReadOnlyList<string> Books);

public sealed record BookOption(int Id, string Title, int Year);

public sealed record MottoListPage(MottoListFilter Filter, IReadOnlyList<TownshipOption> Townships, IReadOnlyList<BookOption> Books, IReadOnlyList<MottoRow> Rows, int Total, int PageCount);

public sealed record BookRow(int Id, string Title, int Year, string? Publisher, int Mottos);

public sealed class MottoInput
{
    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(2000, ErrorMessage = "Validation.StringLength")]
    [Display(Name = "Mottos.Text")]
    public string? Text { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "Awards.Family")]
    public int? FamilyId { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    [Range(1949, 2100, ErrorMessage = "Validation.Range")]
    [Display(Name = "Mottos.YearCollected")]
    public int? YearCollected { get; set; }

    [Display(Name = "Mottos.Books")]
    public List<int> BookIds { get; set; } = [];

    public int Version { get; set; }
}

public sealed record MottoForm(int? Id, MottoInput Input, string? Search, IReadOnlyList<FamilyOption> Families, IReadOnlyList<BookOption> Books);

/// <summary>Family mottos (家风家训) and the books they were published in.</summary>
public sealed class Mottos(FederationDbContext db, RegisterLookups lookups)
{
    public async Task<MottoListPage> ListAsync(MottoListFilter filter, CancellationToken cancellationToken)
    {
        (var mottos, filter.Township) = await lookups.InSubtreeAsync(db.FamilyMottos.AsNoTracking(), filter.Township, cancellationToken);

        if (filter.Year is { } year)
        {
            mottos = mottos.Where(m => m.YearCollected == year);
        }

        if (filter.Book is { } book)
        {
            mottos = mottos.Where(m => m.Books.Any(b => b.Id == book));
        }

        var search = filter.Search?.Trim();
        if (!string.IsNullOrEmpty(search))
        {
            mottos = mottos.Where(m => m.Text.Contains(search) || m.Family!.Name.Contains(search));
        }

        var total = await mottos.CountAsync(cancellationToken);
        var pageCount = Math.Max(1, (total + RegisterLookups.PageSize - 1) / RegisterLookups.PageSize);
        filter.Page = Math.Clamp(filter.Page, 1, pageCount);
        var rows = await mottos.OrderByDescending(m => m.YearCollected).ThenBy(m => m.Organisation!.Path).ThenBy(m => m.Id)
            .Skip((filter.Page - 1) * RegisterLookups.PageSize).Take(RegisterLookups.PageSize)
            .Select(m => new MottoRow(m.Id, m.Text, m.Family!.Name, m.Organisation!.Name, m.YearCollected, m.Books.OrderBy(b => b.Year).Select(b => b.Title).ToList()))
            .ToListAsync(cancellationToken);
        return new MottoListPage(filter, await lookups.TownshipsAsync(cancellationToken), await BookOptionsAsync(cancellationToken), rows, total, pageCount);
    }

    /// <summary>The books, with how many of the mottos the user may see are in each.</summary>
    public Task<List<BookRow>> BooksAsync(CancellationToken cancellationToken) =>
        db.Books.AsNoTracking().OrderBy(b => b.Year).ThenBy(b => b.Id)
            .Select(b => new BookRow(b.Id, b.Title, b.Year, b.Publisher, b.Mottos.Count))
            .ToListAsync(cancellationToken);

    public Task<List<BookOption>> BookOptionsAsync(CancellationToken cancellationToken) =>
        db.Books.AsNoTracking().OrderBy(b => b.Year).ThenBy(b => b.Id).Select(b => new BookOption(b.Id, b.Title, b.Year)).ToListAsync(cancellationToken);

    public async Task<MottoForm> FormAsync(int? id, MottoInput input, string? search, CancellationToken cancellationToken)
    {
        var families = db.Families.AsNoTracking();
        var term = search?.Trim();
        families = string.IsNullOrEmpty(term)
            ? families.Where(f => f.Id == input.FamilyId)
            : families.Where(f => f.Id == input.FamilyId || f.Name.Contains(term) || f.HouseholdHead!.Name.Contains(term));
        var options = await families.OrderBy(f => f.Name).ThenBy(f => f.Id).Take(30)
            .Select(f => new FamilyOption(f.Id, f.Name, f.HouseholdHead!.Name, f.Organisation!.Name)).ToListAsync(cancellationToken);
        return new MottoForm(id, input, search, options, await BookOptionsAsync(cancellationToken));
    }

    public Task<FamilyMotto?> LoadAsync(int id, CancellationToken cancellationToken) =>
        db.FamilyMottos.Include(m => m.Books).Include(m => m.Organisation).SingleOrDefaultAsync(m => m.Id == id, cancellationToken);

    public static MottoInput InputOf(FamilyMotto m) => new()
    {
        Text = m.Text, FamilyId = m.FamilyId, YearCollected = m.YearCollected, BookIds = m.Books.Select(b => b.Id).ToList(), Version = m.Version,
    };

    public async Task<(int? Id, int? CurrentVersion)> SaveAsync(FamilyMotto? motto, Family family, MottoInput input, CancellationToken cancellationToken)
    {
        if (motto is null)
        {
            motto = new FamilyMotto();
            db.FamilyMottos.Add(motto);
            db.Attach(family.Organisation!);
        }
        else
        {
            db.Entry(motto).Property(m => m.Version).OriginalValue = input.Version;
            // A change of books alone must still move the version on, and be refused over someone else's save.
            db.Entry(motto).Property(m => m.Version).IsModified = true;
        }

        motto.Text = input.Text!.Trim();
        motto.FamilyId = family.Id;
        motto.OrganisationId = family.OrganisationId;
        motto.YearCollected = input.YearCollected!.Value;
        var books = await db.Books.Where(b => input.BookIds.Contains(b.Id)).ToListAsync(cancellationToken);
        motto.Books.RemoveAll(b => !books.Contains(b));
        motto.Books.AddRange(books.Where(b => !motto.Books.Contains(b)));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return (motto.Id, null);
        }
        catch (DbUpdateConcurrencyException)
        {
            var current = await db.Entry(motto).GetDatabaseValuesAsync(cancellationToken);
            db.ChangeTracker.Clear();
            return (null, current?.GetValue<int>(nameof(FamilyMotto.Version)) ?? input.Version);
        }
    }
}
