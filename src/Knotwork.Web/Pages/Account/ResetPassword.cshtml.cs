using System.ComponentModel.DataAnnotations;
using System.Text;
using Knotwork.Data.Entities;
using Knotwork.Domain.Audit;
using Knotwork.Web.Accounts;
using Knotwork.Web.Audit;
using Knotwork.Web.Mail;
using Knotwork.Web.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.WebUtilities;

namespace Knotwork.Web.Pages.Account;

/// <summary>
/// Chooses a new password through an e-mailed link (<see cref="PasswordResetTokenProvider"/>): the link works once,
/// for 30 minutes. A reset ends every session of the account, confirms the address the link was sent to, and is
/// told to the person by e-mail.
/// </summary>
[EnableRateLimiting("sign-in")]
internal sealed class ResetPasswordModel(UserManager<KnotworkUser> users, AuditTrail audit, IMailer mailer) : PageModel
{
    /// <summary>What a used, expired or altered link says.</summary>
    public const string LinkNotValid = "This link has already been used or has expired: a reset link works once, for 30 minutes. Ask for a new one.";

    [BindProperty(SupportsGet = true)]
    public Guid UserId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Code { get; set; }

    [BindProperty]
    [Required(ErrorMessage = "Choose a new password.")]
    [PasswordLength]
    [DataType(DataType.Password)]
    [Display(Name = "New password")]
    public string? Password { get; set; }

    /// <summary>Whether the link is usable (else the page says so instead of showing the form).</summary>
    public bool LinkValid { get; private set; }

    public bool Done { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        LinkValid = await Account() is { } found && await users.VerifyUserTokenAsync(found.User, PasswordResetTokenProvider.ProviderName, UserManager<KnotworkUser>.ResetPasswordTokenPurpose, found.Token);
        if (!LinkValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await Account() is not { } found
            || !await users.VerifyUserTokenAsync(found.User, PasswordResetTokenProvider.ProviderName, UserManager<KnotworkUser>.ResetPasswordTokenPurpose, found.Token))
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        LinkValid = true;
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var user = found.User;
        // The link's own token has been checked; Identity sets a password only against a token of its configured
        // reset provider, which invitations use, so hand it one made here and used at once.
        var result = await users.ResetPasswordAsync(user, await users.GeneratePasswordResetTokenAsync(user), Password!);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(nameof(Password), error.Description);
            }

            return Page();
        }

        // Following the link proves the address; the new stamp (set by the reset) ends every session and this link.
        user.EmailConfirmed = true;
        await users.UpdateAsync(user);
        await users.ResetAccessFailedCountAsync(user);
        await audit.RecordAsync(AuditAction.PasswordReset, AuditSubject.Account, user.Id.ToString());
        await mailer.SendAsync(user.Email!, MailTemplates.PasswordChanged(user.DisplayName));
        Done = true;
        return Page();
    }

    /// <summary>
    /// The e-mailed link for <paramref name="user"/>, on the configured public address (never the request's Host).
    /// </summary>
    internal static async Task<string> LinkAsync(UserManager<KnotworkUser> users, KnotworkUser user, PublicLinks links, HttpRequest request)
    {
        var token = await users.GenerateUserTokenAsync(user, PasswordResetTokenProvider.ProviderName, UserManager<KnotworkUser>.ResetPasswordTokenPurpose);
        var code = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token));
        return links.To(request, $"/account/reset-password?userId={user.Id}&code={code}");
    }

    private async Task<(KnotworkUser User, string Token)?> Account()
    {
        if (UserId == Guid.Empty || string.IsNullOrEmpty(Code) || await users.FindByIdAsync(UserId.ToString()) is not { } user)
        {
            return null;
        }

        try
        {
            return (user, Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(Code)));
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
