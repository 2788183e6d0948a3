using Microsoft.AspNetCore.WebUtilities;

namespace Kaijiang.Federation.Web.Features.Registers;

/// <summary>A register list's pages; the links keep the list's filters.</summary>
public sealed record Pager(string Path, int Page, int PageCount, IReadOnlyDictionary<string, string?> Query)
{
    public string UrlFor(int page)
    {
        var query = Query.Where(kv => !string.IsNullOrEmpty(kv.Value)).ToDictionary(kv => kv.Key, kv => kv.Value);
        query["page"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return QueryHelpers.AddQueryString(Path, query);
    }
}
