using Kaijiang.Federation.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Kaijiang.Federation.BrowserTests;

/// <summary>A county of its own: this journey writes a nomination, which the other journeys' county must not see.</summary>
[CollectionDefinition(Name)]
public sealed class RegistersBrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Registers browser";
}

[Collection(RegistersBrowserCollection.Name)]
public sealed class AwardPipelineJourneyTests(BrowserFixture fixture)
{
    [SkippableFact]
    public async Task A_village_chair_nominates_a_family_the_township_recommends_and_the_county_awards_it()
    {
        Skip.If(fixture.SkipReason is not null, fixture.SkipReason);
        var year = DateTimeOffset.UtcNow.ToOffset(ChinaTime.Offset).Year;
        var family = await fixture.Factory.WithScopeAsync(db => db.Families
            .Where(f => f.Organisation!.Name == "建设社区" && !db.FamilyAwards.Any(a => a.FamilyId == f.Id && a.AwardTitle!.Code == "CleanFamily" && a.Year == year))
            .OrderBy(f => f.Id).Select(f => f.Name).FirstAsync());

        string detailsUrl;
        await using (var village = await Journey.StartAsync(fixture))
        {
            await village.SignInAsync("chair.jianshe");
            await village.Page.ClickAsync("nav >> text=工作台账");
            await village.Page.ClickAsync("main >> text=家庭表彰");
            await village.Page.ClickAsync("main a:has-text('推荐家庭')");
            await village.Page.FillAsync("#search", family);
            await village.Page.ClickAsync("button[name=find]");
            var afterFind = await village.Page.InnerTextAsync("main");
            Assert.True(afterFind.Contains(family, StringComparison.Ordinal), village.Page.Url + " " + afterFind);
            await village.Page.CheckAsync($"label:has-text('{family}')");
            await village.Page.SelectOptionAsync("#AwardTitleId", new SelectOptionValue { Label = "廉洁家庭" });
            await village.Page.FillAsync("#Citation", "家风清正，廉洁持家。");
            await village.Page.ClickAsync("main form button.btn-primary");
            await village.Page.WaitForURLAsync("**/Awards/Details/**");
            Assert.Equal("村（社区）推荐", (await village.Page.InnerTextAsync("[data-status] .badge")).Trim());
            detailsUrl = new Uri(village.Page.Url).PathAndQuery;
            await village.ScreenshotAsync("award-nominated");
            Assert.Empty(village.Problems);
        }

        await using (var township = await Journey.StartAsync(fixture))
        {
            await township.SignInAsync("chair.xinning");
            await township.Page.GotoAsync("/Awards?status=Nominated");
            await township.Page.ClickAsync($"table >> text={family}");
            await township.Page.ClickAsync("button:has-text('乡镇推荐')");
            await township.Page.WaitForSelectorAsync("[data-status=Recommended]");
            Assert.Contains("chair.xinning", await township.Page.InnerTextAsync("main"), StringComparison.Ordinal);
            Assert.Empty(township.Problems);
        }

        await using var county = await Journey.StartAsync(fixture);
        await county.SignInAsync("county.staff");
        await county.Page.GotoAsync(detailsUrl);
        await county.Page.ClickAsync("button:has-text('批准表彰')");
        await county.Page.WaitForSelectorAsync("[data-status=Awarded]");
        Assert.Equal("已表彰", (await county.Page.InnerTextAsync("[data-status] .badge")).Trim());
        await county.ScreenshotAsync("award-awarded");
        Assert.Empty(county.Problems);
    }
}
