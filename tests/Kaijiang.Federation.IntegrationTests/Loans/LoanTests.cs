using System.Net;
using Kaijiang.Federation.IntegrationTests.Infrastructure;
using Kaijiang.Federation.Web.Domain;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using static Kaijiang.Federation.IntegrationTests.Loans.RegisterWritesFixture;

namespace Kaijiang.Federation.IntegrationTests.Loans;

/// <summary>Loans over HTTP: create, edit, repayments as entries, write-off, scope, audit, export, subsidy claim.</summary>
[Collection(RegisterWritesCollection.Name)]
public sealed class LoanTests(RegisterWritesFixture county)
{
    private async Task<int> CreateLoanAsync(PortalClient client, int borrowerId, decimal amount, DateOnly disbursed, DateOnly due, string bank = "四川开江农村商业银行", decimal rate = 3.45m)
    {
        var response = await PostAsync(client, "/Loans/Create", "/Loans/Create", LoanFields(borrowerId, amount, disbursed, due, bank: bank, rate: rate));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return IdFromLocation(response);
    }

    [Fact]
    public async Task County_staff_create_and_edit_a_loan_and_the_audit_trail_records_both()
    {
        var (borrower, village) = await county.PersonInAsync("新宁镇");
        var client = await county.SignInAsync("county.staff");
        var id = await CreateLoanAsync(client, borrower, 80_000m, Today.AddDays(-30), Today.AddDays(700));

        var loan = await county.Factory.WithScopeAsync(db => db.Loans.AsNoTracking().SingleAsync(l => l.Id == id));
        Assert.Equal(80_000m, loan.Amount);
        Assert.Equal(0.0345m, loan.AnnualRate);
        Assert.Equal(village, loan.OrganisationId);

        var details = await client.Http.GetStringAsync($"/Loans/Details/{id}");
        Assert.Contains("/History/Loan/" + id, details, StringComparison.Ordinal);
        Assert.Contains("data-status=\"Active\"", details, StringComparison.Ordinal);

        var edit = await PostAsync(client, $"/Loans/Edit/{id}", $"/Loans/Edit/{id}", LoanFields(borrower, 90_000m, loan.DisbursedOn, loan.DueOn, jobs: 5, version: loan.Version));
        Assert.Equal(HttpStatusCode.Redirect, edit.StatusCode);
        var after = await county.Factory.WithScopeAsync(db => db.Loans.AsNoTracking().SingleAsync(l => l.Id == id));
        Assert.Equal(90_000m, after.Amount);
        Assert.Equal(5, after.JobsCreated);
        Assert.Equal(loan.Version + 1, after.Version);

        var audit = await county.Factory.WithScopeAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.EntityType == nameof(Loan) && a.EntityId == id.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Select(a => new { a.Action, a.UserName, a.After }).ToListAsync());
        Assert.Contains(audit, a => a.Action == "Added" && a.UserName == "county.staff");
        Assert.Contains(audit, a => a.Action == "Modified" && a.After!.Contains("90000", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_stale_edit_is_refused_with_the_conflict_message_and_the_typing_kept()
    {
        var (borrower, _) = await county.PersonInAsync("新宁镇", skip: 1);
        var client = await county.SignInAsync("county.staff");
        var id = await CreateLoanAsync(client, borrower, 50_000m, Today.AddDays(-20), Today.AddDays(700));
        var loan = await county.Factory.WithScopeAsync(db => db.Loans.AsNoTracking().SingleAsync(l => l.Id == id));
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(client, $"/Loans/Edit/{id}", $"/Loans/Edit/{id}", LoanFields(borrower, 55_000m, loan.DisbursedOn, loan.DueOn, version: loan.Version))).StatusCode);

        var stale = await PostAsync(client, $"/Loans/Edit/{id}", $"/Loans/Edit/{id}", LoanFields(borrower, 66_000m, loan.DisbursedOn, loan.DueOn, version: loan.Version));

        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        var html = await stale.Content.ReadAsStringAsync();
        Assert.Contains("其他人已修改了这条记录", html, StringComparison.Ordinal);
        Assert.Contains("value=\"66000\"", html, StringComparison.Ordinal);
        Assert.Equal(55_000m, await county.Factory.WithScopeAsync(db => db.Loans.Where(l => l.Id == id).Select(l => l.Amount).SingleAsync()));
    }

