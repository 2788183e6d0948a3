using System.Diagnostics;
using System.Globalization;
using Kaijiang.Federation.Web.Data;
using Kaijiang.Federation.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace Kaijiang.Federation.Web.Seeding;

/// <summary>What <c>generate-province</c> builds: the seed, the scale (1.0 is the full province) and the day it is "today" in the data.</summary>
public sealed record ProvinceOptions(int Seed = 42, double Scale = 1.0, DateOnly? AsOf = null)
{
    /// <summary>The fixed "today" of the generated data, so that the same seed gives the same rows on any day.</summary>
    public static readonly DateOnly DefaultAsOf = new(2026, 11, 15);

    public DateOnly Today => AsOf ?? DefaultAsOf;
}

/// <summary>How many rows of each kind a load wrote.</summary>
public sealed record ProvinceCounts(
    int Cities, int Counties, int Townships, int Grassroots, int People, int OfficeTerms, int Loans, int Repayments,
    int Families, int Awards, int Indicators, int Reports, long ReportValues);

/// <summary>
/// Generates a whole province (省) of invented data for scale tests and the benchmark: at scale 1.0 one province,
/// 21 cities, 183 counties, 3,100 townships, 30,000 villages and communities, 300,000 people each holding an office
/// term, 100,000 loans with their repayments, 20,000 family awards, 20 report indicators and ten years of monthly
/// reports of every township. One township (the province capital's first street office) holds 500 communities,
/// the node the tree-expansion target is measured on. Deterministic: every value comes from the seed and the fixed
/// "today", never from the clock; rows go in through <see cref="BulkWriter"/>, without the change tracker.
/// </summary>
public sealed class ProvinceGenerator
{
    public const int ReportMonths = 120;
    public const int BigNodeChildren = 500;

    private static readonly TimeSpan ChinaOffset = ChinaTime.Offset;

    private static readonly string[] Banks = ["中国农业银行", "农村商业银行", "中国邮政储蓄银行", "中国建设银行", "中国工商银行"];
    private static readonly string[] Guarantees = ["创业担保贷款基金担保", "妇联推荐、基金担保", "联保小组互保"];
    private static readonly string[] Industries = ["种植", "养殖", "电商", "手工编织", "餐饮", "乡村旅游", "农产品加工", "商贸零售", "家政服务"];
    private static readonly int[] LoanTiers = [30, 50, 50, 50, 60, 80, 80, 100, 100, 150, 200];

