using System.Globalization;
using Kaijiang.Federation.Web.Domain;
using Kaijiang.Federation.Web.Infrastructure;
using Microsoft.Extensions.Localization;
using K = Kaijiang.Federation.Web.Features.Dashboard.FigureKeys;

namespace Kaijiang.Federation.Web.Features.Dashboard;

/// <summary>One figure as shown: its key (the data-figure attribute), its label, its formatted value and the list behind it.</summary>
public sealed record FigureItem(string Key, string Label, string Value, string Href);

public sealed record FigureSection(string Id, string Title, IReadOnlyList<FigureItem> Figures);

/// <summary>A row of a chart's table: a label and one or more values (the columns of the table).</summary>
public sealed record ChartRow(string Label, IReadOnlyList<decimal> Values, string? Href = null);

/// <summary>A chart and the table behind it; dashboard-charts.js draws the chart from the table's cells.</summary>
public sealed record ChartTable(string Id, string Title, string Type, IReadOnlyList<string> Columns, IReadOnlyList<ChartRow> Rows);

public sealed record PartRow(OrganisationRef Organisation, FigureSet Figures);

public sealed class DashboardPage
{
    public required ScopeFigures Data { get; init; }

    public required string Heading { get; init; }

    /// <summary>The scope's ancestors the user may see, top first, for the breadcrumb of the drill-down.</summary>
    public required IReadOnlyList<OrganisationRef> Ancestors { get; init; }

    public required IReadOnlyList<FigureSection> Sections { get; init; }

    public required IReadOnlyList<ChartTable> Charts { get; init; }

    public required bool IsUserScope { get; init; }
}

/// <summary>Turns the computed figures into what the page shows, in the request's language.</summary>
public sealed class DashboardPageBuilder(IStringLocalizer<SharedResource> l)
{
    private static CultureInfo Culture => CultureInfo.CurrentCulture;

    private static bool Chinese => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "zh";

    public static string Count(decimal value) => value.ToString("N0", Culture);

    public static string Percent(decimal? share) => share is { } s ? s.ToString(s == 1m || s == 0m ? "P0" : "P1", Culture) : "—";

    /// <summary>The township a figure's list is filtered to: the scope itself, its township ancestor, or none at county level.</summary>
    public static int? TownshipOf(OrganisationRef scope, IReadOnlyList<OrganisationRef> ancestors) => scope.Kind switch
    {
        OrganisationKind.Township => scope.Id,
        OrganisationKind.Village or OrganisationKind.Community or OrganisationKind.Unit => ancestors.LastOrDefault(a => a.Kind == OrganisationKind.Township)?.Id,
        _ => null,
    };

    public string TitleName(AwardTitleName title) => Chinese ? title.NameZh : title.NameEn;

