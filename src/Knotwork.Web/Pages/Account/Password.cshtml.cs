using System.ComponentModel.DataAnnotations;
using Knotwork.Data.Entities;
using Knotwork.Domain.Audit;
using Knotwork.Domain.Practice;
using Knotwork.Web.Accounts;
using Knotwork.Web.Audit;
using Knotwork.Web.Mail;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Knotwork.Web.Pages.Account;

/// <summary>
/// Changes the password, given the current one. The security stamp is renewed, so every other session of the account
/// ends; this one is signed in again. The person is told by e-mail, so a change they did not make is noticed.
/// </summary>
[Authorize]
internal sealed class PasswordModel(UserManager<KnotworkUser> users, SignInManager<KnotworkUser> signIn, AuditTrail audit, IMailer mailer) : PageModel
{
    [BindProperty]
    public ChangePasswordInput Input { get; set; } = new();

    public bool Done { get; private set; }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        if (await users.IsLockedOutAsync(user))
        {
            ModelState.AddModelError("Input.CurrentPassword", Reauthentication.Locked);
            return Page();
        }

        var result = await users.ChangePasswordAsync(user, Input.CurrentPassword!, Input.NewPassword!);
        if (!result.Succeeded)
        {
            if (result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.PasswordMismatch)))
            {
                // A wrong current password counts towards lockout, as a wrong sign-in does.
                await users.AccessFailedAsync(user);
                await audit.RecordAsync(AuditAction.ReauthenticationFailed, AuditSubject.Account, user.Id.ToString(), "password change");
                ModelState.AddModelError("Input.CurrentPassword", "That is not your current password; nothing was changed.");
                return Page();
            }

            foreach (var error in result.Errors)
            {
                ModelState.AddModelError("Input.NewPassword", error.Description);
            }

            return Page();
        }

        await users.ResetAccessFailedCountAsync(user);
        await signIn.RefreshSignInAsync(user);
        await audit.RecordAsync(AuditAction.PasswordChanged, AuditSubject.Account, user.Id.ToString());
        await mailer.SendAsync(user.Email!, MailTemplates.PasswordChanged(user.DisplayName));
        Done = true;
        return Page();
    }
}

internal sealed class ChangePasswordInput
{
    [Required(ErrorMessage = "Give your current password.")]
    [StringLength(FieldLimits.PasswordMaximum, ErrorMessage = PasswordLengthAttribute.TooLong)]
    [DataType(DataType.Password)]
    [Display(Name = "Current password")]
    public string? CurrentPassword { get; set; }

    [Required(ErrorMessage = "Choose a new password.")]
    [PasswordLength]
    [DataType(DataType.Password)]
    [Display(Name = "New password")]
    public string? NewPassword { get; set; }
}
