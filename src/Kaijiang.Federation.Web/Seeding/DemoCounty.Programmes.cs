using Kaijiang.Federation.Web.Domain;

namespace Kaijiang.Federation.Web.Seeding;

public sealed partial class DemoCounty
{
    private sealed partial class Builder
    {
        public const int Borrowers = 985;
        public const decimal LoanTotal = 75_400_000m;
        public const int LoanJobs = 10_350;

        private static readonly string[] Banks = ["中国农业银行开江县支行", "四川开江农村商业银行", "中国邮政储蓄银行开江县支行"];
        private static readonly string[] Guarantees = ["县创业担保贷款基金担保", "县妇联推荐、基金担保", "联保小组互保"];
        private static readonly string[] Industries = ["种植", "养殖", "电商", "手工编织", "餐饮", "乡村旅游", "农产品加工", "商贸零售", "家政服务"];

        // Loan sizes in thousands of yuan, as the banks' product tiers have them; their mean is near the county's.
        private static readonly int[] LoanTiers = [30, 50, 50, 50, 50, 60, 80, 80, 80, 100, 100, 100, 150];

        private static readonly string[] GraduateBusinesses =
        [
            "农产品网店", "奶茶饮品店", "摄影工作室", "乡村民宿", "鲜花礼品店", "家政服务公司", "文创设计工作室", "课外辅导中心",
            "生态养鸡场", "茶叶销售店", "手工皂工作室", "中药材种植", "汽车美容店", "宠物用品店", "竹编工艺品网店",
        ];

        private void BuildLoans()
        {
            var thousands = new int[Borrowers];
            for (var k = 0; k < Borrowers; k++)
            {
                thousands[k] = Pick(LoanTiers);
            }

            // Reach the exact total in steps of 1,000 yuan, keeping every loan within 30,000–150,000.
            FitSum(thousands, (int)(LoanTotal / 1_000m), 30, 150);
            var jobs = thousands.Select(t => Math.Max(1, (t / 10) + _rng.Next(-2, 5))).ToArray();
            FitSum(jobs, LoanJobs, 1, 40);

            // Most loans are the 2016–2019 programme, long repaid; the last 85 are recent and still running.
            var recent = Borrowers - 85;
            var troubled = Shuffled(recent).Take(14).ToArray();
            var overdue = troubled.Take(12).ToHashSet();
            var writtenOff = troubled.Skip(12).ToHashSet();
            var villages = _result.Grassroots;
            for (var k = 0; k < Borrowers; k++)
            {
                var disbursed = k < recent
                    ? Between(new DateOnly(2016, 1, 4), new DateOnly(2019, 12, 27))
                    : _today.AddDays(-_rng.Next(15, 700));
                var home = villages[_rng.Next(villages.Count)];
                var borrower = NewPerson(home, Sex.Female, 24, 52, ageAt: disbursed);
                var term = _rng.Next(100) < 60 ? 24 : 36;
                var rate = k < recent ? (term == 24 ? 0.0435m : 0.0475m) : 0.0345m;
                var amount = thousands[k] * 1_000m;
                var loan = new Loan
                {
                    Borrower = borrower,
                    Organisation = home,
                    Bank = Pick(Banks),
                    Guarantee = Pick(Guarantees),
                    Amount = amount,
                    AnnualRate = rate,
                    TermMonths = term,
                    DisbursedOn = disbursed,
                    DueOn = disbursed.AddMonths(term),
                    InterestSubsidy = decimal.Round(amount * rate * term / 12m, 2),
                    Industry = Pick(Industries),
                    JobsCreated = jobs[k],
                    IsDemo = true,
                };

                if (overdue.Contains(k) || writtenOff.Contains(k))
                {
                    // Interest for a year and part of the principal, then nothing.
                    Repay(loan, disbursed.AddMonths(12), decimal.Round(amount * 0.3m / 1_000m) * 1_000m);
                    if (writtenOff.Contains(k))
                    {
                        loan.WrittenOffOn = loan.DueOn.AddYears(2);
                        loan.WriteOffReason = "借款人经营失败，担保基金代偿后按程序核销";
                    }
                }
                else
                {
                    // Interest each year, a third of the principal after the first year, the rest at the due date.
                    var firstPart = _rng.Next(100) < 50 ? decimal.Round(amount / 3m / 1_000m) * 1_000m : 0m;
                    Repay(loan, disbursed.AddMonths(12), firstPart);
                    if (term == 36)
                    {
                        Repay(loan, disbursed.AddMonths(24), 0m);
                    }

                    Repay(loan, loan.DueOn.AddDays(-_rng.Next(0, 10)), amount - firstPart);
                }

                _result.Loans.Add(loan);
            }
        }

