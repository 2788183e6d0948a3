using System.Globalization;
using Kaijiang.Federation.Web.Domain;
using Kaijiang.Federation.Web.Features.Dashboard;
using Kaijiang.Federation.Web.Infrastructure;
using Microsoft.Extensions.Localization;
using K = Kaijiang.Federation.Web.Features.Dashboard.FigureKeys;

namespace Kaijiang.Federation.Web.Features.Summary;

/// <summary>One line of the annual summary: the document's term, the figure, and the list behind it.</summary>
public sealed record SummaryLine(string Key, string Label, string Value, decimal Number, string Href);

public sealed record SummaryPart(string Id, string Title, IReadOnlyList<SummaryLine> Lines);

public sealed record SummaryChoice(int Id, string Name);

public sealed class SummaryPage
{
    public required int Year { get; init; }

    public required DateOnly AsOf { get; init; }

    public required OrganisationRef Scope { get; init; }

    /// <summary>The organisation id in the URL (null: the user's own scope).</summary>
    public required int? OrganisationId { get; init; }

    public required IReadOnlyList<SummaryPart> Parts { get; init; }

    public required IReadOnlyList<int> Years { get; init; }

    public required IReadOnlyList<SummaryChoice> Organisations { get; init; }
}

/// <summary>
/// The annual summary (年度工作总结数据): the figures of the source document for a year and a scope. "Year" means
/// cumulative as of the end of that year (or today, for the current year): organisations and terms standing on that
/// day, awards of that year or before, loans disbursed by then, and so on — the document's figures are running totals.
/// Trainings are the exception the document makes itself: those of the three years up to that day (近三年).
/// </summary>
public sealed class AnnualSummary(DashboardFigures figures, IStringLocalizer<SharedResource> l)
{
    public static DateOnly AsOf(int year, DateOnly today) => year >= today.Year ? today : new DateOnly(year, 12, 31);

