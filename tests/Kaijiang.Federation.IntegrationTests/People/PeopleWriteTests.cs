using System.Net;
using Kaijiang.Federation.IntegrationTests.Infrastructure;
using Kaijiang.Federation.Web.Domain;
using Microsoft.EntityFrameworkCore;
using static Kaijiang.Federation.IntegrationTests.People.PeopleTestData;

namespace Kaijiang.Federation.IntegrationTests.People;

/// <summary>Registering and correcting people over HTTP, on a county of its own: rules, duplicates, concurrency.</summary>
[Collection(DemoCountyCollection.Name)] // hosts start one at a time: Serilog's bootstrap logger is process-wide
public sealed class PeopleWriteTests(WritableCountyFixture county) : IClassFixture<WritableCountyFixture>
{
    private PortalFactory Factory => county.Factory;

    private static readonly DateOnly Birth = new(1985, 6, 15);

    private async Task<(PortalClient Client, string Page, int Jianshe)> CreatePageAsync(string user = "county.staff")
    {
        var client = await SignedInAsync(Factory, user);
        var page = await client.Http.GetStringAsync("/People/Create");
        return (client, page, await OrganisationIdAsync(Factory, "建设社区"));
    }

    private Task<int> CountNamedAsync(string name) => Factory.WithScopeAsync(db => db.People.CountAsync(p => p.Name == name));

    public static TheoryData<string, string, string> BadIdNumbers()
    {
        var valid = ResidentIdNumber.Create("110101", Birth, 2);
        var wrongCheck = valid[..17] + (valid[17] == '0' ? '1' : '0');
        return new()
        {
            { "short", valid[..17], "身份证号应为 18 位，您填写了 17 位。" },
            { "letters", "11010119850615A02" + valid[17], "身份证号的前 17 位只能是数字，最后一位是数字或 X。" },
            { "no such date", ResidentIdNumber.Create("110101", new DateOnly(1985, 2, 28), 2).Replace("19850228", "19850230", StringComparison.Ordinal), "身份证号第 7–14 位的出生日期无效" },
            { "check digit", wrongCheck, "身份证号的校验位（最后一位）不正确" },
            { "other birth date", ResidentIdNumber.Create("110101", new DateOnly(1986, 6, 15), 2), "身份证号中的出生日期是 1986-06-15，与填写的出生日期不一致。" },
            { "a man's number", ResidentIdNumber.Create("110101", Birth, 3), "身份证号显示性别为男，与所选性别不一致。" },
        };
    }

