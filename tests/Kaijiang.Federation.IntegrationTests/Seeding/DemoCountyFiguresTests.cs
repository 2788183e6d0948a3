using Kaijiang.Federation.IntegrationTests.Infrastructure;
using Kaijiang.Federation.Web.Data;
using Kaijiang.Federation.Web.Domain;
using Kaijiang.Federation.Web.Seeding;
using Microsoft.EntityFrameworkCore;

namespace Kaijiang.Federation.IntegrationTests.Seeding;

/// <summary>Every figure of shared/seed/figures.md, counted from the seeded database.</summary>
[Collection(DemoCountyCollection.Name)]
public class DemoCountyFiguresTests(DemoCountyFixture fixture)
{
    private readonly PortalFactory _factory = fixture.Factory;

    private Task<T> Db<T>(Func<FederationDbContext, Task<T>> query) => _factory.WithScopeAsync(query);

    private static IQueryable<OfficeTerm> CurrentTerms(FederationDbContext db, params OrganisationKind[] kinds) =>
        db.OfficeTerms.Where(t => t.EndedOn == null && kinds.Contains(t.Organisation!.Kind));

    private static IQueryable<OfficeTerm> GrassrootsChairs(FederationDbContext db) =>
        CurrentTerms(db, OrganisationKind.Village, OrganisationKind.Community).Where(t => t.Office == Office.Chair);

    // Organisation ------------------------------------------------------------------------------------------

    [Fact]
    public async Task Township_federations_elected_140_executive_members_seven_each()
    {
        var perTownship = await Db(db => CurrentTerms(db, OrganisationKind.Township)
            .Where(t => t.Office == Office.ExecutiveMember)
            .GroupBy(t => t.OrganisationId)
            .Select(g => g.Count())
            .ToListAsync());

        Assert.Equal(20, perTownship.Count);
        Assert.All(perTownship, count => Assert.Equal(7, count));
        Assert.Equal(140, perTownship.Sum());
    }

    [Fact]
    public async Task Townships_have_40_chairs_and_vice_chairs_a_full_time_chair_and_a_part_time_vice_each()
    {
        var terms = await Db(db => CurrentTerms(db, OrganisationKind.Township)
            .Where(t => t.Office == Office.Chair || t.Office == Office.ViceChair)
            .Select(t => new { t.OrganisationId, t.Office, t.IsFullTime })
            .ToListAsync());

        Assert.Equal(40, terms.Count);
        Assert.Equal(20, terms.Count(t => t.Office == Office.Chair && t.IsFullTime));
        Assert.Equal(20, terms.Count(t => t.Office == Office.ViceChair && !t.IsFullTime));
        Assert.All(terms.GroupBy(t => t.OrganisationId), g => Assert.Equal(2, g.Count()));
    }

    [Fact]
    public async Task Each_of_the_20_townships_has_30000_yuan_of_work_funds()
    {
        var funds = await Db(db => db.Organisations.Where(o => o.Kind == OrganisationKind.Township).Select(o => o.AnnualFunds).ToListAsync());

        Assert.Equal(20, funds.Count);
        Assert.All(funds, f => Assert.Equal(30_000.00m, f));
    }

    [Fact]
    public async Task Twenty_three_units_jointly_built_the_Jianshe_Community_federation_in_Xinning_Town()
    {
        var jianshe = await Db(db => db.Organisations
            .Where(o => o.Name == "建设社区")
            .Select(o => new
            {
                o.Kind,
                Township = o.Parent!.Name,
                Units = o.Children.Count(c => c.Kind == OrganisationKind.Unit && c.UnitKind == UnitKind.JointFederationMember),
                Children = o.Children.Count,
            })
            .SingleAsync());

        Assert.Equal(OrganisationKind.Community, jianshe.Kind);
        Assert.Equal("新宁镇", jianshe.Township);
        Assert.Equal(23, jianshe.Units);
        Assert.Equal(23, jianshe.Children);
    }

