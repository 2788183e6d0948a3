using Kaijiang.Federation.Web.Data;
using Kaijiang.Federation.Web.Domain;
using Kaijiang.Federation.Web.Features.Programmes;
using Microsoft.EntityFrameworkCore;

namespace Kaijiang.Federation.Web.Features.Loans;

/// <summary>
/// Loans in the user's scope, filtered by township, bank, industry, status (with the overdue buckets) and year of
/// disbursement. Status is derived in the query by the same rule as <see cref="LoanStanding"/>: never stored.
/// </summary>
public sealed class ListLoans(FederationDbContext db, RegisterQueries queries, TimeProvider clock)
{
    /// <summary>The status filter meaning "still owes money": active or overdue, not repaid and not written off.</summary>
    public const string Outstanding = "Outstanding";

    public static readonly string[] StatusValues =
    [
        Outstanding, nameof(LoanStatus.Active), nameof(LoanStatus.Overdue), nameof(OverdueBucket.UpTo30Days), nameof(OverdueBucket.UpTo90Days),
        nameof(OverdueBucket.Over90Days), nameof(LoanStatus.Repaid), nameof(LoanStatus.WrittenOff),
    ];

    private static readonly RegisterColumn[] Columns =
    [
        new("Loans.Borrower"), new("Programmes.Organisation"), new("Loans.Bank"), new("Loans.Amount", CellKind.Money),
        new("Loans.DisbursedOn", CellKind.Date), new("Loans.DueOn", CellKind.Date), new("Loans.Industry"), new("Loans.JobsCreated", CellKind.Number),
        new("Loans.Outstanding", CellKind.Money), new("Loans.Status", CellKind.Label), new("Loans.OverdueDays", CellKind.Number),
    ];

    public async Task<RegisterListPage> RunAsync(RegisterFilter filter, bool everything, CancellationToken cancellationToken)
    {
        var today = clock.Today();
        var loans = await queries.WithinAsync(db.Loans.AsNoTracking(), filter.Township, cancellationToken);
        if (filter.Bank?.Trim() is { Length: > 0 } bank)
        {
            loans = loans.Where(l => l.Bank == bank);
        }

        if (filter.Industry?.Trim() is { Length: > 0 } industry)
        {
            loans = loans.Where(l => l.Industry == industry);
        }

        if (filter.Year is { } year)
        {
            var from = new DateOnly(Math.Clamp(year, 1, 9999), 1, 1);
            var to = new DateOnly(Math.Clamp(year, 1, 9999), 12, 31);
            loans = loans.Where(l => l.DisbursedOn >= from && l.DisbursedOn <= to);
        }

        if (filter.Search?.Trim() is { Length: > 0 } search)
        {
            loans = loans.Where(l => l.Borrower!.Name.Contains(search));
        }

        loans = ByStatus(loans, filter, today);

        var (rows, total, pageCount) = await RegisterQueries.PageAsync(
            loans.OrderByDescending(l => l.DisbursedOn).ThenByDescending(l => l.Id)
                .Select(l => new
                {
                    l.Id,
                    Borrower = l.Borrower!.Name,
                    Organisation = l.Organisation!.Name,
                    l.Bank,
                    l.Amount,
                    l.DisbursedOn,
                    l.DueOn,
                    l.Industry,
                    l.JobsCreated,
                    l.WrittenOffOn,
                    Repaid = l.Repayments.Sum(r => r.Principal),
                }),
            filter, everything, cancellationToken);

        var banks = await db.Loans.AsNoTracking().Select(l => l.Bank).Distinct().OrderBy(b => b).ToListAsync(cancellationToken);
        var industries = await db.Loans.AsNoTracking().Select(l => l.Industry).Distinct().OrderBy(i => i).ToListAsync(cancellationToken);
        return new RegisterListPage(
            "Loans",
            filter,
            [
                new("township", "Programmes.Township", await queries.TownshipOptionsAsync(cancellationToken), RegisterQueries.Selected(filter.Township)),
                new("bank", "Loans.Bank", banks.Select(b => new Option(b, b)).ToList(), filter.Bank),
                new("industry", "Loans.Industry", industries.Select(i => new Option(i, i)).ToList(), filter.Industry),
                new("status", "Loans.Status", StatusValues.Select(s => new Option(s, StatusKey(s), true)).ToList(), filter.Status),
                new("year", "Loans.DisbursedYear", RegisterQueries.YearOptions(today), RegisterQueries.Selected(filter.Year)),
            ],
            Columns,
            rows.Select(r =>
            {
                var outstanding = LoanStanding.Outstanding(r.Amount, [r.Repaid]);
                var status = LoanStanding.Status(outstanding, r.DueOn, r.WrittenOffOn, today);
                var overdueDays = status == LoanStatus.WrittenOff ? 0 : LoanStanding.OverdueDays(outstanding, r.DueOn, today);
                return new RegisterRow(
                    r.Id,
                    [r.Borrower, r.Organisation, r.Bank, r.Amount, r.DisbursedOn, r.DueOn, r.Industry, r.JobsCreated, outstanding, "LoanStatus." + status, overdueDays],
                    $"/Loans/Details/{r.Id}");
            }).ToList(),
            total,
            pageCount)
        {
            RowsOpenForReaders = true,
            Links = [("Loans.SubsidyClaim", "/Loans/Claim")],
        };
    }

    public static string StatusKey(string status) =>
        status == Outstanding ? "Loans.Status.Outstanding"
        : Enum.TryParse<OverdueBucket>(status, out var bucket) && bucket != OverdueBucket.None ? "OverdueBucket." + status : "LoanStatus." + status;

    private static IQueryable<Loan> ByStatus(IQueryable<Loan> loans, RegisterFilter filter, DateOnly today)
    {
        var writtenOff = loans.Where(l => l.WrittenOffOn != null && l.WrittenOffOn <= today);
        var standing = loans.Where(l => l.WrittenOffOn == null || l.WrittenOffOn > today);
        var open = standing.Where(l => l.Repayments.Sum(r => r.Principal) < l.Amount);
        switch (filter.Status)
        {
            case nameof(LoanStatus.WrittenOff):
                return writtenOff;
            case nameof(LoanStatus.Repaid):
                return standing.Where(l => l.Repayments.Sum(r => r.Principal) >= l.Amount);
            case Outstanding:
                return open;
            case nameof(LoanStatus.Active):
                return open.Where(l => l.DueOn >= today);
            case nameof(LoanStatus.Overdue):
                return open.Where(l => l.DueOn < today);
            default:
                if (Enum.TryParse<OverdueBucket>(filter.Status, out var bucket) && bucket != OverdueBucket.None && Enum.IsDefined(bucket))
                {
                    var (from, to) = LoanStanding.DueDatesIn(bucket, today);
                    return open.Where(l => l.DueOn >= from && l.DueOn <= to);
                }

                filter.Status = null;
                return loans;
        }
    }
}
