using Kaijiang.Federation.Web.Domain;

namespace Kaijiang.Federation.Web.Seeding;

public sealed partial class DemoCounty
{
    /// <summary>How many months of reports the demo holds, ending with last month.</summary>
    public const int ReportMonths = 14;

    private sealed partial class Builder
    {
        private static readonly string[] WorkDone =
        [
            "组织开展“三八”国际妇女节系列活动，走访慰问困难妇女；召开乡镇妇联执委会，部署本年度重点工作。",
            "开展“最美家庭”寻找推荐活动，各村（社区）推荐候选家庭；举办巾帼家政技能培训一期。",
            "深入村（社区）开展反家暴法宣传，调处婚姻家庭纠纷；督促村级“妇女之家”按时开展活动。",
            "配合做好妇女小额担保贷款调查推荐，走访创业妇女，收集融资需求；开展留守儿童关爱活动。",
            "组织“母亲课堂”家庭教育讲座，参与“春风送岗位”招聘会，帮助妇女就近就业。",
            "开展“美丽庭院”评比和环境卫生整治，发动妇女参与乡村振兴；完成执委履职情况统计。",
        ];

        private static readonly string[] Problems =
        [
            "部分村妇联执委外出务工，活动参与率不高。",
            "村级“妇女之家”活动经费不足，阵地使用频率偏低。",
            "创业妇女贷款需求大，但部分人员缺乏有效担保。",
            "无。",
        ];

        private static readonly string[] Plans =
        [
            "继续推进“巾帼建功”活动，做好下月家庭教育讲座和技能培训组织工作。",
            "开展村（社区）妇联主席业务培训，督促执委联系服务妇女。",
            "做好“最美家庭”候选家庭公示和宣传，走访困难妇女儿童。",
        ];

        private static readonly string[] ReturnComments =
        [
            "“培训妇女”人次与附件签到表不一致，请核实后重新提交。",
            "贷款金额单位应为万元，请更正后重新提交。",
            "本月工作开展情况过于简略，请补充具体活动和参与人数。",
        ];

        private void BuildMonthlyReports()
        {
            (string Code, string NameZh, string NameEn, string UnitZh, string UnitEn, IndicatorValueKind Kind, bool Required, string GroupZh, string GroupEn, int Low, int High)[] definitions =
            [
                ("activities_held", "开展活动", "Activities held", "场次", "events", IndicatorValueKind.Whole, true, "工作开展", "Work done", 2, 12),
                ("women_trained", "培训妇女", "Women trained", "人次", "person-times", IndicatorValueKind.Whole, true, "培训就业", "Training and jobs", 0, 120),
                ("loans_count", "发放贴息贷款", "Subsidised loans disbursed", "笔", "loans", IndicatorValueKind.Whole, true, "创业贷款", "Loans", 0, 8),
                ("loans_amount", "发放贷款金额", "Loan amount disbursed", "万元", "10k yuan", IndicatorValueKind.Decimal, true, "创业贷款", "Loans", 0, 60),
                ("home_visits", "入户走访", "Home visits", "户", "households", IndicatorValueKind.Whole, false, "联系服务", "Outreach", 10, 150),
                ("complaints_handled", "受理信访", "Complaints handled", "件", "cases", IndicatorValueKind.Whole, true, "维权服务", "Rights protection", 0, 6),
                ("rights_cases", "调处婚姻家庭纠纷", "Family disputes mediated", "件", "cases", IndicatorValueKind.Whole, false, "维权服务", "Rights protection", 0, 5),
                ("new_executives", "新增执委", "New executive members", "人", "people", IndicatorValueKind.Whole, false, "组织建设", "Organisation", 0, 3),
                ("home_activities", "“妇女之家”活动", "Women's Home activities", "场次", "events", IndicatorValueKind.Whole, true, "阵地建设", "Service sites", 2, 25),
                ("families_nominated", "推荐表彰家庭", "Families nominated for awards", "户", "households", IndicatorValueKind.Whole, false, "家庭工作", "Family work", 0, 10),
            ];
            var indicators = new List<(ReportIndicator Indicator, int Low, int High)>();
            for (var k = 0; k < definitions.Length; k++)
            {
                var d = definitions[k];
                var indicator = new ReportIndicator
                {
                    Code = d.Code,
                    NameZh = d.NameZh,
                    NameEn = d.NameEn,
                    UnitZh = d.UnitZh,
                    UnitEn = d.UnitEn,
                    ValueKind = d.Kind,
                    IsRequired = d.Required,
                    Minimum = 0m,
                    ActiveFrom = 201901,
                    SortOrder = k + 1,
                    GroupZh = d.GroupZh,
                    GroupEn = d.GroupEn,
                };
                _result.ReportIndicators.Add(indicator);
                indicators.Add((indicator, d.Low, d.High));
            }

            var sections = ReportSection.Defaults();
            _result.ReportSections.AddRange(sections);

            var thisMonth = new DateOnly(_today.Year, _today.Month, 1);
            for (var m = ReportMonths; m >= 1; m--)
            {
                var period = MonthlyReport.PeriodOf(thisMonth.AddMonths(-m));
                for (var t = 0; t < _result.Townships.Count; t++)
                {
                    var status = StatusOf(t, m);
                    if (status is null)
                    {
                        continue;
                    }

                    var report = NewReport(_result.Townships[t], Townships[t].Pinyin, period, status.Value);
                    foreach (var (indicator, low, high) in indicators)
                    {
                        // A draft is being filled in: its optional figures are not there yet.
                        var blank = status == ReportStatus.Draft && !indicator.IsRequired;
                        report.Values.Add(new MonthlyReportValue
                        {
                            ReportIndicator = indicator,
                            IndicatorCode = indicator.Code,
                            IndicatorNameZh = indicator.NameZh,
                            IndicatorNameEn = indicator.NameEn,
                            UnitZh = indicator.UnitZh,
                            UnitEn = indicator.UnitEn,
                            ValueKind = indicator.ValueKind,
                            Value = blank ? null : ValueOf(indicator.ValueKind, low, high),
                        });
                    }

                    _result.MonthlyReports.Add(report);
                }
            }
        }

