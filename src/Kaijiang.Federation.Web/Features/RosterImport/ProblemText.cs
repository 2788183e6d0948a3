using Microsoft.Extensions.Localization;

namespace Kaijiang.Federation.Web.Features.RosterImport;

/// <summary>A row problem in the reader's language; the stored batch keeps keys, not text, so either language can show it.</summary>
public static class ProblemText
{
    public static string For(IStringLocalizer l, RowProblem problem)
    {
        // The ID number's reason is itself a key: ResidentIdProblem.<name>.
        object[] arguments = problem.Key == "RosterImport.Problem.IdNumber"
            ? [.. problem.Arguments.Select(a => (object)l["ResidentIdProblem." + a].Value)]
            : [.. problem.Arguments];
        return l[problem.Key, arguments].Value;
    }
}
