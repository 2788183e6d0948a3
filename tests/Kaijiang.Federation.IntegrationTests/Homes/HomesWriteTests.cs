using System.Net;
using Kaijiang.Federation.IntegrationTests.Infrastructure;
using Kaijiang.Federation.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace Kaijiang.Federation.IntegrationTests.Homes;

[Collection(RegistersWriteCollection.Name)]
public sealed class HomesWriteTests(RegistersWriteFixture fixture)
{
    private PortalFactory Factory => fixture.Factory;

    private static DateOnly Today => DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToOffset(ChinaTime.Offset).DateTime);

    private Task<int> OrganisationAsync(string name) => Factory.WithScopeAsync(db => db.Organisations.Where(o => o.Name == name).Select(o => o.Id).SingleAsync());

    /// <summary>A not-standardised Women's Home of a village of the township, a different one for each caller.</summary>
    private Task<ServiceSite> VillageHomeAsync(string township, int skip) => Factory.WithScopeAsync(db => db.ServiceSites.AsNoTracking()
        .Where(s => s.Kind == ServiceSiteKind.WomensHome && s.StandardisedOn == null && s.Organisation!.Kind == OrganisationKind.Village && s.Organisation.Parent!.Name == township)
        .OrderBy(s => s.Id).Skip(skip).FirstAsync());

    private static Dictionary<string, string> Fields(ServiceSite s, string name, string area, string subsidy) => new()
    {
        ["Kind"] = s.Kind.ToString(),
        ["HostId"] = Forms.Text(s.OrganisationId),
        ["Name"] = name,
        ["AreaSquareMetres"] = area,
        ["SubsidyReceived"] = subsidy,
        ["OpenedOn"] = s.OpenedOn is { } o ? Forms.Iso(o) : "",
        ["Version"] = Forms.Text(s.Version),
    };

    [Fact]
    public async Task County_staff_register_a_home_for_a_unit_and_it_is_audited()
    {
        var unit = await Factory.WithScopeAsync(db => db.Organisations.Where(o => o.Kind == OrganisationKind.Unit && o.Parent!.Name == "建设社区").OrderBy(o => o.Id).Select(o => o.Id).FirstAsync());
        var client = await Forms.SignedInAsync(Factory, "county.staff");
        var page = await client.Http.GetStringAsync("/Homes/Create");

        var response = await client.PostFormAsync("/Homes/Create", page, new()
        {
            ["Kind"] = "ChildrensHome", ["HostId"] = Forms.Text(unit), ["Name"] = "测试单位儿童之家", ["AreaSquareMetres"] = "55.5", ["SubsidyReceived"] = "3000",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var saved = await Factory.WithScopeAsync(db => db.ServiceSites.SingleAsync(s => s.Name == "测试单位儿童之家"));
        Assert.Equal(ServiceSiteKind.ChildrensHome, saved.Kind);
        Assert.Equal(55.5m, saved.AreaSquareMetres);
        Assert.Null(saved.StandardisedOn); // nothing inspected yet
        var audit = await Factory.WithScopeAsync(db => db.AuditEntries.SingleAsync(a => a.EntityType == "ServiceSite" && a.EntityId == saved.Id.ToString() && a.Action == "Added"));
        Assert.Equal("county.staff", audit.UserName);
        Assert.NotNull(audit.OrganisationPath);
    }

    [Fact]
    public async Task A_township_chair_edits_a_home_of_her_village_and_the_change_is_audited()
    {
        var home = await VillageHomeAsync("新宁镇", 0);
        var client = await Forms.SignedInAsync(Factory, "chair.xinning");
        var page = await client.Http.GetStringAsync($"/Homes/Edit/{home.Id}");

        var response = await client.PostFormAsync($"/Homes/Edit/{home.Id}", page, Fields(home, home.Name, "88", "5000"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var saved = await Factory.WithScopeAsync(db => db.ServiceSites.AsNoTracking().SingleAsync(s => s.Id == home.Id));
        Assert.Equal(88m, saved.AreaSquareMetres);
        Assert.Equal(5000m, saved.SubsidyReceived);
        Assert.Equal(home.Version + 1, saved.Version);
        var audit = await Factory.WithScopeAsync(db => db.AuditEntries.Where(a => a.EntityType == "ServiceSite" && a.EntityId == home.Id.ToString() && a.Action == "Modified").OrderBy(a => a.Id).LastAsync());
        Assert.Equal("chair.xinning", audit.UserName);
        Assert.Contains("5000", audit.After, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Negative_area_and_subsidy_are_refused_with_the_typed_values_kept()
    {
        var home = await VillageHomeAsync("新宁镇", 1);
        var client = await Forms.SignedInAsync(Factory, "county.staff");
        var page = await client.Http.GetStringAsync($"/Homes/Edit/{home.Id}");

        var response = await client.PostFormAsync($"/Homes/Edit/{home.Id}", page, Fields(home, "改过的名字", "-12", "-300"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("value=\"-12\"", html, StringComparison.Ordinal);
        Assert.Contains("value=\"-300\"", html, StringComparison.Ordinal);
        Assert.Contains("value=\"改过的名字\"", html, StringComparison.Ordinal);
        Assert.Contains("面积（平方米）应在", html, StringComparison.Ordinal);
        var saved = await Factory.WithScopeAsync(db => db.ServiceSites.AsNoTracking().SingleAsync(s => s.Id == home.Id));
        Assert.Equal(home.Name, saved.Name);
        Assert.Equal(home.Version, saved.Version);
    }

    [Fact]
    public async Task A_stale_form_is_refused_with_the_conflict_message()
    {
        var home = await VillageHomeAsync("新宁镇", 2);
        var client = await Forms.SignedInAsync(Factory, "county.staff");
        var page = await client.Http.GetStringAsync($"/Homes/Edit/{home.Id}");
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync($"/Homes/Edit/{home.Id}", page, Fields(home, home.Name, "70", "0"))).StatusCode);

        var stale = await client.PostFormAsync($"/Homes/Edit/{home.Id}", page, Fields(home, home.Name, "71", "0"));

        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.Contains("保存未成功", await stale.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(70m, await Factory.WithScopeAsync(db => db.ServiceSites.Where(s => s.Id == home.Id).Select(s => s.AreaSquareMetres).SingleAsync()));
    }

    [Fact]
    public async Task A_village_chair_edits_her_own_home_but_not_another_villages()
    {
        var own = await Factory.WithScopeAsync(db => db.ServiceSites.AsNoTracking().FirstAsync(s => s.Kind == ServiceSiteKind.WomensHome && s.Organisation!.Name == "建设社区"));
        var other = await VillageHomeAsync("新宁镇", 3);
        var client = await Forms.SignedInAsync(Factory, "chair.jianshe");
        var page = await client.Http.GetStringAsync($"/Homes/Edit/{own.Id}");

        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync($"/Homes/Edit/{own.Id}", page, Fields(own, own.Name, "120", "0"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostFormAsync($"/Homes/Edit/{other.Id}", page, Fields(other, other.Name, "1", "0"))).StatusCode);
        Assert.Equal(other.AreaSquareMetres, await Factory.WithScopeAsync(db => db.ServiceSites.Where(s => s.Id == other.Id).Select(s => s.AreaSquareMetres).SingleAsync()));

        // Nor may she register a home for another village: the host is not in her scope.
        var create = await client.Http.GetStringAsync("/Homes/Create");
        var refused = await client.PostFormAsync("/Homes/Create", create, new() { ["Kind"] = "ChildrensHome", ["HostId"] = Forms.Text(other.OrganisationId), ["Name"] = "越权儿童之家", ["SubsidyReceived"] = "0" });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.False(await Factory.WithScopeAsync(db => db.ServiceSites.AnyAsync(s => s.Name == "越权儿童之家")));
    }

    [Fact]
    public async Task An_inspection_that_finds_every_item_standardises_the_home_and_one_that_misses_an_item_undoes_it()
    {
        var home = await VillageHomeAsync("普安镇", 0);
        var items = await Factory.WithScopeAsync(db => db.StandardChecklistItems.Where(i => i.Kind == ServiceSiteKind.WomensHome && i.IsActive).Select(i => i.Id).ToListAsync());
        var client = await Forms.SignedInAsync(Factory, "chair.puan");

        async Task<HttpResponseMessage> InspectAsync(DateOnly on, IEnumerable<int> found)
        {
            var page = await client.Http.GetStringAsync($"/Homes/Inspect/{home.Id}");
            var version = await Factory.WithScopeAsync(db => db.ServiceSites.Where(s => s.Id == home.Id).Select(s => s.Version).SingleAsync());
            var token = PortalClient.AntiforgeryToken(page);
            var fields = new List<KeyValuePair<string, string>>
            {
                new("__RequestVerificationToken", token), new("VisitedOn", Forms.Iso(on)), new("Inspector", "县妇联检查组"),
                new("Note", "测试检查"), new("Version", Forms.Text(version)),
            };
            fields.AddRange(found.Select(id => new KeyValuePair<string, string>("ItemIds", Forms.Text(id))));
            using var content = new FormUrlEncodedContent(fields);
            return await client.Http.PostAsync($"/Homes/Inspect/{home.Id}", content);
        }

        // A visit in the future is refused, nothing written, the typed date kept.
        var future = await InspectAsync(Today.AddDays(3), items);
        Assert.Equal(HttpStatusCode.OK, future.StatusCode);
        var futureHtml = await future.Content.ReadAsStringAsync();
        Assert.Contains("检查日期不能晚于今天", futureHtml, StringComparison.Ordinal);
        Assert.Contains($"value=\"{Forms.Iso(Today.AddDays(3))}\"", futureHtml, StringComparison.Ordinal);
        Assert.Equal(0, await Factory.WithScopeAsync(db => db.SiteInspections.CountAsync(i => i.ServiceSiteId == home.Id)));

        Assert.Equal(HttpStatusCode.Redirect, (await InspectAsync(Today.AddDays(-1), items)).StatusCode);
        var after = await Factory.WithScopeAsync(db => db.ServiceSites.AsNoTracking().Include(s => s.MetItems).SingleAsync(s => s.Id == home.Id));
        Assert.Equal(Today.AddDays(-1), after.StandardisedOn);
        Assert.Equal(items.Count, after.MetItems.Count);

        Assert.Equal(HttpStatusCode.Redirect, (await InspectAsync(Today, items.Skip(1))).StatusCode);
        var lost = await Factory.WithScopeAsync(db => db.ServiceSites.AsNoTracking().Include(s => s.MetItems).SingleAsync(s => s.Id == home.Id));
        Assert.Null(lost.StandardisedOn);
        Assert.Equal(items.Count - 1, lost.MetItems.Count);
        Assert.Equal(2, await Factory.WithScopeAsync(db => db.SiteInspections.CountAsync(i => i.ServiceSiteId == home.Id)));
    }

    [Fact]
    public async Task A_new_checklist_item_re_judges_the_homes_of_its_kind()
    {
        var home = await Factory.WithScopeAsync(db => db.ServiceSites.AsNoTracking().Include(s => s.MetItems).OrderBy(s => s.Id).FirstAsync(s => s.Kind == ServiceSiteKind.ChildrensHome));
        var items = await Factory.WithScopeAsync(db => db.StandardChecklistItems.Where(i => i.Kind == ServiceSiteKind.ChildrensHome && i.IsActive).Select(i => i.Id).ToListAsync());
        await Factory.WithScopeAsync(async db =>
        {
            var tracked = await db.ServiceSites.Include(s => s.MetItems).SingleAsync(s => s.Id == home.Id);
            foreach (var id in items.Where(id => tracked.MetItems.All(m => m.StandardChecklistItemId != id)))
            {
                tracked.MetItems.Add(new ServiceSiteChecklistItem { StandardChecklistItemId = id, MetSince = Today });
            }

            tracked.StandardisedOn = Today;
            return await db.SaveChangesAsync();
        });
        var client = await Forms.SignedInAsync(Factory, "county.staff");
        var page = await client.Http.GetStringAsync("/Homes/ChecklistItem");

        var added = await client.PostFormAsync("/Homes/ChecklistItem", page, new()
        {
            ["Kind"] = "ChildrensHome", ["NameZh"] = "有图书角", ["NameEn"] = "Has a reading corner", ["SortOrder"] = "8", ["IsActive"] = "true",
        });

        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        Assert.Null(await Factory.WithScopeAsync(db => db.ServiceSites.Where(s => s.Id == home.Id).Select(s => s.StandardisedOn).SingleAsync()));

        var item = await Factory.WithScopeAsync(db => db.StandardChecklistItems.SingleAsync(i => i.NameZh == "有图书角"));
        var edit = await client.Http.GetStringAsync($"/Homes/ChecklistItem/{item.Id}");
        var retired = await client.PostFormAsync($"/Homes/ChecklistItem/{item.Id}", edit, new()
        {
            ["NameZh"] = "有图书角", ["NameEn"] = "Has a reading corner", ["SortOrder"] = "8", ["IsActive"] = "false", ["Version"] = Forms.Text(item.Version),
        });

        Assert.Equal(HttpStatusCode.Redirect, retired.StatusCode);
        Assert.Equal(Today, await Factory.WithScopeAsync(db => db.ServiceSites.Where(s => s.Id == home.Id).Select(s => s.StandardisedOn).SingleAsync()));
    }
}
