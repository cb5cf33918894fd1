using System.ComponentModel.DataAnnotations;
using System.Diagnostics;
using Knotwork.Data.Entities;
using Knotwork.Domain.Audit;
using Knotwork.Domain.Practice;
using Knotwork.Web.Accounts;
using Knotwork.Web.Audit;
using Knotwork.Web.Mail;
using Knotwork.Web.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Knotwork.Web.Pages.Account;

/// <summary>
/// Sends a password-reset link to an address that has an account. Whether it has one or not, the answer is the same
/// words after about the same time (at least <see cref="AnswerTime"/>), so the page does not tell who has an account.
/// </summary>
[EnableRateLimiting("sign-in")]
internal sealed class ForgotPasswordModel(UserManager<KnotworkUser> users, IMailer mailer, AuditTrail audit, PublicLinks links) : PageModel
{
    /// <summary>The one answer, whether the address has an account or not.</summary>
    public const string Answer = "If that address has a Knotwork account, we sent it a link to choose a new password. The link works once, for 30 minutes.";

    /// <summary>
    /// The least time an answer takes. Sending the message takes longer than not sending one; every answer waits until
    /// this much time has passed, which covers the held-mail table and a responsive SMTP server.
    /// </summary>
    public static readonly TimeSpan AnswerTime = TimeSpan.FromMilliseconds(600);

    [BindProperty]
    [Required(ErrorMessage = "Give your e-mail address.")]
    [EmailAddress(ErrorMessage = "That is not an e-mail address.")]
    [StringLength(FieldLimits.Email)]
    [Display(Name = "E-mail")]
    public string? Email { get; set; }

    public bool Sent { get; private set; }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var started = Stopwatch.GetTimestamp();
        var email = Email!.Trim();
        var user = await users.FindByEmailAsync(email);
        await audit.RecordAttemptAsync(AuditAction.PasswordResetRequested, email, user?.Id);
        if (user is not null)
        {
            var link = await ResetPasswordModel.LinkAsync(users, user, links, Request);
            await mailer.SendAsync(user.Email!, MailTemplates.PasswordReset(user.DisplayName, link, PasswordResetTokenProvider.Lifetime));
        }

        var left = AnswerTime - Stopwatch.GetElapsedTime(started);
        if (left > TimeSpan.Zero)
        {
            await Task.Delay(left, HttpContext.RequestAborted);
        }

        Sent = true;
        return Page();
    }
}
