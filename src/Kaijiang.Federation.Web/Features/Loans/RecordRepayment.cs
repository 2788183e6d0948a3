using System.ComponentModel.DataAnnotations;
using Kaijiang.Federation.Web.Authorization;
using Kaijiang.Federation.Web.Data;
using Kaijiang.Federation.Web.Domain;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Kaijiang.Federation.Web.Features.Loans;

public sealed class RepaymentInput
{
    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "Loans.PaidOn")]
    [DataType(DataType.Date)]
    public DateOnly? PaidOn { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "Loans.Principal")]
    public decimal? Principal { get; set; }

    [Display(Name = "Loans.Interest")]
    public decimal Interest { get; set; }

    /// <summary>The entry this one corrects; a correction may carry negative amounts that undo it.</summary>
    [Display(Name = "Loans.Corrects")]
    public int? CorrectsRepaymentId { get; set; }

    [StringLength(500, ErrorMessage = "Validation.StringLength")]
    [Display(Name = "Loans.Note")]
    public string? Note { get; set; }

    /// <summary>The loan's version when the form was read: two clerks cannot both take the last of the balance.</summary>
    public int Version { get; set; }
}

public sealed record RepaymentPage(LoanDetailsModel Loan, RepaymentInput Input);

/// <summary>
/// Appends a repayment entry to a loan's ledger. Entries are never edited: a correction is a new entry that refers to
/// the one it corrects. A repayment above the outstanding balance is refused.
/// </summary>
public sealed class RecordRepayment(FederationDbContext db, TimeProvider clock, CurrentUser currentUser, IStringLocalizer<SharedResource> l)
{
    public Task<Loan?> LoadAsync(int id, CancellationToken cancellationToken) =>
        db.Loans.SingleOrDefaultAsync(x => x.Id == id, cancellationToken);

    /// <summary>Validates and appends; false with model errors (nothing written) or on a lost race.</summary>
    public async Task<bool> RunAsync(Loan loan, RepaymentInput input, ModelStateDictionary modelState, CancellationToken cancellationToken)
    {
        var today = clock.Today();
        var entries = await db.LoanRepayments.Where(r => r.LoanId == loan.Id).Select(r => new { r.Id, r.Principal, r.Interest }).ToListAsync(cancellationToken);
        var outstanding = LoanStanding.Outstanding(loan.Amount, entries.Select(e => e.Principal));
        var principal = input.Principal ?? 0m;

        if (LoanStanding.Status(outstanding, loan.DueOn, loan.WrittenOffOn, today) == LoanStatus.WrittenOff)
        {
            modelState.AddModelError("", l["Loans.WrittenOffNoRepayment"]);
        }

        if (input.PaidOn is { } paidOn && (paidOn > today || paidOn < loan.DisbursedOn))
        {
            modelState.AddModelError(nameof(input.PaidOn), l["Loans.PaidOnOutsideLoan"]);
        }

        if (input.CorrectsRepaymentId is { } corrected)
        {
            var original = entries.FirstOrDefault(e => e.Id == corrected);
            if (original is null)
            {
                modelState.AddModelError(nameof(input.CorrectsRepaymentId), l["Loans.CorrectsUnknown"]);
            }

            if (string.IsNullOrWhiteSpace(input.Note))
            {
                modelState.AddModelError(nameof(input.Note), l["Loans.CorrectionNeedsNote"]);
            }

            // A correction may take back what was recorded, but never more than the loan has been repaid.
            if (-principal > entries.Sum(e => e.Principal) || -input.Interest > entries.Sum(e => e.Interest))
            {
                modelState.AddModelError(nameof(input.Principal), l["Loans.CorrectionTooLarge"]);
            }
        }
        else
        {
            if (principal < 0m || input.Interest < 0m)
            {
                modelState.AddModelError(nameof(input.Principal), l["Loans.RepaymentNegative"]);
            }
            else if (principal == 0m && input.Interest == 0m)
            {
                modelState.AddModelError(nameof(input.Principal), l["Loans.RepaymentEmpty"]);
            }
        }

        if (principal > outstanding)
        {
            modelState.AddModelError(nameof(input.Principal), l["Loans.AboveBalance", Infrastructure.MoneyFormat.Format(outstanding)]);
        }

        if (!modelState.IsValid)
        {
            return false;
        }

        // The loan's version guards the balance check: a concurrent repayment makes this save fail.
        var entry = db.Entry(loan);
        entry.Property(x => x.Version).OriginalValue = input.Version;
        entry.Property(x => x.Version).IsModified = true;
        db.LoanRepayments.Add(new LoanRepayment
        {
            LoanId = loan.Id,
            PaidOn = input.PaidOn!.Value,
            Principal = decimal.Round(principal, 2),
            Interest = decimal.Round(input.Interest, 2),
            CorrectsRepaymentId = input.CorrectsRepaymentId,
            Note = string.IsNullOrWhiteSpace(input.Note) ? null : input.Note.Trim(),
            RecordedAt = clock.GetUtcNow(),
            RecordedBy = currentUser.UserName,
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            modelState.AddModelError("", l["Concurrency.Conflict"]);
            return false;
        }
    }
}
