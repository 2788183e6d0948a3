namespace Kaijiang.Federation.Web.Features.Loans;

/// <summary>The <c>Loans</c> settings.</summary>
public sealed class LoanOptions
{
    public const string Section = "Loans";

    /// <summary>The share of the interest the treasury pays as subsidy (1.0 = all of it, 0.5 = half).</summary>
    public decimal SubsidyShare { get; set; } = 1.0m;

    /// <summary>Above this a "small loan" is a typing mistake (issue 5: more than 10 million is absurd).</summary>
    public const decimal MaxAmount = 10_000_000m;

    public const decimal MaxRatePercent = 24m;
}
