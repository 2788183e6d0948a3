using System.Globalization;
using Kaijiang.Federation.Web.Domain;

namespace Kaijiang.Federation.Web.Seeding;

public sealed partial class DemoCounty
{
    private sealed partial class Builder
    {
        private static readonly string[] ChildRelations = ["儿子", "女儿"];
        private static readonly string[] ElderRelations = ["父亲", "母亲"];

        /// <summary>The county's standards: the "six haves" of a Women's Home and the "seven haves" of a Children's Home.</summary>
        private static readonly (ServiceSiteKind Kind, string Zh, string En)[] ChecklistItems =
        [
            (ServiceSiteKind.WomensHome, "有场所", "Has a place"),
            (ServiceSiteKind.WomensHome, "有牌子", "Has a sign"),
            (ServiceSiteKind.WomensHome, "有制度", "Has rules"),
            (ServiceSiteKind.WomensHome, "有人员", "Has staff"),
            (ServiceSiteKind.WomensHome, "有活动", "Has activities"),
            (ServiceSiteKind.WomensHome, "有档案", "Has records"),
            (ServiceSiteKind.ChildrensHome, "有场所", "Has a place"),
            (ServiceSiteKind.ChildrensHome, "有设施", "Has facilities"),
            (ServiceSiteKind.ChildrensHome, "有制度", "Has rules"),
            (ServiceSiteKind.ChildrensHome, "有人员", "Has staff"),
            (ServiceSiteKind.ChildrensHome, "有活动", "Has activities"),
            (ServiceSiteKind.ChildrensHome, "有经费", "Has funds"),
            (ServiceSiteKind.ChildrensHome, "有档案", "Has records"),
        ];

        private void BuildServiceSites()
        {
            var grassroots = _result.Grassroots;
            foreach (var (kind, zh, en) in ChecklistItems)
            {
                _result.ChecklistItems.Add(new StandardChecklistItem
                {
                    Kind = kind, NameZh = zh, NameEn = en, SortOrder = _result.ChecklistItems.Count(i => i.Kind == kind) + 1,
                });
            }

            var standardised = Shuffled(grassroots.Count).Take(53).ToHashSet();
            for (var g = 0; g < grassroots.Count; g++)
            {
                var host = grassroots[g];
                var home = new ServiceSite
                {
                    Kind = ServiceSiteKind.WomensHome,
                    Organisation = host,
                    Name = host.Name + "妇女之家",
                    OpenedOn = host.ReformDate!.Value.AddDays(_rng.Next(10, 90)),
                    AreaSquareMetres = _rng.Next(30, 151),
                    IsDemo = true,
                };
                if (standardised.Contains(g))
                {
                    home.StandardisedOn = Between(new DateOnly(2018, 6, 1), new DateOnly(2019, 10, 31));
                }

                home.Managers.Add(new ServiceSiteManager { Person = _chairs[host] });
                _result.ServiceSites.Add(home);
            }

            foreach (var g in Shuffled(grassroots.Count).Take(65))
            {
                var host = grassroots[g];
                var home = new ServiceSite
                {
                    Kind = ServiceSiteKind.ChildrensHome,
                    Organisation = host,
                    Name = host.Name + "儿童之家",
                    OpenedOn = Between(new DateOnly(2018, 3, 1), new DateOnly(2019, 9, 30)),
                    AreaSquareMetres = _rng.Next(40, 121),
                    IsDemo = true,
                };
                home.Managers.Add(new ServiceSiteManager { Person = _viceChairs[host] });
                _result.ServiceSites.Add(home);
            }

            // 以奖代补: the county rewarded 36 non-public economic organisations for building a Women's Home.
            foreach (var unit in _result.Organisations.Where(o => o.UnitKind == UnitKind.NonPublicEconomic))
            {
                _result.ServiceSites.Add(new ServiceSite
                {
                    Kind = ServiceSiteKind.WomensHome,
                    Organisation = unit,
                    Name = unit.Name.Replace("开江县", "", StringComparison.Ordinal).Replace("有限公司", "", StringComparison.Ordinal) + "妇女之家",
                    OpenedOn = unit.ReformDate!.Value.AddDays(_rng.Next(20, 120)),
                    AreaSquareMetres = _rng.Next(30, 101),
                    SubsidyReceived = 1_000m * _rng.Next(3, 11),
                    IsDemo = true,
                });
            }

            MeetChecklists();
        }

