using K = Kaijiang.Federation.Web.Features.Dashboard.FigureKeys;

namespace Kaijiang.Federation.Web.Features.Dashboard;

/// <summary>A column of the comparison table: the figure's key, and how a row's value is read and shown.</summary>
public sealed record ComparisonColumn(string Sort, string Key, Func<FigureSet, decimal?> Value, Func<decimal?, string> Format);

/// <summary>All townships side by side, sorted on the server by the column named in the query string.</summary>
public sealed class TownshipComparisonPage
{
    public const string NameSort = "Name";

    public static readonly IReadOnlyList<ComparisonColumn> Columns =
    [
        Column("VillagesAndCommunities", K.VillagesAndCommunities),
        new("ConversionRate", K.ConversionRate, f => f.Share(K.Converted, K.VillagesAndCommunities), DashboardPageBuilder.Percent),
        Column("VillageChairs", K.VillageChairs),
        Column("VillageViceChairs", K.VillageViceChairs),
        Column("VillageExecutives", K.VillageExecutives),
        Column("ChairsInTwoCommittees", K.ChairsInTwoCommittees),
        new("StipendCompliance", K.StipendCompliance, f => f.Share(K.ChairsMeetingStipendRule, K.VillageChairs), DashboardPageBuilder.Percent),
        Column("Vacancies", K.Vacancies),
        Column("StandardisedWomensHomes", K.StandardisedWomensHomes),
        Column("ChildrensHomes", K.ChildrensHomes),
        Column("AwardsDecided", K.AwardsDecided),
        Column("Loans", K.Loans),
        new("LoanAmount", K.LoanAmount, f => f[K.LoanAmount], v => Infrastructure.MoneyFormat.Format(v ?? 0m)),
        Column("LoansOverdue", K.LoansOverdue),
        Column("ReportsSubmitted", K.ReportsSubmitted),
    ];

    public required IReadOnlyList<PartRow> Rows { get; init; }

    public required string Sort { get; init; }

    public required bool Descending { get; init; }

    public required int Year { get; init; }

    public static IReadOnlyList<PartRow> Sorted(IEnumerable<PartRow> rows, string sort, bool descending)
    {
        var column = Columns.FirstOrDefault(c => c.Sort == sort);
        var ordered = column is null
            ? rows.OrderBy(r => r.Organisation.Path, StringComparer.Ordinal)
            : rows.OrderBy(r => column.Value(r.Figures) ?? -1m).ThenBy(r => r.Organisation.Path, StringComparer.Ordinal);
        var list = ordered.ToList();
        if (descending)
        {
            list.Reverse();
        }

        return list;
    }

    private static ComparisonColumn Column(string sort, string key) => new(sort, key, f => f[key], v => DashboardPageBuilder.Count(v ?? 0m));
}
