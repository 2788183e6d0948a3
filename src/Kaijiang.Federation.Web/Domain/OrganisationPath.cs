using System.Globalization;

namespace Kaijiang.Federation.Web.Domain;

/// <summary>
/// The materialised path of an organisation: one fixed-width run of digits per level, root first
/// (root "00001", a child "0000100003"). Digits only, so the order is the same under every collation of
/// SQLite, SQL Server and PostgreSQL, and "the subtree of X" is the index range [path, upper bound).
/// </summary>
public static class OrganisationPath
{
    public const int SegmentWidth = 5;
    public const int MaxSegment = 99_999;
    public const int MaxLength = SegmentWidth * 12;

    /// <summary>Greater than every path under any collation: digits only, longer than the longest path.</summary>
    public static readonly string AfterEveryPath = new('9', MaxLength + 1);

    public static string Segment(int siblingNumber)
    {
        if (siblingNumber is < 1 or > MaxSegment)
        {
            throw new ArgumentOutOfRangeException(nameof(siblingNumber), siblingNumber, "A sibling number is 1 to 99,999.");
        }

        return siblingNumber.ToString("D5", CultureInfo.InvariantCulture);
    }

    public static string Child(string parentPath, int siblingNumber) => parentPath + Segment(siblingNumber);

    public static int DepthOf(string path) => (path.Length / SegmentWidth) - 1;

    /// <summary>The smallest path greater than every path in the subtree of <paramref name="path"/>.</summary>
    public static string SubtreeUpperBound(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var digits = path.ToCharArray();
        for (var i = digits.Length - 1; i >= 0; i--)
        {
            if (digits[i] != '9')
            {
                digits[i]++;
                return new string(digits, 0, i + 1);
            }
        }

        // All nines: no digit string of this prefix can be exceeded by incrementing, but ':' sorts after '9'.
        return path + ":";
    }

    /// <summary>The paths of the ancestors of <paramref name="path"/>, root first, without the path itself.</summary>
    public static IEnumerable<string> Ancestors(string path)
    {
        for (var length = SegmentWidth; length < path.Length; length += SegmentWidth)
        {
            yield return path[..length];
        }
    }

    public static bool IsInSubtree(string candidate, string root) => candidate.StartsWith(root, StringComparison.Ordinal);
}
