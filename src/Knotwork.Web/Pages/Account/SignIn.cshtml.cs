using System.ComponentModel.DataAnnotations;
using Knotwork.Data.Entities;
using Knotwork.Domain.Audit;
using Knotwork.Domain.Practice;
using Knotwork.Web.Audit;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Knotwork.Web.Pages.Account;

/// <summary>
/// Signs a person in with e-mail and password. A wrong password, an unknown address and a locked account answer
/// with the same words after the same work (one password hash), so the page does not tell whether an account exists.
/// </summary>
[EnableRateLimiting("sign-in")]
internal sealed class SignInModel(SignInManager<KnotworkUser> signIn, UserManager<KnotworkUser> users, AuditTrail audit) : PageModel
{
    /// <summary>The one answer to every failed attempt, whether the address has an account or not.</summary>
    public const string Failure = "That e-mail and password did not sign you in. After 5 failed attempts an account is locked for 15 minutes.";

    /// <summary>A hash of a password nobody has, verified when the address has no account so that both cost the same.</summary>
    private static readonly Lazy<string> DecoyHash = new(() => new PasswordHasher<KnotworkUser>().HashPassword(new KnotworkUser(), Guid.NewGuid().ToString()));

    [BindProperty]
    public SignInInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var email = Input.Email!.Trim();
        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            users.PasswordHasher.VerifyHashedPassword(new KnotworkUser(), DecoyHash.Value, Input.Password!);
            await audit.RecordAttemptAsync(AuditAction.SignInFailed, email, null);
            ModelState.AddModelError(string.Empty, Failure);
            return Page();
        }

        var result = await signIn.PasswordSignInAsync(user, Input.Password!, Input.RememberMe, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            await audit.RecordAsync(AuditAction.SignIn, AuditSubject.Account, user.Id.ToString());
            return LocalRedirect(SafeReturn(Url, ReturnUrl));
        }

        if (result.RequiresTwoFactor)
        {
            return RedirectToPage("SignInTwoFactor", new { ReturnUrl = SafeReturn(Url, ReturnUrl), Input.RememberMe });
        }

        if (result.IsLockedOut)
        {
            // Identity refuses a locked account before hashing: hash anyway, so locked and unknown take as long.
            users.PasswordHasher.VerifyHashedPassword(user, DecoyHash.Value, Input.Password!);
            await audit.RecordAttemptAsync(AuditAction.SignInLocked, email, user.Id);
            ModelState.AddModelError(string.Empty, Failure);
            return Page();
        }

        if (result.IsNotAllowed && !user.EmailConfirmed && await users.CheckPasswordAsync(user, Input.Password!))
        {
            // Only someone who knows the password learns that the address is not confirmed yet.
            ModelState.AddModelError(string.Empty, "Confirm your e-mail address first: follow the link in the message we sent you.");
            return Page();
        }

        await audit.RecordAttemptAsync(AuditAction.SignInFailed, email, user.Id);
        ModelState.AddModelError(string.Empty, Failure);
        return Page();
    }

    /// <summary>
    /// Where to go after signing in: <paramref name="returnUrl"/> when it is a path of this app (the same test
    /// <c>LocalRedirect</c> applies, so control characters and <c>//host</c> are refused), else the account page.
    /// </summary>
    internal static string SafeReturn(IUrlHelper url, string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && url.IsLocalUrl(returnUrl) ? returnUrl : "/account";
}

internal sealed class SignInInput
{
    [Required(ErrorMessage = "Give your e-mail address.")]
    [EmailAddress]
    [StringLength(FieldLimits.Email)]
    [Display(Name = "E-mail")]
    public string? Email { get; set; }

    [Required(ErrorMessage = "Give your password.")]
    [StringLength(FieldLimits.PasswordMaximum, ErrorMessage = "Passwords have at most 128 characters.")]
    [DataType(DataType.Password)]
    public string? Password { get; set; }

    [Display(Name = "Keep me signed in on this device")]
    public bool RememberMe { get; set; }
}
