using System.Reflection;
using Kaijiang.Federation.Web.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace Kaijiang.Federation.Web.Authorization;

/// <summary>
/// Refuses passwords that are common or guessable (NIST SP 800-63B: length and a blocklist, no composition rules):
/// those on the embedded list, one repeated character, runs of digits or letters, and the user name itself.
/// </summary>
public sealed class CommonPasswordValidator(IStringLocalizer<SharedResource> l) : IPasswordValidator<FederationUser>
{
    private static readonly Lazy<HashSet<string>> List = new(Load);

    public Task<IdentityResult> ValidateAsync(UserManager<FederationUser> manager, FederationUser user, string? password)
    {
        if (password is null || !IsCommon(password, user.UserName))
        {
            return Task.FromResult(IdentityResult.Success);
        }

        return Task.FromResult(IdentityResult.Failed(new IdentityError { Code = "PasswordTooCommon", Description = l["Identity.PasswordTooCommon"] }));
    }

    public static bool IsCommon(string password, string? userName)
    {
        var normalised = password.Trim().ToLowerInvariant();
        if (List.Value.Contains(normalised) || normalised.Distinct().Count() <= 2)
        {
            return true;
        }

        if (!string.IsNullOrEmpty(userName) && normalised.Contains(userName.ToLowerInvariant(), StringComparison.Ordinal))
        {
            return true;
        }

        return IsRun(normalised);
    }

    // 123456789012, abcdefghijkl, 987654321098: each character one step from the last.
    private static bool IsRun(string s)
    {
        int up = 0, down = 0;
        for (var i = 1; i < s.Length; i++)
        {
            var step = s[i] - s[i - 1];
            up += step is 1 or -9 ? 1 : 0;
            down += step is -1 or 9 ? 1 : 0;
        }

        return up >= s.Length - 2 || down >= s.Length - 2;
    }

    private static HashSet<string> Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Kaijiang.Federation.Web.Authorization.common-passwords.txt")
            ?? throw new InvalidOperationException("The common-password list is not embedded.");
        using var reader = new StreamReader(stream);
        var set = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && !line.StartsWith('#'))
            {
                set.Add(line.Trim().ToLowerInvariant());
            }
        }

        return set;
    }
}