    [Fact]
    public async Task The_county_has_196_villages_and_31_communities_under_20_townships()
    {
        var counts = await Db(db => db.Organisations.GroupBy(o => o.Kind).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count));

        Assert.Equal(1, counts[OrganisationKind.County]);
        Assert.Equal(20, counts[OrganisationKind.Township]);
        Assert.Equal(196, counts[OrganisationKind.Village]);
        Assert.Equal(31, counts[OrganisationKind.Community]);
        Assert.Equal(23 + 36, counts[OrganisationKind.Unit]);
    }

    [Fact]
    public async Task The_county_seat_holds_most_communities()
    {
        var seat = await Db(db => db.Organisations.CountAsync(o => o.Kind == OrganisationKind.Community && o.Parent!.Name == "新宁镇"));

        Assert.True(seat > 31 / 2, $"新宁镇 holds {seat} of 31 communities");
    }

    [Fact]
    public async Task Each_of_the_227_villages_and_communities_has_one_chair()
    {
        var chairsPerOrganisation = await Db(db => GrassrootsChairs(db).GroupBy(t => t.OrganisationId).Select(g => g.Count()).ToListAsync());

        Assert.Equal(227, chairsPerOrganisation.Count);
        Assert.All(chairsPerOrganisation, c => Assert.Equal(1, c));
    }

    [Fact]
    public async Task Villages_and_communities_have_450_part_time_vice_chairs()
    {
        var vices = await Db(db => CurrentTerms(db, OrganisationKind.Village, OrganisationKind.Community)
            .Where(t => t.Office == Office.ViceChair)
            .Select(t => t.IsFullTime)
            .ToListAsync());

        Assert.Equal(450, vices.Count);
        Assert.DoesNotContain(true, vices);
    }

    [Fact]
    public async Task Villages_and_communities_have_2065_executive_members()
    {
        var executives = await Db(db => CurrentTerms(db, OrganisationKind.Village, OrganisationKind.Community)
            .CountAsync(t => t.Office == Office.ExecutiveMember));

        Assert.Equal(2_065, executives);
    }

    [Fact]
    public async Task All_227_villages_and_communities_converted_their_congress_in_2017_or_2018()
    {
        var reforms = await Db(db => db.Organisations
            .Where(o => o.Kind == OrganisationKind.Village || o.Kind == OrganisationKind.Community)
            .Select(o => new { o.ReformStatus, o.ReformDate })
            .ToListAsync());

        Assert.Equal(227, reforms.Count);
        Assert.Equal(227, reforms.Count(r => r.ReformStatus == ReformStatus.Converted));
        Assert.Equal(1.0m, (decimal)reforms.Count(r => r.ReformStatus == ReformStatus.Converted) / reforms.Count);
        Assert.All(reforms, r => Assert.InRange(r.ReformDate!.Value.Year, 2017, 2018));
    }

    [Fact]
    public async Task Of_the_chairs_194_sit_on_the_two_committees_23_are_Party_secretaries_and_30_directors()
    {
        var chairs = await Db(db => GrassrootsChairs(db)
            .Select(t => new { t.InTwoCommittees, t.IsPartySecretary, t.IsVillageDirector })
            .ToListAsync());

        Assert.Equal(194, chairs.Count(c => c.InTwoCommittees));
        Assert.Equal(23, chairs.Count(c => c.IsPartySecretary));
        Assert.Equal(30, chairs.Count(c => c.IsVillageDirector));
        Assert.All(chairs.Where(c => c.IsPartySecretary || c.IsVillageDirector), c => Assert.True(c.InTwoCommittees));
    }

    [Fact]
    public async Task All_227_chairs_are_paid_at_least_a_third_of_the_branch_secretary()
    {
        var pay = await Db(db => GrassrootsChairs(db).Select(t => new { t.MonthlyStipend, t.SecretaryMonthlyPay }).ToListAsync());

        Assert.Equal(227, pay.Count);
        Assert.Equal(227, pay.Count(p => StipendRule.Meets(p.MonthlyStipend, p.SecretaryMonthlyPay) == true));
        Assert.All(pay, p => Assert.True(p.MonthlyStipend * 3 >= p.SecretaryMonthlyPay));
    }

    [Fact]
    public async Task The_stipend_rule_is_counted_the_same_by_the_database()
    {
        var meeting = await Db(db => GrassrootsChairs(db)
            .CountAsync(t => t.MonthlyStipend != null && t.SecretaryMonthlyPay != null && t.MonthlyStipend * 3 >= t.SecretaryMonthlyPay));

        Assert.Equal(227, meeting);
    }

    [Fact]
    public async Task The_federation_serves_women_through_1_official_account_and_6_groups()
    {
        var channels = await Db(db => db.OutreachChannels.Select(c => c.Kind).ToListAsync());

        Assert.Equal(1, channels.Count(k => k == ChannelKind.WeChatOfficialAccount));
        Assert.Equal(6, channels.Count(k => k is ChannelKind.WeChatGroup or ChannelKind.QqGroup));
        Assert.Contains(ChannelKind.WeChatGroup, channels);
        Assert.Contains(ChannelKind.QqGroup, channels);
    }

    [Fact]
    public async Task Each_village_and_community_has_a_Womens_Home_and_53_are_standardised()
    {
        var homes = await Db(db => db.ServiceSites
            .Where(s => s.Kind == ServiceSiteKind.WomensHome
                && (s.Organisation!.Kind == OrganisationKind.Village || s.Organisation.Kind == OrganisationKind.Community))
            .Select(s => new { s.OrganisationId, s.StandardisedOn })
            .ToListAsync());

        Assert.Equal(227, homes.Count);
        Assert.Equal(227, homes.Select(h => h.OrganisationId).Distinct().Count());
        Assert.Equal(53, homes.Count(h => h.StandardisedOn != null));
    }

    [Fact]
    public async Task There_are_65_Childrens_Homes_in_villages_and_communities()
    {
        var hosts = await Db(db => db.ServiceSites.Where(s => s.Kind == ServiceSiteKind.ChildrensHome).Select(s => s.Organisation!.Kind).ToListAsync());

        Assert.Equal(65, hosts.Count);
        Assert.All(hosts, k => Assert.True(k is OrganisationKind.Village or OrganisationKind.Community));
    }

    [Fact]
    public async Task Thirty_six_non_public_economic_organisations_were_rewarded_for_a_Womens_Home()
    {
        var homes = await Db(db => db.ServiceSites
            .Where(s => s.Kind == ServiceSiteKind.WomensHome && s.Organisation!.Kind == OrganisationKind.Unit)
            .Select(s => new { s.Organisation!.UnitKind, s.SubsidyReceived, s.StandardisedOn })
            .ToListAsync());

        Assert.Equal(36, homes.Count);
        Assert.All(homes, h =>
        {
            Assert.Equal(UnitKind.NonPublicEconomic, h.UnitKind);
            Assert.True(h.SubsidyReceived > 0m);
            Assert.Null(h.StandardisedOn);
        });
        Assert.Equal(36, await Db(db => db.Organisations.CountAsync(o => o.UnitKind == UnitKind.NonPublicEconomic)));
    }

    // Family work -------------------------------------------------------------------------------------------

    private Task<int> AwardedAsync(string titleCode, AwardLevel level, AwardKind? kind = null) =>
        Db(db => db.FamilyAwards.CountAsync(a =>
            a.Status == AwardStatus.Awarded && a.AwardTitle!.Code == titleCode && a.Level == level && (kind == null || a.Kind == kind)));

    [Fact]
    public async Task Most_Beautiful_Families_1_provincial_nomination_award_10_city_260_county()
    {
        Assert.Equal(1, await AwardedAsync("MostBeautifulFamily", AwardLevel.Province, AwardKind.NominationAward));
        Assert.Equal(1, await AwardedAsync("MostBeautifulFamily", AwardLevel.Province));
        Assert.Equal(10, await AwardedAsync("MostBeautifulFamily", AwardLevel.City));
        Assert.Equal(260, await AwardedAsync("MostBeautifulFamily", AwardLevel.County));
        Assert.Equal(0, await AwardedAsync("MostBeautifulFamily", AwardLevel.National));
    }

    [Fact]
    public async Task There_are_360_Civilised_Families()
    {
        Assert.Equal(360, await AwardedAsync("CivilisedFamily", AwardLevel.County));
        Assert.Equal(360, await Db(db => db.FamilyAwards.CountAsync(a => a.Status == AwardStatus.Awarded && a.AwardTitle!.Code == "CivilisedFamily")));
    }

    [Fact]
    public async Task Five_hundred_households_are_rated_beautiful_courtyard_or_most_beautiful_balcony()
    {
        var courtyards = await AwardedAsync("BeautifulCourtyard", AwardLevel.County);
        var balconies = await AwardedAsync("BeautifulBalcony", AwardLevel.County);

        Assert.True(courtyards > 0 && balconies > 0);
        Assert.Equal(500, courtyards + balconies);
    }

    [Fact]
    public async Task Nominations_in_the_pipeline_are_kept_but_not_counted()
    {
        var year = ChinaToday().Year;
        var pipeline = await Db(db => db.FamilyAwards.Where(a => a.Status != AwardStatus.Awarded).Select(a => new { a.Status, a.Year }).ToListAsync());

        Assert.Contains(pipeline, a => a.Status == AwardStatus.Nominated);
        Assert.Contains(pipeline, a => a.Status == AwardStatus.Recommended);
        Assert.Contains(pipeline, a => a.Status == AwardStatus.PublicNotice);
        Assert.All(pipeline, a => Assert.Equal(year, a.Year));
        var awarded = await Db(db => db.FamilyAwards.CountAsync(a => a.Status == AwardStatus.Awarded));
        Assert.Equal(1 + 10 + 260 + 360 + 500, awarded);
    }

    [Fact]
    public async Task Families_live_in_villages_with_a_head_and_members()
    {
        var families = await Db(db => db.Families
            .Select(f => new { f.Organisation!.Kind, Members = f.Members.Count, HeadHere = f.HouseholdHead!.OrganisationId == f.OrganisationId })
            .ToListAsync());

        Assert.True(families.Count >= 260 + 360 + 500, $"{families.Count} families");
        Assert.All(families, f =>
        {
            Assert.True(f.Kind is OrganisationKind.Village or OrganisationKind.Community);
            Assert.InRange(f.Members, 1, 4);
            Assert.True(f.HeadHere);
        });
    }

    [Fact]
    public async Task Two_hundred_and_forty_family_mottos_were_collected_from_2017_to_2019()
    {
        var mottos = await Db(db => db.FamilyMottos.Select(m => new { m.Text, m.YearCollected }).ToListAsync());

        Assert.Equal(240, mottos.Count);
        Assert.Equal(240, mottos.Select(m => m.Text).Distinct().Count());
        Assert.All(mottos, m => Assert.InRange(m.YearCollected, 2017, 2019));
    }

    [Fact]
    public async Task Three_books_were_compiled_from_the_mottos()
    {
        var books = await Db(db => db.Books.OrderBy(b => b.Id).Select(b => new { b.Title, Mottos = b.Mottos.Count }).ToListAsync());

        Assert.Equal(["家和万事兴", "家庭家教家风", "家训家规家事"], books.Select(b => b.Title));
        Assert.All(books, b => Assert.InRange(b.Mottos, 1, 239));
    }

    [Fact]
    public async Task Eleven_family_education_lecturers_and_25_poverty_alleviation_experts()
    {
        Assert.Equal(11, await Db(db => db.Experts.CountAsync(e => e.Kind == ExpertKind.FamilyEducationLecturer)));
        Assert.Equal(25, await Db(db => db.Experts.CountAsync(e => e.Kind == ExpertKind.PovertyAlleviationExpert)));
    }

    [Fact]
    public async Task One_family_growth_centre_built_with_a_Shenzhen_institute_and_two_contracted_organisations()
    {
        var centres = await Db(db => db.Partners.Where(p => p.Kind == PartnerKind.FamilyGrowthCentre).Select(p => new { p.Name, p.BuiltWith }).ToListAsync());
        var contracted = await Db(db => db.Partners.Where(p => p.Kind == PartnerKind.ContractedSocialOrganisation).Select(p => p.Name).ToListAsync());

        var centre = Assert.Single(centres);
        Assert.Equal("开江县幸福家家庭成长中心", centre.Name);
        Assert.StartsWith("深圳", centre.BuiltWith, StringComparison.Ordinal);
        Assert.Equal(["博爱社会服务中心", "心怡心理工作室"], contracted.Order(StringComparer.Ordinal));
    }

    // Entrepreneurship and service --------------------------------------------------------------------------

    private Task<List<Base>> BasesAsync(BaseKind kind) =>
        Db(db => db.Bases.AsNoTracking().Include(b => b.Organisation).Where(b => b.Kind == kind).ToListAsync());

    [Fact]
    public async Task Five_entrepreneurship_demonstration_bases_and_4_beautiful_homeland_villages()
    {
        Assert.Equal(5, (await BasesAsync(BaseKind.EntrepreneurshipDemonstration)).Count);
        var homeland = await BasesAsync(BaseKind.BeautifulHomelandVillage);
        Assert.Equal(4, homeland.Count);
        Assert.All(homeland, b => Assert.Equal(OrganisationKind.Village, b.Organisation!.Kind));
    }

    [Fact]
    public async Task Six_home_based_10_cooperative_and_8_poverty_alleviation_bases_provide_9800_jobs()
    {
        var homeBased = await BasesAsync(BaseKind.HomeBasedFlexibleEmployment);
        var cooperatives = await BasesAsync(BaseKind.Cooperative);
        var poverty = await BasesAsync(BaseKind.PovertyAlleviationDemonstration);

        Assert.Equal(6, homeBased.Count);
        Assert.Equal(10, cooperatives.Count);
        Assert.Equal(8, poverty.Count);
        var jobs = homeBased.Concat(cooperatives).Concat(poverty).Sum(b => b.JobsProvided);
        Assert.Equal(9_800, jobs);
        Assert.InRange(jobs, 9_000, 9_999); // "nearly 10,000"
        Assert.Equal(9_800, await Db(db => db.Bases.SumAsync(b => b.JobsProvided)));
    }

    [Fact]
    public async Task Sixteen_projects_won_790000_yuan()
    {
        var funds = await Db(db => db.Projects.Select(p => p.Funds).ToListAsync());

        Assert.Equal(16, funds.Count);
        Assert.Equal(790_000.00m, funds.Sum());
    }

    [Fact]
    public async Task Nine_hundred_and_eighty_five_women_borrowed_75_4_million_yuan()
    {
        var loans = await Db(db => db.Loans.Select(l => new { l.BorrowerId, l.Amount, l.Organisation!.Kind }).ToListAsync());

        Assert.Equal(985, loans.Count);
        Assert.Equal(985, loans.Select(l => l.BorrowerId).Distinct().Count());
        Assert.Equal(75_400_000.00m, loans.Sum(l => l.Amount));
        Assert.All(loans, l =>
        {
            Assert.Equal(0m, l.Amount % 1_000m);
            Assert.InRange(l.Amount, 30_000m, 150_000m);
            Assert.True(l.Kind is OrganisationKind.Village or OrganisationKind.Community);
        });
        Assert.Equal(75_400_000.00m, await Db(db => db.Loans.SumAsync(l => l.Amount)));
    }

    [Fact]
    public async Task The_loans_employed_more_than_10000_women()
    {
        var jobs = await Db(db => db.Loans.SumAsync(l => l.JobsCreated));

        Assert.Equal(10_350, jobs);
        Assert.True(jobs > 10_000);
    }

    [Fact]
    public async Task Loans_are_repaid_active_or_overdue_as_their_dates_and_repayments_say()
    {
        var today = ChinaToday();
        var loans = await Db(db => db.Loans
            .Select(l => new { l.Amount, l.DueOn, l.WrittenOffOn, Repaid = l.Repayments.Select(r => r.Principal).ToList(), Paid = l.Repayments.Select(r => r.PaidOn).ToList() })
            .ToListAsync());
        var statuses = loans
            .Select(l => LoanStanding.Status(LoanStanding.Outstanding(l.Amount, l.Repaid), l.DueOn, l.WrittenOffOn, today))
            .GroupBy(s => s)
            .ToDictionary(g => g.Key, g => g.Count());

        Assert.True(statuses[LoanStatus.Repaid] > 800, "most loans are repaid");
        Assert.True(statuses[LoanStatus.Active] > 0);
        Assert.True(statuses[LoanStatus.Overdue] > 0);
        Assert.All(loans, l => Assert.True(l.Repaid.Sum() <= l.Amount));
        Assert.All(loans.SelectMany(l => l.Paid), paid => Assert.True(paid <= today));
    }

    [Fact]
    public async Task Two_hundred_and_sixty_eight_graduates_received_10000_yuan_each()
    {
        var grants = await Db(db => db.StartupGrants.Select(g => new { g.Amount, g.GraduateId }).ToListAsync());

        Assert.Equal(268, grants.Count);
        Assert.All(grants, g => Assert.Equal(10_000.00m, g.Amount));
        Assert.Equal(268, grants.Select(g => g.GraduateId).Distinct().Count());
        Assert.Equal(2_680_000.00m, grants.Sum(g => g.Amount));
    }

    [Fact]
    public async Task Twelve_trainings_in_the_last_three_years_trained_800_person_times()
    {
        var threeYearsAgo = ChinaToday().AddYears(-3);
        var trainings = await Db(db => db.Trainings.Select(t => new { t.HeldOn, t.Participants }).ToListAsync());

        Assert.Equal(12, trainings.Count);
        Assert.All(trainings, t => Assert.True(t.HeldOn > threeYearsAgo && t.HeldOn <= ChinaToday()));
        Assert.Equal(800, trainings.Sum(t => t.Participants));
    }

    [Fact]
    public async Task More_than_ten_job_fairs_were_joined_among_them_Spring_Breeze()
    {
        var fairs = await Db(db => db.JobFairs.Select(f => f.Name).ToListAsync());

        Assert.Equal(11, fairs.Count);
        Assert.Contains(fairs, f => f.Contains("春风送岗位", StringComparison.Ordinal));
    }

    [Fact]
    public async Task One_mutual_aid_association_of_women_entrepreneurs()
    {
        var associations = await Db(db => db.Partners.Where(p => p.Kind == PartnerKind.MutualAidAssociation).Select(p => p.Name).ToListAsync());

        Assert.Equal("开江县创业妇女互助会", Assert.Single(associations));
    }

    // Integrity of the demo data -----------------------------------------------------------------------------

    [Fact]
    public async Task Every_person_has_a_valid_resident_id_number_matching_birth_date_and_sex_and_a_valid_mobile()
    {
        var people = await Db(db => db.People.Select(p => new { p.IdNumber, p.BirthDate, p.Sex, p.Phone, p.IsDemo }).ToListAsync());

        Assert.True(people.Count > 5_000);
        Assert.All(people, p =>
        {
            Assert.True(ResidentIdNumber.IsValid(p.IdNumber, ChinaToday()), p.IdNumber);
            Assert.StartsWith("511723", p.IdNumber, StringComparison.Ordinal);
            Assert.Equal(p.BirthDate, ResidentIdNumber.BirthDateOf(p.IdNumber!));
            Assert.Equal(p.Sex, ResidentIdNumber.SexOf(p.IdNumber!));
            Assert.True(MobilePhone.IsValid(p.Phone), p.Phone);
            Assert.True(p.IsDemo);
        });
        Assert.Equal(people.Count, people.Select(p => p.IdNumber).Distinct().Count());
        Assert.All(people.Where(p => p.Sex == Sex.Female), p => Assert.Equal(0, (p.IdNumber![16] - '0') % 2));
    }

    [Fact]
    public async Task The_organisation_tree_is_consistent_paths_depths_and_initials()
    {
        var organisations = await Db(db => db.Organisations.AsNoTracking().ToListAsync());
        var byId = organisations.ToDictionary(o => o.Id);

        Assert.Equal(1 + 20 + 227 + 59, organisations.Count);
        Assert.All(organisations, o =>
        {
            Assert.Equal(OrganisationPath.DepthOf(o.Path), o.Depth);
            Assert.True(o.IsDemo);
            if (o.ParentId is { } parentId)
            {
                Assert.Equal(byId[parentId].Path, o.Path[..^OrganisationPath.SegmentWidth]);
            }
            else
            {
                Assert.Equal(OrganisationPath.Segment(1), o.Path);
            }

            Assert.Equal(o.Name.Length, o.PinyinInitials!.Length);
        });
        Assert.Equal("xnz", organisations.Single(o => o.Name == "新宁镇").PinyinInitials);
        Assert.Equal("jssq", organisations.Single(o => o.Name == "建设社区").PinyinInitials);
        Assert.Equal("511723", organisations.Single(o => o.Kind == OrganisationKind.County).DivisionCode);
        Assert.All(organisations.Where(o => o.Kind != OrganisationKind.Unit), o => Assert.StartsWith("511723", o.DivisionCode, StringComparison.Ordinal));
        Assert.All(
            organisations.Where(o => o.Kind is OrganisationKind.Village or OrganisationKind.Community).GroupBy(o => o.ParentId),
            g => Assert.Equal(g.Count(), g.Select(o => o.Name).Distinct().Count()));
    }

    [Fact]
    public async Task Current_terms_began_at_the_election_two_years_ago_run_five_years_and_a_few_fall_due_within_90_days()
    {
        var today = ChinaToday();
        var terms = await Db(db => db.OfficeTerms.Where(t => t.EndedOn == null).Select(t => new { t.StartOn, t.PlannedEndOn }).ToListAsync());

        Assert.All(terms, t => Assert.Equal(t.StartOn.AddYears(5), t.PlannedEndOn));
        Assert.True(terms.Count(t => t.StartOn.Year == today.Year - 2) > terms.Count - 10);
        Assert.InRange(terms.Count(t => t.PlannedEndOn > today && t.PlannedEndOn <= today.AddDays(90)), 3, 10);
        Assert.True(await Db(db => db.OfficeTerms.AnyAsync(t => t.EndedOn != null && t.EndReason != TermEndReason.None)));
    }

    [Fact]
    public async Task Monthly_reports_cover_14_months_in_every_status_with_gaps_in_the_last_two()
    {
        var thisMonth = ChinaToday();
        var periods = Enumerable.Range(1, 14).Select(m => MonthlyReport.PeriodOf(thisMonth.AddMonths(-m))).ToList();
        var indicators = await Db(db => db.ReportIndicators.CountAsync());
        var reports = await Db(db => db.MonthlyReports
            .Select(r => new { r.OrganisationId, r.Period, r.Status, r.SubmittedAt, r.ReviewedAt, r.ReviewComment, Values = r.Values.Count })
            .ToListAsync());

        Assert.InRange(indicators, 8, 12);
        Assert.All(reports, r => Assert.Contains(r.Period, periods));
        Assert.All(reports, r => Assert.Equal(indicators, r.Values));
        foreach (var status in Enum.GetValues<ReportStatus>())
        {
            Assert.Contains(reports, r => r.Status == status);
        }

        Assert.All(reports.Where(r => r.Status == ReportStatus.Returned), r => Assert.False(string.IsNullOrWhiteSpace(r.ReviewComment)));
        Assert.All(reports.Where(r => r.Status != ReportStatus.Draft), r => Assert.Equal(TimeSpan.Zero, r.SubmittedAt!.Value.Offset));
        Assert.All(reports.Where(r => r.Status is ReportStatus.Approved or ReportStatus.Returned), r => Assert.True(r.ReviewedAt >= r.SubmittedAt));
        var older = reports.Where(r => r.Period <= periods[2]).ToList();
        Assert.Equal(20 * 12, older.Count);
        Assert.True(older.Count(r => r.Status == ReportStatus.Approved) > older.Count * 9 / 10);
        Assert.InRange(reports.Count(r => r.Period == periods[0]), 10, 19); // some townships have not written last month's
        Assert.InRange(reports.Count(r => r.Period == periods[1]), 15, 19);
    }

    [Fact]
    public async Task The_24_demo_accounts_have_their_roles_and_scopes()
    {
        var accounts = await Db(db => db.Users
            .Select(u => new
            {
                u.UserName,
                u.DisplayName,
                Scope = u.ScopeOrganisation!.Name,
                ScopeKind = u.ScopeOrganisation.Kind,
                Role = db.UserRoles.Where(r => r.UserId == u.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name).Single(),
            })
            .ToDictionaryAsync(a => a.UserName!));

        // Other tests of this collection add accounts of their own (named test.*); the demo has exactly 24.
        Assert.Equal(24, accounts.Keys.Count(k => k is "admin" or "county.staff" or "leader" || k.StartsWith("chair.", StringComparison.Ordinal)));
        Assert.Equal((Roles.SystemAdmin, "开江县妇女联合会"), (accounts["admin"].Role, accounts["admin"].Scope));
        Assert.Equal((Roles.CountyStaff, "开江县妇女联合会"), (accounts["county.staff"].Role, accounts["county.staff"].Scope));
        Assert.Equal((Roles.Leadership, "开江县妇女联合会"), (accounts["leader"].Role, accounts["leader"].Scope));
        foreach (var (name, pinyin, _) in DemoCounty.Townships)
        {
            var chair = accounts["chair." + pinyin];
            Assert.Equal(Roles.TownshipChair, chair.Role);
            Assert.Equal(name, chair.Scope);
            Assert.Equal(OrganisationKind.Township, chair.ScopeKind);
            Assert.Contains(name, chair.DisplayName, StringComparison.Ordinal);
        }

        Assert.Equal((Roles.VillageChair, "建设社区", OrganisationKind.Community), (accounts["chair.jianshe"].Role, accounts["chair.jianshe"].Scope, accounts["chair.jianshe"].ScopeKind));
        Assert.Equal("xinning", DemoCounty.Townships[0].Pinyin);
        Assert.True(accounts.ContainsKey("chair.xinning"));
    }

    [Fact]
    public async Task The_county_chair_can_sign_in_with_the_demo_password()
    {
        var client = new PortalClient(_factory);

        var response = await client.LoginAsync("chair.xinning");

        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        Assert.DoesNotContain("/Account/Login", response.Headers.Location?.OriginalString ?? "", StringComparison.Ordinal);
    }

    private static DateOnly ChinaToday() => DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToOffset(DemoCounty.ChinaOffset).DateTime);
}
