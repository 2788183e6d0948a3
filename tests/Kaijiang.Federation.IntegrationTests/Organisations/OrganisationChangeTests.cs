using System.Globalization;
using System.Net;
using Kaijiang.Federation.IntegrationTests.Infrastructure;
using Kaijiang.Federation.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace Kaijiang.Federation.IntegrationTests.Organisations;

/// <summary>
/// Create, edit, move and close over HTTP with real forms, on a county of their own (seeded once for this class,
/// whose other part is OrganisationPageTests.cs). In the demo county's collection so that no two portals start at once.
/// </summary>
[Collection(DemoCountyCollection.Name)]
public sealed partial class OrganisationWriteTests(OrganisationWriteFixture county) : IClassFixture<OrganisationWriteFixture>
{
    private static Dictionary<string, string> Particulars(string name, OrganisationKind kind, UnitKind unitKind = UnitKind.None) => new()
    {
        ["Name"] = name,
        ["Kind"] = kind.ToString(),
        ["UnitKind"] = unitKind.ToString(),
        ["PinyinInitials"] = "cs",
        ["DivisionCode"] = "511723100299",
        ["ReformStatus"] = nameof(ReformStatus.InProgress),
        ["ReformDate"] = "",
        ["AnnualFunds"] = "12000.50",
        ["ContactName"] = "王芳",
        ["ContactPhone"] = "13800001234",
        ["Address"] = "开江县测试路 1 号",
    };

    private static async Task<HttpResponseMessage> PostAsync(PortalClient client, string formUrl, string postUrl, Dictionary<string, string> fields) =>
        await client.PostFormAsync(postUrl, await client.Http.GetStringAsync(formUrl), fields);

    [Fact]
    public async Task County_staff_create_a_village_under_a_township_with_the_next_path_and_an_audit_entry()
    {
        var puan = await county.OrganisationAsync("普安镇");
        var client = await county.SignedInAsync();
        var name = "测试新村" + Guid.NewGuid().ToString("N")[..6];
        var fields = Particulars(name, OrganisationKind.Village);
        fields["ParentId"] = puan.Id.ToString(CultureInfo.InvariantCulture);

        var response = await PostAsync(client, $"/Organisations/Create?parentId={puan.Id}", "/Organisations/Create", fields);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var (created, maxSibling, audit) = await county.Factory.WithScopeAsync(async db =>
        {
            var o = await db.Organisations.SingleAsync(x => x.Name == name);
            var siblings = await db.Organisations.Where(x => x.ParentId == puan.Id && x.Id != o.Id).Select(x => x.Path).ToListAsync();
            var entry = await db.AuditEntries.SingleOrDefaultAsync(a => a.EntityType == nameof(Organisation) && a.EntityId == o.Id.ToString() && a.Action == "Added");
            return (o, siblings.Max()!, entry);
        });
        Assert.Equal(OrganisationKind.Village, created.Kind);
        Assert.Equal(puan.Id, created.ParentId);
        Assert.Equal(OrganisationPath.Child(puan.Path, int.Parse(maxSibling[^5..], CultureInfo.InvariantCulture) + 1), created.Path);
        Assert.Equal(2, created.Depth);
        Assert.Equal(12000.50m, created.AnnualFunds);
        Assert.Equal("511723100299", created.DivisionCode);
        Assert.Equal($"/Organisations/Details/{created.Id}", response.Headers.Location?.OriginalString);
        Assert.NotNull(audit);
        Assert.Equal("county.staff", audit.UserName);
        using var after = System.Text.Json.JsonDocument.Parse(audit.After!);
        Assert.Equal(name, after.RootElement.GetProperty(nameof(Organisation.Name)).GetString());
    }

    [Fact]
    public async Task A_kind_that_does_not_fit_the_parent_is_refused_next_to_the_field()
    {
        var puan = await county.OrganisationAsync("普安镇");
        var client = await county.SignedInAsync();
        var name = "测试错误" + Guid.NewGuid().ToString("N")[..6];
        var fields = Particulars(name, OrganisationKind.Township);
        fields["ParentId"] = puan.Id.ToString(CultureInfo.InvariantCulture);

        var response = await PostAsync(client, $"/Organisations/Create?parentId={puan.Id}", "/Organisations/Create", fields);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("该类型的组织不能设在此上级组织之下", html, StringComparison.Ordinal);
        Assert.Contains($"value=\"{name}\"", html, StringComparison.Ordinal); // the typed values come back
        Assert.False(await county.Factory.WithScopeAsync(db => db.Organisations.AnyAsync(o => o.Name == name)));
    }

