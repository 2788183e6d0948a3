namespace Kaijiang.Federation.Web.Domain;

/// <summary>The offices of a federation's committee.</summary>
public enum Office
{
    Chair = 1,            // 主席
    ViceChair = 2,        // 副主席
    ExecutiveMember = 3,  // 执委
}

public enum TermEndReason
{
    None = 0,
    TermCompleted = 1,  // 届满
    Resigned = 2,       // 辞职
    Transferred = 3,    // 调离
    Dismissed = 4,      // 罢免
    Deceased = 5,       // 去世
    Other = 9,
}

/// <summary>A person holding an office in an organisation (任职). An organisation's roster is its current terms.</summary>
public class OfficeTerm : EditableEntity, IOrganisationOwned
{
    public const int TermYears = 5;

    public int OrganisationId { get; set; }

    public Organisation? Organisation { get; set; }

    public int PersonId { get; set; }

    public Person? Person { get; set; }

    public Office Office { get; set; }

    /// <summary>专职 (true) or 兼职 (false).</summary>
    public bool IsFullTime { get; set; }

    public DateOnly StartOn { get; set; }

    /// <summary>The date the term is due to end (terms run five years).</summary>
    public DateOnly PlannedEndOn { get; set; }

    /// <summary>Set when the term has ended; the term then stays as history.</summary>
    public DateOnly? EndedOn { get; set; }

    public TermEndReason EndReason { get; set; }

    public string? EndNote { get; set; }

    /// <summary>The congress that elected her, e.g. "第一次妇女代表大会".</summary>
    public string? ElectedAt { get; set; }

    /// <summary>Sits on the village "two committees" (进两委).</summary>
    public bool InTwoCommittees { get; set; }

    /// <summary>Is Party branch secretary (党支部书记).</summary>
    public bool IsPartySecretary { get; set; }

    /// <summary>Is village / residents' committee director (村（居）委会主任).</summary>
    public bool IsVillageDirector { get; set; }

    /// <summary>Monthly stipend of the office, yuan.</summary>
    public decimal? MonthlyStipend { get; set; }

    /// <summary>Monthly pay of the village Party branch secretary, yuan, for the one-third rule.</summary>
    public decimal? SecretaryMonthlyPay { get; set; }

    public bool IsCurrent(DateOnly today) => EndedOn is null || EndedOn > today;

    /// <summary>The stipend rule: at least one third of the branch secretary's pay; null when it cannot be judged.</summary>
    public bool? MeetsStipendRule => StipendRule.Meets(MonthlyStipend, SecretaryMonthlyPay);
}

/// <summary>The county's rule that a village chair is paid at least one third of the Party branch secretary.</summary>
public static class StipendRule
{
    public static bool? Meets(decimal? stipend, decimal? secretaryPay)
    {
        if (stipend is null || secretaryPay is null || secretaryPay <= 0)
        {
            return null;
        }

        // Compare 3 × stipend with the pay: exact in decimal, no rounding of a third.
        return stipend.Value * 3 >= secretaryPay.Value;
    }

    public static decimal Minimum(decimal secretaryPay) => decimal.Round(secretaryPay / 3, 2, MidpointRounding.AwayFromZero);
}
