using System.Text.RegularExpressions;
using Kaijiang.Federation.IntegrationTests.Infrastructure;
using Kaijiang.Federation.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace Kaijiang.Federation.IntegrationTests.Authorization;

/// <summary>A township chair follows every link she can reach; no page shows another township's people.</summary>
[Collection(DemoCountyCollection.Name)]
public sealed partial class TownshipIsolationTests(DemoCountyFixture county)
{
    [Fact]
    public async Task No_page_a_township_chair_can_reach_shows_another_townships_people()
    {
        var (ownPath, otherPeople) = await county.Factory.WithScopeAsync(async db =>
        {
            var xinning = await db.Organisations.SingleAsync(o => o.Name == "新宁镇");
            var upper = OrganisationPath.SubtreeUpperBound(xinning.Path);
            // Names unique to other townships (a common name may also live in Xinning).
            var inside = await db.People.Where(p => p.Organisation!.Path.CompareTo(xinning.Path) >= 0 && p.Organisation.Path.CompareTo(upper) < 0)
                .Select(p => p.Name).Distinct().ToListAsync();
            // Family members are names, not people: a Xinning family's son may share a name with someone elsewhere.
            inside.AddRange(await db.FamilyMembers
                .Where(m => m.Family!.Organisation!.Path.CompareTo(xinning.Path) >= 0 && m.Family.Organisation.Path.CompareTo(upper) < 0)
                .Select(m => m.Name).Distinct().ToListAsync());
            var outside = await db.People.Where(p => p.Organisation!.Path.CompareTo(xinning.Path) < 0 || p.Organisation.Path.CompareTo(upper) >= 0)
                .Select(p => p.Name).Distinct().ToListAsync();
            // A name that is part of a Xinning name (严丽 in 严丽华) proves nothing when the page lists Xinning's people.
            return (xinning.Path, outside.Except(inside).Where(name => !inside.Any(i => i.Contains(name, StringComparison.Ordinal))).ToHashSet());
        });
        Assert.NotEmpty(ownPath);
        Assert.NotEmpty(otherPeople);

        var client = new PortalClient(county.Factory);
        await client.LoginAsync("chair.xinning");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var queue = new Queue<string>(["/"]);
        var leaks = new List<string>();
        while (queue.Count > 0 && seen.Count < 400)
        {
            var url = queue.Dequeue();
            if (!seen.Add(url))
            {
                continue;
            }

            var response = await client.Http.GetAsync(url);
            if (!response.IsSuccessStatusCode)
            {
                continue;
            }

            var html = await response.Content.ReadAsStringAsync();
            var text = Tag().Replace(html, " ");
            // Whole names only: a two-character name outside Xinning (蒲丽) is part of a longer one inside it (蒲丽华),
            // and of a family's name (蒲丽华家庭). Every page shows a person's name as a run of its own.
            var runs = CjkRun().Matches(text).Select(m => m.Value).ToHashSet(StringComparer.Ordinal);
            leaks.AddRange(otherPeople.Where(runs.Contains).Select(name => $"{url}: {name}"));
            foreach (Match link in Link().Matches(html))
            {
                var href = System.Net.WebUtility.HtmlDecode(link.Groups[1].Value);
                if (href.StartsWith('/') && !href.StartsWith("//", StringComparison.Ordinal) && !href.StartsWith("/lib/", StringComparison.Ordinal)
                    && !href.StartsWith("/css/", StringComparison.Ordinal) && !href.StartsWith("/js/", StringComparison.Ordinal))
                {
                    queue.Enqueue(href);
                }
            }
        }

        Assert.True(seen.Count > 3, $"the crawl reached only {seen.Count} pages");
        Assert.Empty(leaks);
    }

    [GeneratedRegex("href=\"([^\"#]+)\"")]
    private static partial Regex Link();

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}+")]
    private static partial Regex CjkRun();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tag();
}
