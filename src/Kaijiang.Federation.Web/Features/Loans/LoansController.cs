using Kaijiang.Federation.Web.Authorization;
using Kaijiang.Federation.Web.Domain;
using Kaijiang.Federation.Web.Features.Programmes;
using Kaijiang.Federation.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Kaijiang.Federation.Web.Features.Loans;

/// <summary>Subsidised small loans to women (妇女小额担保财政贴息贷款): register, ledger, write-off, subsidy claims.</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class LoansController(
    RegisterServices services,
    LoanForm form,
    ListLoans list,
    LoanDetails details,
    RecordRepayment repayments,
    WriteOffLoan writeOff,
    SubsidyClaim claim)
    : RegisterController<Loan, LoanInput>(services, form)
{
    protected override string SavedKey => "Loans.Saved";

    protected override Task<RegisterListPage> ListAsync(RegisterFilter filter, bool everything, CancellationToken cancellationToken) =>
        list.RunAsync(filter, everything, cancellationToken);

    protected override IActionResult AfterSave(Loan entity) => RedirectToAction(nameof(Details), new { id = entity.Id });

    [HttpGet]
    [Authorize(Policy = Policies.SignedIn)]
    public async Task<IActionResult> Details(int id, CancellationToken cancellationToken)
    {
        var model = await DetailsAsync(id, cancellationToken);
        return model is null ? NotFound() : View(model);
    }

    [HttpGet]
    [Authorize(Policy = Policies.ManageProgrammes)]
    public async Task<IActionResult> Repay(int id, int? corrects, CancellationToken cancellationToken)
    {
        var model = await DetailsAsync(id, cancellationToken);
        if (model is null)
        {
            return NotFound();
        }

        if (!model.CanEdit)
        {
            return Forbid();
        }

        var corrected = model.Ledger.FirstOrDefault(e => e.Id == corrects);
        var input = corrected is null
            ? new RepaymentInput { Version = model.Version }
            : new RepaymentInput { Version = model.Version, CorrectsRepaymentId = corrected.Id, PaidOn = corrected.PaidOn, Principal = -corrected.Principal, Interest = -corrected.Interest };
        return View(new RepaymentPage(model, input));
    }

    [HttpPost]
    [Authorize(Policy = Policies.ManageProgrammes)]
    public async Task<IActionResult> Repay(int id, RepaymentInput input, CancellationToken cancellationToken)
    {
        var loan = await repayments.LoadAsync(id, cancellationToken);
        if (loan is null)
        {
            return NotFound();
        }

        if (!await MayAsync(loan, Operations.Update, cancellationToken))
        {
            return Forbid();
        }

        if (!ModelState.IsValid || !await repayments.RunAsync(loan, input, ModelState, cancellationToken))
        {
            var model = (await details.RunAsync(id, cancellationToken))!;
            model.CanEdit = true;
            return View(new RepaymentPage(model, input));
        }

        TempData["Success"] = Services.L["Loans.RepaymentRecorded"].Value;
        return RedirectToAction(nameof(Details), new { id });
    }

    [HttpGet]
    [Authorize(Policy = Policies.Review)]
    public async Task<IActionResult> WriteOff(int id, CancellationToken cancellationToken)
    {
        var model = await DetailsAsync(id, cancellationToken);
        if (model is null)
        {
            return NotFound();
        }

        return model.CanWriteOff ? View(new WriteOffPage(model, new WriteOffInput { Version = model.Version })) : Forbid();
    }

    [HttpPost]
    [Authorize(Policy = Policies.Review)]
    public async Task<IActionResult> WriteOff(int id, WriteOffInput input, CancellationToken cancellationToken)
    {
        var loan = await repayments.LoadAsync(id, cancellationToken);
        if (loan is null)
        {
            return NotFound();
        }

        if (!await MayAsync(loan, Operations.Approve, cancellationToken))
        {
            return Forbid();
        }

        if (!ModelState.IsValid || !await writeOff.RunAsync(loan, input, ModelState, cancellationToken))
        {
            var model = (await details.RunAsync(id, cancellationToken))!;
            return View(new WriteOffPage(model, input));
        }

        TempData["Success"] = Services.L["Loans.WrittenOff"].Value;
        return RedirectToAction(nameof(Details), new { id });
    }

    [HttpGet]
    [Authorize(Policy = Policies.SignedIn)]
    public async Task<IActionResult> Claim([FromQuery] SubsidyClaimFilter filter, CancellationToken cancellationToken) =>
        View(await claim.RunAsync(filter, cancellationToken));

    [HttpGet]
    [Authorize(Policy = Policies.Export)]
    public async Task<IActionResult> ClaimExport([FromQuery] SubsidyClaimFilter filter, CancellationToken cancellationToken)
    {
        var model = await claim.RunAsync(filter, cancellationToken);
        var bytes = await Services.Export.ToXlsxAsync(SubsidyClaimModel.Columns, model.Cells, cancellationToken);
        return File(bytes, XlsxFile.ContentType, $"subsidy-claim-{model.Quarter}{(model.Bank is null ? "" : "-bank")}.xlsx");
    }

    private async Task<LoanDetailsModel?> DetailsAsync(int id, CancellationToken cancellationToken)
    {
        var model = await details.RunAsync(id, cancellationToken);
        if (model is null)
        {
            return null;
        }

        var organisation = await Services.Queries.OrganisationOfAsync(model.OrganisationId, cancellationToken);
        if (organisation is null)
        {
            return null;
        }

        model.CanEdit = Services.MayEdit && await MayAsync(organisation, Operations.Update);
        model.CanWriteOff = Services.CurrentUser.Role is Roles.SystemAdmin or Roles.CountyStaff
            && model.Status is LoanStatus.Active or LoanStatus.Overdue
            && await MayAsync(organisation, Operations.Approve);
        return model;
    }
}