        /// <summary>
        /// What each home meets: every item for the standardised ones (with the visit that found it), some items
        /// missing for the others, so that "standardised" follows from the checklist as the portal computes it.
        /// </summary>
        private void MeetChecklists()
        {
            // A random sequence of its own: the rest of the county stays as it was before checklists existed.
            var rng = new Random(RandomSeed + 1);
            foreach (var site in _result.ServiceSites)
            {
                var items = _result.ChecklistItems.Where(i => i.Kind == site.Kind).ToList();
                if (site.StandardisedOn is { } standardisedOn)
                {
                    var inspection = new SiteInspection
                    {
                        VisitedOn = standardisedOn,
                        Inspector = "开江县妇联",
                        Note = "六有标准验收合格",
                        MetStandard = true,
                        RecordedAt = Utc(standardisedOn, 16, 0),
                    };
                    foreach (var item in items)
                    {
                        site.MetItems.Add(new ServiceSiteChecklistItem { Item = item, MetSince = standardisedOn });
                        inspection.Findings.Add(new SiteInspectionFinding { Item = item });
                    }

                    site.Inspections.Add(inspection);
                    continue;
                }

                var met = rng.Next(2, items.Count);
                var since = site.OpenedOn ?? new DateOnly(2018, 1, 1);
                foreach (var item in items.OrderBy(_ => rng.Next()).Take(met))
                {
                    site.MetItems.Add(new ServiceSiteChecklistItem { Item = item, MetSince = since });
                }
            }
        }

        private void BuildFamilies()
        {
            var titles = new[]
            {
                new AwardTitle { Code = "MostBeautifulFamily", NameZh = "最美家庭", NameEn = "Most Beautiful Family", SortOrder = 1 },
                new AwardTitle { Code = "CivilisedFamily", NameZh = "文明家庭", NameEn = "Civilised Family", SortOrder = 2 },
                new AwardTitle { Code = "CleanFamily", NameZh = "廉洁家庭", NameEn = "Clean Family", SortOrder = 3 },
                new AwardTitle { Code = "BeautifulCourtyard", NameZh = "美丽庭院", NameEn = "Beautiful Courtyard", SortOrder = 4 },
                new AwardTitle { Code = "BeautifulBalcony", NameZh = "最美阳台", NameEn = "Most Beautiful Balcony", SortOrder = 5 },
            };
            _result.AwardTitles.AddRange(titles);
            var (mostBeautiful, civilised, clean, courtyard, balcony) = (titles[0], titles[1], titles[2], titles[3], titles[4]);
            var villages = _result.Grassroots.Where(o => o.Kind == OrganisationKind.Village).ToList();
            var communities = _result.Grassroots.Where(o => o.Kind == OrganisationKind.Community).ToList();

            // Most Beautiful Family: 260 county-level; ten of them went on to the city, one of those to the province.
            var countyMostBeautiful = new List<FamilyAward>();
            foreach (var year in new[] { 2017, 2018, 2019 })
            {
                for (var k = 0; k < (year == 2017 ? 80 : 90); k++)
                {
                    countyMostBeautiful.Add(Award(NewFamily(Pick(_result.Grassroots)), mostBeautiful, AwardLevel.County, year));
                }
            }

            var cityFamilies = countyMostBeautiful.Where(a => a.Year <= 2018).OrderBy(_ => _rng.Next()).Take(10).ToList();
            var cityAwards = cityFamilies.Select(a => Award(a.Family!, mostBeautiful, AwardLevel.City, a.Year + 1)).ToList();
            // The province nomination builds on an earlier city award (the eligibility rule), so not one of 2019.
            var provincialFamily = cityAwards.First(a => a.Year < 2019).Family!;
            var provincial = Award(provincialFamily, mostBeautiful, AwardLevel.Province, 2019);
            provincial.Kind = AwardKind.NominationAward;

            // Civilised Families: 360 county-level over three years.
            var civilisedAwards = new List<FamilyAward>();
            foreach (var year in new[] { 2017, 2018, 2019 })
            {
                for (var k = 0; k < 120; k++)
                {
                    civilisedAwards.Add(Award(NewFamily(Pick(_result.Grassroots)), civilised, AwardLevel.County, year));
                }
            }

            // Beautiful courtyards in the villages, most beautiful balconies in the communities: 500 households.
            for (var k = 0; k < 500; k++)
            {
                var isBalcony = k >= 340;
                var family = NewFamily(isBalcony ? Pick(communities) : Pick(villages));
                Award(family, isBalcony ? balcony : courtyard, AwardLevel.County, k % 2 == 0 ? 2018 : 2019);
            }

            BuildNominations(mostBeautiful, civilised, clean, cityFamilies);
            BuildMottos(countyMostBeautiful.Concat(civilisedAwards).Select(a => a.Family!).Distinct().ToList());
        }