    public static TheoryData<string, string, string, string> BadLoans => new()
    {
        // field, value, the message shown, the typed value kept
        { "Amount", "0", "贷款金额必须大于零", "value=\"0\"" },
        { "Amount", "-5000", "贷款金额必须大于零", "value=\"-5000\"" },
        { "Amount", "20000000", "金额过大", "value=\"20000000\"" },
        { "DueOn", "2020-01-01", "到期日必须晚于放款日期", "value=\"2020-01-01\"" },
        { "JobsCreated", "-3", "带动就业应在 0 到 10000 之间", "value=\"-3\"" },
        { "RatePercent", "30", "年利率（%）应在 0 到 24 之间", "value=\"30\"" },
    };

    [Theory]
    [MemberData(nameof(BadLoans))]
    public async Task Bad_input_comes_back_with_the_message_and_the_typed_value_and_nothing_is_written(string field, string value, string message, string kept)
    {
        var (borrower, _) = await county.PersonInAsync("新宁镇", skip: 2);
        var client = await county.SignInAsync("county.staff");
        var before = await county.Factory.WithScopeAsync(db => db.Loans.CountAsync());
        var fields = LoanFields(borrower, 40_000m, Today.AddDays(-10), Today.AddDays(700));
        fields[field] = value;

        var response = await PostAsync(client, "/Loans/Create", "/Loans/Create", fields);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains(message, html, StringComparison.Ordinal);
        Assert.Contains(kept, html, StringComparison.Ordinal);
        Assert.Equal(before, await county.Factory.WithScopeAsync(db => db.Loans.CountAsync()));
    }

    [Fact]
    public async Task Repayments_are_entries_a_correction_is_a_new_entry_and_a_repayment_above_the_balance_is_refused()
    {
        var (borrower, _) = await county.PersonInAsync("新宁镇", skip: 3);
        var client = await county.SignInAsync("chair.xinning");
        var id = await CreateLoanAsync(client, borrower, 30_000m, Today.AddDays(-100), Today.AddDays(600));
        int Version() => county.Factory.WithScope(db => db.Loans.Where(l => l.Id == id).Select(l => l.Version).Single());
        Dictionary<string, string> Repayment(decimal principal, decimal interest, int? corrects = null, string note = "") => new()
        {
            ["PaidOn"] = Date(Today.AddDays(-5)),
            ["Principal"] = Num(principal),
            ["Interest"] = Num(interest),
            ["CorrectsRepaymentId"] = corrects?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "",
            ["Note"] = note,
            ["Version"] = Version().ToString(System.Globalization.CultureInfo.InvariantCulture),
        };

        var first = await PostAsync(client, $"/Loans/Repay/{id}", $"/Loans/Repay/{id}", Repayment(10_000m, 200m));
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);