    [Fact]
    public async Task A_unit_needs_a_unit_kind_and_a_division_code_must_be_digits()
    {
        var puan = await county.OrganisationAsync("普安镇");
        var client = await county.SignedInAsync();
        var name = "测试单位" + Guid.NewGuid().ToString("N")[..6];
        var fields = Particulars(name, OrganisationKind.Unit);
        fields["ParentId"] = puan.Id.ToString(CultureInfo.InvariantCulture);
        fields["DivisionCode"] = "51172a";
        fields["AnnualFunds"] = "-1";

        var response = await PostAsync(client, $"/Organisations/Create?parentId={puan.Id}", "/Organisations/Create", fields);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("请选择单位类别", html, StringComparison.Ordinal);
        Assert.Contains("只能包含数字", html, StringComparison.Ordinal);
        Assert.Contains("data-valmsg-for=\"AnnualFunds\"", html, StringComparison.Ordinal);
        Assert.False(await county.Factory.WithScopeAsync(db => db.Organisations.AnyAsync(o => o.Name == name)));
    }

    [Fact]
    public async Task Moving_a_community_rewrites_the_paths_of_its_whole_subtree_in_one_go()
    {
        var community = await county.AddAsync("新宁镇", OrganisationKind.Community);
        var unit = await county.AddAsync(community.Name, OrganisationKind.Unit, UnitKind.Enterprise);
        var puan = await county.OrganisationAsync("普安镇");
        var client = await county.SignedInAsync();

        var response = await PostAsync(client, $"/Organisations/Move/{community.Id}", $"/Organisations/Move/{community.Id}", new()
        {
            ["NewParentId"] = puan.Id.ToString(CultureInfo.InvariantCulture),
            ["Version"] = "0",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var (moved, child, audits) = await county.Factory.WithScopeAsync(async db => (
            await db.Organisations.SingleAsync(o => o.Id == community.Id),
            await db.Organisations.SingleAsync(o => o.Id == unit.Id),
            await db.AuditEntries.CountAsync(a => a.EntityType == nameof(Organisation) && a.Action == "Modified"
                && (a.EntityId == community.Id.ToString() || a.EntityId == unit.Id.ToString()))));
        Assert.Equal(puan.Id, moved.ParentId);
        Assert.StartsWith(puan.Path, moved.Path, StringComparison.Ordinal);
        Assert.Equal(OrganisationPath.DepthOf(moved.Path), moved.Depth);
        Assert.Equal(moved.Path, child.Path[..moved.Path.Length]);
        Assert.Equal(moved.Depth + 1, child.Depth);
        Assert.Equal(2, audits);
    }

    [Fact]
    public async Task An_organisation_cannot_move_under_its_own_descendant()
    {
        var community = await county.AddAsync("新宁镇", OrganisationKind.Community);
        var unit = await county.AddAsync(community.Name, OrganisationKind.Unit, UnitKind.Enterprise);
        var client = await county.SignedInAsync();

        var response = await PostAsync(client, $"/Organisations/Move/{community.Id}", $"/Organisations/Move/{community.Id}", new()
        {
            ["NewParentId"] = unit.Id.ToString(CultureInfo.InvariantCulture),
            ["Version"] = "0",
        });
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("不能迁移到自身或其下级组织之下", html, StringComparison.Ordinal);
        Assert.Equal(community.Path, (await county.Factory.WithScopeAsync(db => db.Organisations.SingleAsync(o => o.Id == community.Id))).Path);
    }

    [Fact]
    public async Task Closing_asks_for_confirmation_then_hides_the_organisation_from_the_tree()
    {
        var village = await county.AddAsync("普安镇", OrganisationKind.Village);
        var puan = await county.OrganisationAsync("普安镇");
        var client = await county.SignedInAsync();

        var confirmation = await client.Http.GetStringAsync($"/Organisations/Close/{village.Id}");
        Assert.Contains("确认撤销", confirmation, StringComparison.Ordinal);
        Assert.Null((await county.Factory.WithScopeAsync(db => db.Organisations.SingleAsync(o => o.Id == village.Id))).ClosedOn);

        var response = await client.PostFormAsync($"/Organisations/Close/{village.Id}", confirmation, new() { ["Version"] = "0" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.NotNull((await county.Factory.WithScopeAsync(db => db.Organisations.SingleAsync(o => o.Id == village.Id))).ClosedOn);
        Assert.True(await county.Factory.WithScopeAsync(db => db.AuditEntries.AnyAsync(a =>
            a.EntityType == nameof(Organisation) && a.EntityId == village.Id.ToString() && a.After!.Contains("ClosedOn"))));
        Assert.DoesNotContain(village.Name, await client.Http.GetStringAsync($"/Organisations/Children/{puan.Id}"), StringComparison.Ordinal);
        var withClosed = await client.Http.GetStringAsync($"/Organisations/Children/{puan.Id}?closed=true");
        Assert.Contains(village.Name, withClosed, StringComparison.Ordinal);
        Assert.Contains("已撤销", withClosed, StringComparison.Ordinal);
        Assert.Contains("已撤销", await client.Http.GetStringAsync($"/Organisations/Details/{village.Id}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_organisation_with_open_children_is_not_closed()
    {
        var community = await county.AddAsync("新宁镇", OrganisationKind.Community);
        await county.AddAsync(community.Name, OrganisationKind.Unit, UnitKind.Enterprise);
        var client = await county.SignedInAsync();

        var response = await PostAsync(client, $"/Organisations/Close/{community.Id}", $"/Organisations/Close/{community.Id}", new() { ["Version"] = "0" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("请先撤销或迁移其下级组织", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null((await county.Factory.WithScopeAsync(db => db.Organisations.SingleAsync(o => o.Id == community.Id))).ClosedOn);
    }

    [Fact]
    public async Task The_second_of_two_concurrent_edits_is_refused_and_shows_what_the_first_saved()
    {
        var village = await county.AddAsync("普安镇", OrganisationKind.Village);
        var first = await county.SignedInAsync();
        var second = await county.SignedInAsync("admin");
        var firstForm = await first.Http.GetStringAsync($"/Organisations/Edit/{village.Id}");
        var secondForm = await second.Http.GetStringAsync($"/Organisations/Edit/{village.Id}");

        var firstFields = Particulars("第一人改的村名", OrganisationKind.Village);
        firstFields["Version"] = "0";
        var saved = await first.PostFormAsync($"/Organisations/Edit/{village.Id}", firstForm, firstFields);
        var secondFields = Particulars("第二人改的村名", OrganisationKind.Village);
        secondFields["Version"] = "0";
        secondFields["AnnualFunds"] = "999";
        var refused = await second.PostFormAsync($"/Organisations/Edit/{village.Id}", secondForm, secondFields);
        var html = await refused.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("其他人", html, StringComparison.Ordinal); // the conflict message
        Assert.Contains("第一人改的村名", html, StringComparison.Ordinal); // what the other person saved
        Assert.Contains("value=\"第二人改的村名\"", html, StringComparison.Ordinal); // her own typing kept
        Assert.Contains("name=\"Version\" value=\"1\"", html, StringComparison.Ordinal);
        var stored = await county.Factory.WithScopeAsync(db => db.Organisations.SingleAsync(o => o.Id == village.Id));
        Assert.Equal("第一人改的村名", stored.Name);
        Assert.Equal(12000.50m, stored.AnnualFunds);
    }

    [Theory]
    [InlineData("leader")]
    [InlineData("chair.puan")]
    public async Task Leadership_and_township_chairs_may_not_create_move_or_close(string user)
    {
        var village = await county.AddAsync("普安镇", OrganisationKind.Village);
        var puan = await county.OrganisationAsync("普安镇");
        var huilong = await county.OrganisationAsync("回龙镇");
        var client = await county.SignedInAsync(user);
        var page = await client.Http.GetStringAsync("/");
        var name = "越权" + Guid.NewGuid().ToString("N")[..6];
        var create = Particulars(name, OrganisationKind.Village);
        create["ParentId"] = puan.Id.ToString(CultureInfo.InvariantCulture);

        Assert.Equal(HttpStatusCode.Forbidden, (await client.Http.GetAsync($"/Organisations/Create?parentId={puan.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostFormAsync("/Organisations/Create", page, create)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.Http.GetAsync($"/Organisations/Move/{village.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostFormAsync($"/Organisations/Move/{village.Id}", page, new()
        {
            ["NewParentId"] = huilong.Id.ToString(CultureInfo.InvariantCulture),
            ["Version"] = "0",
        })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.Http.GetAsync($"/Organisations/Close/{village.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostFormAsync($"/Organisations/Close/{village.Id}", page, new() { ["Version"] = "0" })).StatusCode);

        var stored = await county.Factory.WithScopeAsync(db => db.Organisations.SingleAsync(o => o.Id == village.Id));
        Assert.Equal(village.Path, stored.Path);
        Assert.Null(stored.ClosedOn);
        Assert.False(await county.Factory.WithScopeAsync(db => db.Organisations.AnyAsync(o => o.Name == name)));
    }
}