        /// <summary>Records a repayment when its date has come; interest is the year's on the balance.</summary>
        private void Repay(Loan loan, DateOnly paidOn, decimal principal)
        {
            if (paidOn > _today)
            {
                return;
            }

            var balance = loan.Amount - loan.Repayments.Sum(r => r.Principal);
            loan.Repayments.Add(new LoanRepayment
            {
                PaidOn = paidOn,
                Principal = principal,
                Interest = decimal.Round(balance * loan.AnnualRate, 2),
                RecordedAt = Utc(paidOn, 16, 30),
                RecordedBy = "county.staff",
            });
        }

        /// <summary>Nudges values by one until they add up to <paramref name="total"/>, each within [min, max].</summary>
        private void FitSum(int[] values, int total, int min, int max)
        {
            var difference = total - values.Sum();
            while (difference != 0)
            {
                var k = _rng.Next(values.Length);
                var step = Math.Sign(difference);
                if (values[k] + step >= min && values[k] + step <= max)
                {
                    values[k] += step;
                    difference -= step;
                }
            }
        }

        private void BuildStartupGrants()
        {
            for (var k = 0; k < 268; k++)
            {
                var granted = Between(new DateOnly(2016, 3, 1), new DateOnly(2019, 11, 30));
                var home = Pick(_result.Grassroots);
                var graduate = NewPerson(
                    home,
                    _rng.Next(100) < 70 ? Sex.Female : Sex.Male,
                    22,
                    28,
                    _rng.Next(100) < 60 ? Education.Bachelor : Education.College,
                    _rng.Next(100) < 50 ? PoliticalStatus.LeagueMember : PoliticalStatus.Masses,
                    ageAt: granted);
                _result.StartupGrants.Add(new StartupGrant
                {
                    Graduate = graduate,
                    Organisation = home,
                    Business = graduate.Name[..1] + "氏" + Pick(GraduateBusinesses),
                    Amount = 10_000m,
                    GrantedOn = granted,
                    IsDemo = true,
                });
            }
        }

        private void BuildProgrammes()
        {
            BuildBases();
            BuildProjectsAndTrainings();
            BuildPartnersAndChannels();
        }

        private void BuildBases()
        {
            var villages = _result.Grassroots.Where(o => o.Kind == OrganisationKind.Village).ToList();
            var units = _result.Organisations.Where(o => o.UnitKind == UnitKind.NonPublicEconomic).ToList();

            // Demonstration bases and villages are recognised for what they show; the jobs figure (近万) belongs
            // to the employment, co-operative and poverty-alleviation bases.
            string[] entrepreneurship = ["电商", "竹编", "油橄榄", "茶业", "乡村旅游"];
            foreach (var trade in entrepreneurship)
            {
                var host = Pick(units);
                AddBase(BaseKind.EntrepreneurshipDemonstration, Brand(host) + "巾帼" + trade + "创业示范基地", host, 0, 2018);
            }

            foreach (var host in villages.OrderBy(_ => _rng.Next()).Take(4))
            {
                AddBase(BaseKind.BeautifulHomelandVillage, host.Name + "美丽家园示范村", host, 0, 2019);
            }

            var jobs = new int[24];
            for (var k = 0; k < jobs.Length; k++)
            {
                jobs[k] = k < 6 ? _rng.Next(500, 1_200) : _rng.Next(150, 600);
            }

            FitSum(jobs, 9_800, 100, 1_500);
            string[] homeBased = ["手工编织", "服装加工", "电商客服", "蜀绣", "竹编", "手工布鞋"];
            for (var k = 0; k < 6; k++)
            {
                var host = Pick(units);
                AddBase(BaseKind.HomeBasedFlexibleEmployment, Brand(host) + homeBased[k] + "居家灵活就业基地", host, jobs[k], 2018);
            }

            string[] produce = ["水稻", "油橄榄", "茶叶", "柑橘", "中药材", "蔬菜", "生猪", "肉兔", "蜜蜂", "稻田鱼"];
            var coopHosts = villages.OrderBy(_ => _rng.Next()).Take(18).ToList();
            for (var k = 0; k < 10; k++)
            {
                var host = coopHosts[k];
                var name = k % 3 == 2 ? host.Name[..^1] + produce[k] + "家庭农场" : host.Name[..^1] + produce[k] + "巾帼专业合作社";
                AddBase(BaseKind.Cooperative, name, host, jobs[6 + k], 2017 + (k % 3));
            }

            for (var k = 0; k < 8; k++)
            {
                var host = coopHosts[10 + k];
                AddBase(BaseKind.PovertyAlleviationDemonstration, host.Name + "巾帼脱贫示范基地", host, jobs[16 + k], 2018 + (k % 2));
            }
        }

