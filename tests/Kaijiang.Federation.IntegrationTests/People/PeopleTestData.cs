using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Kaijiang.Federation.IntegrationTests.Infrastructure;
using Kaijiang.Federation.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace Kaijiang.Federation.IntegrationTests.People;

/// <summary>A seeded county of its own for tests that write people and terms (the shared one keeps its figures).</summary>
public sealed class WritableCountyFixture : IDisposable
{
    public PortalFactory Factory { get; } = new();

    public WritableCountyFixture() => _ = Factory.Server;

    public void Dispose() => Factory.Dispose();
}

/// <summary>Finds the seeded records the tests use, and builds new ones that collide with nothing seeded.</summary>
public static partial class PeopleTestData
{
    private static int _sequence;

    /// <summary>A valid ID number of a region the demo county does not use, unique within the test run.</summary>
    public static string NewIdNumber(DateOnly birth, Sex sex = Sex.Female)
    {
        var n = Interlocked.Increment(ref _sequence) % 500;
        return ResidentIdNumber.Create("110101", birth, (n * 2) + (sex == Sex.Male ? 1 : 0));
    }

    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Unique(string name) => name + Guid.NewGuid().ToString("N")[..4].Select(c => (char)('甲' + (c % 10))).Aggregate("", (s, c) => s + c);

    public static Task<int> OrganisationIdAsync(PortalFactory factory, string name) =>
        factory.WithScopeAsync(db => db.Organisations.Where(o => o.Name == name).Select(o => o.Id).SingleAsync());

    /// <summary>The current chair's term of an organisation, with her person id and ID number.</summary>
    public static Task<(int TermId, int PersonId, string Name, string IdNumber, string Phone)> ChairOfAsync(PortalFactory factory, string organisationName) =>
        factory.WithScopeAsync(async db =>
        {
            var t = await db.OfficeTerms
                .Where(t => t.Organisation!.Name == organisationName && t.Office == Office.Chair && t.EndedOn == null)
                .Select(t => new { t.Id, t.PersonId, t.Person!.Name, t.Person.IdNumber, t.Person.Phone })
                .SingleAsync();
            return (t.Id, t.PersonId, t.Name, t.IdNumber!, t.Phone!);
        });

    public static Dictionary<string, string> PersonForm(string name, DateOnly? birth = null, string? idNumber = null, string? phone = null, int? organisationId = null, string prefix = "Input", Sex sex = Sex.Female) => new()
    {
        [$"{prefix}.Name"] = name,
        [$"{prefix}.Sex"] = sex.ToString(),
        [$"{prefix}.BirthDate"] = birth is { } b ? Iso(b) : "",
        [$"{prefix}.Ethnicity"] = "汉族",
        [$"{prefix}.Education"] = nameof(Education.College),
        [$"{prefix}.PoliticalStatus"] = nameof(PoliticalStatus.Masses),
        [$"{prefix}.IdNumber"] = idNumber ?? "",
        [$"{prefix}.Phone"] = phone ?? "",
        [$"{prefix}.OrganisationId"] = organisationId?.ToString(CultureInfo.InvariantCulture) ?? "",
    };

    public static async Task<PortalClient> SignedInAsync(PortalFactory factory, string user)
    {
        var client = new PortalClient(factory);
        var response = await client.LoginAsync(user);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    /// <summary>The value attribute of the input named <paramref name="name"/>, as the browser would read it.</summary>
    public static string? InputValue(string html, string name)
    {
        var tag = InputTag().Matches(html).Select(m => m.Value).FirstOrDefault(t => t.Contains($"name=\"{name}\"", StringComparison.Ordinal));
        var value = tag is null ? null : ValueAttribute().Match(tag);
        return value is { Success: true } ? WebUtility.HtmlDecode(value.Groups[1].Value) : null;
    }

    [GeneratedRegex("<input[^>]*>")]
    private static partial Regex InputTag();

    [GeneratedRegex("value=\"([^\"]*)\"")]
    private static partial Regex ValueAttribute();
}
