using System.Globalization;
using System.Net;
using Kaijiang.Federation.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Kaijiang.Federation.IntegrationTests.Shell;

/// <summary>Letters in a number field: the framework's own message comes in the user's language, the typing is kept.</summary>
[Collection(DemoCountyCollection.Name)]
public sealed class BindingMessageTests(DemoCountyFixture county)
{
    [Theory]
    [InlineData("zh-CN", "“三万”不是有效的年度工作经费（元）。")]
    [InlineData("en", "'三万' is not a valid Annual work funds (yuan).")]
    public async Task Letters_in_a_number_field_get_a_localised_message_and_nothing_is_saved(string language, string expected)
    {
        var puan = await county.Factory.WithScopeAsync(db => db.Organisations.AsNoTracking().SingleAsync(o => o.Name == "普安镇"));
        var client = new PortalClient(county.Factory, language);
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
            ["AnnualFunds"] = "三万",
            ["Address"] = "不应保存的地址",
            ["Version"] = puan.Version.ToString(CultureInfo.InvariantCulture),
        });
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(expected, html, StringComparison.Ordinal);
        Assert.Contains("不应保存的地址", html, StringComparison.Ordinal); // her typing is kept
        Assert.NotEqual("不应保存的地址", await county.Factory.WithScopeAsync(db => db.Organisations.Where(o => o.Id == puan.Id).Select(o => o.Address).SingleAsync()));
    }

    [Fact]
    public async Task A_check_box_posted_with_a_value_that_is_not_a_boolean_gets_the_form_back_with_a_message_not_a_500()
    {
        var xinning = await county.Factory.WithScopeAsync(db => db.Organisations.AsNoTracking().SingleAsync(o => o.Name == "新宁镇"));
        var terms = await county.Factory.WithScopeAsync(db => db.OfficeTerms.CountAsync());
        var client = new PortalClient(county.Factory);
        await client.LoginAsync("county.staff");
        var url = $"/Terms/Start?organisationId={xinning.Id}";
        var form = await client.Http.GetStringAsync(url);

        // What the wapiti scan sent: the check box's value with quotes and a bracket appended.
        var response = await client.PostFormAsync(url, form, new()
        {
            ["Input.Office"] = "ExecutiveMember",
            ["Input.IsFullTime"] = "true¿'\"(",
            ["NewPerson.Name"] = "",
        });
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("“true¿'\"(”不是有效的", html, StringComparison.Ordinal);
        Assert.Equal(terms, await county.Factory.WithScopeAsync(db => db.OfficeTerms.CountAsync()));
    }
}