        /// <summary>The brand of a demo enterprise: 开江县<b>宏发</b>农业开发有限公司.</summary>
        private static string Brand(Organisation enterprise) => enterprise.Name.Substring("开江县".Length, 2);

        private void AddBase(BaseKind kind, string name, Organisation host, int jobs, int year)
        {
            var leader = NewPerson(host, Sex.Female, 32, 55, Education.SeniorHigh, PoliticalStatus.PartyMember);
            _result.Bases.Add(new Base
            {
                Kind = kind,
                Name = name,
                Organisation = host,
                Leader = leader,
                JobsProvided = jobs,
                WomenEmployed = jobs * 7 / 10, // most jobs at these bases are women's; no draw, so the sequence is unchanged
                YearRecognised = year,
                IsDemo = true,
            });
        }

        private void BuildProjectsAndTrainings()
        {
            (string Name, string Funder, decimal Funds, int Year)[] projects =
            [
                ("“春蕾计划”助学项目", "中国儿童少年基金会", 150_000m, 2017),
                ("巾帼脱贫示范基地建设项目", "四川省妇联", 100_000m, 2018),
                ("“妇女之家”标准化建设项目", "四川省妇联", 80_000m, 2017),
                ("儿童之家建设项目", "四川省妇联", 60_000m, 2018),
                ("“母亲邮包”公益项目", "中国妇女发展基金会", 50_000m, 2016),
                ("贫困母亲“两癌”救助项目", "中国妇女发展基金会", 50_000m, 2017),
                ("巾帼家政培训项目", "四川省妇联", 50_000m, 2018),
                ("留守儿童关爱项目", "达州市妇联", 40_000m, 2017),
                ("家庭教育“母亲课堂”项目", "达州市妇联", 40_000m, 2018),
                ("美丽家园示范村创建项目", "达州市妇联", 30_000m, 2019),
                ("“最美家庭”宣传项目", "达州市妇联", 30_000m, 2019),
                ("妇女维权站点建设项目", "四川省妇联", 30_000m, 2016),
                ("巾帼电商培训项目", "达州市妇联", 20_000m, 2019),
                ("“母亲水窖”项目配套", "中国妇女发展基金会", 20_000m, 2016),
                ("反家暴宣传项目", "达州市妇联", 20_000m, 2019),
                ("巾帼志愿服务项目", "达州市妇联", 20_000m, 2018),
            ];
            foreach (var (name, funder, funds, year) in projects)
            {
                _result.Projects.Add(new Project { Name = name, Funder = funder, Funds = funds, Year = year, Organisation = _county, IsDemo = true });
            }

            // Twelve trainings spread over the last three years, 800 person-times together.
            string[] trainings =
            [
                "巾帼家政服务技能培训", "农村电商创业培训", "月嫂育婴员培训", "手工编织技能培训", "乡村旅游服务培训", "种养殖实用技术培训",
                "巾帼创业能力提升培训", "中式面点技能培训", "油橄榄种植管理培训", "养老护理员培训", "直播带货技能培训", "茶艺技能培训",
            ];
            var participants = trainings.Select(_ => _rng.Next(50, 85)).ToArray();
            FitSum(participants, 800, 30, 120);
            for (var k = 0; k < trainings.Length; k++)
            {
                var host = k % 3 == 0 ? _county : Pick(_result.Townships);
                _result.Trainings.Add(new Training
                {
                    Title = trainings[k],
                    HeldOn = _today.AddDays(-((k * 85) + _rng.Next(15, 60))),
                    Days = _rng.Next(1, 6),
                    Participants = participants[k],
                    Topic = "就业创业技能",
                    Organiser = host.Name,
                    Organisation = host,
                    IsDemo = true,
                });
            }

            string[] fairs =
            [
                "2017年“春风送岗位”专场招聘会", "2017年就业援助月巾帼专场招聘会", "2017年秋季返乡创业就业招聘会",
                "2018年“春风送岗位”专场招聘会", "2018年“三八”巾帼专场招聘会", "2018年就业援助月招聘会", "2018年高校毕业生专场招聘会",
                "2019年“春风送岗位”专场招聘会", "2019年“三八”巾帼专场招聘会", "2019年民营企业招聘月招聘会", "2019年就业援助月招聘会",
            ];
            for (var k = 0; k < fairs.Length; k++)
            {
                var year = int.Parse(fairs[k][..4], System.Globalization.CultureInfo.InvariantCulture);
                _result.JobFairs.Add(new JobFair
                {
                    Name = fairs[k],
                    HeldOn = Between(new DateOnly(year, 2, 10), new DateOnly(year, 12, 20)),
                    Place = "开江县人力资源市场",
                    Employers = _rng.Next(20, 81),
                    PositionsOffered = _rng.Next(300, 2_001),
                    Organisation = _county,
                    IsDemo = true,
                });
            }

            string[] povertySpecialities = ["水稻种植", "油橄榄栽培", "茶叶种植", "柑橘栽培", "生猪养殖", "家禽养殖", "水产养殖", "中药材种植", "农村电商", "农产品加工"];
            string[] povertyEmployers = ["开江县农业农村局", "开江县畜牧服务中心", "开江县农技推广中心", "达州职业技术学院", "开江县林业局"];
            for (var k = 0; k < 25; k++)
            {
                _result.Experts.Add(new Expert
                {
                    Kind = ExpertKind.PovertyAlleviationExpert,
                    Name = NewName(Sex.Female),
                    Speciality = povertySpecialities[k % povertySpecialities.Length],
                    Employer = Pick(povertyEmployers),
                    Organisation = _county,
                    IsDemo = true,
                });
            }

            string[] lectures = ["家庭教育", "亲子沟通", "青春期教育", "婚姻家庭", "心理健康", "家风建设"];
            string[] lecturerEmployers = ["开江县实验小学", "开江中学", "开江县普安中学", "心怡心理工作室", "开江县妇幼保健院"];
            for (var k = 0; k < 11; k++)
            {
                _result.Experts.Add(new Expert
                {
                    Kind = ExpertKind.FamilyEducationLecturer,
                    Name = NewName(Sex.Female),
                    Speciality = lectures[k % lectures.Length] + "（幸福使者·母亲课堂）",
                    Employer = Pick(lecturerEmployers),
                    Organisation = _county,
                    IsDemo = true,
                });
            }
        }

