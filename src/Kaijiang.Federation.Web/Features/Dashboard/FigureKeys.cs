using Kaijiang.Federation.Web.Domain;

namespace Kaijiang.Federation.Web.Features.Dashboard;

/// <summary>
/// The names of the figures. Each is also the resource key of its label and the value of its <c>data-figure</c>
/// attribute, so a test, a translator and a reader of the HTML all use one name.
/// </summary>
public static class FigureKeys
{
    public const string Townships = "Dashboard.Townships";
    public const string Villages = "Dashboard.Villages";
    public const string Communities = "Dashboard.Communities";
    public const string VillagesAndCommunities = "Dashboard.VillagesAndCommunities";
    public const string Units = "Dashboard.Units";
    public const string JointUnits = "Dashboard.JointUnits";
    public const string NonPublicUnits = "Dashboard.NonPublicUnits";
    public const string Converted = "Dashboard.Converted";
    public const string ConversionRate = "Dashboard.ConversionRate";
    public const string TownshipFunds = "Dashboard.TownshipFunds";
    public const string TownshipChairs = "Dashboard.TownshipChairs";
    public const string TownshipViceChairs = "Dashboard.TownshipViceChairs";
    public const string TownshipChairsAndVices = "Dashboard.TownshipChairsAndVices";
    public const string TownshipExecutives = "Dashboard.TownshipExecutives";
    public const string VillageChairs = "Dashboard.VillageChairs";
    public const string VillageViceChairs = "Dashboard.VillageViceChairs";
    public const string VillageExecutives = "Dashboard.VillageExecutives";
    public const string ChairsInTwoCommittees = "Dashboard.ChairsInTwoCommittees";
    public const string ChairsPartySecretaries = "Dashboard.ChairsPartySecretaries";
    public const string ChairsVillageDirectors = "Dashboard.ChairsVillageDirectors";
    public const string ChairsMeetingStipendRule = "Dashboard.ChairsMeetingStipendRule";
    public const string StipendCompliance = "Dashboard.StipendCompliance";
    public const string Vacancies = "Dashboard.Vacancies";
    public const string OrganisationsWithVacancies = "Dashboard.OrganisationsWithVacancies";
    public const string TermsEndingSoon = "Dashboard.TermsEndingSoon";

    public const string WomensHomes = "Dashboard.WomensHomes";
    public const string StandardisedWomensHomes = "Dashboard.StandardisedWomensHomes";
    public const string ChildrensHomes = "Dashboard.ChildrensHomes";
    public const string UnitWomensHomes = "Dashboard.UnitWomensHomes";
    public const string Subsidies = "Dashboard.Subsidies";

    public const string AwardsDecided = "Dashboard.AwardsDecided";
    public const string ProvincialNominationAwards = "Dashboard.ProvincialNominationAwards";
    public const string Pipeline = "Dashboard.Pipeline";
    public const string Mottos = "Dashboard.Mottos";
    public const string Books = "Dashboard.Books";

    public const string Loans = "Dashboard.Loans";
    public const string Borrowers = "Dashboard.Borrowers";
    public const string LoanAmount = "Dashboard.LoanAmount";
    public const string LoanOutstanding = "Dashboard.LoanOutstanding";
    public const string LoansOverdue = "Dashboard.LoansOverdue";
    public const string LoanOverdueRate = "Dashboard.LoanOverdueRate";
    public const string LoansOverdue1To30 = "Dashboard.LoansOverdue1To30";
    public const string LoansOverdue31To90 = "Dashboard.LoansOverdue31To90";
    public const string LoansOverdueOver90 = "Dashboard.LoansOverdueOver90";
    public const string LoansOutstandingCount = "Dashboard.LoansOutstandingCount";
    public const string LoanJobs = "Dashboard.LoanJobs";
    public const string Grants = "Dashboard.Grants";
    public const string GrantAmount = "Dashboard.GrantAmount";
    public const string Projects = "Dashboard.Projects";
    public const string ProjectFunds = "Dashboard.ProjectFunds";
    public const string Trainings = "Dashboard.Trainings";
    public const string TrainingPersonTimes = "Dashboard.TrainingPersonTimes";
    public const string JobFairs = "Dashboard.JobFairs";
    public const string BaseJobs = "Dashboard.BaseJobs";

    public const string ReportsDue = "Dashboard.ReportsDue";
    public const string ReportsSubmitted = "Dashboard.ReportsSubmitted";
    public const string ReportsOnTime = "Dashboard.ReportsOnTime";
    public const string ReportsApproved = "Dashboard.ReportsApproved";
    public const string ReportCompleteness = "Dashboard.ReportCompleteness";
    public const string ReportTimeliness = "Dashboard.ReportTimeliness";

    public static string Base(BaseKind kind) => "Dashboard.Base." + kind;

    public static string BaseJobsOf(BaseKind kind) => "Dashboard.BaseJobs." + kind;

    public static string Expert(ExpertKind kind) => "Dashboard.Expert." + kind;

    public static string Partner(PartnerKind kind) => "Dashboard.Partner." + kind;

    public static string Channel(ChannelKind kind) => "Dashboard.Channel." + kind;

    /// <summary>WeChat and QQ groups together, as the annual summary counts them (a link key, not a figure of its own).</summary>
    public const string ChannelGroups = "Dashboard.ChannelGroups";

    public static string AwardLevelKey(AwardLevel level) => "Dashboard.AwardLevel." + level;

    /// <summary>Awarded families of one title at one level; the title's code is data, so its label comes from the title row.</summary>
    public static string Award(string titleCode, AwardLevel level) => "Award." + titleCode + "." + level;
}
