using Kaijiang.Federation.Web.Data;
using Kaijiang.Federation.Web.Domain;
using Kaijiang.Federation.Web.Features.Programmes;
using Microsoft.EntityFrameworkCore;

namespace Kaijiang.Federation.Web.Features.Loans;

public sealed record LoanFigureGroup(string Key, string Name)
{
    public int Count { get; init; }
    public decimal Amount { get; init; }
    public decimal Outstanding { get; init; }
    public decimal OverdueOutstanding { get; init; }
    public int Jobs { get; init; }
    public int Overdue1To30 { get; init; }
    public int Overdue31To90 { get; init; }
    public int OverdueOver90 { get; init; }
    public int WrittenOff { get; init; }

    /// <summary>Overdue principal as a share of the principal still owed (written-off loans excluded).</summary>
    public decimal OverdueRate => Outstanding == 0m ? 0m : OverdueOutstanding / Outstanding;
}

public sealed record LoanFiguresModel(
    LoanFigureGroup Total,
    IReadOnlyList<LoanFigureGroup> ByTownship,
    IReadOnlyList<LoanFigureGroup> ByIndustry,
    IReadOnlyList<LoanFigureGroup> ByYear);

/// <summary>
/// Loan figures for the dashboard — count, amount, outstanding, overdue rate and buckets, jobs — by township, industry
/// and year of disbursement, in the user's scope. One query fetches a narrow row per loan (with its repaid principal
/// summed in SQL); the grouping runs in memory because status is <see cref="LoanStanding"/>'s rule, not a column.
/// </summary>
public sealed class LoanFigures(FederationDbContext db, ProgrammeFigures programmes, TimeProvider clock)
{
    public async Task<LoanFiguresModel> RunAsync(CancellationToken cancellationToken)
    {
        var today = clock.Today();
        var townships = await programmes.TownshipsAsync(cancellationToken);
        var rows = await db.Loans.AsNoTracking()
            .Select(l => new
            {
                l.Organisation!.Path,
                l.Industry,
                l.DisbursedOn,
                l.Amount,
                l.JobsCreated,
                l.DueOn,
                l.WrittenOffOn,
                Repaid = l.Repayments.Sum(r => r.Principal),
            })
            .ToListAsync(cancellationToken);

        var loans = rows.Select(r =>
        {
            var outstanding = LoanStanding.Outstanding(r.Amount, [r.Repaid]);
            var status = LoanStanding.Status(outstanding, r.DueOn, r.WrittenOffOn, today);
            var bucket = status == LoanStatus.Overdue ? LoanStanding.Bucket(LoanStanding.OverdueDays(outstanding, r.DueOn, today)) : OverdueBucket.None;
            return (Township: townships.KeyOf(r.Path), r.Industry, r.DisbursedOn.Year, r.Amount, r.JobsCreated, Outstanding: status == LoanStatus.WrittenOff ? 0m : outstanding, Status: status, Bucket: bucket);
        }).ToList();

        LoanFigureGroup Group(string key, string name, IEnumerable<(string Township, string Industry, int Year, decimal Amount, int JobsCreated, decimal Outstanding, LoanStatus Status, OverdueBucket Bucket)> group)
        {
            var list = group.ToList();
            return new LoanFigureGroup(key, name)
            {
                Count = list.Count,
                Amount = list.Sum(l => l.Amount),
                Outstanding = list.Sum(l => l.Outstanding),
                OverdueOutstanding = list.Where(l => l.Status == LoanStatus.Overdue).Sum(l => l.Outstanding),
                Jobs = list.Sum(l => l.JobsCreated),
                Overdue1To30 = list.Count(l => l.Bucket == OverdueBucket.UpTo30Days),
                Overdue31To90 = list.Count(l => l.Bucket == OverdueBucket.UpTo90Days),
                OverdueOver90 = list.Count(l => l.Bucket == OverdueBucket.Over90Days),
                WrittenOff = list.Count(l => l.Status == LoanStatus.WrittenOff),
            };
        }

        return new LoanFiguresModel(
            Group("", "", loans),
            loans.GroupBy(l => l.Township).Select(g => Group(g.Key, townships.NameOf(g.Key), g)).OrderBy(g => g.Key, StringComparer.Ordinal).ToList(),
            loans.GroupBy(l => l.Industry).Select(g => Group(g.Key, g.Key, g)).OrderByDescending(g => g.Amount).ToList(),
            loans.GroupBy(l => l.Year).Select(g => Group(g.Key.ToString(System.Globalization.CultureInfo.InvariantCulture), g.Key.ToString(System.Globalization.CultureInfo.InvariantCulture), g)).OrderBy(g => g.Key, StringComparer.Ordinal).ToList());
    }
}
