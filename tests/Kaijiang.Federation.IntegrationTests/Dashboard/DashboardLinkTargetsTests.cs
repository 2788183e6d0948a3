using System.Net;
using System.Text.RegularExpressions;
using Kaijiang.Federation.IntegrationTests.Infrastructure;

namespace Kaijiang.Federation.IntegrationTests.Dashboard;

/// <summary>Every figure on the dashboard links to a list that exists and opens for the same user.</summary>
[Collection(DemoCountyCollection.Name)]
public sealed partial class DashboardLinkTargetsTests(DemoCountyFixture county)
{
    [Theory]
    [InlineData("county.staff")]
    [InlineData("leader")]
    [InlineData("chair.xinning")]
    public async Task Every_link_on_the_dashboard_opens(string user)
    {
        var client = new PortalClient(county.Factory);
        await client.LoginAsync(user);
        var html = await client.Http.GetStringAsync("/");
        var main = html[html.IndexOf("<main", StringComparison.Ordinal)..html.IndexOf("</main>", StringComparison.Ordinal)];
        var links = Link().Matches(main).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).Distinct().ToList();
        Assert.True(links.Count > 20, $"only {links.Count} links on the dashboard");

        var broken = new List<string>();
        foreach (var link in links)
        {
            var response = await client.Http.GetAsync(link);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                broken.Add($"{link} → {(int)response.StatusCode}");
            }
        }

        Assert.Empty(broken);
    }

    [GeneratedRegex("href=\"(/[^\"#]*)\"")]
    private static partial Regex Link();
}
