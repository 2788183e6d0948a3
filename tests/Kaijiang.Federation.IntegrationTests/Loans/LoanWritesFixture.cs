using System.Globalization;
using System.Net;
using Kaijiang.Federation.IntegrationTests.Infrastructure;
using Kaijiang.Federation.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace Kaijiang.Federation.IntegrationTests.Loans;

[CollectionDefinition(Name)]
public sealed class RegisterWritesCollection : ICollectionFixture<RegisterWritesFixture>
{
    public const string Name = "Register writes";
}

/// <summary>A county of its own for tests that write (the shared demo county must keep its seeded figures).</summary>
public sealed class RegisterWritesFixture : IDisposable
{
    public PortalFactory Factory { get; } = new();

    public RegisterWritesFixture() => _ = Factory.Server;

    public void Dispose() => Factory.Dispose();

    public static string Date(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Num(decimal d) => d.ToString(CultureInfo.InvariantCulture);

    public static DateOnly Today => DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).DateTime);

    /// <summary>A person living in a village of the township, and the village's id.</summary>
    public Task<(int PersonId, int OrganisationId)> PersonInAsync(string township, int skip = 0) => Factory.WithScopeAsync(async db =>
    {
        var path = await db.Organisations.Where(o => o.Name == township).Select(o => o.Path).SingleAsync();
        var person = await db.People
            .Where(p => p.Organisation!.Path.StartsWith(path) && p.Organisation.Kind == OrganisationKind.Village)
            .OrderBy(p => p.Id).Skip(skip).Select(p => new { p.Id, p.OrganisationId }).FirstAsync();
        return (person.Id, person.OrganisationId);
    });

    public Task<int> OrganisationIdAsync(string name) =>
        Factory.WithScopeAsync(db => db.Organisations.Where(o => o.Name == name).Select(o => o.Id).SingleAsync());

    public async Task<PortalClient> SignInAsync(string user)
    {
        var client = new PortalClient(Factory);
        var response = await client.LoginAsync(user);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    /// <summary>Opens the form page (for its token) and posts the fields.</summary>
    public static async Task<HttpResponseMessage> PostAsync(PortalClient client, string formUrl, string postUrl, Dictionary<string, string> fields)
    {
        var page = await client.Http.GetAsync(formUrl);
        var html = await page.Content.ReadAsStringAsync();
        if (page.StatusCode != HttpStatusCode.OK)
        {
            html = await client.Http.GetStringAsync("/Loans");
        }

        return await client.PostFormAsync(postUrl, html, fields);
    }

    public static Dictionary<string, string> LoanFields(int borrowerId, decimal amount, DateOnly disbursed, DateOnly due, int jobs = 3, string bank = "四川开江农村商业银行", decimal rate = 3.45m, int version = 0) => new()
    {
        ["BorrowerId"] = borrowerId.ToString(CultureInfo.InvariantCulture),
        ["BorrowerQuery"] = "",
        ["Bank"] = bank,
        ["Guarantee"] = "县创业担保贷款基金担保",
        ["Amount"] = Num(amount),
        ["RatePercent"] = Num(rate),
        ["TermMonths"] = "24",
        ["DisbursedOn"] = Date(disbursed),
        ["DueOn"] = Date(due),
        ["Industry"] = "养殖",
        ["JobsCreated"] = jobs.ToString(CultureInfo.InvariantCulture),
        ["Version"] = version.ToString(CultureInfo.InvariantCulture),
    };

    public static int IdFromLocation(HttpResponseMessage response) =>
        int.Parse(response.Headers.Location!.OriginalString.Split('/').Last(), CultureInfo.InvariantCulture);
}
