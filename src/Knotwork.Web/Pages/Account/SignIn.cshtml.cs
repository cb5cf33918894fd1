using System.ComponentModel.DataAnnotations;
using Knotwork.Data.Entities;
using Knotwork.Web.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Knotwork.Web.Pages.Account;

[EnableRateLimiting("sign-in")]
internal sealed class SignInModel(SignInManager<KnotworkUser> signIn, UserManager<KnotworkUser> users, AuditTrail audit) : PageModel
{
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
        var result = await signIn.PasswordSignInAsync(email, Input.Password!, Input.RememberMe, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            await audit.RecordAsync("sign-in", "account", email);
            return LocalRedirect(SafeReturn(ReturnUrl));
        }

        if (result.RequiresTwoFactor)
        {
            return RedirectToPage("SignInTwoFactor", new { ReturnUrl, Input.RememberMe });
        }

        if (result.IsLockedOut)
        {
            await audit.RecordAsync("sign-in-locked", "account", email);
            ModelState.AddModelError(string.Empty, "Too many failed attempts: this account is locked for 15 minutes.");
            return Page();
        }

        var user = await users.FindByEmailAsync(email);
        if (user is not null && !user.EmailConfirmed && await users.CheckPasswordAsync(user, Input.Password!))
        {
            ModelState.AddModelError(string.Empty, "Confirm your e-mail address first: follow the link in the message we sent you.");
            return Page();
        }

        await audit.RecordAsync("sign-in-failed", "account", email);
        ModelState.AddModelError(string.Empty, "That e-mail and password do not match an account.");
        return Page();
    }

    internal static string SafeReturn(string? url) =>
        !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal) ? url : "/account";
}

internal sealed class SignInInput
{
    [Required(ErrorMessage = "Give your e-mail address.")]
    [EmailAddress]
    [StringLength(256)]
    [Display(Name = "E-mail")]
    public string? Email { get; set; }

    [Required(ErrorMessage = "Give your password.")]
    [StringLength(200)]
    [DataType(DataType.Password)]
    public string? Password { get; set; }

    [Display(Name = "Keep me signed in on this device")]
    public bool RememberMe { get; set; }
}