        private void BuildPartnersAndChannels()
        {
            (PartnerKind Kind, string Name, string BuiltWith, DateOnly Since)[] partners =
            [
                (PartnerKind.FamilyGrowthCentre, "开江县幸福家家庭成长中心", "深圳市幸福家家庭教育研究院", new DateOnly(2018, 5, 15)),
                (PartnerKind.ContractedSocialOrganisation, "心怡心理工作室", "县妇联购买服务，承接“母亲课堂”心理健康课程", new DateOnly(2018, 9, 1)),
                (PartnerKind.ContractedSocialOrganisation, "博爱社会服务中心", "县妇联购买服务，承接家庭教育和儿童关爱课程", new DateOnly(2019, 3, 1)),
                (PartnerKind.MutualAidAssociation, "开江县创业妇女互助会", "开江县妇女联合会", new DateOnly(2017, 3, 8)),
            ];
            foreach (var (kind, name, builtWith, since) in partners)
            {
                _result.Partners.Add(new Partner { Kind = kind, Name = name, BuiltWith = builtWith, Since = since, Organisation = _county, IsDemo = true });
            }

            (ChannelKind Kind, string Name, int Members)[] channels =
            [
                (ChannelKind.WeChatOfficialAccount, "开江女性", 12_860),
                (ChannelKind.WeChatGroup, "开江县妇联执委群", 482),
                (ChannelKind.WeChatGroup, "开江县村（社区）妇联主席群", 251),
                (ChannelKind.WeChatGroup, "开江巾帼创业交流群", 436),
                (ChannelKind.WeChatGroup, "幸福使者·母亲课堂家长群", 497),
                (ChannelKind.QqGroup, "开江巾帼志愿者QQ群", 318),
                (ChannelKind.QqGroup, "开江妇女维权服务QQ群", 206),
            ];
            foreach (var (kind, name, members) in channels)
            {
                _result.OutreachChannels.Add(new OutreachChannel { Kind = kind, Name = name, Members = members, Organisation = _county, IsDemo = true });
            }
        }
    }
}
