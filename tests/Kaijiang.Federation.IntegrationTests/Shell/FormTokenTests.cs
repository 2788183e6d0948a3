using System.Text.RegularExpressions;
using Kaijiang.Federation.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Kaijiang.Federation.IntegrationTests.Shell;

/// <summary>Every POST form on a page carries exactly one anti-forgery token, however its action is written.</summary>
[Collection(DemoCountyCollection.Name)]
public sealed partial class FormTokenTests(DemoCountyFixture county)
{
    [Fact]
    public async Task Every_post_form_carries_exactly_one_token()
    {
        var (xinning, person, term) = await county.Factory.WithScopeAsync(async db =>
        {
            var org = await db.Organisations.Where(o => o.Name == "新宁镇").Select(o => o.Id).SingleAsync();
            var t = await db.OfficeTerms.Where(x => x.OrganisationId == org && x.EndedOn == null).Select(x => new { x.Id, x.PersonId }).FirstAsync();
            return (org, t.PersonId, t.Id);
        });
        var client = new PortalClient(county.Factory);
        await client.LoginAsync("county.staff");
        var pages = new[]
        {
            "/", $"/Organisations/Edit/{xinning}", $"/Organisations/Details/{xinning}", $"/People/Edit/{person}", $"/Terms/Edit/{term}",
            $"/Terms/End/{term}", $"/Terms/Start?organisationId={xinning}", "/People/Create", "/Account/ChangePassword",
        };

        var checkedForms = 0;
        foreach (var url in pages)
        {
            var html = await client.Http.GetStringAsync(url);
            foreach (Match form in PostForm().Matches(html))
            {
                checkedForms++;
                Assert.True(Token().Count(form.Value) == 1, $"{url}: a POST form without exactly one token: {form.Value[..Math.Min(200, form.Value.Length)]}");
            }
        }

        Assert.True(checkedForms >= pages.Length, $"only {checkedForms} forms checked");
    }

    [GeneratedRegex(@"<form[^>]*method=""post""[^>]*>.*?</form>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex PostForm();

    [GeneratedRegex("name=\"__RequestVerificationToken\"")]
    private static partial Regex Token();
}
