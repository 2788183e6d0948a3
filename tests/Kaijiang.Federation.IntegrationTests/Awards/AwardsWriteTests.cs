using System.Net;
using Kaijiang.Federation.IntegrationTests.Homes;
using Kaijiang.Federation.IntegrationTests.Infrastructure;
using Kaijiang.Federation.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace Kaijiang.Federation.IntegrationTests.Awards;

[Collection(RegistersWriteCollection.Name)]
public sealed class AwardsWriteTests(RegistersWriteFixture fixture)
{
    private PortalFactory Factory => fixture.Factory;

    private static int ThisYear => DateTimeOffset.UtcNow.ToOffset(ChinaTime.Offset).Year;

    private static DateOnly Today => DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToOffset(ChinaTime.Offset).DateTime);

    private Task<int> TitleAsync(string code) => Factory.WithScopeAsync(db => db.AwardTitles.Where(t => t.Code == code).Select(t => t.Id).SingleAsync());

    /// <summary>A family of the organisation with no award or nomination of the title this year; a different one per caller.</summary>
    private async Task<Family> FamilyAsync(string organisation, int titleId, int skip) => await Factory.WithScopeAsync(db => db.Families.AsNoTracking()
        .Where(f => f.Organisation!.Name == organisation && !db.FamilyAwards.Any(a => a.FamilyId == f.Id && a.AwardTitleId == titleId && a.Year == ThisYear))
        .OrderBy(f => f.Id).Skip(skip).FirstAsync());

    private async Task<Family> FamilyInTownshipAsync(string township, int titleId, int skip) => await Factory.WithScopeAsync(db => db.Families.AsNoTracking()
        .Where(f => f.Organisation!.Parent!.Name == township && f.Organisation.Kind == OrganisationKind.Village
            && !db.FamilyAwards.Any(a => a.FamilyId == f.Id && a.AwardTitleId == titleId && a.Year == ThisYear))
        .OrderBy(f => f.Id).Skip(skip).FirstAsync());

    private static async Task<HttpResponseMessage> NominateAsync(PortalClient client, int familyId, int titleId, AwardLevel level, int year, string citation = "勤劳致富，邻里和睦。")
    {
        var page = await client.Http.GetStringAsync("/Awards/Nominate");
        return await client.PostFormAsync("/Awards/Nominate", page, new()
        {
            ["FamilyId"] = Forms.Text(familyId), ["AwardTitleId"] = Forms.Text(titleId), ["Level"] = level.ToString(), ["Kind"] = "Award",
            ["Year"] = Forms.Text(year), ["Citation"] = citation,
        });
    }

    private async Task<HttpResponseMessage> StepAsync(PortalClient client, string step, int id, bool award = true)
    {
        var version = await Factory.WithScopeAsync(db => db.FamilyAwards.Where(a => a.Id == id).Select(a => a.Version).SingleAsync());
        var page = await client.Http.GetStringAsync("/Registers");
        return await client.PostFormAsync($"/Awards/{step}/{id}", page, new() { ["version"] = Forms.Text(version), ["award"] = award ? "true" : "false" });
    }

    private Task<FamilyAward> AwardAsync(int familyId, int titleId) =>
        Factory.WithScopeAsync(db => db.FamilyAwards.AsNoTracking().SingleAsync(a => a.FamilyId == familyId && a.AwardTitleId == titleId && a.Year == ThisYear));

    [Fact]
    public async Task A_village_nomination_goes_through_the_township_to_the_county_and_each_step_records_who_and_when()
    {
        var title = await TitleAsync("CleanFamily");
        var family = await FamilyAsync("建设社区", title, 0);
        var village = await Forms.SignedInAsync(Factory, "chair.jianshe");
        var township = await Forms.SignedInAsync(Factory, "chair.xinning");
        var staff = await Forms.SignedInAsync(Factory, "county.staff");
        var leader = await Forms.SignedInAsync(Factory, "leader");

        Assert.Equal(HttpStatusCode.Redirect, (await NominateAsync(village, family.Id, title, AwardLevel.County, ThisYear)).StatusCode);
        var nominated = await AwardAsync(family.Id, title);
        Assert.Equal(AwardStatus.Nominated, nominated.Status);
        Assert.Equal("chair.jianshe", nominated.NominatedBy);
        Assert.NotNull(nominated.NominatedAt);
        Assert.True(await Factory.WithScopeAsync(db => db.AuditEntries.AnyAsync(a => a.EntityType == "FamilyAward" && a.EntityId == nominated.Id.ToString() && a.UserName == "chair.jianshe")));

        // Forbidden steps: the village may not recommend its own nomination, the leader changes nothing,
        // and the county may not decide before the township has recommended.
        Assert.Equal(HttpStatusCode.Forbidden, (await StepAsync(village, "Recommend", nominated.Id)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await StepAsync(leader, "Recommend", nominated.Id)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await StepAsync(village, "Decide", nominated.Id)).StatusCode);
        var early = await StepAsync(staff, "Decide", nominated.Id);
        Assert.Equal(HttpStatusCode.Redirect, early.StatusCode);
        Assert.Contains("不能进行这一步", await staff.Http.GetStringAsync(early.Headers.Location!.OriginalString), StringComparison.Ordinal);
        Assert.Equal(AwardStatus.Nominated, (await AwardAsync(family.Id, title)).Status);

        Assert.Equal(HttpStatusCode.Redirect, (await StepAsync(township, "Recommend", nominated.Id)).StatusCode);
        var recommended = await AwardAsync(family.Id, title);
        Assert.Equal(AwardStatus.Recommended, recommended.Status);
        Assert.Equal("chair.xinning", recommended.RecommendedBy);
        Assert.Equal(HttpStatusCode.Forbidden, (await StepAsync(township, "Decide", nominated.Id)).StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await StepAsync(staff, "Decide", nominated.Id)).StatusCode);
        var awarded = await AwardAsync(family.Id, title);
        Assert.Equal(AwardStatus.Awarded, awarded.Status);
        Assert.Equal("county.staff", awarded.DecidedBy);
        Assert.NotNull(awarded.DecidedAt);
    }

    [Fact]
    public async Task A_family_on_public_notice_cannot_be_awarded_before_the_notice_ends_but_may_be_declined()
    {
        var title = await TitleAsync("CleanFamily");
        var family = await FamilyInTownshipAsync("普安镇", title, 0);
        var chair = await Forms.SignedInAsync(Factory, "chair.puan");
        var staff = await Forms.SignedInAsync(Factory, "county.staff");

        Assert.Equal(HttpStatusCode.Redirect, (await NominateAsync(chair, family.Id, title, AwardLevel.County, ThisYear)).StatusCode);
        var id = (await AwardAsync(family.Id, title)).Id;
        Assert.Equal(HttpStatusCode.Redirect, (await StepAsync(chair, "Recommend", id)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await StepAsync(chair, "Notice", id)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await StepAsync(staff, "Notice", id)).StatusCode);

        var notice = await AwardAsync(family.Id, title);
        Assert.Equal(AwardStatus.PublicNotice, notice.Status);
        Assert.Equal(Today, notice.PublicNoticeFrom);
        Assert.Equal(Today.AddDays(6), notice.PublicNoticeUntil); // Awards:PublicNoticeDays, 7 by default

        await StepAsync(staff, "Decide", id, award: true);
        Assert.Equal(AwardStatus.PublicNotice, (await AwardAsync(family.Id, title)).Status);

        Assert.Equal(HttpStatusCode.Redirect, (await StepAsync(staff, "Decide", id, award: false)).StatusCode);
        Assert.Equal(AwardStatus.Declined, (await AwardAsync(family.Id, title)).Status);
    }

    [Fact]
    public async Task A_province_nomination_without_an_earlier_city_award_is_refused_with_a_clear_message()
    {
        var title = await TitleAsync("MostBeautifulFamily");
        var family = await FamilyAsync("建设社区", title, 1);
        var staff = await Forms.SignedInAsync(Factory, "county.staff");

        var response = await NominateAsync(staff, family.Id, title, AwardLevel.Province, ThisYear, "省级推荐的事迹");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("须先获得过更早年度的市级表彰", html, StringComparison.Ordinal);
        Assert.Contains("省级推荐的事迹", html, StringComparison.Ordinal);
        Assert.False(await Factory.WithScopeAsync(db => db.FamilyAwards.AnyAsync(a => a.FamilyId == family.Id && a.AwardTitleId == title && a.Year == ThisYear)));
    }

    [Fact]
    public async Task A_second_award_of_the_same_title_and_year_is_refused()
    {
        var held = await Factory.WithScopeAsync(db => db.FamilyAwards.AsNoTracking()
            .Where(a => a.Status == AwardStatus.Awarded && a.Level == AwardLevel.County && a.Year == 2019 && a.AwardTitle!.Code == "CivilisedFamily")
            .OrderBy(a => a.Id).FirstAsync());
        var staff = await Forms.SignedInAsync(Factory, "county.staff");
        var before = await Factory.WithScopeAsync(db => db.FamilyAwards.CountAsync());

        var response = await NominateAsync(staff, held.FamilyId, held.AwardTitleId, AwardLevel.City, 2019);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("本年度已有同一称号", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, await Factory.WithScopeAsync(db => db.FamilyAwards.CountAsync()));
    }

    [Fact]
    public async Task A_nomination_outside_the_nominators_scope_is_refused_and_nothing_is_written()
    {
        var title = await TitleAsync("CleanFamily");
        var family = await FamilyInTownshipAsync("新宁镇", title, 1);
        var puan = await Forms.SignedInAsync(Factory, "chair.puan");

        var response = await NominateAsync(puan, family.Id, title, AwardLevel.County, ThisYear, "越权推荐");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("在您的管辖范围内找不到该家庭", html, StringComparison.Ordinal);
        Assert.Contains("越权推荐", html, StringComparison.Ordinal);
        Assert.DoesNotContain(family.Name, html, StringComparison.Ordinal);
        Assert.False(await Factory.WithScopeAsync(db => db.FamilyAwards.AnyAsync(a => a.FamilyId == family.Id && a.AwardTitleId == title && a.Year == ThisYear)));
    }

    [Fact]
    public async Task A_village_chair_registers_a_family_and_its_motto()
    {
        var head = await Factory.WithScopeAsync(db => db.People.AsNoTracking().Where(p => p.Organisation!.Name == "建设社区").OrderByDescending(p => p.Id).FirstAsync());
        var client = await Forms.SignedInAsync(Factory, "chair.jianshe");
        var page = await client.Http.GetStringAsync($"/Awards/Family?search={Uri.EscapeDataString(head.Name)}");
        Assert.Contains($"value=\"{head.Id}\"", page, StringComparison.Ordinal);

        var bad = await client.PostFormAsync("/Awards/Family", page, new() { ["HouseholdHeadId"] = Forms.Text(head.Id), ["Name"] = "测试登记家庭", ["Members"] = "张三" });
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.Contains("第 1 行", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var saved = await client.PostFormAsync("/Awards/Family", page, new() { ["HouseholdHeadId"] = Forms.Text(head.Id), ["Name"] = "测试登记家庭", ["Members"] = "张三 配偶\n张小四 儿子" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var family = await Factory.WithScopeAsync(db => db.Families.AsNoTracking().Include(f => f.Members).SingleAsync(f => f.Name == "测试登记家庭"));
        Assert.Equal(2, family.Members.Count);
        Assert.Equal(head.OrganisationId, family.OrganisationId);

        var book = await Factory.WithScopeAsync(db => db.Books.Where(b => b.Title == "家和万事兴").Select(b => b.Id).SingleAsync());
        var mottoPage = await client.Http.GetStringAsync("/Awards/Motto");
        var token = PortalClient.AntiforgeryToken(mottoPage);
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["FamilyId"] = Forms.Text(family.Id), ["Text"] = "勤俭持家；和睦邻里。", ["YearCollected"] = Forms.Text(ThisYear), ["BookIds"] = Forms.Text(book),
        });
        Assert.Equal(HttpStatusCode.Redirect, (await client.Http.PostAsync("/Awards/Motto", content)).StatusCode);
        var motto = await Factory.WithScopeAsync(db => db.FamilyMottos.AsNoTracking().Include(m => m.Books).SingleAsync(m => m.Text == "勤俭持家；和睦邻里。"));
        Assert.Equal(family.Id, motto.FamilyId);
        Assert.Equal(book, Assert.Single(motto.Books).Id);
    }
}
