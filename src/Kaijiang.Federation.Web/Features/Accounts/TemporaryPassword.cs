using System.Security.Cryptography;
using Kaijiang.Federation.Web.Authorization;

namespace Kaijiang.Federation.Web.Features.Accounts;

/// <summary>
/// Passwords that an administrator reads out or hands over once: four groups of four characters from an alphabet
/// without look-alikes (0/o, 1/l/i), about 79 bits of entropy, far above what the password rules ask.
/// </summary>
public static class TemporaryPassword
{
    private const string Alphabet = "abcdefghjkmnpqrstuvwxyz23456789";

    public static string Generate(string? userName)
    {
        while (true)
        {
            var groups = Enumerable.Range(0, 4).Select(_ => RandomNumberGenerator.GetString(Alphabet, 4));
            var password = string.Join('-', groups);
            // Astronomically unlikely to fail, but the password validators must never refuse a generated one.
            if (password.Distinct().Count() >= 8 && !CommonPasswordValidator.IsCommon(password, userName))
            {
                return password;
            }
        }
    }
}
