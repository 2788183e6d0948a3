using System.Net;
using System.Text.RegularExpressions;
using Kaijiang.Federation.IntegrationTests.Infrastructure;
using static Kaijiang.Federation.IntegrationTests.People.PeopleTestData;

namespace Kaijiang.Federation.IntegrationTests.People;

/// <summary>The people list's count and rows are cached briefly (ReadCache); a person added shows on the very next read.</summary>
[Collection(DemoCountyCollection.Name)]
public sealed partial class PeopleListCacheTests(WritableCountyFixture county) : IClassFixture<WritableCountyFixture>
{
    [Fact]
    public async Task A_person_added_is_counted_on_the_next_read_of_the_list()
    {
        var client = await SignedInAsync(county.Factory, "county.staff");
        await client.Http.GetStringAsync("/People");
        var before = Total(await client.Http.GetStringAsync("/People")); // the cached count
        var page = await client.Http.GetStringAsync("/People/Create");
        var jianshe = await OrganisationIdAsync(county.Factory, "建设社区");

        var response = await client.PostFormAsync("/People/Create", page, PersonForm(Unique("计数"), new DateOnly(1984, 3, 9), organisationId: jianshe));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        Assert.Equal(before + 1, Total(await client.Http.GetStringAsync("/People")));
    }

    [Fact]
    public async Task A_person_added_shows_in_the_list_rows_read_just_before_and_just_after()
    {
        var client = await SignedInAsync(county.Factory, "county.staff");
        var name = Unique("行缓");
        var list = "/People?name=" + Uri.EscapeDataString(name);
        await client.Http.GetStringAsync(list);
        var before = Occurrences(await client.Http.GetStringAsync(list), name); // the cached rows (none; the filter box echoes the name)
        var page = await client.Http.GetStringAsync("/People/Create");
        var jianshe = await OrganisationIdAsync(county.Factory, "建设社区");

        var response = await client.PostFormAsync("/People/Create", page, PersonForm(name, new DateOnly(1986, 5, 2), organisationId: jianshe));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        Assert.True(Occurrences(await client.Http.GetStringAsync(list), name) > before, "The person added is not in the list's rows.");
    }

    private static int Occurrences(string html, string text) => Regex.Count(html, Regex.Escape(text));

    private static int Total(string html) => int.Parse(DataTotal().Match(html).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

    [GeneratedRegex("data-total=\"(\\d+)\"")]
    private static partial Regex DataTotal();
}
