using Knotwork.Data.Entities;
using Microsoft.AspNetCore.Identity;

namespace Knotwork.Web.Accounts;

/// <summary>The answer to "prove it is still you".</summary>
internal enum ReauthenticationResult
{
    /// <summary>The current password, or a current authenticator code not used before.</summary>
    Confirmed,

    /// <summary>Neither: nothing may change.</summary>
    Refused,

    /// <summary>Too many wrong answers: the account is locked for a while.</summary>
    LockedOut,
}

/// <summary>
/// Re-authentication before a change to how a person signs in (ASVS 3.7.1): the form asks for the current password
/// or a code from the authenticator app. Passwords have at least 12 characters and codes 6 digits, so one field
/// serves both. Wrong answers count towards the account's lockout like wrong sign-ins.
/// </summary>
internal static class Reauthentication
{
    /// <summary>The label of the field.</summary>
    public const string Label = "Your password, or a code from your authenticator app";

    /// <summary>The message for a wrong answer.</summary>
    public const string Wrong = "That is neither your current password nor a current code from your app; nothing was changed.";

    /// <summary>The message for a locked account.</summary>
    public const string Locked = "Too many wrong answers: this account is locked for 15 minutes; nothing was changed.";

    public static async Task<ReauthenticationResult> ConfirmAsync(this SignInManager<KnotworkUser> signIn, KnotworkUser user, string? secret)
    {
        ArgumentNullException.ThrowIfNull(signIn);
        ArgumentNullException.ThrowIfNull(user);
        var users = signIn.UserManager;
        if (await users.IsLockedOutAsync(user))
        {
            return ReauthenticationResult.LockedOut;
        }

        var typed = secret ?? string.Empty;
        var code = typed.Replace(" ", string.Empty, StringComparison.Ordinal).Replace("-", string.Empty, StringComparison.Ordinal);
        if (code.Length == 6 && code.All(char.IsAsciiDigit) && user.TwoFactorEnabled)
        {
            if (await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
            {
                await users.ResetAccessFailedCountAsync(user);
                return ReauthenticationResult.Confirmed;
            }
        }
        else if (typed.Length > 0 && await users.CheckPasswordAsync(user, typed))
        {
            await users.ResetAccessFailedCountAsync(user);
            return ReauthenticationResult.Confirmed;
        }

        await users.AccessFailedAsync(user);
        return await users.IsLockedOutAsync(user) ? ReauthenticationResult.LockedOut : ReauthenticationResult.Refused;
    }
}
