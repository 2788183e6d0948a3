using System.Globalization;

namespace Kaijiang.Federation.Web.Domain;

/// <summary>Why a resident ID number (居民身份证号) was rejected.</summary>
public enum ResidentIdProblem
{
    None = 0,
    Missing = 1,
    WrongLength = 2,
    InvalidCharacters = 3,
    InvalidBirthDate = 4,
    WrongCheckDigit = 5,
}

/// <summary>
/// The 18-character resident ID number of GB 11643-1999: a 6-digit region code, the birth date yyyyMMdd, a
/// 3-digit sequence (odd for men, even for women) and an ISO 7064 MOD 11-2 check character (0–9 or X).
/// </summary>
public static class ResidentIdNumber
{
    public const int Length = 18;

    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string CheckCharacters = "10X98765432";

    /// <summary>The earliest birth year accepted; older numbers were not issued in this format.</summary>
    public const int EarliestBirthYear = 1900;

    public static bool IsValid(string? value, DateOnly? today = null) => Check(value, today) == ResidentIdProblem.None;

    /// <summary>What is wrong with <paramref name="value"/>, or <see cref="ResidentIdProblem.None"/>.</summary>
    /// <param name="today">When given, a birth date after it is rejected.</param>
    public static ResidentIdProblem Check(string? value, DateOnly? today = null)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return ResidentIdProblem.Missing;
        }

        if (value.Length != Length)
        {
            return ResidentIdProblem.WrongLength;
        }

        for (var i = 0; i < Length - 1; i++)
        {
            if (!char.IsAsciiDigit(value[i]))
            {
                return ResidentIdProblem.InvalidCharacters;
            }
        }

        var last = value[Length - 1];
        if (!char.IsAsciiDigit(last) && last is not ('X' or 'x'))
        {
            return ResidentIdProblem.InvalidCharacters;
        }

        var birth = BirthDateOf(value);
        if (birth is null || birth.Value.Year < EarliestBirthYear || (today is { } t && birth.Value > t))
        {
            return ResidentIdProblem.InvalidBirthDate;
        }

        return char.ToUpperInvariant(last) == CheckDigit(value.AsSpan(0, Length - 1))
            ? ResidentIdProblem.None
            : ResidentIdProblem.WrongCheckDigit;
    }

    /// <summary>The check character (0–9 or X) of the first 17 digits.</summary>
    public static char CheckDigit(ReadOnlySpan<char> first17)
    {
        if (first17.Length != Length - 1)
        {
            throw new ArgumentException("The check digit is computed over exactly 17 digits.", nameof(first17));
        }

        var sum = 0;
        for (var i = 0; i < first17.Length; i++)
        {
            if (!char.IsAsciiDigit(first17[i]))
            {
                throw new ArgumentException("The first 17 characters must be digits.", nameof(first17));
            }

            sum += (first17[i] - '0') * Weights[i];
        }

        return CheckCharacters[sum % 11];
    }

    /// <summary>Builds a valid number from its parts; the sequence's parity decides the sex (even: female).</summary>
    public static string Create(string regionCode, DateOnly birthDate, int sequence)
    {
        if (regionCode is not { Length: 6 } || !regionCode.All(char.IsAsciiDigit))
        {
            throw new ArgumentException("A region code is six digits.", nameof(regionCode));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(sequence);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(sequence, 999);
        var first17 = string.Concat(
            regionCode,
            birthDate.ToString("yyyyMMdd", CultureInfo.InvariantCulture),
            sequence.ToString("D3", CultureInfo.InvariantCulture));
        return first17 + CheckDigit(first17);
    }

    /// <summary>The birth date encoded in digits 7–14, or null when they are not a calendar date.</summary>
    public static DateOnly? BirthDateOf(string value) =>
        value.Length >= 14 && DateOnly.TryParseExact(value.AsSpan(6, 8), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : null;

    /// <summary>The sex encoded in the sequence's last digit (odd: male), or null when it is not a digit.</summary>
    public static Sex? SexOf(string value) =>
        value.Length >= 17 && char.IsAsciiDigit(value[16]) ? ((value[16] - '0') % 2 == 1 ? Sex.Male : Sex.Female) : null;

    /// <summary>Upper-cases a final x and trims blanks, the form numbers are stored in.</summary>
    public static string Normalise(string value) => value.Trim().ToUpperInvariant();

    /// <summary>Shows the first four and last four characters only: <c>5117**********123X</c>.</summary>
    public static string Mask(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        return value.Length <= 8
            ? new string('*', value.Length)
            : string.Concat(value.AsSpan(0, 4), new string('*', value.Length - 8), value.AsSpan(value.Length - 4));
    }
}