    /// <summary>The 20 indicators every township reports, as data: code, names, units, group, the range of a month's figure.</summary>
    public static readonly IReadOnlyList<(string Code, string NameZh, string NameEn, string UnitZh, string UnitEn, IndicatorValueKind Kind, string GroupZh, string GroupEn, int Low, int High)> Indicators =
    [
        ("activities_held", "开展活动", "Activities held", "场次", "events", IndicatorValueKind.Whole, "工作开展", "Work done", 2, 12),
        ("activity_participants", "活动参与人数", "Activity participants", "人次", "person-times", IndicatorValueKind.Whole, "工作开展", "Work done", 40, 600),
        ("women_trained", "培训妇女", "Women trained", "人次", "person-times", IndicatorValueKind.Whole, "培训就业", "Training and jobs", 0, 120),
        ("women_employed", "帮助妇女就业", "Women helped into work", "人", "people", IndicatorValueKind.Whole, "培训就业", "Training and jobs", 0, 30),
        ("loans_count", "发放贴息贷款", "Subsidised loans disbursed", "笔", "loans", IndicatorValueKind.Whole, "创业贷款", "Loans", 0, 8),
        ("loans_amount", "发放贷款金额", "Loan amount disbursed", "万元", "10k yuan", IndicatorValueKind.Decimal, "创业贷款", "Loans", 0, 60),
        ("home_visits", "入户走访", "Home visits", "户", "households", IndicatorValueKind.Whole, "联系服务", "Outreach", 10, 150),
        ("left_behind_visits", "走访留守妇女儿童", "Visits to left-behind women and children", "人次", "person-times", IndicatorValueKind.Whole, "联系服务", "Outreach", 5, 80),
        ("complaints_handled", "受理信访", "Complaints handled", "件", "cases", IndicatorValueKind.Whole, "维权服务", "Rights protection", 0, 6),
        ("rights_cases", "调处婚姻家庭纠纷", "Family disputes mediated", "件", "cases", IndicatorValueKind.Whole, "维权服务", "Rights protection", 0, 5),
        ("legal_talks", "法治宣传", "Legal awareness sessions", "场次", "events", IndicatorValueKind.Whole, "维权服务", "Rights protection", 0, 6),
        ("new_executives", "新增执委", "New executive members", "人", "people", IndicatorValueKind.Whole, "组织建设", "Organisation", 0, 3),
        ("new_units", "新建新领域妇联", "New federations in new fields", "个", "units", IndicatorValueKind.Whole, "组织建设", "Organisation", 0, 2),
        ("home_activities", "“妇女之家”活动", "Women's Home activities", "场次", "events", IndicatorValueKind.Whole, "阵地建设", "Service sites", 2, 25),
        ("children_home_activities", "“儿童之家”活动", "Children's Home activities", "场次", "events", IndicatorValueKind.Whole, "阵地建设", "Service sites", 1, 20),
        ("families_nominated", "推荐表彰家庭", "Families nominated for awards", "户", "households", IndicatorValueKind.Whole, "家庭工作", "Family work", 0, 10),
        ("family_talks", "家庭教育讲座", "Family education talks", "场次", "events", IndicatorValueKind.Whole, "家庭工作", "Family work", 0, 5),
        ("health_screenings", "“两癌”筛查", "Cervical and breast screenings", "人", "people", IndicatorValueKind.Whole, "关爱服务", "Care", 0, 200),
        ("aid_given", "困难妇女救助", "Women in hardship helped", "人", "people", IndicatorValueKind.Whole, "关爱服务", "Care", 0, 15),
        ("aid_amount", "救助金额", "Aid given", "万元", "10k yuan", IndicatorValueKind.Decimal, "关爱服务", "Care", 0, 5),
    ];

    private readonly ProvinceOptions _options;
    private readonly TextWriter _output;
    private readonly DateOnly _today;
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    private readonly List<Organisation> _organisations = [];
    private readonly List<Organisation> _townships = [];
    private readonly List<Organisation> _grassroots = [];
    private readonly List<Person> _people = [];
    private readonly List<OfficeTerm> _terms = [];
    private readonly List<Person> _villagePeople = [];
    private readonly HashSet<string> _idNumbers = new(StringComparer.Ordinal);

    private readonly PersonalDataProtector? _personalData;

