using System.ComponentModel.DataAnnotations;
using System.Text.Encodings.Web;
using Knotwork.Data.Entities;
using Knotwork.Domain.Audit;
using Knotwork.Web.Accounts;
using Knotwork.Web.Audit;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Knotwork.Web.Pages.Account;

/// <summary>
/// Sets up an authenticator app (required for staff, optional for clients), shows recovery codes once, and changes
/// two-factor sign-in: turning it off, a new key and new recovery codes each need the current password or a current
/// code in the same form (ASVS 3.7.1).
/// </summary>
[Authorize]
internal sealed class TwoFactorModel(UserManager<KnotworkUser> users, SignInManager<KnotworkUser> signIn, AuditTrail audit) : PageModel
{
    [BindProperty]
    [StringLength(10)]
    [Display(Name = "Code from the app")]
    public string? Code { get; set; }

    /// <summary>The current password or a current authenticator code, for a change.</summary>
    [BindProperty]
    [StringLength(128)]
    [DataType(DataType.Password)]
    [Display(Name = Reauthentication.Label)]
    public string? Confirm { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Required { get; set; }

    public bool Enabled { get; private set; }

    public string SharedKey { get; private set; } = string.Empty;

    public string AuthenticatorUri { get; private set; } = string.Empty;

    /// <summary>The QR code of <see cref="AuthenticatorUri"/>, as a data: URL.</summary>
    public string QrCodeDataUrl { get; private set; } = string.Empty;

    public IReadOnlyList<string> RecoveryCodes { get; private set; } = [];

    /// <summary>What just changed, said back to the person.</summary>
    public string? Done { get; private set; }

    public bool IsStaff => User.IsInRole(Roles.Owner) || User.IsInRole(Roles.Therapist);

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        await Load(user);
        return Page();
    }

    public async Task<IActionResult> OnPostEnableAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        if (string.IsNullOrWhiteSpace(Code))
        {
            ModelState.AddModelError(nameof(Code), "Type the 6-digit code your app shows.");
        }

        if (!ModelState.IsValid || user.TwoFactorEnabled)
        {
            await Load(user);
            return Page();
        }

        var code = Code!.Replace(" ", string.Empty, StringComparison.Ordinal).Replace("-", string.Empty, StringComparison.Ordinal);
        if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
        {
            ModelState.AddModelError(nameof(Code), "That code is not right, or was used already; check the app's clock and try the current code.");
            await Load(user);
            return Page();
        }

        await users.SetTwoFactorEnabledAsync(user, true);
        RecoveryCodes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10))?.ToArray() ?? [];
        await audit.RecordAsync(AuditAction.TwoFactorEnabled, AuditSubject.Account, user.Id.ToString());
        await signIn.RefreshSignInAsync(user);
        await Load(user, keepCodes: true);
        return Page();
    }

    public async Task<IActionResult> OnPostRecoveryCodesAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        if (user.TwoFactorEnabled && await Reauthenticated(user))
        {
            RecoveryCodes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10))?.ToArray() ?? [];
            await audit.RecordAsync(AuditAction.RecoveryCodesRenewed, AuditSubject.Account, user.Id.ToString());
            Done = "New recovery codes replace the old ones, which no longer work.";
        }

        await Load(user, keepCodes: true);
        return Page();
    }

    public async Task<IActionResult> OnPostResetKeyAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        if (user.TwoFactorEnabled && await Reauthenticated(user))
        {
            // The old app stops working at once: two-factor is off until the new key is confirmed with a code.
            await users.SetTwoFactorEnabledAsync(user, false);
            await users.ResetAuthenticatorKeyAsync(user);
            await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 0);
            await audit.RecordAsync(AuditAction.AuthenticatorReset, AuditSubject.Account, user.Id.ToString());
            await signIn.RefreshSignInAsync(user);
            Done = "Your authenticator key is new, and the old codes no longer work. Add the new key to your app and type its code to turn two-factor sign-in on again.";
        }

        await Load(user);
        return Page();
    }

    public async Task<IActionResult> OnPostDisableAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        if (IsStaff)
        {
            ModelState.AddModelError(string.Empty, "Staff accounts must keep two-factor sign-in on.");
        }
        else if (user.TwoFactorEnabled && await Reauthenticated(user))
        {
            await users.SetTwoFactorEnabledAsync(user, false);
            await users.ResetAuthenticatorKeyAsync(user);
            await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 0);
            await audit.RecordAsync(AuditAction.TwoFactorDisabled, AuditSubject.Account, user.Id.ToString());
            await signIn.RefreshSignInAsync(user);
            Done = "Two-factor sign-in is off.";
        }

        await Load(user);
        return Page();
    }

    /// <summary>Checks <see cref="Confirm"/>; on a wrong answer adds the error and writes the audit entry.</summary>
    private async Task<bool> Reauthenticated(KnotworkUser user)
    {
        var result = await signIn.ConfirmAsync(user, Confirm);
        if (result == ReauthenticationResult.Confirmed)
        {
            return true;
        }

        await audit.RecordAsync(AuditAction.ReauthenticationFailed, AuditSubject.Account, user.Id.ToString(), "two-factor settings");
        ModelState.AddModelError(nameof(Confirm), result == ReauthenticationResult.LockedOut ? Reauthentication.Locked : Reauthentication.Wrong);
        return false;
    }

    private async Task Load(KnotworkUser user, bool keepCodes = false)
    {
        Enabled = user.TwoFactorEnabled;
        if (!keepCodes)
        {
            RecoveryCodes = [];
        }

        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            // A new key changes the security stamp: refresh this session's cookie so it stays valid.
            await users.ResetAuthenticatorKeyAsync(user);
            await signIn.RefreshSignInAsync(user);
            key = await users.GetAuthenticatorKeyAsync(user);
        }

        SharedKey = string.Join(' ', Enumerable.Range(0, (key!.Length + 3) / 4).Select(i => key.Substring(i * 4, Math.Min(4, key.Length - (i * 4))))).ToLowerInvariant();
        AuthenticatorUri = $"otpauth://totp/{UrlEncoder.Default.Encode("Knotwork")}:{UrlEncoder.Default.Encode(user.Email ?? user.UserName ?? "user")}?secret={key}&issuer=Knotwork&digits=6";
        QrCodeDataUrl = Enabled ? string.Empty : AuthenticatorQrCode.PngDataUrl(AuthenticatorUri);
    }
}
