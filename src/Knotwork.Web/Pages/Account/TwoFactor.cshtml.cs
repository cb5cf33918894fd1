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

/// <summary>Sets up an authenticator app (required for staff, optional for clients) and shows recovery codes once.</summary>
[Authorize]
internal sealed class TwoFactorModel(UserManager<KnotworkUser> users, SignInManager<KnotworkUser> signIn, AuditTrail audit) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "Type the 6-digit code your app shows.")]
    [StringLength(10)]
    [Display(Name = "Code from the app")]
    public string? Code { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Required { get; set; }

    public bool Enabled { get; private set; }

    public string SharedKey { get; private set; } = string.Empty;

    public string AuthenticatorUri { get; private set; } = string.Empty;

    public IReadOnlyList<string> RecoveryCodes { get; private set; } = [];

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

        if (!ModelState.IsValid)
        {
            await Load(user);
            return Page();
        }

        var code = Code!.Replace(" ", string.Empty, StringComparison.Ordinal).Replace("-", string.Empty, StringComparison.Ordinal);
        if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
        {
            ModelState.AddModelError(nameof(Code), "That code is not right; check the app's clock and try the current code.");
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

        if (user.TwoFactorEnabled)
        {
            RecoveryCodes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10))?.ToArray() ?? [];
            await audit.RecordAsync(AuditAction.RecoveryCodesRenewed, AuditSubject.Account, user.Id.ToString());
        }

        await Load(user, keepCodes: true);
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
        else
        {
            await users.SetTwoFactorEnabledAsync(user, false);
            await users.ResetAuthenticatorKeyAsync(user);
            await audit.RecordAsync(AuditAction.TwoFactorDisabled, AuditSubject.Account, user.Id.ToString());
            await signIn.RefreshSignInAsync(user);
        }

        await Load(user);
        return Page();
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
    }
}
