using System.ComponentModel.DataAnnotations;
using Kaijiang.Federation.Web.Domain;
using Kaijiang.Federation.Web.Features.Programmes;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Kaijiang.Federation.Web.Features.Loans;

public sealed class LoanInput : RegisterInput
{
    public int? BorrowerId { get; set; }

    [Display(Name = "Loans.Borrower")]
    public string? BorrowerQuery { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(100, ErrorMessage = "Validation.StringLength")]
    [Display(Name = "Loans.Bank")]
    public string? Bank { get; set; }

    [StringLength(200, ErrorMessage = "Validation.StringLength")]
    [Display(Name = "Loans.Guarantee")]
    public string? Guarantee { get; set; }

    /// <summary>Checked in <see cref="LoanForm"/>: zero, negative and absurd amounts each have their own message.</summary>
    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "Loans.Amount")]
    public decimal? Amount { get; set; }

    /// <summary>Annual rate in percent as the bank's contract states it (4.35), stored as a fraction.</summary>
    [Required(ErrorMessage = "Validation.Required")]
    [Range(typeof(decimal), "0", "24", ErrorMessage = "Validation.Range")]
    [Display(Name = "Loans.RatePercent")]
    public decimal? RatePercent { get; set; }

    [Range(1, 120, ErrorMessage = "Validation.Range")]
    [Display(Name = "Loans.TermMonths")]
    public int TermMonths { get; set; } = 24;

    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "Loans.DisbursedOn")]
    [DataType(DataType.Date)]
    public DateOnly? DisbursedOn { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "Loans.DueOn")]
    [DataType(DataType.Date)]
    public DateOnly? DueOn { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(50, ErrorMessage = "Validation.StringLength")]
    [Display(Name = "Loans.Industry")]
    public string? Industry { get; set; }

    [Range(0, 10_000, ErrorMessage = "Validation.Range")]
    [Display(Name = "Loans.JobsCreated")]
    public int JobsCreated { get; set; }
}

/// <summary>Creates and edits a loan; it belongs to the borrower's village or community.</summary>
public sealed class LoanForm(RegisterFormKit kit, IOptions<LoanOptions> options) : RegisterForm<Loan, LoanInput>(kit)
{
    public override async Task<LoanInput> ToInputAsync(Loan entity, CancellationToken cancellationToken) => new()
    {
        BorrowerId = entity.BorrowerId,
        BorrowerQuery = await Kit.People.LabelAsync(entity.BorrowerId, cancellationToken),
        Bank = entity.Bank,
        Guarantee = entity.Guarantee,
        Amount = entity.Amount,
        RatePercent = entity.AnnualRate * 100m,
        TermMonths = entity.TermMonths,
        DisbursedOn = entity.DisbursedOn,
        DueOn = entity.DueOn,
        Industry = entity.Industry,
        JobsCreated = entity.JobsCreated,
        Version = entity.Version,
    };

    public override async Task<Organisation?> ResolveOrganisationAsync(LoanInput input, ModelStateDictionary modelState, CancellationToken cancellationToken)
    {
        var borrower = await PersonFieldAsync(input.BorrowerId, input.BorrowerQuery, nameof(input.BorrowerQuery), required: true, modelState, cancellationToken);
        input.BorrowerId = borrower?.Id;
        return borrower is null ? null : await Kit.Queries.OrganisationOfAsync(borrower.OrganisationId, cancellationToken);
    }

    public override async Task ValidateAsync(LoanInput input, Loan? existing, ModelStateDictionary modelState, CancellationToken cancellationToken)
    {
        if (input.Amount is { } amount)
        {
            if (amount <= 0m)
            {
                AddError(modelState, nameof(input.Amount), "Loans.AmountNotPositive");
            }
            else if (amount > LoanOptions.MaxAmount)
            {
                AddError(modelState, nameof(input.Amount), "Loans.AmountAbsurd", Infrastructure.MoneyFormat.Format(LoanOptions.MaxAmount));
            }
            else if (existing is not null)
            {
                var repaid = await Kit.Db.LoanRepayments.Where(r => r.LoanId == existing.Id).Select(r => r.Principal).ToListAsync(cancellationToken);
                if (amount < repaid.Sum())
                {
                    AddError(modelState, nameof(input.Amount), "Loans.AmountBelowRepaid", Infrastructure.MoneyFormat.Format(repaid.Sum()));
                }
            }
        }

        if (input.DisbursedOn is { } disbursed)
        {
            if (disbursed > Today)
            {
                AddError(modelState, nameof(input.DisbursedOn), "Programmes.DateInFuture");
            }
            else if (disbursed.Year < 2000)
            {
                AddError(modelState, nameof(input.DisbursedOn), "Programmes.DateNotSane");
            }

            if (input.DueOn is { } due && due <= disbursed)
            {
                AddError(modelState, nameof(input.DueOn), "Loans.DueNotAfterDisbursed");
            }
            else if (input.DueOn is { } far && far > disbursed.AddYears(10))
            {
                AddError(modelState, nameof(input.DueOn), "Programmes.DateNotSane");
            }
        }
    }

    public override void Apply(LoanInput input, Loan entity, Organisation organisation)
    {
        entity.BorrowerId = input.BorrowerId!.Value;
        entity.OrganisationId = organisation.Id;
        entity.Bank = input.Bank!.Trim();
        entity.Guarantee = string.IsNullOrWhiteSpace(input.Guarantee) ? null : input.Guarantee.Trim();
        entity.Amount = decimal.Round(input.Amount!.Value, 2);
        entity.AnnualRate = decimal.Round(input.RatePercent!.Value / 100m, 6);
        entity.TermMonths = input.TermMonths;
        entity.DisbursedOn = input.DisbursedOn!.Value;
        entity.DueOn = input.DueOn!.Value;
        entity.Industry = input.Industry!.Trim();
        entity.JobsCreated = input.JobsCreated;
        // The subsidy the loan earns if repaid at its due date; claims use the quarterly rule on actual repayments.
        entity.InterestSubsidy = decimal.Round(
            entity.Amount * entity.AnnualRate * options.Value.SubsidyShare * (entity.DueOn.DayNumber - entity.DisbursedOn.DayNumber) / InterestSubsidy.DayCountBasis,
            2,
            MidpointRounding.AwayFromZero);
    }
}
