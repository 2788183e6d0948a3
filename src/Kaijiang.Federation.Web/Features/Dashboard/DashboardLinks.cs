using System.Globalization;
using Kaijiang.Federation.Web.Domain;
using K = Kaijiang.Federation.Web.Features.Dashboard.FigureKeys;

namespace Kaijiang.Federation.Web.Features.Dashboard;

/// <summary>
/// Where each figure leads: the filtered list of the records behind it. The lists belong to other features; their
/// addresses and query-string filters are kept here, in one place, so that a renamed filter is one edit.
/// </summary>
public static class DashboardLinks
{
    public static string Tree => "/Organisations/Tree";

    public static string Organisation(int id) => "/Organisations/Details/" + Id(id);

    public static string Drill(int id) => "/Dashboard/Organisation/" + Id(id);

    public static string Townships(string? sort = null, bool descending = false) =>
        "/Dashboard/Townships" + Query(("sort", sort), ("desc", descending ? "true" : null));

    public static string Summary(int year, int? organisationId) =>
        "/Summary" + Query(("year", Id(year)), ("organisationId", organisationId is { } o ? Id(o) : null));

    public static string SummaryExcel(int year, int? organisationId) =>
        "/Summary/Excel" + Query(("year", Id(year)), ("organisationId", organisationId is { } o ? Id(o) : null));

    public static string People(string? office, string? kind, int? township, string? crossPost = null) =>
        "/People" + Query(("office", office), ("kind", kind), ("crossPost", crossPost), ("township", Township(township)));

    public static string Homes(ServiceSiteKind kind, bool? standardised, int? township, string? host = null) =>
        "/Homes" + Query(("kind", kind.ToString()), ("standardised", standardised?.ToString().ToLowerInvariant()), ("host", host), ("township", Township(township)));

    public static string Awards(string? title, AwardLevel? level, int? year, string? status, int? township) =>
        "/Awards" + Query(("title", title), ("level", level?.ToString()), ("year", year is { } y ? Id(y) : null), ("status", status), ("township", Township(township)));

    public static string Loans(int? township, string? status = null, string? industry = null) =>
        "/Loans" + Query(("township", Township(township)), ("status", status), ("industry", industry));

    public static string Bases(BaseKind? kind) => "/Bases" + Query(("kind", kind?.ToString()));

    public static string Experts(ExpertKind? kind) => "/Experts" + Query(("kind", kind?.ToString()));

    public static string Partners(string? kind, int? township) => "/Partners" + Query(("township", Township(township)), ("kind", kind));

    public static string Channels(string? kind, int? township) => "/Channels" + Query(("township", Township(township)), ("kind", kind));

    public static string Completeness(int year) => "/Reports/Completeness" + Query(("year", Id(year)));