    public async Task<SummaryPage?> BuildAsync(int year, OrganisationRef scope, int? organisationId, IReadOnlyList<SummaryChoice> choices, CancellationToken cancellationToken)
    {
        var today = figures.Today;
        var asOf = AsOf(year, today);
        var data = await figures.ForAsync(scope, scope.Path.Length + OrganisationPath.SegmentWidth, asOf, cancellationToken);
        var f = data.Total;
        var township = scope.Kind == OrganisationKind.Township ? scope.Id : (int?)null;
        var culture = CultureInfo.CurrentCulture;
        string N(decimal value) => value.ToString("N0", culture);
        SummaryLine Line(string key, string figureKey, decimal number, string? value = null) =>
            new(key, l[key], value ?? N(number), number, DashboardLinks.For(figureKey, township, year));
        SummaryLine Count(string key, string figureKey) => Line(key, figureKey, f[figureKey]);
        string Money(IReadOnlyList<decimal> values) => values.Count switch
        {
            0 => MoneyFormat.Format(0m),
            1 => MoneyFormat.Format(values[0]),
            _ => MoneyFormat.Format(values[0]) + " – " + MoneyFormat.Format(values[^1]),
        };

        var mostBeautiful = "MostBeautifulFamily";
        decimal AllLevels(string code) => Enum.GetValues<AwardLevel>().Sum(level => f[K.Award(code, level)]);
        var conversion = f.Share(K.Converted, K.VillagesAndCommunities);

        var organisation = new List<SummaryLine>
        {
            Count("Summary.TownshipExecutives", K.TownshipExecutives),
            Count("Summary.TownshipChairsAndVices", K.TownshipChairsAndVices),
            Line("Summary.TownshipFunds", K.TownshipFunds, data.TownshipFundsValues.Count == 1 ? data.TownshipFundsValues[0] : f[K.TownshipFunds], Money(data.TownshipFundsValues)),
            Count("Summary.JointUnits", K.JointUnits),
            Line("Summary.VillagesAndCommunities", K.VillagesAndCommunities, f[K.VillagesAndCommunities],
                l["Summary.VillagesAndCommunitiesValue", N(f[K.Villages]), N(f[K.Communities]), N(f[K.VillagesAndCommunities])]),
            Count("Summary.VillageChairs", K.VillageChairs),
            Count("Summary.VillageViceChairs", K.VillageViceChairs),
            Count("Summary.VillageExecutives", K.VillageExecutives),
            Line("Summary.ConversionRate", K.ConversionRate, conversion ?? 0m, DashboardPageBuilder.Percent(conversion)),
            Count("Summary.ChairsInTwoCommittees", K.ChairsInTwoCommittees),
            Count("Summary.ChairsPartySecretaries", K.ChairsPartySecretaries),
            Count("Summary.ChairsVillageDirectors", K.ChairsVillageDirectors),
            Line("Summary.StipendRule", K.ChairsMeetingStipendRule, f[K.ChairsMeetingStipendRule],
                l["Summary.StipendRuleValue", N(f[K.ChairsMeetingStipendRule]), N(f[K.VillageChairs])]),
            Line("Summary.Channels", K.ChannelGroups, f[K.Channel(ChannelKind.WeChatGroup)] + f[K.Channel(ChannelKind.QqGroup)],
                l["Summary.ChannelsValue", N(f[K.Channel(ChannelKind.WeChatGroup)] + f[K.Channel(ChannelKind.QqGroup)]), N(f[K.Channel(ChannelKind.WeChatOfficialAccount)])]),
            Count("Summary.StandardisedWomensHomes", K.StandardisedWomensHomes),
            Count("Summary.ChildrensHomes", K.ChildrensHomes),
            Count("Summary.UnitWomensHomes", K.UnitWomensHomes),
        };
        var families = new List<SummaryLine>
        {
            Count("Summary.ProvincialNomination", K.ProvincialNominationAwards),
            Line("Summary.CityMostBeautiful", K.Award(mostBeautiful, AwardLevel.City), f[K.Award(mostBeautiful, AwardLevel.City)]),
            Line("Summary.CountyMostBeautiful", K.Award(mostBeautiful, AwardLevel.County), f[K.Award(mostBeautiful, AwardLevel.County)]),
            Line("Summary.CivilisedFamilies", K.Award("CivilisedFamily", AwardLevel.County), AllLevels("CivilisedFamily")),
            Count("Summary.Mottos", K.Mottos),
            Count("Summary.Books", K.Books),
            Count("Summary.Lecturers", K.Expert(ExpertKind.FamilyEducationLecturer)),
            Count("Summary.GrowthCentres", K.Partner(PartnerKind.FamilyGrowthCentre)),
            Count("Summary.SocialOrganisations", K.Partner(PartnerKind.ContractedSocialOrganisation)),
        };
        var homeJobs = f[K.BaseJobsOf(BaseKind.HomeBasedFlexibleEmployment)] + f[K.BaseJobsOf(BaseKind.Cooperative)] + f[K.BaseJobsOf(BaseKind.PovertyAlleviationDemonstration)];
        var entrepreneurship = new List<SummaryLine>
        {
            Count("Summary.Experts", K.Expert(ExpertKind.PovertyAlleviationExpert)),
            Count("Summary.EntrepreneurshipBases", K.Base(BaseKind.EntrepreneurshipDemonstration)),
            Count("Summary.HomelandVillages", K.Base(BaseKind.BeautifulHomelandVillage)),
            Line("Summary.Courtyards", K.Award("BeautifulCourtyard", AwardLevel.County), AllLevels("BeautifulCourtyard") + AllLevels("BeautifulBalcony")),
            Count("Summary.Projects", K.Projects),
            Line("Summary.ProjectFunds", K.ProjectFunds, f[K.ProjectFunds], MoneyFormat.Format(f[K.ProjectFunds])),
            Count("Summary.Borrowers", K.Borrowers),
            Line("Summary.LoanAmount", K.LoanAmount, f[K.LoanAmount], MoneyFormat.Format(f[K.LoanAmount])),
            Count("Summary.LoanJobs", K.LoanJobs),
            Count("Summary.Grants", K.Grants),
            Line("Summary.GrantAmount", K.GrantAmount, data.GrantAmounts.Count == 1 ? data.GrantAmounts[0] : f[K.GrantAmount], Money(data.GrantAmounts)),
            Count("Summary.HomeBasedBases", K.Base(BaseKind.HomeBasedFlexibleEmployment)),
            Count("Summary.Cooperatives", K.Base(BaseKind.Cooperative)),
            Count("Summary.PovertyBases", K.Base(BaseKind.PovertyAlleviationDemonstration)),
            Line("Summary.BaseJobs", K.BaseJobs, homeJobs),
            Count("Summary.Trainings", K.Trainings),
            Count("Summary.TrainingPersonTimes", K.TrainingPersonTimes),
            Count("Summary.JobFairs", K.JobFairs),
            Count("Summary.MutualAid", K.Partner(PartnerKind.MutualAidAssociation)),
        };

        return new SummaryPage
        {
            Year = year,
            AsOf = asOf,
            Scope = scope,
            OrganisationId = organisationId,
            Parts =
            [
                new("organisation", l["Summary.Part.Organisation"], organisation),
                new("families", l["Summary.Part.Families"], families),
                new("entrepreneurship", l["Summary.Part.Entrepreneurship"], entrepreneurship),
            ],
            Years = Enumerable.Range(0, 10).Select(k => today.Year - k).ToList(),
            Organisations = choices,
        };
    }
}
