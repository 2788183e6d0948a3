using Kaijiang.Federation.Web.Authorization;
using Kaijiang.Federation.Web.Data;
using Kaijiang.Federation.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Kaijiang.Federation.Web.Features.Loans;

public sealed record LedgerLine(int Id, DateOnly PaidOn, decimal Principal, decimal Interest, int? CorrectsRepaymentId, string? Note, DateTimeOffset RecordedAt, string? RecordedBy, decimal BalanceAfter);

public sealed record QuarterSubsidy(Quarter Quarter, decimal Amount);

public sealed record LoanDetailsModel
{
    public int Id { get; init; }
    public int OrganisationId { get; init; }
    public string Borrower { get; init; } = "";
    public string BorrowerIdNumber { get; init; } = "";
    public string Organisation { get; init; } = "";
    public string Bank { get; init; } = "";
    public string? Guarantee { get; init; }
    public decimal Amount { get; init; }
    public decimal AnnualRate { get; init; }
    public int TermMonths { get; init; }
    public DateOnly DisbursedOn { get; init; }
    public DateOnly DueOn { get; init; }
    public string Industry { get; init; } = "";
    public int JobsCreated { get; init; }
    public decimal PlannedSubsidy { get; init; }
    public DateOnly? WrittenOffOn { get; init; }
    public string? WriteOffReason { get; init; }
    public int Version { get; init; }
    public IReadOnlyList<LedgerLine> Ledger { get; init; } = [];
    public IReadOnlyList<QuarterSubsidy> Subsidies { get; init; } = [];
    public decimal Outstanding { get; init; }
    public LoanStatus Status { get; init; }
    public int OverdueDays { get; init; }
    public OverdueBucket Bucket => LoanStanding.Bucket(OverdueDays);
    public bool CanEdit { get; set; }
    public bool CanWriteOff { get; set; }
}

/// <summary>One loan with its repayment ledger; balance, status, overdue days and quarterly subsidies derived.</summary>
public sealed class LoanDetails(FederationDbContext db, TimeProvider clock, CurrentUser currentUser, IOptions<LoanOptions> options, People.IdentityViewAudit viewAudit)
{
    public async Task<LoanDetailsModel?> RunAsync(int id, CancellationToken cancellationToken)
    {
        var loan = await db.Loans.AsNoTracking().Where(l => l.Id == id).Select(l => new
        {
            l.Id,
            l.OrganisationId,
            Borrower = l.Borrower!.Name,
            l.Borrower.IdNumber,
            l.BorrowerId,
            BorrowerPath = l.Borrower.Organisation!.Path,
            Organisation = l.Organisation!.Name,
            l.Bank,
            l.Guarantee,
            l.Amount,
            l.AnnualRate,
            l.TermMonths,
            l.DisbursedOn,
            l.DueOn,
            l.Industry,
            l.JobsCreated,
            l.InterestSubsidy,
            l.WrittenOffOn,
            l.WriteOffReason,
            l.Version,
            Repayments = l.Repayments.Select(r => new { r.Id, r.PaidOn, r.Principal, r.Interest, r.CorrectsRepaymentId, r.Note, r.RecordedAt, r.RecordedBy }).ToList(),
        }).SingleOrDefaultAsync(cancellationToken);
        if (loan is null)
        {
            return null;
        }

        var today = clock.Today();
        var balance = loan.Amount;
        var ledger = new List<LedgerLine>();
        foreach (var r in loan.Repayments.OrderBy(r => r.PaidOn).ThenBy(r => r.Id))
        {
            balance -= r.Principal;
            ledger.Add(new LedgerLine(r.Id, r.PaidOn, r.Principal, r.Interest, r.CorrectsRepaymentId, r.Note, r.RecordedAt, r.RecordedBy, balance));
        }

        var outstanding = LoanStanding.Outstanding(loan.Amount, loan.Repayments.Select(r => r.Principal));
        var status = LoanStanding.Status(outstanding, loan.DueOn, loan.WrittenOffOn, today);
        var paid = loan.Repayments.Select(r => (r.PaidOn, r.Principal)).ToList();
        var subsidies = new List<QuarterSubsidy>();
        var last = Quarter.Of(loan.DueOn < today ? loan.DueOn : today);
        for (var q = Quarter.Of(loan.DisbursedOn); q.Start <= last.Start; q = q.Next)
        {
            var amount = InterestSubsidy.ForQuarter(loan.Amount, loan.AnnualRate, loan.DisbursedOn, loan.DueOn, loan.WrittenOffOn, paid, q, options.Value.SubsidyShare);
            subsidies.Add(new QuarterSubsidy(q, amount));
        }

        // The borrower's ID number shown in full is a view of her record: audited as on her own page.
        await viewAudit.RecordAsync(loan.BorrowerId, loan.BorrowerPath, currentUser.SeesFullIdentityNumbers, loan.IdNumber is not null, "Loans.Details", cancellationToken);
        return new LoanDetailsModel
        {
            Id = loan.Id,
            OrganisationId = loan.OrganisationId,
            Borrower = loan.Borrower,
            BorrowerIdNumber = currentUser.SeesFullIdentityNumbers ? loan.IdNumber ?? "" : ResidentIdNumber.Mask(loan.IdNumber),
            Organisation = loan.Organisation,
            Bank = loan.Bank,
            Guarantee = loan.Guarantee,
            Amount = loan.Amount,
            AnnualRate = loan.AnnualRate,
            TermMonths = loan.TermMonths,
            DisbursedOn = loan.DisbursedOn,
            DueOn = loan.DueOn,
            Industry = loan.Industry,
            JobsCreated = loan.JobsCreated,
            PlannedSubsidy = loan.InterestSubsidy,
            WrittenOffOn = loan.WrittenOffOn,
            WriteOffReason = loan.WriteOffReason,
            Version = loan.Version,
            Ledger = ledger,
            Subsidies = subsidies,
            Outstanding = outstanding,
            Status = status,
            OverdueDays = status == LoanStatus.WrittenOff ? 0 : LoanStanding.OverdueDays(outstanding, loan.DueOn, today),
        };
    }
}