    /// <summary>The list behind a figure, filtered to the township when the figure is one township's (null: the whole scope).</summary>
    public static string For(string key, int? township, int year)
    {
        switch (key)
        {
            case K.Townships:
            case K.Villages:
            case K.Communities:
            case K.VillagesAndCommunities:
            case K.Units:
            case K.JointUnits:
            case K.NonPublicUnits:
            case K.Converted:
            case K.ConversionRate:
            case K.TownshipFunds:
            case K.Vacancies:
            case K.OrganisationsWithVacancies:
                return township is { } t ? Organisation(t) : Tree;
            case K.TownshipChairs: return People("Chair", "Township", township);
            case K.TownshipViceChairs: return People("ViceChair", "Township", township);
            case K.TownshipChairsAndVices: return People("Chair,ViceChair", "Township", township);
            case K.TownshipExecutives: return People("ExecutiveMember", "Township", township);
            case K.VillageChairs: return People("Chair", "Village", township);
            case K.VillageViceChairs: return People("ViceChair", "Village", township);
            case K.VillageExecutives: return People("ExecutiveMember", "Village", township);
            case K.ChairsInTwoCommittees: return People("Chair", "Village", township, "TwoCommittees");
            case K.ChairsPartySecretaries: return People("Chair", "Village", township, "PartySecretary");
            case K.ChairsVillageDirectors: return People("Chair", "Village", township, "VillageDirector");
            case K.ChairsMeetingStipendRule:
            case K.StipendCompliance: return People("Chair", "Village", township, "Stipend");
            case K.TermsEndingSoon: return People(null, null, township, "EndingSoon");
            case K.WomensHomes: return Homes(ServiceSiteKind.WomensHome, null, township);
            case K.StandardisedWomensHomes: return Homes(ServiceSiteKind.WomensHome, true, township);
            case K.UnitWomensHomes: return Homes(ServiceSiteKind.WomensHome, null, township, "NonPublicEconomic");
            case K.ChildrensHomes: return Homes(ServiceSiteKind.ChildrensHome, null, township);
            case K.Subsidies: return Homes(ServiceSiteKind.WomensHome, null, township);
            case K.AwardsDecided: return Awards(null, null, null, "Awarded", township);
            case K.ProvincialNominationAwards: return Awards("MostBeautifulFamily", AwardLevel.Province, null, "Awarded", township);
            case K.Pipeline: return "/Awards" + Query(("pipeline", "true"), ("until", Id(year)), ("township", Township(township)));
            case K.Mottos:
            case K.Books: return "/Awards/Mottos" + Query(("township", Township(township)));
            case K.Loans:
            case K.Borrowers:
            case K.LoanAmount:
            case K.LoanJobs: return Loans(township);
            case K.LoanOutstanding:
            case K.LoansOutstandingCount: return Loans(township, Features.Loans.ListLoans.Outstanding);
            case K.LoansOverdue:
            case K.LoanOverdueRate: return Loans(township, "Overdue");
            case K.LoansOverdue1To30: return Loans(township, "UpTo30Days");
            case K.LoansOverdue31To90: return Loans(township, "UpTo90Days");
            case K.LoansOverdueOver90: return Loans(township, "Over90Days");
            case K.Grants:
            case K.GrantAmount: return "/Grants" + Query(("township", Township(township)));
            case K.Projects:
            case K.ProjectFunds: return "/Projects";
            case K.Trainings:
            case K.TrainingPersonTimes: return "/Trainings";
            case K.JobFairs: return "/JobFairs";
            case K.ChannelGroups: return Channels($"{ChannelKind.WeChatGroup},{ChannelKind.QqGroup}", township);
            case K.BaseJobs: return Bases(null);
            case K.ReportsDue:
            case K.ReportsSubmitted:
            case K.ReportsOnTime:
            case K.ReportsApproved:
            case K.ReportCompleteness:
            case K.ReportTimeliness: return Completeness(year);
        }

        if (key.StartsWith("Award.", StringComparison.Ordinal))
        {
            var parts = key.Split('.');
            return Awards(parts[1], Enum.Parse<AwardLevel>(parts[2]), null, "Awarded", township);
        }

        if (key.StartsWith("Dashboard.AwardLevel.", StringComparison.Ordinal))
        {
            return Awards(null, Enum.Parse<AwardLevel>(key["Dashboard.AwardLevel.".Length..]), null, "Awarded", township);
        }

        if (key.StartsWith("Dashboard.BaseJobs.", StringComparison.Ordinal))
        {
            return Bases(Enum.Parse<BaseKind>(key["Dashboard.BaseJobs.".Length..]));
        }

        if (key.StartsWith("Dashboard.Base.", StringComparison.Ordinal))
        {
            return Bases(Enum.Parse<BaseKind>(key["Dashboard.Base.".Length..]));
        }

        if (key.StartsWith("Dashboard.Expert.", StringComparison.Ordinal))
        {
            return Experts(Enum.Parse<ExpertKind>(key["Dashboard.Expert.".Length..]));
        }

        if (key.StartsWith("Dashboard.Partner.", StringComparison.Ordinal))
        {
            return Partners(key["Dashboard.Partner.".Length..], township);
        }

        if (key.StartsWith("Dashboard.Channel.", StringComparison.Ordinal))
        {
            return Channels(key["Dashboard.Channel.".Length..], township);
        }

        return township is { } id ? Organisation(id) : Tree;
    }

    private static string? Township(int? id) => id is { } t ? Id(t) : null;

    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);

    private static string Query(params (string Name, string? Value)[] values)
    {
        var present = values.Where(v => !string.IsNullOrEmpty(v.Value)).Select(v => v.Name + "=" + Uri.EscapeDataString(v.Value!)).ToList();
        return present.Count == 0 ? "" : "?" + string.Join('&', present);
    }
}
