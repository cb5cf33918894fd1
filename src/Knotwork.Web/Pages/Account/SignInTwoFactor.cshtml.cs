using System.ComponentModel.DataAnnotations;
using Knotwork.Data.Entities;
using Knotwork.Domain.Audit;
using Knotwork.Web.Audit;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Knotwork.Web.Pages.Account;

/// <summary>The second step of signing in: a code from the authenticator app, or a recovery code.</summary>
[EnableRateLimiting("sign-in")]
internal sealed class SignInTwoFactorModel(SignInManager<KnotworkUser> signIn, AuditTrail audit) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "Type the code from your authenticator app, or a recovery code.")]
    [StringLength(40)]
    [Display(Name = "Code")]
    public string? Code { get; set; }

    [BindProperty]
    [Display(Name = "This is a recovery code")]
    public bool IsRecoveryCode { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool RememberMe { get; set; }

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? RedirectToPage("SignIn") : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null)
        {
            return RedirectToPage("SignIn");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var code = Code!.Replace(" ", string.Empty, StringComparison.Ordinal).Replace("-", string.Empty, StringComparison.Ordinal);
        var result = IsRecoveryCode
            ? await signIn.TwoFactorRecoveryCodeSignInAsync(Code!.Replace(" ", string.Empty, StringComparison.Ordinal))
            : await signIn.TwoFactorAuthenticatorSignInAsync(code, RememberMe, rememberClient: false);
        if (result.Succeeded)
        {
            await audit.RecordAsync(IsRecoveryCode ? AuditAction.SignInRecoveryCode : AuditAction.SignIn, AuditSubject.Account, user.Id.ToString());
            return LocalRedirect(SignInModel.SafeReturn(Url, ReturnUrl));
        }

        if (result.IsLockedOut)
        {
            ModelState.AddModelError(string.Empty, "Too many failed attempts: this account is locked for 15 minutes.");
            return Page();
        }

        await audit.RecordAttemptAsync(AuditAction.SignInTwoFactorFailed, user.Email, user.Id);
        ModelState.AddModelError(string.Empty, "That code is not right, or it was used already: each code works once, and codes change every 30 seconds.");
        return Page();
    }
}
