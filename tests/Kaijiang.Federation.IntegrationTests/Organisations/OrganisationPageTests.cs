using Kaijiang.Federation.Web.Domain;
using Microsoft.Extensions.DependencyInjection;

namespace Kaijiang.Federation.IntegrationTests.Organisations;

/// <summary>The organisation page: roster grouped by office, masked phones, the stipend rule, vacancies and terms ending soon.</summary>
public sealed partial class OrganisationWriteTests
{
    private async Task<(Organisation Village, int ChairTermId, int ChairId)> VillageWithRosterAsync()
    {
        var village = await county.AddAsync("普安镇", OrganisationKind.Village);
        return await county.Factory.WithScopeAsync(async db =>
        {
            var today = county.Factory.Services.GetRequiredService<TimeProvider>().Today();
            Person NewPerson(string name, string phone) => new() { OrganisationId = village.Id, Name = name, Phone = phone };
            var chair = NewPerson("测主席", "13912345678");
            var vice = NewPerson("测副主席", "13787654321");
            var chairTerm = new OfficeTerm
            {
                OrganisationId = village.Id, Person = chair, Office = Office.Chair, IsFullTime = false, InTwoCommittees = true,
                IsPartySecretary = true, StartOn = today.AddYears(-2), PlannedEndOn = today.AddYears(3),
                MonthlyStipend = 1000m, SecretaryMonthlyPay = 3300m,
            };
            var viceTerm = new OfficeTerm
            {
                OrganisationId = village.Id, Person = vice, Office = Office.ViceChair, StartOn = today.AddYears(-5).AddDays(30),
                PlannedEndOn = today.AddDays(30), MonthlyStipend = 500m, SecretaryMonthlyPay = 1500m,
            };
            db.OfficeTerms.AddRange(chairTerm, viceTerm);
            await db.SaveChangesAsync();
            return (village, chairTerm.Id, chair.Id);
        });
    }

    [Fact]
    public async Task The_roster_shows_offices_cross_posts_masked_phones_and_the_stipend_rule_computed()
    {
        var (village, chairTermId, chairId) = await VillageWithRosterAsync();
        var client = await county.SignedInAsync();

        var html = await client.Http.GetStringAsync($"/Organisations/Details/{village.Id}");

        Assert.Contains("data-office=\"Chair\"", html, StringComparison.Ordinal);
        Assert.Contains("data-office=\"ViceChair\"", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"/People/Details/{chairId}\"", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"/Terms/Edit/{chairTermId}\"", html, StringComparison.Ordinal);
        Assert.Contains("139****5678", html, StringComparison.Ordinal);
        Assert.DoesNotContain("13912345678", html, StringComparison.Ordinal);
        Assert.Contains("进两委", html, StringComparison.Ordinal);
        Assert.Contains("未达标", html, StringComparison.Ordinal); // 1000 × 3 < 3300
        Assert.Contains("达标", html.Replace("未达标", "", StringComparison.Ordinal), StringComparison.Ordinal); // 500 × 3 = 1500
        Assert.Contains($"href=\"/Terms/Start?organisationId={village.Id}\"", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"/History/Organisation/{village.Id}\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Vacancies_and_terms_ending_within_ninety_days_are_listed()
    {
        var (village, _, _) = await VillageWithRosterAsync();
        var client = await county.SignedInAsync();

        var html = await client.Http.GetStringAsync($"/Organisations/Details/{village.Id}");

        // A village needs five executive members and has none; its chair and vice-chair are there.
        Assert.Contains("执委：现有 0 人，应配 5 人，缺 5 人", html, StringComparison.Ordinal);
        Assert.DoesNotContain("主席：现有 0 人", html, StringComparison.Ordinal);
        var endingSoon = html[html.IndexOf("id=\"ending-soon\"", StringComparison.Ordinal)..];
        Assert.Contains("测副主席", endingSoon[..endingSoon.IndexOf("</ul>", StringComparison.Ordinal)], StringComparison.Ordinal);
        Assert.DoesNotContain("测主席", endingSoon[..endingSoon.IndexOf("</ul>", StringComparison.Ordinal)], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Leadership_reads_the_page_without_the_add_officer_or_change_buttons()
    {
        var (village, _, _) = await VillageWithRosterAsync();
        var client = await county.SignedInAsync("leader");

        var html = await client.Http.GetStringAsync($"/Organisations/Details/{village.Id}");

        Assert.Contains("测主席", html, StringComparison.Ordinal);
        Assert.DoesNotContain("/Terms/Start", html, StringComparison.Ordinal);
        Assert.DoesNotContain("/Terms/Edit", html, StringComparison.Ordinal);
        Assert.DoesNotContain($"/Organisations/Close/{village.Id}", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_township_page_lists_its_children_with_figures_filtered_by_kind_in_the_url()
    {
        var xinning = await county.OrganisationAsync("新宁镇");
        var client = await county.SignedInAsync("chair.xinning");

        var all = await client.Http.GetStringAsync($"/Organisations/Details/{xinning.Id}");
        var units = await client.Http.GetStringAsync($"/Organisations/Details/{xinning.Id}?kind=Unit");

        Assert.Contains("建设社区", all, StringComparison.Ordinal);
        Assert.DoesNotContain("建设社区", units, StringComparison.Ordinal);
        Assert.Contains("有限公司", units, StringComparison.Ordinal);
        Assert.Contains($"href=\"/Terms/Start?organisationId={xinning.Id}\"", all, StringComparison.Ordinal);
    }
}
