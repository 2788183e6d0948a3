using System.Globalization;
using System.Net;
using Kaijiang.Federation.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace Kaijiang.Federation.IntegrationTests.Organisations;

/// <summary>
/// The organisation page's subtree figures are cached briefly (ReadCache); a saved change drops them at once, so the
/// page read right after a change shows it.
/// </summary>
public sealed partial class OrganisationWriteTests
{
    [Fact]
    public async Task A_village_created_under_a_township_shows_on_the_township_page_read_just_before_and_just_after()
    {
        var township = await county.OrganisationAsync("普安镇");
        var client = await county.SignedInAsync();
        var page = $"/Organisations/Details/{township.Id}?kind=Village";
        await client.Http.GetStringAsync(page);
        var before = await client.Http.GetStringAsync(page); // the second read is the cached one
        var name = "缓存测试村" + Guid.NewGuid().ToString("N")[..6];
        Assert.DoesNotContain(name, before, StringComparison.Ordinal);
        var fields = Particulars(name, OrganisationKind.Village);
        fields["ParentId"] = township.Id.ToString(CultureInfo.InvariantCulture);

        var response = await PostAsync(client, $"/Organisations/Create?parentId={township.Id}", "/Organisations/Create", fields);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var after = await client.Http.GetStringAsync(page);

        Assert.Contains(name, after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_change_to_the_organisation_itself_shows_on_its_page_read_just_before_and_just_after()
    {
        var township = await county.OrganisationAsync("普安镇");
        var client = await county.SignedInAsync();
        var page = $"/Organisations/Details/{township.Id}";
        await client.Http.GetStringAsync(page);
        var before = await client.Http.GetStringAsync(page); // the cached particulars
        var contact = "缓存联系人" + Guid.NewGuid().ToString("N")[..4];
        Assert.DoesNotContain(contact, before, StringComparison.Ordinal);

        await county.Factory.WithScopeAsync(async db =>
        {
            var organisation = await db.Organisations.SingleAsync(o => o.Id == township.Id);
            organisation.ContactName = contact;
            return await db.SaveChangesAsync();
        });

        Assert.Contains(contact, await client.Http.GetStringAsync(page), StringComparison.Ordinal);
    }
}
