using System.Globalization;
using System.Net;
using Kaijiang.Federation.IntegrationTests.Infrastructure;
using Kaijiang.Federation.IntegrationTests.RosterImport;
using Kaijiang.Federation.Web.Data;
using Kaijiang.Federation.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kaijiang.Federation.IntegrationTests.History;

/// <summary>History after edits, on a county of its own.</summary>
[Collection(RosterWritesCollection.Name)]
public sealed class HistoryWriteTests(RosterWritesFixture fixture)
{
    private PortalFactory Factory => fixture.Factory;

    [Fact]
    public async Task The_history_of_an_organisation_shows_an_edit_before_and_after()
    {
        var puan = await Factory.WithScopeAsync(db => db.Organisations.SingleAsync(o => o.Name == "普安镇"));
        var client = new PortalClient(Factory);
        await client.LoginAsync("county.staff");
        var form = await client.Http.GetStringAsync($"/Organisations/Edit/{puan.Id}");
        var response = await client.PostFormAsync($"/Organisations/Edit/{puan.Id}", form, new()
        {
            ["Name"] = puan.Name,
            ["Kind"] = puan.Kind.ToString(),
            ["UnitKind"] = puan.UnitKind.ToString(),
            ["PinyinInitials"] = puan.PinyinInitials ?? "",
            ["DivisionCode"] = puan.DivisionCode ?? "",
            ["ReformStatus"] = puan.ReformStatus.ToString(),
            ["ReformDate"] = puan.ReformDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "",
            ["AnnualFunds"] = puan.AnnualFunds.ToString(CultureInfo.InvariantCulture),
            ["ContactName"] = puan.ContactName ?? "",
            ["ContactPhone"] = puan.ContactPhone ?? "",
            ["Address"] = "普安镇<b>新</b>街 8 号",
            ["Version"] = puan.Version.ToString(CultureInfo.InvariantCulture),
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        var html = await client.Http.GetStringAsync($"/History/Organisation/{puan.Id}");

        var entry = html[html.IndexOf("data-action=\"Modified\"", StringComparison.Ordinal)..];
        Assert.Contains("data-property=\"Address\"", entry, StringComparison.Ordinal);
        Assert.Contains("普安镇&lt;b&gt;新&lt;/b&gt;街 8 号", entry, StringComparison.Ordinal);
        Assert.Contains(puan.Address ?? "", entry, StringComparison.Ordinal);
        Assert.Contains("county.staff", entry, StringComparison.Ordinal);
        Assert.Contains("地址", entry, StringComparison.Ordinal); // the field's label, not its property name
        Assert.DoesNotContain("data-property=\"Version\"", html, StringComparison.Ordinal);

        // Township chairs of Puan see it; Xinning's do not.
        var chair = new PortalClient(Factory);
        await chair.LoginAsync("chair.xinning");
        Assert.Equal(HttpStatusCode.NotFound, (await chair.Http.GetAsync($"/History/Organisation/{puan.Id}")).StatusCode);
        var own = new PortalClient(Factory);
        await own.LoginAsync("chair.puan");
        Assert.Contains("data-property=\"Address\"", await own.Http.GetStringAsync($"/History/Organisation/{puan.Id}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Changes_to_people_and_terms_carry_their_organisations_path_with_one_lookup_per_save()
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FederationDbContext>();
        var villages = await db.Organisations.AsNoTracking().Where(o => o.Kind == OrganisationKind.Village).OrderBy(o => o.Id).Take(3).ToListAsync();
        var people = villages.Select((v, i) => new Person
        {
            OrganisationId = v.Id,
            Name = "路径测试" + i,
            IdNumber = RosterSheets.IdNumber(90_000 + i),
        }).ToList();
        db.People.AddRange(people);
        await db.SaveChangesAsync();

        // Modified, with the organisation untracked as well.
        db.ChangeTracker.Clear();
        var first = await db.People.SingleAsync(p => p.Id == people[0].Id);
        first.Ethnicity = "汉族";
        await db.SaveChangesAsync();

        var keys = people.Select(p => p.Id.ToString(CultureInfo.InvariantCulture)).ToList();
        var entries = await db.AuditEntries.AsNoTracking().Where(a => a.EntityType == nameof(Person) && keys.Contains(a.EntityId!))
            .Select(a => new { a.EntityId, a.Action, a.OrganisationPath }).ToListAsync();
        Assert.Equal(4, entries.Count);
        foreach (var entry in entries)
        {
            var person = people.Single(p => p.Id.ToString(CultureInfo.InvariantCulture) == entry.EntityId);
            Assert.Equal(villages.Single(v => v.Id == person.OrganisationId).Path, entry.OrganisationPath);
        }
    }
}
