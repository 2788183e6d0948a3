using System.Net;
using System.Text.RegularExpressions;
using Kaijiang.Federation.IntegrationTests.Infrastructure;
using Kaijiang.Federation.Web.Domain;
using Microsoft.EntityFrameworkCore;

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

    /// <summary>
    /// The figures whose list was once only close (outstanding loans, the award pipeline) and those that had no list
    /// (partners, channels): the list the link opens counts exactly the figure.
    /// </summary>
    [Theory]
    [InlineData("county.staff")]
    [InlineData("leader")]
    [InlineData("chair.xinning")]
    public async Task The_lists_behind_outstanding_loans_the_pipeline_partners_and_channels_count_what_the_figure_says(string user)
    {
        var client = new PortalClient(county.Factory);
        await client.LoginAsync(user);
        var dashboard = await client.Http.GetStringAsync("/");
        var checkedLinks = new List<string>();
        foreach (var key in new[] { "Dashboard.LoansOutstandingCount", "Dashboard.Pipeline" })
        {
            var (href, value) = FigureLink(dashboard, "data-figure", key);
            Assert.Equal(DashboardPageReader.Number(value), await ListTotalAsync(client, href));
            checkedLinks.Add(href);
        }

        Assert.Contains(checkedLinks, l => l.StartsWith("/Loans?", StringComparison.Ordinal) && l.Contains("status=Outstanding", StringComparison.Ordinal));
        Assert.Contains(checkedLinks, l => l.StartsWith("/Awards?pipeline=true", StringComparison.Ordinal));

        // The annual summary's partner lines, and its channel line (WeChat and QQ groups together).
        var summary = await client.Http.GetStringAsync("/Summary");
        foreach (var key in new[] { "Summary.GrowthCentres", "Summary.SocialOrganisations", "Summary.MutualAid" })
        {
            var (href, value) = FigureLink(summary, "data-summary", key);
            Assert.StartsWith("/Partners?", href, StringComparison.Ordinal);
            Assert.Equal(DashboardPageReader.Number(value), await ListTotalAsync(client, href));
        }

        var (channels, _) = FigureLink(summary, "data-summary", "Summary.Channels");
        Assert.StartsWith("/Channels?", channels, StringComparison.Ordinal);
        var scopePath = await county.Factory.WithScopeAsync(db => db.Users.Where(u => u.UserName == user)
            .Select(u => db.Organisations.Where(o => o.Id == u.ScopeOrganisationId).Select(o => o.Path).Single()).SingleAsync());
        var groups = await county.Factory.WithScopeAsync(db => db.OutreachChannels.CountAsync(c =>
            c.Organisation!.Path.StartsWith(scopePath) && (c.Kind == ChannelKind.WeChatGroup || c.Kind == ChannelKind.QqGroup)));
        Assert.Equal(groups, await ListTotalAsync(client, channels));

        // The filter shows the two kinds as one chosen option, ahead of every single kind.
        var channelsPage = WebUtility.HtmlDecode(await client.Http.GetStringAsync(channels));
        Assert.Matches("<option value=\"[A-Za-z]+,[A-Za-z]+\" selected=\"selected\">[^<]+ \\+ [^<]+</option>", channelsPage);
        foreach (var kind in Enum.GetValues<ChannelKind>())
        {
            Assert.Contains($"<option value=\"{kind}\">", channelsPage, StringComparison.Ordinal);
        }
    }

    private static (string Href, string Value) FigureLink(string html, string attribute, string key)
    {
        var match = Regex.Match(html, $"<a (?:class=\"[^\"]*\" )?href=\"([^\"]+)\" {attribute}=\"{Regex.Escape(key)}\">([^<]*)<");
        Assert.True(match.Success, $"no link for {key}");
        return (WebUtility.HtmlDecode(match.Groups[1].Value), WebUtility.HtmlDecode(match.Groups[2].Value).Trim());
    }

    private static async Task<int> ListTotalAsync(PortalClient client, string href)
    {
        var response = await client.Http.GetAsync(href);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var total = Regex.Match(await response.Content.ReadAsStringAsync(), "data-total=\"([0-9]+)\"");
        Assert.True(total.Success, $"no total on {href}");
        return int.Parse(total.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    [GeneratedRegex("href=\"(/[^\"#]*)\"")]
    private static partial Regex Link();
}