    [Theory]
    [MemberData(nameof(BadIdNumbers))]
    public async Task A_bad_ID_number_is_refused_with_its_reason_and_the_typing_kept(string why, string idNumber, string message)
    {
        var (client, page, jianshe) = await CreatePageAsync();
        var name = Unique("错号");

        var response = await client.PostFormAsync("/People/Create", page, PersonForm(name, Birth, idNumber, "13812345678", jianshe));
        var html = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.OK, why);
        Assert.Contains(message, html, StringComparison.Ordinal);
        Assert.Equal(idNumber, InputValue(html, "Input.IdNumber"));
        Assert.Equal(name, InputValue(html, "Input.Name"));
        Assert.Equal("13812345678", InputValue(html, "Input.Phone"));
        Assert.Equal(0, await CountNamedAsync(name));
    }

    [Theory]
    [InlineData("phone", "12345678901", null, "手机号应为 11 位中国大陆手机号码")]
    [InlineData("future birth", "13812345678", "2999-01-01", "出生日期不能晚于今天。")]
    [InlineData("before 1900", "13812345678", "1899-12-31", "出生日期不能早于 1900 年。")]
    public async Task A_bad_phone_or_birth_date_is_refused_and_nothing_is_written(string why, string phone, string? birth, string message)
    {
        var (client, page, jianshe) = await CreatePageAsync();
        var name = Unique("错填");
        var form = PersonForm(name, null, null, phone, jianshe);
        form["Input.BirthDate"] = birth ?? "";

        var html = await (await client.PostFormAsync("/People/Create", page, form)).Content.ReadAsStringAsync();

        Assert.True(html.Contains(message, StringComparison.Ordinal), why);
        Assert.Equal(phone, InputValue(html, "Input.Phone"));
        Assert.Equal(0, await CountNamedAsync(name));
    }

    [Theory]
    [InlineData("王😀芳", "姓名只能包含文字")]
    [InlineData("<script>alert(1)</script>", "姓名只能包含文字")]
    [InlineData("超长的名字超长的名字超长的名字超长的名字超长的名字超长的名字超长的名字超长的名字超长的名字超长的名字超长的名字", "姓名最多 50 个字符（现为 55 个）。")]
    public async Task Emoji_markup_and_very_long_names_are_refused(string name, string message)
    {
        var (client, page, jianshe) = await CreatePageAsync();

        var html = await (await client.PostFormAsync("/People/Create", page, PersonForm(name, Birth, organisationId: jianshe))).Content.ReadAsStringAsync();

        Assert.Contains(message, html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert(1)", html, StringComparison.Ordinal);
        Assert.Equal(name, InputValue(html, "Input.Name"));
        Assert.Equal(0, await CountNamedAsync(name));
    }

    [Fact]
    public async Task A_rare_character_name_is_stored_and_markup_in_a_text_field_is_shown_as_text()
    {
        var (client, page, jianshe) = await CreatePageAsync();
        var name = "𠀾" + Unique("丽"); // U+2003E, outside the Basic Multilingual Plane
        var form = PersonForm(name, Birth, NewIdNumber(Birth), "13912345678", jianshe);
        form["Input.Ethnicity"] = "<b>汉</b>";

        var created = await client.PostFormAsync("/People/Create", page, form);

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var html = await client.Http.GetStringAsync(created.Headers.Location!.OriginalString);
        Assert.Contains(name, WebUtility.HtmlDecode(html), StringComparison.Ordinal);
        Assert.Contains("&lt;b&gt;汉&lt;/b&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>汉</b>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_ID_number_already_on_file_links_to_that_person_instead_of_failing()
    {
        var chair = await ChairOfAsync(Factory, "建设社区");
        var birth = ResidentIdNumber.BirthDateOf(chair.IdNumber)!.Value;
        var (client, page, jianshe) = await CreatePageAsync();
        var name = Unique("重号");

        var response = await client.PostFormAsync("/People/Create", page, PersonForm(name, birth, chair.IdNumber, organisationId: jianshe, sex: ResidentIdNumber.SexOf(chair.IdNumber)!.Value));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"该身份证号已登记为 {chair.Name}", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"/People/Details/{chair.PersonId}\"", html, StringComparison.Ordinal);
        Assert.Equal(0, await CountNamedAsync(name));
    }

    [Fact]
    public async Task A_township_chair_is_told_an_ID_number_is_taken_outside_her_scope_without_seeing_whose()
    {
        var puanChair = await ChairOfAsync(Factory, "普安镇");
        var birth = ResidentIdNumber.BirthDateOf(puanChair.IdNumber)!.Value;
        var (client, page, jianshe) = await CreatePageAsync("chair.xinning");

        var html = await (await client.PostFormAsync("/People/Create", page, PersonForm(Unique("外号"), birth, puanChair.IdNumber, organisationId: jianshe, sex: ResidentIdNumber.SexOf(puanChair.IdNumber)!.Value)))
            .Content.ReadAsStringAsync();

        Assert.Contains("该身份证号已登记在您管辖范围以外的组织", html, StringComparison.Ordinal);
        Assert.DoesNotContain(puanChair.Name, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_name_already_on_file_is_offered_first_and_created_only_when_confirmed()
    {
        var chair = await ChairOfAsync(Factory, "建设社区");
        var (client, page, jianshe) = await CreatePageAsync();
        var before = await CountNamedAsync(chair.Name);
        var form = PersonForm(chair.Name, Birth, NewIdNumber(Birth), organisationId: jianshe);

        var offered = await (await client.PostFormAsync("/People/Create", page, form)).Content.ReadAsStringAsync();
        Assert.Contains($"data-person=\"{chair.PersonId}\"", offered, StringComparison.Ordinal);
        Assert.Equal(before, await CountNamedAsync(chair.Name));

        form["Input.ConfirmedNew"] = "true";
        var created = await client.PostFormAsync("/People/Create", offered, form);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Equal(before + 1, await CountNamedAsync(chair.Name));
    }

    [Fact]
    public async Task Two_people_editing_one_person_the_second_save_is_refused_showing_the_first_ones_values()
    {
        var (client, page, jianshe) = await CreatePageAsync();
        var name = Unique("并发");
        var idNumber = NewIdNumber(Birth);
        var created = await client.PostFormAsync("/People/Create", page, PersonForm(name, Birth, idNumber, "13700000001", jianshe));
        var id = int.Parse(created.Headers.Location!.OriginalString.Split('/').Last(), System.Globalization.CultureInfo.InvariantCulture);
        var other = await SignedInAsync(Factory, "admin");
        var mine = await client.Http.GetStringAsync($"/People/Edit/{id}");
        var theirs = await other.Http.GetStringAsync($"/People/Edit/{id}");
        var version = InputValue(mine, "Input.Version")!;

        var first = PersonForm(name, Birth, idNumber, "13700000002", jianshe);
        first["Input.Version"] = version;
        Assert.Equal(HttpStatusCode.Redirect, (await other.PostFormAsync($"/People/Edit/{id}", theirs, first)).StatusCode);

        var second = PersonForm(name, Birth, idNumber, "13700000003", jianshe);
        second["Input.Ethnicity"] = "回族";
        second["Input.Version"] = version;
        var refused = await client.PostFormAsync($"/People/Edit/{id}", mine, second);
        var html = await refused.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("其他人已修改了这条记录", html, StringComparison.Ordinal);
        Assert.Contains("他人已改为：13700000002", html, StringComparison.Ordinal);
        Assert.Equal("13700000003", InputValue(html, "Input.Phone"));
        Assert.Equal("回族", InputValue(html, "Input.Ethnicity"));
        Assert.NotEqual(version, InputValue(html, "Input.Version"));
        var stored = await Factory.WithScopeAsync(db => db.People.Where(p => p.Id == id).Select(p => new { p.Phone, p.Ethnicity }).SingleAsync());
        Assert.Equal(("13700000002", "汉族"), (stored.Phone, stored.Ethnicity));
    }

    [Fact]
    public async Task A_village_chair_edits_a_person_without_seeing_her_ID_number_and_a_blank_keeps_it()
    {
        var (staff, page, jianshe) = await CreatePageAsync();
        var name = Unique("村民");
        var idNumber = NewIdNumber(Birth);
        var created = await staff.PostFormAsync("/People/Create", page, PersonForm(name, Birth, idNumber, "13600000001", jianshe));
        var id = int.Parse(created.Headers.Location!.OriginalString.Split('/').Last(), System.Globalization.CultureInfo.InvariantCulture);
        var chair = await SignedInAsync(Factory, "chair.jianshe");

        var form = await chair.Http.GetStringAsync($"/People/Edit/{id}");
        Assert.DoesNotContain(idNumber, form, StringComparison.Ordinal);
        Assert.Contains(ResidentIdNumber.Mask(idNumber), form, StringComparison.Ordinal);
        var edit = PersonForm(name, Birth, null, null, jianshe);
        edit["Input.Ethnicity"] = "苗族";
        edit["Input.Version"] = InputValue(form, "Input.Version")!;
        Assert.Equal(HttpStatusCode.Redirect, (await chair.PostFormAsync($"/People/Edit/{id}", form, edit)).StatusCode);

        var stored = await Factory.WithScopeAsync(db => db.People.Where(p => p.Id == id).Select(p => new { p.IdNumber, p.Phone, p.Ethnicity }).SingleAsync());
        Assert.Equal((idNumber, "13600000001", "苗族"), (stored.IdNumber, stored.Phone, stored.Ethnicity));
    }
}
