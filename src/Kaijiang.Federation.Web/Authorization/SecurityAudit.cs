using Kaijiang.Federation.Web.Data;
using Kaijiang.Federation.Web.Domain;

namespace Kaijiang.Federation.Web.Authorization;

/// <summary>Security events in the audit log: sign-in, failure, lockout, password change, account changes.</summary>
public sealed class SecurityAudit(FederationDbContext db, TimeProvider clock, CurrentUser currentUser)
{
    public const string EntityType = "Account";

    public async Task RecordAsync(string action, string? subjectUserName, string? subjectUserId = null, string? detail = null)
    {
        db.AuditEntries.Add(new AuditEntry
        {
            At = clock.GetUtcNow(),
            UserId = currentUser.UserId ?? subjectUserId,
            UserName = currentUser.UserName ?? subjectUserName,
            Action = action,
            EntityType = EntityType,
            EntityId = subjectUserName,
            After = detail,
        });
        await db.SaveChangesAsync();
    }
}

public static class SecurityEvents
{
    public const string SignIn = nameof(SignIn);
    public const string SignInFailed = nameof(SignInFailed);
    public const string LockedOut = nameof(LockedOut);
    public const string SignOut = nameof(SignOut);
    public const string PasswordChanged = nameof(PasswordChanged);

    /// <summary>Signed in with the second factor; the detail says whether by authenticator code or recovery code.</summary>
    public const string TwoFactorSignIn = nameof(TwoFactorSignIn);
    public const string TwoFactorSignInFailed = nameof(TwoFactorSignInFailed);

    /// <summary>A new authenticator key was issued for setting up the app.</summary>
    public const string AuthenticatorKeyCreated = nameof(AuthenticatorKeyCreated);
    public const string TwoFactorEnabled = nameof(TwoFactorEnabled);

    /// <summary>The code typed to confirm the set-up was wrong.</summary>
    public const string TwoFactorVerificationFailed = nameof(TwoFactorVerificationFailed);
    public const string TwoFactorDisabled = nameof(TwoFactorDisabled);
    public const string RecoveryCodesGenerated = nameof(RecoveryCodesGenerated);

    /// <summary>Disabling or regenerating refused: wrong password, or the role must use two-factor sign-in.</summary>
    public const string TwoFactorChangeRefused = nameof(TwoFactorChangeRefused);
    public const string AccountCreated = nameof(AccountCreated);
    public const string AccountUpdated = nameof(AccountUpdated);
    public const string AccountDisabled = nameof(AccountDisabled);
    public const string AccountEnabled = nameof(AccountEnabled);
    public const string AccountUnlocked = nameof(AccountUnlocked);
    public const string PasswordReset = nameof(PasswordReset);
}