        /// <summary>This year's awards still in the pipeline: none of them counts towards the figures.</summary>
        private void BuildNominations(AwardTitle mostBeautiful, AwardTitle civilised, AwardTitle clean, List<FamilyAward> cityFamilies)
        {
            var year = _today.Year;
            var yearStart = new DateOnly(year, 1, 1);
            DateOnly DaysAgo(int days) => DateOnly.FromDayNumber(Math.Max(yearStart.DayNumber, _today.DayNumber - days));

            var pipeline = new (AwardTitle Title, AwardLevel Level, AwardStatus Status, Family Family)[]
            {
                (mostBeautiful, AwardLevel.County, AwardStatus.Nominated, NewFamily(Pick(_result.Grassroots))),
                (mostBeautiful, AwardLevel.County, AwardStatus.Nominated, NewFamily(Pick(_result.Grassroots))),
                (clean, AwardLevel.County, AwardStatus.Nominated, NewFamily(Pick(_result.Grassroots))),
                (clean, AwardLevel.County, AwardStatus.Nominated, NewFamily(Pick(_result.Grassroots))),
                (mostBeautiful, AwardLevel.County, AwardStatus.Recommended, NewFamily(Pick(_result.Grassroots))),
                (mostBeautiful, AwardLevel.County, AwardStatus.Recommended, NewFamily(Pick(_result.Grassroots))),
                (civilised, AwardLevel.County, AwardStatus.Recommended, NewFamily(Pick(_result.Grassroots))),
                (mostBeautiful, AwardLevel.City, AwardStatus.PublicNotice, cityFamilies[1].Family!),
                (mostBeautiful, AwardLevel.City, AwardStatus.PublicNotice, cityFamilies[2].Family!),
                (civilised, AwardLevel.County, AwardStatus.Declined, NewFamily(Pick(_result.Grassroots))),
            };

            foreach (var (title, level, status, family) in pipeline)
            {
                var chairName = _chairs[family.Organisation!].Name;
                var township = family.Organisation!.Parent!;
                var award = new FamilyAward
                {
                    Family = family,
                    Organisation = family.Organisation,
                    AwardTitle = title,
                    Level = level,
                    Kind = AwardKind.Award,
                    Status = status,
                    Year = year,
                    Citation = string.Format(CultureInfo.InvariantCulture, Pick(DemoNames.AwardCitations), family.Name),
                    NominatedBy = chairName,
                    NominatedAt = NotAfterNow(Utc(DaysAgo(_rng.Next(40, 60)), 10, 0)),
                    IsDemo = true,
                };
                if (status is AwardStatus.Recommended or AwardStatus.PublicNotice or AwardStatus.Declined)
                {
                    award.RecommendedBy = township.Name + "妇联";
                    award.RecommendedAt = NotAfterNow(Utc(DaysAgo(_rng.Next(20, 35)), 15, 30));
                }

                if (status == AwardStatus.PublicNotice)
                {
                    award.PublicNoticeFrom = DaysAgo(3);
                    award.PublicNoticeUntil = award.PublicNoticeFrom.Value.AddDays(7);
                }

                if (status == AwardStatus.Declined)
                {
                    award.DecidedBy = "开江县妇联";
                    award.DecidedAt = NotAfterNow(Utc(DaysAgo(_rng.Next(5, 15)), 11, 0));
                }

                _result.FamilyAwards.Add(award);
            }
        }

