using Kaijiang.Federation.Web.Data;
using Kaijiang.Federation.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace Kaijiang.Federation.Web.Features.Programmes;

/// <summary>
/// A register list's filters, all in the query string so that a filtered page can be bookmarked and exported.
/// Each register uses the ones that mean something for it.
/// </summary>
public sealed class RegisterFilter
{
    public int? Township { get; set; }

    public int? Year { get; set; }

    public string? Kind { get; set; }

    public string? Bank { get; set; }

    public string? Industry { get; set; }

    public string? Status { get; set; }

    public string? Search { get; set; }

    public int Page { get; set; } = 1;

    public Dictionary<string, string> RouteValues(int? page = null)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        void Add(string key, object? value)
        {
            if (value is not null && value.ToString() is { Length: > 0 } text)
            {
                values[key] = text;
            }
        }

        Add("township", Township);
        Add("year", Year);
        Add("kind", Kind);
        Add("bank", Bank);
        Add("industry", Industry);
        Add("status", Status);
        Add("search", Search);
        Add("page", page);
        return values;
    }
}

public sealed record Option(string Value, string Label, bool Localise = false);

/// <summary>A drop-down filter of a list: query-string name, label key, options (empty value = all).</summary>
public sealed record FilterField(string Name, string LabelKey, IReadOnlyList<Option> Options, string? Selected);

public enum CellKind
{
    Text,
    /// <summary>A resource key, shown in the page's language.</summary>
    Label,
    Number,
    Money,
    Date,
    Percent,
}

public sealed record RegisterColumn(string LabelKey, CellKind Kind = CellKind.Text);

/// <summary>A row: its cells in column order and where its first cell links to.</summary>
public sealed record RegisterRow(int Id, IReadOnlyList<object?> Cells, string? Href);

public sealed record RegisterListPage(
    string Register,
    RegisterFilter Filter,
    IReadOnlyList<FilterField> Filters,
    IReadOnlyList<RegisterColumn> Columns,
    IReadOnlyList<RegisterRow> Rows,
    int Total,
    int PageCount)
{
    /// <summary>Whether the user's role may create records here (the server checks each record anyway).</summary>
    public bool CanCreate { get; init; }

    public bool CanExport { get; init; }

    /// <summary>Rows link to a details page every reader may open (loans), not only to the edit form.</summary>
    public bool RowsOpenForReaders { get; init; }

    /// <summary>Extra links above the list, e.g. the subsidy claim: (label key, URL).</summary>
    public IReadOnlyList<(string LabelKey, string Href)> Links { get; init; } = [];
}

/// <summary>What the register lists share: the user's townships, the township filter, paging.</summary>
public sealed class RegisterQueries(FederationDbContext db, Registers.RegisterLookups lookups)
{
    public const int PageSize = 25;

    /// <summary>Enough for any one county's register in one sheet; beyond it an export is refused by paging.</summary>
    public const int ExportLimit = 50_000;

    public async Task<IReadOnlyList<Option>> TownshipOptionsAsync(CancellationToken cancellationToken) =>
        await db.Organisations.AsNoTracking()
            .Where(o => o.Kind == OrganisationKind.Township)
            .OrderBy(o => o.Path)
            .Select(o => new Option(o.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), o.Name, false))
            .ToListAsync(cancellationToken);

    /// <summary>Restricts records to the subtree of an organisation in the user's scope; an unknown id filters nothing.</summary>
    public async Task<IQueryable<T>> WithinAsync<T>(IQueryable<T> records, int? organisationId, CancellationToken cancellationToken)
        where T : class, IOrganisationOwned =>
        (await lookups.InSubtreeAsync(records, organisationId, cancellationToken)).Records;

    /// <summary>Organisations a record may belong to, in tree order, indented by depth.</summary>
    public async Task<IReadOnlyList<Option>> OrganisationOptionsAsync(bool grassroots, CancellationToken cancellationToken)
    {
        var organisations = db.Organisations.AsNoTracking().Where(o => o.ClosedOn == null);
        if (!grassroots)
        {
            organisations = organisations.Where(o => o.Kind <= OrganisationKind.Township);
        }

        var rows = await organisations.OrderBy(o => o.Path).Select(o => new { o.Id, o.Name, o.Depth }).ToListAsync(cancellationToken);
        var top = rows.Count == 0 ? 0 : rows.Min(r => r.Depth);
        return rows.Select(r => new Option(
            r.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            new string('\u3000', r.Depth - top) + r.Name)).ToList();
    }

    /// <summary>An organisation in the user's scope, tracked (the audit trail records its path), or null.</summary>
    public Task<Organisation?> OrganisationAsync(int? id, CancellationToken cancellationToken) =>
        id is { } value
            ? db.Organisations.SingleOrDefaultAsync(o => o.Id == value && o.ClosedOn == null, cancellationToken)
            : Task.FromResult<Organisation?>(null);

    /// <summary>The organisation a loaded record belongs to (closed or not), tracked, through the scoped context.</summary>
    public Task<Organisation?> OrganisationOfAsync(int id, CancellationToken cancellationToken) =>
        db.Organisations.SingleOrDefaultAsync(o => o.Id == id, cancellationToken);

    /// <summary>Counts, clamps the page into range and returns one page (or everything, for an export).</summary>
    public static async Task<(List<T> Rows, int Total, int PageCount)> PageAsync<T>(
        IQueryable<T> ordered, RegisterFilter filter, bool everything, CancellationToken cancellationToken)
    {
        if (everything)
        {
            var all = await ordered.Take(ExportLimit).ToListAsync(cancellationToken);
            return (all, all.Count, 1);
        }

        var total = await ordered.CountAsync(cancellationToken);
        var pageCount = Math.Max(1, (total + PageSize - 1) / PageSize);
        filter.Page = Math.Clamp(filter.Page, 1, pageCount);
        var rows = await ordered.Skip((filter.Page - 1) * PageSize).Take(PageSize).ToListAsync(cancellationToken);
        return (rows, total, pageCount);
    }

    public static IReadOnlyList<Option> YearOptions(DateOnly today, int from = 2010) =>
        Enumerable.Range(from, today.Year - from + 1).Reverse()
            .Select(y => new Option(y.ToString(System.Globalization.CultureInfo.InvariantCulture), y.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            .ToList();

    public static IReadOnlyList<Option> EnumOptions<TEnum>(string keyPrefix)
        where TEnum : struct, Enum =>
        Enum.GetValues<TEnum>().Select(v => new Option(v.ToString(), keyPrefix + "." + v, true)).ToList();

    public static string? Selected(int? value) => value?.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>How a cell reads on the page: money in 万元 on Chinese pages, dates as ISO, labels in the page's language.</summary>
public static class RegisterDisplay
{
    public static string Cell(CellKind kind, object? value, Microsoft.Extensions.Localization.IStringLocalizer localizer) => value switch
    {
        null => "",
        decimal money when kind == CellKind.Money => Infrastructure.MoneyFormat.Format(money),
        decimal share when kind == CellKind.Percent => share.ToString("P1", System.Globalization.CultureInfo.CurrentCulture),
        DateOnly date => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        int number => number.ToString("N0", System.Globalization.CultureInfo.CurrentCulture),
        string key when kind == CellKind.Label => localizer[key].Value,
        IFormattable f => f.ToString(null, System.Globalization.CultureInfo.CurrentCulture),
        _ => value.ToString() ?? "",
    };
}

/// <summary>The person search box of a form: a text box with suggestions and the hidden id it fills.</summary>
public sealed record PersonFieldModel(string IdName, int? Id, string QueryName, string? Query, string LabelKey, string LookupUrl, bool Required);
