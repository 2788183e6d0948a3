using Kaijiang.Federation.Web.Data;
using Kaijiang.Federation.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace Kaijiang.Federation.Web.Features.Reports;

/// <summary>
/// Figures the registers already know for a township's month, keyed by indicator code, shown beside the field
/// as a suggestion (never filled in for the chair). Codes: loans_count, loans_amount (in the indicator's unit:
/// 万元 or yuan), families_nominated.
/// </summary>
public sealed class RegisterSuggestions(FederationDbContext db)
{
    public const string LoansCount = "loans_count";
    public const string LoansAmount = "loans_amount";
    public const string FamiliesNominated = "families_nominated";

    public async Task<IReadOnlyDictionary<string, decimal>> ForAsync(string townshipPath, int period, IReadOnlyDictionary<string, string> unitsByCode, CancellationToken cancellationToken)
    {
        var from = MonthlyReport.FirstDayOf(period);
        var until = from.AddMonths(1);
        var upper = OrganisationPath.SubtreeUpperBound(townshipPath);

        var loans = await db.Loans.AsNoTracking()
            .Where(l => l.DisbursedOn >= from && l.DisbursedOn < until
                        && l.Organisation!.Path.CompareTo(townshipPath) >= 0 && l.Organisation.Path.CompareTo(upper) < 0)
            .Select(l => l.Amount)
            .ToListAsync(cancellationToken);

        // Nominations are timestamps; the month is China time. As UTC instants: PostgreSQL's Npgsql refuses to write a
        // DateTimeOffset parameter with any other offset (the suggestions failed there; seen in the load run's log).
        var fromUtc = ChinaTime.StartOfDay(from);
        var untilUtc = ChinaTime.StartOfDay(until);
        var nominated = await db.FamilyAwards.AsNoTracking()
            .Where(a => a.NominatedAt >= fromUtc && a.NominatedAt < untilUtc
                        && a.Organisation!.Path.CompareTo(townshipPath) >= 0 && a.Organisation.Path.CompareTo(upper) < 0)
            .CountAsync(cancellationToken);

        var amount = loans.Sum();
        var result = new Dictionary<string, decimal>(StringComparer.Ordinal)
        {
            [LoansCount] = loans.Count,
            [LoansAmount] = unitsByCode.TryGetValue(LoansAmount, out var unit) && unit == "万元" ? decimal.Round(amount / 10_000m, 2) : amount,
            [FamiliesNominated] = nominated,
        };
        return result;
    }
}
