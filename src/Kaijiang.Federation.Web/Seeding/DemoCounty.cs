using System.Globalization;
using Kaijiang.Federation.Web.Domain;

namespace Kaijiang.Federation.Web.Seeding;

/// <summary>
/// Builds the demo county of shared/seed/figures.md in memory, deterministically (a fixed random seed, fixed
/// dates, and the injected clock only where data must be recent); <see cref="DemoCountyWriter"/> stores it.
/// </summary>
public sealed partial class DemoCounty(TimeProvider clock)
{
    /// <summary>The seed of the one random sequence everything is drawn from.</summary>
    public const int RandomSeed = 511723;

    /// <summary>China Standard Time has had no daylight saving since 1991: a fixed offset is exact.</summary>
    public static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);

    public const string CountyRegionCode = "511723";

    public sealed record Account(string UserName, string DisplayName, string Role, Organisation Scope);

    public sealed class Result
    {
        public required Organisation County { get; init; }

        public List<Organisation> Organisations { get; } = [];

        public List<Organisation> Townships { get; } = [];

        /// <summary>The 196 villages and 31 communities.</summary>
        public List<Organisation> Grassroots { get; } = [];

        public Organisation? Jianshe { get; set; }

        public List<Person> People { get; } = [];

        public List<OfficeTerm> OfficeTerms { get; } = [];

        public List<ServiceSite> ServiceSites { get; } = [];

        public List<StandardChecklistItem> ChecklistItems { get; } = [];

        public List<AwardTitle> AwardTitles { get; } = [];

        public List<Family> Families { get; } = [];

        public List<FamilyAward> FamilyAwards { get; } = [];

        public List<FamilyMotto> FamilyMottos { get; } = [];

        public List<Book> Books { get; } = [];

        public List<Loan> Loans { get; } = [];

        public List<StartupGrant> StartupGrants { get; } = [];

        public List<Base> Bases { get; } = [];

        public List<Project> Projects { get; } = [];

        public List<Training> Trainings { get; } = [];

        public List<Expert> Experts { get; } = [];

        public List<JobFair> JobFairs { get; } = [];

        public List<Partner> Partners { get; } = [];

        public List<OutreachChannel> OutreachChannels { get; } = [];

        public List<ReportIndicator> ReportIndicators { get; } = [];

        public List<MonthlyReport> MonthlyReports { get; } = [];

        /// <summary>The report's text sections; the writer uses those already in the database (the migration writes them).</summary>
        public List<ReportSection> ReportSections { get; } = [];

        public List<Account> Accounts { get; } = [];
    }

    /// <summary>The 20 townships of the period the source document describes: name, pinyin for the account, town (镇) or township (乡).</summary>
    public static readonly IReadOnlyList<(string Name, string Pinyin, bool IsTown)> Townships =
    [
        ("新宁镇", "xinning", true), ("普安镇", "puan", true), ("回龙镇", "huilong", true), ("讲治镇", "jiangzhi", true),
        ("甘棠镇", "gantang", true), ("任市镇", "renshi", true), ("广福镇", "guangfu", true), ("长岭镇", "changling", true),
        ("永兴镇", "yongxing", true), ("天师镇", "tianshi", true), ("八庙乡", "bamiao", false), ("灵岩乡", "lingyan", false),
        ("梅家乡", "meijia", false), ("长田乡", "changtian", false), ("骑龙乡", "qilong", false), ("新太乡", "xintai", false),
        ("沙坝场乡", "shabachang", false), ("靖安乡", "jingan", false), ("拔妙乡", "bamiao2", false), ("宝石乡", "baoshi", false),
    ];

    // Per township, in the order of Townships: villages (196), communities (31, the county seat most), and
    // non-public economic organisations with a Women's Home (36).
    internal static readonly int[] VillagesPerTownship = [8, 15, 14, 13, 13, 12, 12, 11, 11, 10, 9, 9, 9, 8, 9, 8, 7, 6, 6, 6];
    internal static readonly int[] CommunitiesPerTownship = [21, 2, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
    internal static readonly int[] NonPublicUnitsPerTownship = [6, 3, 3, 2, 2, 2, 2, 2, 2, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1];

    public Result Build() => new Builder(clock).Build();

    private sealed partial class Builder
    {
        private readonly Random _rng = new(RandomSeed);
        private readonly DateTimeOffset _now;
        private readonly DateOnly _today;
        private readonly int _electionYear;
        private readonly HashSet<string> _idNumbers = new(StringComparer.Ordinal);
        private readonly HashSet<string> _phones = new(StringComparer.Ordinal);
        private readonly Result _result;
        private readonly Organisation _county;

        // Village and community chairs, by organisation, for contacts and home managers.
        private readonly Dictionary<Organisation, Person> _chairs = [];
        private readonly Dictionary<Organisation, Person> _viceChairs = [];

        public Builder(TimeProvider clock)
        {
            _now = clock.GetUtcNow();
            _today = DateOnly.FromDateTime(_now.ToOffset(ChinaOffset).DateTime);
            // The last general election of the committees: two years ago, so current terms are mid-way through.
            _electionYear = _today.Year - 2;
            _county = new Organisation
            {
                Name = "开江县妇女联合会",
                Kind = OrganisationKind.County,
                Path = OrganisationPath.Segment(1),
                Depth = 0,
                DivisionCode = CountyRegionCode,
                PinyinInitials = "kjxfnlhh",
                ReformStatus = ReformStatus.Converted,
                ReformDate = new DateOnly(2016, 12, 28),
                Address = "开江县新宁镇建设路",
                IsDemo = true,
            };
            _result = new Result { County = _county };
            _result.Organisations.Add(_county);
        }

        public Result Build()
        {
            BuildOrganisations();
            BuildOfficers();
            BuildServiceSites();
            BuildFamilies();
            BuildLoans();
            BuildStartupGrants();
            BuildProgrammes();
            BuildMonthlyReports();
            BuildAccounts();
            return _result;
        }

        private void BuildOrganisations()
        {
            var villageNames = new HashSet<string>(StringComparer.Ordinal);
            var unitNames = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < Townships.Count; i++)
            {
                var (name, _, isTown) = Townships[i];
                var townshipCode = isTown ? 100 + i : 200 + i - 10;
                var township = NewOrganisation(_county, i + 1, name, OrganisationKind.Township);
                township.DivisionCode = string.Create(CultureInfo.InvariantCulture, $"{CountyRegionCode}{townshipCode:D3}000");
                township.ReformStatus = ReformStatus.Converted;
                township.ReformDate = Between(new DateOnly(2017, 3, 1), new DateOnly(2017, 6, 30));
                township.AnnualFunds = 30_000m;
                township.Address = "开江县" + name;
                _result.Townships.Add(township);

                var sibling = 1;
                var prefix = township.DivisionCode[..9];
                for (var c = 0; c < CommunitiesPerTownship[i]; c++)
                {
                    var communityName = (i == 0 ? DemoNames.SeatCommunities[c] : c == 0 ? name[..^1] : "宝塔") + "社区";
                    var community = NewOrganisation(township, sibling++, communityName, OrganisationKind.Community);
                    community.DivisionCode = string.Create(CultureInfo.InvariantCulture, $"{prefix}{c + 1:D3}");
                    Convert(community);
                    _result.Grassroots.Add(community);
                    if (i == 0 && c == 0)
                    {
                        _result.Jianshe = community;
                    }
                }

                for (var v = 0; v < VillagesPerTownship[i]; v++)
                {
                    var village = NewOrganisation(township, sibling++, NewVillageName(villageNames), OrganisationKind.Village);
                    village.DivisionCode = string.Create(CultureInfo.InvariantCulture, $"{prefix}{201 + v:D3}");
                    Convert(village);
                    _result.Grassroots.Add(village);
                }

                for (var u = 0; u < NonPublicUnitsPerTownship[i]; u++)
                {
                    string unitName;
                    do
                    {
                        unitName = "开江县" + Pick(DemoNames.EnterpriseBrands) + Pick(DemoNames.EnterpriseTrades) + "有限公司";
                    }
                    while (!unitNames.Add(unitName));

                    var unit = NewOrganisation(township, sibling++, unitName, OrganisationKind.Unit);
                    unit.UnitKind = UnitKind.NonPublicEconomic;
                    unit.ReformStatus = ReformStatus.Converted;
                    unit.ReformDate = Between(new DateOnly(2018, 3, 1), new DateOnly(2019, 6, 30));
                }
            }

            var jianshe = _result.Jianshe!;
            for (var u = 0; u < DemoNames.JiansheUnits.Length; u++)
            {
                var unit = NewOrganisation(jianshe, u + 1, DemoNames.JiansheUnits[u], OrganisationKind.Unit);
                unit.UnitKind = UnitKind.JointFederationMember;
                unit.ReformStatus = ReformStatus.Converted;
                unit.ReformDate = new DateOnly(2017, 6, 16);
            }

            void Convert(Organisation o)
            {
                o.ReformStatus = ReformStatus.Converted;
                o.ReformDate = Between(new DateOnly(2017, 1, 1), new DateOnly(2018, 12, 31));
                o.Address = "开江县" + o.Parent!.Name + o.Name;
            }
        }

        private Organisation NewOrganisation(Organisation parent, int siblingNumber, string name, OrganisationKind kind)
        {
            var path = OrganisationPath.Child(parent.Path, siblingNumber);
            var organisation = new Organisation
            {
                Parent = parent,
                Path = path,
                Depth = OrganisationPath.DepthOf(path),
                Kind = kind,
                Name = name,
                PinyinInitials = DemoNames.PinyinInitials(name),
                IsDemo = true,
            };
            _result.Organisations.Add(organisation);
            return organisation;
        }

        private string NewVillageName(HashSet<string> used)
        {
            while (true)
            {
                var first = Pick(DemoNames.VillageFirst);
                var second = Pick(DemoNames.VillageSecond);
                var name = first + second + "村";
                if (first != second && used.Add(name))
                {
                    return name;
                }
            }
        }

        private void BuildOfficers()
        {
            foreach (var township in _result.Townships)
            {
                var start = Between(new DateOnly(_electionYear, 9, 1), new DateOnly(_electionYear, 11, 20));
                const string congress = "第三次妇女代表大会";
                var chair = NewPerson(township, Sex.Female, 32, 52, Education.Bachelor, PoliticalStatus.PartyMember);
                AddTerm(township, chair, Office.Chair, fullTime: true, start, congress);
                var vice = NewPerson(township, Sex.Female, 28, 50, Education.College, PoliticalStatus.PartyMember);
                AddTerm(township, vice, Office.ViceChair, fullTime: false, start, congress);
                township.ContactName = chair.Name;
                township.ContactPhone = chair.Phone;
                for (var e = 0; e < 7; e++)
                {
                    AddTerm(township, NewPerson(township, Sex.Female, 25, 58), Office.ExecutiveMember, fullTime: false, start, congress);
                }
            }

            var grassroots = _result.Grassroots;
            var order = Shuffled(grassroots.Count);

            // 450 vice-chairs: two each, one in four organisations. 2,065 executives: nine each, ten in 22.
            var oneVice = order.Take(grassroots.Count * 2 - 450).ToHashSet();
            var tenExecutives = Shuffled(grassroots.Count).Take(2_065 - grassroots.Count * 9).ToHashSet();

            // Cross-posts of the chairs: 194 in the two committees; among them 23 Party secretaries and 30 directors.
            var crossPosts = Shuffled(grassroots.Count);
            var rank = new int[grassroots.Count];
            for (var k = 0; k < crossPosts.Length; k++)
            {
                rank[crossPosts[k]] = k;
            }

            for (var g = 0; g < grassroots.Count; g++)
            {
                var organisation = grassroots[g];
                var start = Between(new DateOnly(_electionYear, 3, 1), new DateOnly(_electionYear, 6, 30));
                const string congress = "第二次妇女代表大会";

                var chair = NewPerson(organisation, Sex.Female, 28, 55, PickEducation(), PoliticalStatus.PartyMember);
                var term = AddTerm(organisation, chair, Office.Chair, fullTime: false, start, congress);
                term.InTwoCommittees = rank[g] < 194;
                term.IsPartySecretary = rank[g] < 23;
                term.IsVillageDirector = rank[g] is >= 23 and < 53;
                var pay = 2_400m + (100m * _rng.Next(0, 13));
                term.SecretaryMonthlyPay = pay;
                term.MonthlyStipend = (Math.Ceiling(pay / 3 / 50) * 50) + (50m * _rng.Next(0, 7));
                if (StipendRule.Meets(term.MonthlyStipend, term.SecretaryMonthlyPay) != true)
                {
                    throw new InvalidOperationException("A demo chair's stipend breaks the one-third rule.");
                }

                _chairs[organisation] = chair;
                organisation.ContactName = chair.Name;
                organisation.ContactPhone = chair.Phone;

                for (var v = 0; v < (oneVice.Contains(g) ? 1 : 2); v++)
                {
                    var vice = NewPerson(organisation, Sex.Female, 25, 55);
                    AddTerm(organisation, vice, Office.ViceChair, fullTime: false, start, congress);
                    _viceChairs.TryAdd(organisation, vice);
                }

                for (var e = 0; e < (tenExecutives.Contains(g) ? 10 : 9); e++)
                {
                    AddTerm(organisation, NewPerson(organisation, Sex.Female, 22, 60), Office.ExecutiveMember, fullTime: false, start, congress);
                }
            }

            // A handful of terms fall due within 90 days of today, so the re-election list has entries.
            var dueSoon = _result.OfficeTerms.Where(t => t.Organisation!.Kind != OrganisationKind.Township).ToList();
            for (var k = 0; k < 8; k++)
            {
                // Elected at a by-election five years ago: due for re-election within 90 days.
                var term = dueSoon[_rng.Next(dueSoon.Count)];
                term.StartOn = _today.AddYears(-OfficeTerm.TermYears).AddDays(_rng.Next(1, 91));
                term.PlannedEndOn = term.StartOn.AddYears(OfficeTerm.TermYears);
            }

            BuildTermHistory();
        }

        /// <summary>Ended terms: chairs of the first term after the reform, and a few executives who resigned.</summary>
        private void BuildTermHistory()
        {
            foreach (var g in Shuffled(_result.Grassroots.Count).Take(15))
            {
                var organisation = _result.Grassroots[g];
                var start = organisation.ReformDate!.Value;
                var successor = _result.OfficeTerms.First(t => t.Organisation == organisation && t.Office == Office.Chair);
                var former = NewPerson(organisation, Sex.Female, 45, 66, Education.JuniorHigh, PoliticalStatus.PartyMember);
                var term = AddTerm(organisation, former, Office.Chair, fullTime: false, start, "第一次妇女代表大会");
                term.EndedOn = successor.StartOn.AddDays(-1);
                term.EndReason = TermEndReason.TermCompleted;
            }

            foreach (var g in Shuffled(_result.Grassroots.Count).Take(5))
            {
                var organisation = _result.Grassroots[g];
                var person = NewPerson(organisation, Sex.Female, 24, 40);
                var start = Between(new DateOnly(_electionYear, 3, 1), new DateOnly(_electionYear, 6, 30));
                var term = AddTerm(organisation, person, Office.ExecutiveMember, fullTime: false, start, "第二次妇女代表大会");
                term.EndedOn = Between(new DateOnly(_electionYear + 1, 3, 1), new DateOnly(_electionYear + 1, 12, 31));
                term.EndReason = TermEndReason.Resigned;
                term.EndNote = "外出务工，本人申请辞去执委职务";
            }
        }

        private OfficeTerm AddTerm(Organisation organisation, Person person, Office office, bool fullTime, DateOnly start, string congress)
        {
            var term = new OfficeTerm
            {
                Organisation = organisation,
                Person = person,
                Office = office,
                IsFullTime = fullTime,
                StartOn = start,
                PlannedEndOn = start.AddYears(OfficeTerm.TermYears),
                ElectedAt = congress,
            };
            _result.OfficeTerms.Add(term);
            return term;
        }

        private void BuildAccounts()
        {
            var county = _county;
            _result.Accounts.Add(new Account("admin", "系统管理员", Roles.SystemAdmin, county));
            _result.Accounts.Add(new Account("county.staff", "县妇联工作人员", Roles.CountyStaff, county));
            _result.Accounts.Add(new Account("leader", "县妇联领导", Roles.Leadership, county));
            for (var i = 0; i < Townships.Count; i++)
            {
                var township = _result.Townships[i];
                _result.Accounts.Add(new Account("chair." + Townships[i].Pinyin, township.Name + "妇联主席", Roles.TownshipChair, township));
            }

            var jianshe = _result.Jianshe!;
            _result.Accounts.Add(new Account("chair.jianshe", jianshe.Name + "妇联主席", Roles.VillageChair, jianshe));
        }

        // People -----------------------------------------------------------------------------------------------

        private Person NewPerson(
            Organisation organisation,
            Sex sex,
            int minAge,
            int maxAge,
            Education? education = null,
            PoliticalStatus? political = null,
            DateOnly? ageAt = null)
        {
            var reference = ageAt ?? _today;
            var birth = reference.AddYears(-_rng.Next(minAge, maxAge + 1)).AddDays(-_rng.Next(0, 365));
            var person = new Person
            {
                Organisation = organisation,
                Name = NewName(sex),
                Sex = sex,
                BirthDate = birth,
                Ethnicity = _rng.Next(100) < 97 ? "汉族" : Pick(MinorityEthnicities),
                Education = education ?? PickEducation(),
                PoliticalStatus = political ?? (_rng.Next(100) < 35 ? PoliticalStatus.PartyMember : PoliticalStatus.Masses),
                Phone = NewPhone(),
                IdNumber = NewIdNumber(birth, sex),
                IsDemo = true,
            };
            _result.People.Add(person);
            return person;
        }

        private static readonly string[] MinorityEthnicities = ["土家族", "回族", "苗族", "彝族"];

        private static readonly string[] MobilePrefixes =
        [
            "130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152", "155", "157", "158", "159",
            "166", "173", "177", "180", "181", "182", "183", "187", "188", "189", "191", "198", "199",
        ];

        private string NewName(Sex sex) =>
            Pick(DemoNames.Surnames) + Pick(sex == Sex.Female ? DemoNames.FemaleGivenNames : DemoNames.MaleGivenNames);

        private Education PickEducation() => _rng.Next(100) switch
        {
            < 10 => Education.Primary,
            < 40 => Education.JuniorHigh,
            < 65 => Education.SeniorHigh,
            < 75 => Education.Vocational,
            < 92 => Education.College,
            _ => Education.Bachelor,
        };

        private string NewIdNumber(DateOnly birth, Sex sex)
        {
            while (true)
            {
                // The sequence's parity carries the sex: even for women, odd for men.
                var sequence = (_rng.Next(0, 500) * 2) + (sex == Sex.Male ? 1 : 0);
                var number = ResidentIdNumber.Create(CountyRegionCode, birth, sequence);
                if (_idNumbers.Add(number))
                {
                    return number;
                }
            }
        }

        private string NewPhone()
        {
            while (true)
            {
                var number = Pick(MobilePrefixes) + _rng.Next(0, 100_000_000).ToString("D8", CultureInfo.InvariantCulture);
                if (!MobilePhone.IsValid(number))
                {
                    throw new InvalidOperationException("A demo mobile number is not valid.");
                }

                if (_phones.Add(number))
                {
                    return number;
                }
            }
        }

        // Random helpers ---------------------------------------------------------------------------------------

        private T Pick<T>(IReadOnlyList<T> items) => items[_rng.Next(items.Count)];

        private DateOnly Between(DateOnly from, DateOnly to) => DateOnly.FromDayNumber(_rng.Next(from.DayNumber, to.DayNumber + 1));

        /// <summary>0 … count-1 in a random order.</summary>
        private int[] Shuffled(int count)
        {
            var items = Enumerable.Range(0, count).ToArray();
            _rng.Shuffle(items);
            return items;
        }

        /// <summary>A moment of a China-time day, as UTC (PostgreSQL stores offset zero only).</summary>
        private static DateTimeOffset Utc(DateOnly date, int hour, int minute) =>
            new DateTimeOffset(date.ToDateTime(new TimeOnly(hour, minute)), ChinaOffset).ToUniversalTime();

        /// <summary>Not later than now: recent demo events must not lie in the future.</summary>
        private DateTimeOffset NotAfterNow(DateTimeOffset at) => at <= _now ? at : _now.AddMinutes(-1);
    }
}