    public DashboardPage Build(ScopeFigures data, IReadOnlyList<OrganisationRef> ancestors, bool isUserScope)
    {
        var f = data.Total;
        var township = TownshipOf(data.Scope, ancestors);
        var year = data.AsOf.Year;
        FigureItem Item(string key, string value, string? label = null) => new(key, label ?? l[key], value, DashboardLinks.For(key, township, year));
        FigureItem C(string key) => Item(key, Count(f[key]));
        FigureItem M(string key) => Item(key, MoneyFormat.Format(f[key]));

        var organisation = new List<FigureItem>
        {
            C(K.Townships), C(K.VillagesAndCommunities), C(K.Villages), C(K.Communities), C(K.Units),
            Item(K.ConversionRate, Percent(f.Share(K.Converted, K.VillagesAndCommunities))),
            C(K.TownshipChairs), C(K.TownshipViceChairs), C(K.TownshipChairsAndVices), C(K.TownshipExecutives),
            C(K.VillageChairs), C(K.VillageViceChairs), C(K.VillageExecutives),
            C(K.ChairsInTwoCommittees), C(K.ChairsPartySecretaries), C(K.ChairsVillageDirectors),
            Item(K.StipendCompliance, Percent(f.Share(K.ChairsMeetingStipendRule, K.VillageChairs))),
            C(K.ChairsMeetingStipendRule),
            C(K.Vacancies), C(K.OrganisationsWithVacancies), C(K.TermsEndingSoon),
        };
        var service = new List<FigureItem>
        {
            Item(K.StandardisedWomensHomes, Count(f[K.StandardisedWomensHomes])),
            C(K.WomensHomes), C(K.ChildrensHomes), C(K.UnitWomensHomes), M(K.Subsidies),
        };
        var families = new List<FigureItem> { C(K.AwardsDecided) };
        foreach (var title in data.AwardTitles)
        {
            foreach (var level in Enum.GetValues<AwardLevel>())
            {
                var key = K.Award(title.Code, level);
                if (f[key] > 0)
                {
                    families.Add(Item(key, Count(f[key]), string.Format(Culture, "{0} · {1}", TitleName(title), l["AwardLevel." + level])));
                }
            }
        }

        families.AddRange([C(K.ProvincialNominationAwards), C(K.Pipeline), C(K.Mottos), C(K.Books)]);

        var entrepreneurship = new List<FigureItem>
        {
            C(K.Loans), M(K.LoanAmount), M(K.LoanOutstanding), C(K.LoansOutstandingCount),
            Item(K.LoanOverdueRate, Percent(f.Share(K.LoansOverdue, K.LoansOutstandingCount))),
            C(K.LoansOverdue), C(K.LoansOverdue1To30), C(K.LoansOverdue31To90), C(K.LoansOverdueOver90), C(K.LoanJobs),
            C(K.Grants), M(K.GrantAmount),
        };
        foreach (var kind in Enum.GetValues<BaseKind>())
        {
            entrepreneurship.Add(C(K.Base(kind)));
            entrepreneurship.Add(C(K.BaseJobsOf(kind)));
        }

        entrepreneurship.AddRange([C(K.Projects), M(K.ProjectFunds), C(K.Trainings), C(K.TrainingPersonTimes)]);
        entrepreneurship.AddRange(Enum.GetValues<ExpertKind>().Select(k => C(K.Expert(k))));
        entrepreneurship.Add(C(K.JobFairs));

        var reports = new List<FigureItem>
        {
            C(K.ReportsDue), C(K.ReportsSubmitted), C(K.ReportsOnTime), C(K.ReportsApproved),
            Item(K.ReportCompleteness, Percent(f.Share(K.ReportsSubmitted, K.ReportsDue))),
            Item(K.ReportTimeliness, Percent(f.Share(K.ReportsOnTime, K.ReportsDue))),
        };

        return new DashboardPage
        {
            Data = data,
            Heading = isUserScope && data.Scope.Kind is OrganisationKind.County ? l["Dashboard.Title"] : data.Scope.Name,
            Ancestors = ancestors,
            IsUserScope = isUserScope,
            Sections =
            [
                new("organisation", l["Dashboard.Organisation"], organisation),
                new("service", l["Dashboard.Service"], service),
                new("families", l["Dashboard.Families"], families),
                new("entrepreneurship", l["Dashboard.Entrepreneurship"], entrepreneurship),
                new("reports", l["Dashboard.Reports"], reports),
            ],
            Charts = Charts(data, township),
        };
    }

    private List<ChartTable> Charts(ScopeFigures data, int? township)
    {
        var year = data.AsOf.Year;
        var trend = new ChartTable(
            "chart-trend", l["Dashboard.Chart.Trend"], "line",
            [l["Dashboard.Chart.Submitted"], l["Dashboard.Chart.Approved"]],
            data.Trend.Select(t => new ChartRow(
                MonthlyReport.FirstDayOf(t.Period).ToString(Chinese ? "yyyy年M月" : "MMM yyyy", Culture),
                [t.Submitted, t.Approved],
                DashboardLinks.Completeness(t.Period / 100))).ToList());
        var awards = new ChartTable(
            "chart-awards", l["Dashboard.Chart.AwardsByLevel"], "bar",
            [l["Dashboard.Chart.Families"]],
            Enum.GetValues<AwardLevel>().Select(level => new ChartRow(
                l["AwardLevel." + level], [data.Total[K.AwardLevelKey(level)]],
                DashboardLinks.Awards(null, level, null, "Awarded", township))).ToList());
        var industries = new ChartTable(
            "chart-industry", l["Dashboard.Chart.LoansByIndustry"], "bar",
            [l["Dashboard.Chart.LoanCount"], l["Dashboard.Chart.LoanAmountWan"]],
            data.LoansByIndustry.Select(i => new ChartRow(i.Industry, [i.Count, decimal.Round(i.Amount / 10_000m, 1)], DashboardLinks.Loans(township, null, i.Industry))).ToList());
        var byPart = new ChartTable(
            "chart-parts", l["Dashboard.Chart.LoansByPart"], "bar",
            [l["Dashboard.Chart.LoanCount"], l["Dashboard.Chart.LoanAmountWan"]],
            data.Parts.Select(p => new ChartRow(p.Organisation.Name, [p.Figures[K.Loans], decimal.Round(p.Figures[K.LoanAmount] / 10_000m, 1)], DashboardLinks.Drill(p.Organisation.Id))).ToList());
        var completeness = new ChartTable(
            "chart-completeness", l["Dashboard.Chart.CompletenessByPart"], "bar",
            [l[K.ReportsSubmitted], l[K.ReportsOnTime], l[K.ReportsApproved]],
            data.Parts.Where(p => p.Figures[K.ReportsDue] > 0)
                .Select(p => new ChartRow(p.Organisation.Name, [p.Figures[K.ReportsSubmitted], p.Figures[K.ReportsOnTime], p.Figures[K.ReportsApproved]], DashboardLinks.Completeness(year)))
                .ToList());
        return [trend, awards, industries, byPart, completeness];
    }
}