    /// <param name="personalData">Fills in the keyed hashes of ID numbers and phones (the save interceptor does that for
    /// saved people; the bulk writer bypasses it). The columns themselves are encrypted by the model's converters.</param>
    public ProvinceGenerator(ProvinceOptions options, TextWriter output, PersonalDataProtector? personalData = null)
    {
        _personalData = personalData;
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.Scale);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.Scale, 1.0);
        _options = options;
        _output = output;
        _today = options.Today;
    }

    // At the smallest scales the tree keeps two cities and two townships per county, so that scoping has a neighbour.
    public int Cities => Scaled(21, 2);

    public int Counties => Math.Max(Cities, Scaled(183, 1));

    public int TownshipCount => Math.Max(2 * Counties, Scaled(3_100, 1));

    public int GrassrootsCount => Math.Max(TownshipCount, Scaled(30_000, 1));

    public int PeopleTarget => Scaled(300_000, 1);

    public int LoanCount => Scaled(100_000, 1);

    public int AwardCount => Scaled(20_000, 1);

    private int Scaled(int full, int minimum) => Math.Max(minimum, (int)Math.Round(full * _options.Scale, MidpointRounding.AwayFromZero));

    /// <summary>Writes the province into an empty database; refuses one that already holds organisations or people.</summary>
    public async Task<ProvinceCounts> WriteAsync(FederationDbContext db, CancellationToken cancellationToken)
    {
        if (await db.Organisations.IgnoreQueryFilters().AnyAsync(cancellationToken) || await db.People.IgnoreQueryFilters().AnyAsync(cancellationToken))
        {
            throw new InvalidOperationException("The database already holds organisations or people; generate-province loads an empty database only.");
        }

        Say($"Building the tree and the rosters (seed {_options.Seed}, scale {_options.Scale.ToString(CultureInfo.InvariantCulture)}, as of {_today:yyyy-MM-dd})");
        BuildTree();
        BuildCommittees();
        Say($"  {_organisations.Count:N0} organisations, {_people.Count:N0} people");

        await using var writer = BulkWriter.For(db, (table, rows, done) => Say(done ? $"  {table}: {rows:N0} rows" : $"  {table}: {rows:N0} …"));
        await writer.WriteAsync(_organisations, cancellationToken);
        await writer.WriteAsync(_people, cancellationToken);
        await writer.WriteAsync(_terms, cancellationToken);

        var (loans, repayments) = BuildLoans();
        await writer.WriteAsync(loans, cancellationToken);
        await writer.WriteAsync(repayments, cancellationToken);

        var (titles, families, members, awards) = BuildAwards();
        await writer.WriteAsync(titles, cancellationToken);
        await writer.WriteAsync(families, cancellationToken);
        await writer.WriteAsync(members, cancellationToken);
        await writer.WriteAsync(awards, cancellationToken);

        var indicators = BuildIndicators();
        await writer.WriteAsync(indicators, cancellationToken);
        var reports = (int)await writer.WriteAsync(Reports().Select(r => r.Report), cancellationToken);
        var values = await writer.WriteAsync(ReportValues(indicators), cancellationToken);
        // The text sections are data the migrations seed; every generated report has its "work done" text.
        var workDone = await db.ReportSections.AsNoTracking().SingleAsync(x => x.Code == "work_done", cancellationToken);
        await writer.WriteAsync(ReportTexts(workDone), cancellationToken);

        Say("Updating sequences and statistics");
        await writer.FinishAsync(cancellationToken);

        // The bulk writer writes no audit entries, so the dashboard's change marker did not move: a snapshot counted
        // while the load ran (a portal started on the database before it) would pass for current.
        await db.DashboardSnapshots.ExecuteDeleteAsync(cancellationToken);
        Say("Done");
        return new ProvinceCounts(Cities, Counties, _townships.Count, _grassroots.Count, _people.Count, _terms.Count, loans.Count, repayments.Count,
            families.Count, awards.Count, indicators.Count, reports, values);
    }

    /// <summary>The root, then each level; the first township of the capital city holds <see cref="BigNodeChildren"/> communities.</summary>
    public IReadOnlyList<Organisation> Organisations => _organisations;

    public IReadOnlyList<Organisation> Townships => _townships;

    private void Say(string line) => _output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{_clock.Elapsed.TotalSeconds,6:F1} s] {line}"));

    /// <summary>A deterministic pseudo-random number from the seed and a few coordinates (SplitMix64): no shared state, any order.</summary>
    private ulong Mix(long a, long b = 0, long c = 0)
    {
        var x = unchecked((ulong)_options.Seed * 0x9E3779B97F4A7C15UL ^ (ulong)a * 0xBF58476D1CE4E5B9UL ^ (ulong)b * 0x94D049BB133111EBUL ^ (ulong)c * 0xD6E8FEB86659FD93UL);
        x = unchecked((x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL);
        x = unchecked((x ^ (x >> 27)) * 0x94D049BB133111EBUL);
        return x ^ (x >> 31);
    }

    private int Between(int low, int high, long a, long b = 0, long c = 0) => low + (int)(Mix(a, b, c) % (ulong)(high - low + 1));

    private Random Rng(int phase) => new(unchecked(_options.Seed * 7919 + phase));

    private static T Pick<T>(Random rng, IReadOnlyList<T> items) => items[rng.Next(items.Count)];

    private static DateTimeOffset Utc(DateOnly date, int hour, int minute) =>
        new DateTimeOffset(date.ToDateTime(new TimeOnly(hour, minute)), ChinaOffset).ToUniversalTime();

    // ----- the tree -----

    private void BuildTree()
    {
        var rng = Rng(1);
        var province = Add(null, 1, OrganisationKind.Province, "川东省", "妇女联合会", "510000");
        var cities = Split(Counties, Cities, rng).Select((counties, c) => (counties, city: Add(province, c + 1, OrganisationKind.City, UniqueName(rng, province, "市"), "妇女联合会",
            string.Create(CultureInfo.InvariantCulture, $"51{c + 1:D2}00")))).ToList();

        var countyList = new List<Organisation>();
        foreach (var (counties, city) in cities)
        {
            for (var k = 0; k < counties; k++)
            {
                var code = city.DivisionCode![..4] + (k + 1).ToString("D2", CultureInfo.InvariantCulture);
                countyList.Add(Add(city, k + 1, OrganisationKind.County, UniqueName(rng, city, k % 4 == 0 ? "区" : "县"), "妇女联合会", code));
            }
        }

        foreach (var (townships, county) in Split(TownshipCount, countyList.Count, rng).Zip(countyList))
        {
            for (var k = 0; k < townships; k++)
            {
                var code = county.DivisionCode + (k + 1).ToString("D3", CultureInfo.InvariantCulture);
                var township = Add(county, k + 1, OrganisationKind.Township, UniqueName(rng, county, rng.Next(100) < 70 ? "镇" : "乡"), "", code);
                township.AnnualFunds = rng.Next(3, 13) * 10_000m;
                _townships.Add(township);
            }
        }

        // The first township takes the big node's share; the others share the rest.
        var big = _townships.Count > 1 ? Math.Min(Scaled(BigNodeChildren, 1), GrassrootsCount - (_townships.Count - 1)) : GrassrootsCount;
        var rest = _townships.Count > 1 ? Split(GrassrootsCount - big, _townships.Count - 1, rng) : [];
        for (var t = 0; t < _townships.Count; t++)
        {
            var township = _townships[t];
            var count = t == 0 ? big : rest[t - 1];
            for (var k = 0; k < count; k++)
            {
                var community = t == 0 || rng.Next(100) < 12;
                var code = township.DivisionCode + (k + 1).ToString("D3", CultureInfo.InvariantCulture);
                var organisation = Add(township, k + 1, community ? OrganisationKind.Community : OrganisationKind.Village,
                    UniqueName(rng, township, community ? "社区" : "村"), "", code);
                organisation.ReformStatus = rng.Next(100) < 85 ? ReformStatus.Converted : ReformStatus.InProgress;
                organisation.ReformDate = organisation.ReformStatus == ReformStatus.Converted ? new DateOnly(2017, 1, 1).AddDays(rng.Next(700)) : null;
                _grassroots.Add(organisation);
            }
        }
    }

    private readonly Dictionary<Organisation, HashSet<string>> _siblingNames = [];

    private string UniqueName(Random rng, Organisation parent, string suffix)
    {
        if (!_siblingNames.TryGetValue(parent, out var taken))
        {
            _siblingNames[parent] = taken = new HashSet<string>(StringComparer.Ordinal);
        }

        for (var attempt = 0; ; attempt++)
        {
            var name = Pick(rng, DemoNames.VillageFirst) + Pick(rng, DemoNames.VillageSecond)
                + (attempt > 20 ? Pick(rng, DemoNames.VillageSecond) : "") + suffix;
            if (taken.Add(name))
            {
                return name;
            }
        }
    }

    private Organisation Add(Organisation? parent, int sibling, OrganisationKind kind, string place, string federation, string code)
    {
        var path = parent is null ? OrganisationPath.Segment(sibling) : OrganisationPath.Child(parent.Path, sibling);
        var organisation = new Organisation
        {
            Id = _organisations.Count + 1,
            ParentId = parent?.Id,
            Path = path,
            Depth = OrganisationPath.DepthOf(path),
            Kind = kind,
            Name = place + federation,
            PinyinInitials = DemoNames.PinyinInitials(place),
            DivisionCode = code,
            ReformStatus = ReformStatus.Converted,
            IsDemo = true,
        };
        _organisations.Add(organisation);
        return organisation;
    }

    /// <summary>Splits <paramref name="total"/> into <paramref name="parts"/> sizes of at least one, near the mean.</summary>
    private static int[] Split(int total, int parts, Random rng)
    {
        var sizes = new int[parts];
        var mean = (double)total / parts;
        var given = 0;
        for (var i = 0; i < parts; i++)
        {
            sizes[i] = Math.Max(1, (int)Math.Round(mean * (0.6 + (0.8 * rng.NextDouble()))));
            given += sizes[i];
        }

        // Nudge to the exact total, one at a time, never below one.
        for (var i = 0; given != total; i = (i + 1) % parts)
        {
            if (given < total)
            {
                sizes[i]++;
                given++;
            }
            else if (sizes[i] > 1)
            {
                sizes[i]--;
                given--;
            }
        }

        return sizes;
    }

    // ----- people and their office terms -----

    private void BuildCommittees()
    {
        var rng = Rng(2);
        var fixedSizes = _organisations.Where(o => o.Kind is not (OrganisationKind.Village or OrganisationKind.Community))
            .Sum(o => CommitteeSize(o.Kind));
        var perVillage = Math.Max(3.0, (double)(PeopleTarget - fixedSizes) / Math.Max(1, _grassroots.Count));
        var whole = (int)Math.Floor(perVillage);
        var extra = (int)Math.Round((perVillage - whole) * _grassroots.Count);
        var grassrootsIndex = 0;
        foreach (var organisation in _organisations)
        {
            var grassroots = organisation.Kind is OrganisationKind.Village or OrganisationKind.Community;
            var size = grassroots ? whole + (grassrootsIndex++ < extra ? 1 : 0) : CommitteeSize(organisation.Kind);
            var congress = _today.AddDays(-rng.Next(30, (5 * 365) - 30));
            var countyCode = CountyCodeOf(organisation);
            for (var k = 0; k < size; k++)
            {
                var office = k == 0 ? Office.Chair : k <= (grassroots ? 1 : 2) ? Office.ViceChair : Office.ExecutiveMember;
                var female = office != Office.ExecutiveMember || rng.Next(100) < 92;
                var person = NewPerson(rng, organisation, female, countyCode);
                var term = new OfficeTerm
                {
                    Id = _terms.Count + 1,
                    OrganisationId = organisation.Id,
                    PersonId = person.Id,
                    Office = office,
                    IsFullTime = !grassroots && office == Office.Chair,
                    StartOn = congress,
                    PlannedEndOn = congress.AddYears(OfficeTerm.TermYears),
                    ElectedAt = "第" + "一二三四五"[rng.Next(5)] + "次妇女代表大会",
                };
                if (grassroots && office == Office.Chair)
                {
                    term.InTwoCommittees = rng.Next(100) < 75;
                    term.IsPartySecretary = rng.Next(100) < 5;
                    term.IsVillageDirector = rng.Next(100) < 12;
                    term.SecretaryMonthlyPay = rng.Next(24, 32) * 100m;
                    term.MonthlyStipend = rng.Next(100) < 90 ? decimal.Round(term.SecretaryMonthlyPay.Value / 3m, 0) + rng.Next(0, 3) * 50m : 600m;
                }

                if (office == Office.Chair)
                {
                    organisation.ContactName = person.Name;
                    organisation.ContactPhone = person.Phone;
                }

                if (grassroots)
                {
                    _villagePeople.Add(person);
                }

                _terms.Add(term);
            }
        }
    }

    private static int CommitteeSize(OrganisationKind kind) => kind switch
    {
        OrganisationKind.Province => 15,
        OrganisationKind.City => 12,
        OrganisationKind.County => 11,
        OrganisationKind.Township => 10,
        _ => 9,
    };

    private static string CountyCodeOf(Organisation organisation)
    {
        var code = organisation.DivisionCode ?? "510000";
        return code.Length >= 6 ? code[..6] : code;
    }

    private Person NewPerson(Random rng, Organisation organisation, bool female, string regionCode)
    {
        var birth = _today.AddYears(-rng.Next(24, 60)).AddDays(-rng.Next(365));
        string idNumber;
        var sequence = rng.Next(0, 499) * 2 + (female ? 0 : 1);
        do
        {
            idNumber = ResidentIdNumber.Create(regionCode, birth, sequence);
            sequence = (sequence + 2) % 1000;
            if (sequence < 2)
            {
                birth = birth.AddDays(1);
            }
        }
        while (!_idNumbers.Add(idNumber));

        var person = new Person
        {
            Id = _people.Count + 1,
            OrganisationId = organisation.Id,
            Name = Pick(rng, DemoNames.Surnames) + Pick(rng, female ? DemoNames.FemaleGivenNames : DemoNames.MaleGivenNames),
            Sex = female ? Sex.Female : Sex.Male,
            BirthDate = birth,
            Ethnicity = rng.Next(100) < 96 ? "汉族" : "土家族",
            Education = (Education)rng.Next(2, 8),
            PoliticalStatus = rng.Next(100) < 45 ? PoliticalStatus.PartyMember : PoliticalStatus.Masses,
            Phone = "1" + "3456789"[rng.Next(7)] + rng.NextInt64(0, 1_000_000_000).ToString("D9", CultureInfo.InvariantCulture),
            IdNumber = idNumber,
            IsDemo = true,
        };
        person.IdNumberHash = _personalData?.HashIdNumber(person.IdNumber);
        person.PhoneHash = _personalData?.HashPhone(person.Phone);
        _people.Add(person);
        return person;
    }

    // ----- loans -----

    private (List<Loan> Loans, List<LoanRepayment> Repayments) BuildLoans()
    {
        var rng = Rng(3);
        var loans = new List<Loan>(LoanCount);
        var repayments = new List<LoanRepayment>(LoanCount * 3);
        for (var k = 0; k < LoanCount; k++)
        {
            var borrower = _villagePeople[rng.Next(_villagePeople.Count)];
            var disbursed = _today.AddDays(-rng.Next(20, 8 * 365));
            var term = rng.Next(100) < 60 ? 24 : 36;
            var rate = disbursed.Year < 2020 ? 0.0435m : 0.0345m;
            var amount = Pick(rng, LoanTiers) * 1_000m;
            var loan = new Loan
            {
                Id = k + 1,
                BorrowerId = borrower.Id,
                OrganisationId = borrower.OrganisationId,
                Bank = Pick(rng, Banks),
                Guarantee = Pick(rng, Guarantees),
                Amount = amount,
                AnnualRate = rate,
                TermMonths = term,
                DisbursedOn = disbursed,
                DueOn = disbursed.AddMonths(term),
                InterestSubsidy = decimal.Round(amount * rate * term / 12m, 2),
                Industry = Pick(rng, Industries),
                JobsCreated = rng.Next(1, 12),
                IsDemo = true,
            };
            loans.Add(loan);

            var trouble = rng.Next(100) < 3;
            var balance = amount;
            void Repay(DateOnly paidOn, decimal principal)
            {
                if (paidOn > _today)
                {
                    return;
                }

                repayments.Add(new LoanRepayment
                {
                    Id = repayments.Count + 1,
                    LoanId = loan.Id,
                    PaidOn = paidOn,
                    Principal = principal,
                    Interest = decimal.Round(balance * rate, 2),
                    RecordedAt = Utc(paidOn, 16, 30),
                    RecordedBy = "county.staff",
                });
                balance -= principal;
            }

            if (trouble)
            {
                Repay(disbursed.AddMonths(12), decimal.Round(amount * 0.3m / 1_000m) * 1_000m);
            }
            else
            {
                var first = rng.Next(100) < 50 ? decimal.Round(amount / 3m / 1_000m) * 1_000m : 0m;
                Repay(disbursed.AddMonths(12), first);
                if (term == 36)
                {
                    Repay(disbursed.AddMonths(24), 0m);
                }

                Repay(loan.DueOn.AddDays(-rng.Next(0, 10)), amount - first);
            }
        }

        return (loans, repayments);
    }

    // ----- family awards -----

    private (List<AwardTitle>, List<Family>, List<FamilyMember>, List<FamilyAward>) BuildAwards()
    {
        var rng = Rng(4);
        var titles = new List<AwardTitle>
        {
            new() { Id = 1, Code = "MostBeautifulFamily", NameZh = "最美家庭", NameEn = "Most Beautiful Family", SortOrder = 1 },
            new() { Id = 2, Code = "CivilisedFamily", NameZh = "文明家庭", NameEn = "Civilised Family", SortOrder = 2 },
            new() { Id = 3, Code = "CleanFamily", NameZh = "廉洁家庭", NameEn = "Clean Family", SortOrder = 3 },
            new() { Id = 4, Code = "BeautifulCourtyard", NameZh = "美丽庭院", NameEn = "Beautiful Courtyard", SortOrder = 4 },
        };
        var families = new List<Family>(AwardCount);
        var members = new List<FamilyMember>(AwardCount);
        var awards = new List<FamilyAward>(AwardCount);
        for (var k = 0; k < AwardCount; k++)
        {
            var head = _villagePeople[rng.Next(_villagePeople.Count)];
            var family = new Family
            {
                Id = k + 1,
                OrganisationId = head.OrganisationId,
                HouseholdHeadId = head.Id,
                Name = head.Name + "家庭",
                IsDemo = true,
            };
            families.Add(family);
            members.Add(new FamilyMember { Id = k + 1, FamilyId = family.Id, Name = head.Name, Relation = "户主", PersonId = head.Id });

            var year = _today.Year - rng.Next(0, 10);
            var level = rng.Next(100) switch { < 70 => AwardLevel.County, < 92 => AwardLevel.City, < 99 => AwardLevel.Province, _ => AwardLevel.National };
            var decided = new DateOnly(year, 5, rng.Next(8, 16));
            var current = year == _today.Year && decided > _today.AddDays(-30);
            var title = Pick(rng, titles);
            awards.Add(new FamilyAward
            {
                Id = k + 1,
                FamilyId = family.Id,
                OrganisationId = family.OrganisationId,
                AwardTitleId = title.Id,
                Level = level,
                Kind = AwardKind.Award,
                Status = current ? AwardStatus.PublicNotice : AwardStatus.Awarded,
                Year = year,
                Citation = string.Format(CultureInfo.InvariantCulture, Pick(rng, DemoNames.AwardCitations), family.Name),
                NominatedBy = head.Name,
                NominatedAt = Utc(decided.AddDays(-45), 10, 0),
                RecommendedBy = "乡镇妇联",
                RecommendedAt = Utc(decided.AddDays(-30), 15, 0),
                PublicNoticeFrom = decided.AddDays(-12),
                PublicNoticeUntil = decided.AddDays(-5),
                DecidedBy = current ? null : "county.staff",
                DecidedAt = current ? null : Utc(decided, 9, 0),
                IsDemo = true,
            });
        }

        return (titles, families, members, awards);
    }

    // ----- monthly reports -----

    private List<ReportIndicator> BuildIndicators() => Indicators.Select((d, k) => new ReportIndicator
    {
        Id = k + 1,
        Code = d.Code,
        NameZh = d.NameZh,
        NameEn = d.NameEn,
        UnitZh = d.UnitZh,
        UnitEn = d.UnitEn,
        ValueKind = d.Kind,
        IsRequired = k < 10,
        Minimum = 0m,
        ActiveFrom = MonthlyReport.PeriodOf(FirstMonth),
        SortOrder = k + 1,
        GroupZh = d.GroupZh,
        GroupEn = d.GroupEn,
    }).ToList();

    private DateOnly FirstMonth => new DateOnly(_today.Year, _today.Month, 1).AddMonths(-ReportMonths);

    /// <summary>The reports, in the same order with the same keys every time they are enumerated.</summary>
    private IEnumerable<(MonthlyReport Report, int Township, int Month)> Reports()
    {
        var id = 0;
        var first = FirstMonth;
        for (var t = 0; t < _townships.Count; t++)
        {
            var township = _townships[t];
            for (var m = 0; m < ReportMonths; m++)
            {
                var month = first.AddMonths(m);
                var ago = ReportMonths - m;
                var roll = Between(0, 99, 10, t, m);
                ReportStatus? status = ago switch
                {
                    1 => roll switch { < 20 => ReportStatus.Approved, < 65 => ReportStatus.Submitted, < 70 => ReportStatus.Returned, < 82 => ReportStatus.Draft, _ => null },
                    2 => roll switch { < 85 => ReportStatus.Approved, < 95 => ReportStatus.Submitted, _ => null },
                    _ => roll < 98 ? ReportStatus.Approved : null,
                };
                if (status is null)
                {
                    continue;
                }

                var next = month.AddMonths(1);
                var submitted = status == ReportStatus.Draft ? (DateTimeOffset?)null : Utc(next.AddDays(Between(0, 8, 11, t, m)), 9 + Between(0, 8, 12, t, m), 0);
                var report = new MonthlyReport
                {
                    Id = ++id,
                    OrganisationId = township.Id,
                    Period = MonthlyReport.PeriodOf(month),
                    Status = status.Value,
                    SubmittedAt = submitted,
                    SubmittedBy = submitted is null ? null : "chair",
                    ReviewedAt = status is ReportStatus.Approved or ReportStatus.Returned ? submitted!.Value.AddDays(2) : null,
                    ReviewedBy = status is ReportStatus.Approved or ReportStatus.Returned ? "county.staff" : null,
                    ReviewComment = status == ReportStatus.Returned ? "请补充具体活动和参与人数。" : null,
                    IsDemo = true,
                };
                yield return (report, t, m);
            }
        }
    }

    private IEnumerable<MonthlyReportText> ReportTexts(ReportSection section)
    {
        var id = 0;
        foreach (var (report, _, _) in Reports())
        {
            yield return new MonthlyReportText
            {
                Id = ++id,
                MonthlyReportId = report.Id,
                ReportSectionId = section.Id,
                SectionCode = section.Code,
                SectionNameZh = section.NameZh,
                SectionNameEn = section.NameEn,
                SortOrder = section.SortOrder,
                Text = "本月组织开展妇女之家活动、入户走访和政策宣传。",
            };
        }
    }

    private IEnumerable<MonthlyReportValue> ReportValues(List<ReportIndicator> indicators)
    {
        long id = 0;
        foreach (var (report, t, m) in Reports())
        {
            for (var k = 0; k < indicators.Count; k++)
            {
                var indicator = indicators[k];
                var (low, high) = (Indicators[k].Low, Indicators[k].High);
                var raw = Between(low * 10, high * 10, 20 + k, t, m);
                yield return new MonthlyReportValue
                {
                    Id = (int)++id,
                    MonthlyReportId = report.Id,
                    ReportIndicatorId = indicator.Id,
                    IndicatorCode = indicator.Code,
                    IndicatorNameZh = indicator.NameZh,
                    IndicatorNameEn = indicator.NameEn,
                    UnitZh = indicator.UnitZh,
                    UnitEn = indicator.UnitEn,
                    ValueKind = indicator.ValueKind,
                    Value = report.Status == ReportStatus.Draft && !indicator.IsRequired ? null
                        : indicator.ValueKind == IndicatorValueKind.Whole ? raw / 10 : raw / 10m,
                };
            }
        }
    }
}