        var above = await PostAsync(client, $"/Loans/Repay/{id}", $"/Loans/Repay/{id}", Repayment(25_000m, 0m));
        Assert.Equal(HttpStatusCode.OK, above.StatusCode);
        Assert.Contains("超过未还余额", await above.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var entryId = await county.Factory.WithScopeAsync(db => db.LoanRepayments.Where(r => r.LoanId == id).Select(r => r.Id).SingleAsync());
        var noNote = await PostAsync(client, $"/Loans/Repay/{id}", $"/Loans/Repay/{id}", Repayment(-10_000m, -200m, entryId));
        Assert.Equal(HttpStatusCode.OK, noNote.StatusCode);
        var correction = await PostAsync(client, $"/Loans/Repay/{id}?corrects={entryId}", $"/Loans/Repay/{id}", Repayment(-10_000m, -200m, entryId, "录错了贷款，冲回"));
        Assert.Equal(HttpStatusCode.Redirect, correction.StatusCode);

        var entries = await county.Factory.WithScopeAsync(db => db.LoanRepayments.AsNoTracking().Where(r => r.LoanId == id).OrderBy(r => r.Id).ToListAsync());
        Assert.Equal(2, entries.Count);
        Assert.Equal(10_000m, entries[0].Principal); // the original is untouched
        Assert.Null(entries[0].CorrectsRepaymentId);
        Assert.Equal(entryId, entries[1].CorrectsRepaymentId);
        Assert.Equal(-10_000m, entries[1].Principal);
        Assert.Equal("chair.xinning", entries[1].RecordedBy);

        var details = await client.Http.GetStringAsync($"/Loans/Details/{id}");
        Assert.Contains("data-field=\"outstanding\">3 万元", details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_county_staff_write_off_and_the_reason_is_kept()
    {
        var (borrower, _) = await county.PersonInAsync("新宁镇", skip: 4);
        var staff = await county.SignInAsync("county.staff");
        var id = await CreateLoanAsync(staff, borrower, 20_000m, Today.AddDays(-900), Today.AddDays(-120));
        var version = await county.Factory.WithScopeAsync(db => db.Loans.Where(l => l.Id == id).Select(l => l.Version).SingleAsync());
        var fields = new Dictionary<string, string> { ["WrittenOffOn"] = Date(Today), ["Reason"] = "借款人外出失联，担保基金已代偿", ["Version"] = version.ToString(System.Globalization.CultureInfo.InvariantCulture) };

        var overdue = await staff.Http.GetStringAsync($"/Loans/Details/{id}");
        Assert.Contains("data-status=\"Overdue\"", overdue, StringComparison.Ordinal);
        Assert.Contains("data-overdue-days=\"120\"", overdue, StringComparison.Ordinal);

        var chair = await county.SignInAsync("chair.xinning");
        Assert.Equal(HttpStatusCode.Forbidden, (await chair.Http.GetAsync($"/Loans/WriteOff/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync(chair, "/Loans", $"/Loans/WriteOff/{id}", fields)).StatusCode);
        Assert.Null(await county.Factory.WithScopeAsync(db => db.Loans.Where(l => l.Id == id).Select(l => l.WrittenOffOn).SingleAsync()));

        var noReason = await PostAsync(staff, $"/Loans/WriteOff/{id}", $"/Loans/WriteOff/{id}", new(fields) { ["Reason"] = "" });
        Assert.Equal(HttpStatusCode.OK, noReason.StatusCode);

        var done = await PostAsync(staff, $"/Loans/WriteOff/{id}", $"/Loans/WriteOff/{id}", fields);
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        var loan = await county.Factory.WithScopeAsync(db => db.Loans.AsNoTracking().SingleAsync(l => l.Id == id));
        Assert.Equal(Today, loan.WrittenOffOn);
        Assert.Equal("借款人外出失联，担保基金已代偿", loan.WriteOffReason);
        Assert.Contains("data-status=\"WrittenOff\"", await staff.Http.GetStringAsync($"/Loans/Details/{id}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_chair_of_another_township_finds_no_Xinning_loan_and_leadership_and_village_chairs_cannot_write()
    {
        var (borrower, _) = await county.PersonInAsync("新宁镇", skip: 5);
        var staff = await county.SignInAsync("county.staff");
        var id = await CreateLoanAsync(staff, borrower, 60_000m, Today.AddDays(-50), Today.AddDays(600));

        var puan = await county.SignInAsync("chair.puan");
        Assert.Equal(HttpStatusCode.NotFound, (await puan.Http.GetAsync($"/Loans/Details/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await puan.Http.GetAsync($"/Loans/Edit/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await puan.Http.GetAsync($"/Loans/Repay/{id}")).StatusCode);
        Assert.DoesNotContain($"data-id=\"{id}\"", await puan.Http.GetStringAsync("/Loans?search=" + Uri.EscapeDataString(await county.Factory.WithScopeAsync(db => db.People.Where(p => p.Id == borrower).Select(p => p.Name).SingleAsync()))), StringComparison.Ordinal);
        // Creating a loan for a Xinning borrower: the borrower is not found in her scope, nothing written.
        var count = await county.Factory.WithScopeAsync(db => db.Loans.CountAsync());
        var refused = await PostAsync(puan, "/Loans/Create", "/Loans/Create", LoanFields(borrower, 10_000m, Today.AddDays(-1), Today.AddDays(300)));
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Equal(count, await county.Factory.WithScopeAsync(db => db.Loans.CountAsync()));

        var leader = await county.SignInAsync("leader");
        Assert.Equal(HttpStatusCode.OK, (await leader.Http.GetAsync($"/Loans/Details/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync(leader, "/Loans", "/Loans/Create", LoanFields(borrower, 10_000m, Today.AddDays(-1), Today.AddDays(300)))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync(leader, "/Loans", $"/Loans/Edit/{id}", LoanFields(borrower, 10_000m, Today.AddDays(-1), Today.AddDays(300)))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync(leader, "/Loans", $"/Loans/Repay/{id}", new() { ["PaidOn"] = Date(Today), ["Principal"] = "100", ["Interest"] = "0", ["Version"] = "0" })).StatusCode);

        var village = await county.SignInAsync("chair.jianshe");
        Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync(village, "/Loans", "/Loans/Create", LoanFields(borrower, 10_000m, Today.AddDays(-1), Today.AddDays(300)))).StatusCode);
        Assert.Equal(count, await county.Factory.WithScopeAsync(db => db.Loans.CountAsync()));
    }

    [Fact]
    public async Task Person_suggestions_mask_ID_numbers_for_a_township_chair()
    {
        var (borrower, _) = await county.PersonInAsync("新宁镇", skip: 6);
        var name = await county.Factory.WithScopeAsync(db => db.People.Where(p => p.Id == borrower).Select(p => p.Name).SingleAsync());
        var chair = await county.SignInAsync("chair.xinning");
        var json = await chair.Http.GetStringAsync("/Loans/People?q=" + Uri.EscapeDataString(name));
        var labels = System.Text.Json.JsonDocument.Parse(json).RootElement.EnumerateArray().Select(e => e.GetProperty("label").GetString()!).ToList();
        var place = await county.Factory.WithScopeAsync(db => db.People.Where(p => p.Id == borrower).Select(p => p.Organisation!.Name).SingleAsync());
        var label = Assert.Single(labels, l => l.StartsWith(name + " · " + place, StringComparison.Ordinal));
        Assert.Contains("**********", label, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_export_holds_every_loan_the_filter_selects()
    {
        var client = await county.SignInAsync("county.staff");
        var xinning = await county.OrganisationIdAsync("新宁镇");
        var response = await client.Http.GetAsync($"/Loans/Export?township={xinning}&status=Repaid");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType!.MediaType);
        await using var stream = await response.Content.ReadAsStreamAsync();
        var rows = stream.Query(useHeaderRow: true).ToList();
        var today = Today;
        var expected = await county.Factory.WithScopeAsync(async db =>
        {
            var path = await db.Organisations.Where(o => o.Id == xinning).Select(o => o.Path).SingleAsync();
            var loans = await db.Loans.Where(l => l.Organisation!.Path.StartsWith(path))
                .Select(l => new { l.Amount, l.DueOn, l.WrittenOffOn, Repaid = l.Repayments.Select(r => r.Principal).ToList() }).ToListAsync();
            return loans.Count(l => LoanStanding.Status(LoanStanding.Outstanding(l.Amount, l.Repaid), l.DueOn, l.WrittenOffOn, today) == LoanStatus.Repaid);
        });
        Assert.True(expected > 0);
        Assert.Equal(expected, rows.Count);
    }

    [Fact]
    public async Task The_subsidy_claim_of_a_quarter_and_bank_lists_the_loans_and_the_amounts()
    {
        var quarter = Quarter.Of(Today).Previous;
        var bank = "测试贴息银行";
        var (borrower, _) = await county.PersonInAsync("新宁镇", skip: 7);
        var staff = await county.SignInAsync("county.staff");
        var disbursed = quarter.Start.AddDays(10);
        var repaidOn = quarter.Start.AddDays(40);
        var id = await CreateLoanAsync(staff, borrower, 120_000m, disbursed, disbursed.AddYears(2), bank, 3.6m);
        var version = await county.Factory.WithScopeAsync(db => db.Loans.Where(l => l.Id == id).Select(l => l.Version).SingleAsync());
        var repay = await PostAsync(staff, $"/Loans/Repay/{id}", $"/Loans/Repay/{id}", new()
        {
            ["PaidOn"] = Date(repaidOn), ["Principal"] = "20000", ["Interest"] = "0", ["Version"] = version.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        Assert.Equal(HttpStatusCode.Redirect, repay.StatusCode);

        // 30 days at 120,000 (from the 11th to the 40th day of the quarter), then 100,000 to the quarter's end.
        var daysAtFull = 30;
        var daysAfter = quarter.End.DayNumber - repaidOn.DayNumber + 1;
        var expected = Math.Round(((120_000m * daysAtFull) + (100_000m * daysAfter)) * 0.036m / 360m, 2, MidpointRounding.AwayFromZero);

        var html = await staff.Http.GetStringAsync($"/Loans/Claim?year={quarter.Year}&quarter={quarter.Number}&bank={Uri.EscapeDataString(bank)}");
        Assert.Contains($"data-loan=\"{id}\" data-subsidy=\"{expected.ToString(System.Globalization.CultureInfo.InvariantCulture)}\"", html, StringComparison.Ordinal);
        Assert.Contains($"data-claim-total=\"{expected.ToString(System.Globalization.CultureInfo.InvariantCulture)}\"", html, StringComparison.Ordinal);

        var export = await staff.Http.GetAsync($"/Loans/ClaimExport?year={quarter.Year}&quarter={quarter.Number}&bank={Uri.EscapeDataString(bank)}");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        await using var stream = await export.Content.ReadAsStreamAsync();
        var rows = stream.Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        var row = Assert.Single(rows);
        Assert.Equal(expected, Convert.ToDecimal(row["贴息（元）"], System.Globalization.CultureInfo.InvariantCulture));
    }
}