        /// <summary>
        /// The state of township <paramref name="t"/>'s report for the month <paramref name="m"/> months ago;
        /// null when none was written. Older months are settled; the last two show the work in progress.
        /// </summary>
        private static ReportStatus? StatusOf(int t, int m) => m switch
        {
            1 => t switch
            {
                < 3 => ReportStatus.Approved,
                < 11 => ReportStatus.Submitted,
                11 => ReportStatus.Returned,
                < 14 => ReportStatus.Draft,
                _ => null,
            },
            2 => t switch
            {
                < 14 => ReportStatus.Approved,
                < 17 => ReportStatus.Submitted,
                17 => ReportStatus.Returned,
                _ => null,
            },
            _ when (t * 7 + m) % 41 == 0 => ReportStatus.Returned,
            _ => ReportStatus.Approved,
        };

        private MonthlyReport NewReport(Organisation township, string pinyin, int period, ReportStatus status)
        {
            var report = new MonthlyReport
            {
                Organisation = township,
                Period = period,
                Status = status,
                IsDemo = true,
            };
            string[] texts = [Pick(WorkDone), Pick(Problems), Pick(Plans)];
            foreach (var (section, text) in _result.ReportSections.Zip(texts))
            {
                report.Texts.Add(new MonthlyReportText
                {
                    ReportSection = section,
                    SectionCode = section.Code,
                    SectionNameZh = section.NameZh,
                    SectionNameEn = section.NameEn,
                    SortOrder = section.SortOrder,
                    Text = text,
                });
            }

            if (status == ReportStatus.Draft)
            {
                return report;
            }

            // Submitted in the first days of the next month, in office hours, China time.
            var nextMonth = MonthlyReport.FirstDayOf(period).AddMonths(1);
            var submitted = NotAfterNow(Utc(nextMonth.AddDays(_rng.Next(0, 8)), _rng.Next(9, 18), _rng.Next(0, 60)));
            report.SubmittedAt = submitted;
            report.SubmittedBy = "chair." + pinyin;
            if (status is ReportStatus.Approved or ReportStatus.Returned)
            {
                var reviewed = NotAfterNow(submitted.AddHours(_rng.Next(2, 72)));
                report.ReviewedAt = reviewed < submitted ? submitted : reviewed;
                report.ReviewedBy = "county.staff";
                if (status == ReportStatus.Returned)
                {
                    report.ReviewComment = Pick(ReturnComments);
                }
            }

            return report;
        }

        private decimal ValueOf(IndicatorValueKind kind, int low, int high) => kind == IndicatorValueKind.Decimal
            ? decimal.Round(low + ((high - low) * (decimal)_rng.NextDouble()), 2)
            : _rng.Next(low, high + 1);
    }
}
