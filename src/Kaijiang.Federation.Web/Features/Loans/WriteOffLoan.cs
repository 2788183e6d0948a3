using System.ComponentModel.DataAnnotations;
using Kaijiang.Federation.Web.Data;
using Kaijiang.Federation.Web.Domain;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Kaijiang.Federation.Web.Features.Loans;

public sealed class WriteOffInput
{
    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "Loans.WrittenOffOn")]
    [DataType(DataType.Date)]
    public DateOnly? WrittenOffOn { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(500, MinimumLength = 4, ErrorMessage = "Validation.StringRange")]
    [Display(Name = "Loans.WriteOffReason")]
    public string? Reason { get; set; }

    public int Version { get; set; }
}

public sealed record WriteOffPage(LoanDetailsModel Loan, WriteOffInput Input);

/// <summary>Writes off (核销) an unrecoverable loan with a reason: county staff only.</summary>
public sealed class WriteOffLoan(FederationDbContext db, TimeProvider clock, IStringLocalizer<SharedResource> l)
{
    public async Task<bool> RunAsync(Loan loan, WriteOffInput input, ModelStateDictionary modelState, CancellationToken cancellationToken)
    {
        var today = clock.Today();
        var repaid = await db.LoanRepayments.Where(r => r.LoanId == loan.Id).Select(r => r.Principal).ToListAsync(cancellationToken);
        var outstanding = LoanStanding.Outstanding(loan.Amount, repaid);
        if (loan.WrittenOffOn is not null || outstanding <= 0m)
        {
            modelState.AddModelError("", l["Loans.NothingToWriteOff"]);
        }

        if (input.WrittenOffOn is { } on && (on > today || on < loan.DisbursedOn))
        {
            modelState.AddModelError(nameof(input.WrittenOffOn), l["Loans.PaidOnOutsideLoan"]);
        }

        if (!modelState.IsValid)
        {
            return false;
        }

        db.Entry(loan).Property(x => x.Version).OriginalValue = input.Version;
        loan.WrittenOffOn = input.WrittenOffOn;
        loan.WriteOffReason = input.Reason!.Trim();
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
