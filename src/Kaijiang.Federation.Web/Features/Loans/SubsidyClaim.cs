using Kaijiang.Federation.Web.Authorization;
using Kaijiang.Federation.Web.Data;
using Kaijiang.Federation.Web.Domain;
using Kaijiang.Federation.Web.Features.Programmes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Kaijiang.Federation.Web.Features.Loans;

public sealed class SubsidyClaimFilter
{
    public int? Year { get; set; }

    public int? Quarter { get; set; }

    public string? Bank { get; set; }
}

public sealed record SubsidyClaimLine(
    int LoanId, string Bank, string Borrower, string IdNumber, string Organisation, decimal Amount, decimal AnnualRate,
    DateOnly DisbursedOn, DateOnly DueOn, decimal BalanceDays, decimal Subsidy);

public sealed record SubsidyClaimModel(
    Quarter Quarter, string? Bank, decimal Share, IReadOnlyList<string> Banks, IReadOnlyList<SubsidyClaimLine> Lines)
{
    public decimal Total => Lines.Sum(l => l.Subsidy);

    public IEnumerable<(string Bank, int Loans, decimal Subsidy)> ByBank =>
        Lines.GroupBy(l => l.Bank).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => (g.Key, g.Count(), g.Sum(l => l.Subsidy)));

    public static readonly RegisterColumn[] Columns =
    [
        new("Loans.Bank"), new("Loans.Borrower"), new("Loans.IdNumber"), new("Programmes.Organisation"), new("Loans.Amount", CellKind.Money),
        new("Loans.RatePercent", CellKind.Number), new("Loans.DisbursedOn", CellKind.Date), new("Loans.DueOn", CellKind.Date),
        new("Loans.BalanceDays", CellKind.Money), new("Loans.Subsidy", CellKind.Money),
    ];

    public IEnumerable<IReadOnlyList<object?>> Cells => Lines.Select(l => (IReadOnlyList<object?>)
        [l.Bank, l.Borrower, l.IdNumber, l.Organisation, l.Amount, l.AnnualRate * 100m, l.DisbursedOn, l.DueOn, l.BalanceDays, l.Subsidy]);
}

/// <summary>
/// The interest-subsidy claim (贴息申报) of a quarter, per lending bank: every loan in scope that was outstanding in
/// the quarter, with the subsidy <see cref="InterestSubsidy"/> computes from its actual repayments.
/// </summary>
public sealed class SubsidyClaim(FederationDbContext db, TimeProvider clock, CurrentUser currentUser, IOptions<LoanOptions> options)
{
    public async Task<SubsidyClaimModel> RunAsync(SubsidyClaimFilter filter, CancellationToken cancellationToken)
    {
        var quarter = new Quarter(filter.Year ?? 0, filter.Quarter ?? 0);
        if (!quarter.IsValid)
        {
            quarter = Quarter.Of(clock.Today()).Previous;
        }

        filter.Year = quarter.Year;
        filter.Quarter = quarter.Number;
        var (start, end) = (quarter.Start, quarter.End);
        var loans = db.Loans.AsNoTracking()
            .Where(l => l.DisbursedOn <= end && l.DueOn > start && (l.WrittenOffOn == null || l.WrittenOffOn > start));
        var bank = filter.Bank?.Trim();
        if (!string.IsNullOrEmpty(bank))
        {
            loans = loans.Where(l => l.Bank == bank);
        }

        var rows = await loans
            .OrderBy(l => l.Bank).ThenBy(l => l.DisbursedOn).ThenBy(l => l.Id)
            .Select(l => new
            {
                l.Id,
                l.Bank,
                Borrower = l.Borrower!.Name,
                l.Borrower.IdNumber,
                Organisation = l.Organisation!.Name,
                l.Amount,
                l.AnnualRate,
                l.DisbursedOn,
                l.DueOn,
                l.WrittenOffOn,
                Repayments = l.Repayments.Where(r => r.PaidOn <= end).Select(r => new { r.PaidOn, r.Principal }).ToList(),
            })
            .ToListAsync(cancellationToken);

        var share = options.Value.SubsidyShare;
        var seesIds = currentUser.SeesFullIdentityNumbers;
        var lines = new List<SubsidyClaimLine>();
        foreach (var l in rows)
        {
            var paid = l.Repayments.Select(r => (r.PaidOn, r.Principal)).ToList();
            var balanceDays = InterestSubsidy.BalanceDays(l.Amount, l.DisbursedOn, l.DueOn, l.WrittenOffOn, paid, quarter);
            var subsidy = InterestSubsidy.ForQuarter(l.Amount, l.AnnualRate, l.DisbursedOn, l.DueOn, l.WrittenOffOn, paid, quarter, share);
            if (subsidy > 0m)
            {
                lines.Add(new SubsidyClaimLine(
                    l.Id, l.Bank, l.Borrower, seesIds ? l.IdNumber ?? "" : ResidentIdNumber.Mask(l.IdNumber), l.Organisation,
                    l.Amount, l.AnnualRate, l.DisbursedOn, l.DueOn, balanceDays, subsidy));
            }
        }

        var banks = await db.Loans.AsNoTracking().Select(l => l.Bank).Distinct().OrderBy(b => b).ToListAsync(cancellationToken);
        return new SubsidyClaimModel(quarter, string.IsNullOrEmpty(bank) ? null : bank, share, banks, lines);
    }
}
