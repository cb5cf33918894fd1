using System.ComponentModel.DataAnnotations;
using System.Text;
using Knotwork.Data.Entities;
using Knotwork.Web.Accounts;
using Knotwork.Domain.Audit;
using Knotwork.Web.Audit;
using Knotwork.Web.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;

namespace Knotwork.Web.Pages.Account;

/// <summary>An invited person (a therapist invited by the owner, a client invited by a therapist) chooses a password.</summary>
internal sealed class AcceptInviteModel(UserManager<KnotworkUser> users, AuditTrail audit) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid UserId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Code { get; set; }

    [BindProperty]
    [Required(ErrorMessage = "Choose a password.")]
    [PasswordLength]
    [DataType(DataType.Password)]
    public string? Password { get; set; }

    public bool Done { get; private set; }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await users.FindByIdAsync(UserId.ToString());
        if (user is null || string.IsNullOrEmpty(Code))
        {
            ModelState.AddModelError(string.Empty, "This invitation link is not valid.");
            return Page();
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        string token;
        try
        {
            token = Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(Code));
        }
        catch (FormatException)
        {
            ModelState.AddModelError(string.Empty, "This invitation link is not valid.");
            return Page();
        }

        var result = await users.ResetPasswordAsync(user, token, Password!);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(error.Code == "InvalidToken" ? string.Empty : nameof(Password),
                    error.Code == "InvalidToken" ? "This invitation link is not valid or has expired." : error.Description);
            }

            return Page();
        }

        // Following the link proves the address.
        user.EmailConfirmed = true;
        await users.UpdateAsync(user);
        await audit.RecordAsync(AuditAction.InvitationAccepted, AuditSubject.Account, user.Id.ToString());
        Done = true;
        return Page();
    }

    /// <summary>Creates the invitation link for <paramref name="user"/> (a password-reset token, single use).</summary>
    internal static async Task<string> LinkAsync(UserManager<KnotworkUser> users, KnotworkUser user, PublicLinks links, HttpRequest request)
    {
        var token = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(await users.GeneratePasswordResetTokenAsync(user)));
        return links.To(request, $"/account/accept-invite?userId={user.Id}&code={token}");
    }
}