        private void BuildMottos(List<Family> awardedFamilies)
        {
            var texts = new HashSet<string>(StringComparer.Ordinal);
            var families = awardedFamilies.OrderBy(_ => _rng.Next()).Take(240).ToList();
            foreach (var family in families)
            {
                string text;
                do
                {
                    var first = Pick(DemoNames.Precepts);
                    var second = Pick(DemoNames.Precepts);
                    text = first == second ? "" : first + "；" + second + "。";
                }
                while (text.Length == 0 || !texts.Add(text));

                _result.FamilyMottos.Add(new FamilyMotto
                {
                    Family = family,
                    Organisation = family.Organisation,
                    Text = text,
                    YearCollected = 2017 + _rng.Next(0, 3),
                    IsDemo = true,
                });
            }

            const string publisher = "开江县妇女联合会（内部资料）";
            var books = new[]
            {
                new Book { Title = "家和万事兴", Year = 2018, Publisher = publisher },
                new Book { Title = "家庭家教家风", Year = 2019, Publisher = publisher },
                new Book { Title = "家训家规家事", Year = 2019, Publisher = publisher },
            };
            books[0].Mottos.AddRange(_result.FamilyMottos.Where(m => m.YearCollected <= 2018).Take(80));
            books[1].Mottos.AddRange(_result.FamilyMottos.OrderBy(_ => _rng.Next()).Take(90));
            books[2].Mottos.AddRange(_result.FamilyMottos.Where(m => !books[0].Mottos.Contains(m)).Take(100));
            _result.Books.AddRange(books);
        }

        private FamilyAward Award(Family family, AwardTitle title, AwardLevel level, int year)
        {
            var citations = title.Code is "BeautifulCourtyard" or "BeautifulBalcony" ? DemoNames.CourtyardCitations : DemoNames.AwardCitations;
            var decided = new DateOnly(year, 5, _rng.Next(8, 16));
            var award = new FamilyAward
            {
                Family = family,
                Organisation = family.Organisation,
                AwardTitle = title,
                Level = level,
                Kind = AwardKind.Award,
                Status = AwardStatus.Awarded,
                Year = year,
                Citation = string.Format(CultureInfo.InvariantCulture, Pick(citations), family.Name),
                NominatedBy = _chairs[family.Organisation!].Name,
                NominatedAt = Utc(decided.AddDays(-45), 10, 0),
                RecommendedBy = family.Organisation!.Parent!.Name + "妇联",
                RecommendedAt = Utc(decided.AddDays(-30), 15, 0),
                PublicNoticeFrom = decided.AddDays(-12),
                PublicNoticeUntil = decided.AddDays(-5),
                DecidedBy = level switch
                {
                    AwardLevel.Province => "四川省妇联",
                    AwardLevel.City => "达州市妇联",
                    _ => "开江县妇联",
                },
                DecidedAt = Utc(decided, 10, 0),
                IsDemo = true,
            };
            _result.FamilyAwards.Add(award);
            return award;
        }

        private Family NewFamily(Organisation home)
        {
            var headSex = _rng.Next(100) < 55 ? Sex.Female : Sex.Male;
            var head = NewPerson(home, headSex, 35, 72);
            var family = new Family { Organisation = home, HouseholdHead = head, Name = head.Name + "家庭", IsDemo = true };
            var spouseSex = headSex == Sex.Female ? Sex.Male : Sex.Female;
            var spouse = NewName(spouseSex);
            var fatherSurname = headSex == Sex.Male ? head.Name[..1] : spouse[..1];
            family.Members.Add(new FamilyMember { Name = spouse, Relation = "配偶" });
            var others = _rng.Next(0, 4);
            for (var k = 0; k < others; k++)
            {
                if (k == 2 && head.BirthDate!.Value.Year > 1960)
                {
                    var elder = Pick(ElderRelations);
                    var elderName = elder == "父亲" ? head.Name[..1] + Pick(DemoNames.MaleGivenNames) : NewName(Sex.Female);
                    family.Members.Add(new FamilyMember { Name = elderName, Relation = elder });
                    continue;
                }

                var relation = Pick(ChildRelations);
                var given = Pick(relation == "儿子" ? DemoNames.MaleGivenNames : DemoNames.FemaleGivenNames);
                family.Members.Add(new FamilyMember { Name = fatherSurname + given, Relation = relation });
            }

            _result.Families.Add(family);
            return family;
        }
    }
}
