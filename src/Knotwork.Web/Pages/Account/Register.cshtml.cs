using System.ComponentModel.DataAnnotations;
using System.Text;
using Knotwork.Data;
using Knotwork.Data.Entities;
using Knotwork.Domain.Audit;
using Knotwork.Domain.Clients;
using Knotwork.Domain.Practice;
using Knotwork.Web.Accounts;
using Knotwork.Web.Audit;
using Knotwork.Web.Mail;
using Knotwork.Web.Pages.Clients;
using Knotwork.Web.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.WebUtilities;

namespace Knotwork.Web.Pages.Account;

/// <summary>A client creates their own account, agreeing to treatment and privacy terms, then confirms their e-mail.</summary>
[EnableRateLimiting("registration")]
internal sealed class RegisterModel(KnotworkDbContext db, UserManager<KnotworkUser> users, IMailer mailer, AuditTrail audit, TimeProvider clock, PublicLinks links) : PageModel
{
    [BindProperty]
    public RegisterInput Input { get; set; } = new();

    public bool Sent { get; private set; }

    /// <summary>The consent to treatment in force today, which the client agrees to.</summary>
    public ConsentText Treatment { get; private set; } = null!;

    /// <summary>The privacy terms in force today, which the client agrees to.</summary>
    public ConsentText Privacy { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await db.IsSetUpAsync())
        {
            return Redirect("/setup");
        }

        await LoadConsentTexts();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!await db.IsSetUpAsync())
        {
            return Redirect("/setup");
        }

        await LoadConsentTexts();

        if (!Input.AgreeTreatment)
        {
            ModelState.AddModelError("Input.AgreeTreatment", "Agree to the consent to treatment to create an account.");
        }

        if (!Input.AgreePrivacy)
        {
            ModelState.AddModelError("Input.AgreePrivacy", "Agree to the privacy terms to create an account.");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var email = Input.Email!.Trim();
        var user = new KnotworkUser { Id = Guid.NewGuid(), UserName = email, Email = email, DisplayName = Input.FullName!.Trim(), CreatedAtUtc = now };
        var created = await users.CreateAsync(user, Input.Password!);
        if (!created.Succeeded)
        {
            foreach (var error in created.Errors)
            {
                // Do not reveal whether an address already has an account.
                if (error.Code is "DuplicateUserName" or "DuplicateEmail")
                {
                    Sent = true;
                    return Page();
                }

                ModelState.AddModelError("Input.Password", error.Description);
            }

            return Page();
        }

        await users.AddToRoleAsync(user, Roles.Client);
        var client = new ClientRecord
        {
            Id = Guid.NewGuid(),
            UserId = user.Id,
            FullName = user.DisplayName,
            Email = email,
            TreatmentConsentVersion = Treatment.Version,
            TreatmentConsentAtUtc = now,
            PrivacyConsentVersion = Privacy.Version,
            PrivacyConsentAtUtc = now,
            CreatedAtUtc = now,
            UpdatedAtUtc = now,
        };
        db.Clients.Add(client);
        await db.SaveChangesAsync();
        await audit.RecordAsync(AuditAction.Create, AuditSubject.Client, client.Id.ToString(), "self-registration with consent " + Treatment.Version);
        await SendConfirmation(user);
        Sent = true;
        return Page();
    }

    private async Task LoadConsentTexts()
    {
        var today = await db.TodayAsync(clock);
        Treatment = ConsentTexts.InForce(ConsentKind.Treatment, today);
        Privacy = ConsentTexts.InForce(ConsentKind.Privacy, today);
    }

    private async Task SendConfirmation(KnotworkUser user)
    {
        var token = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(await users.GenerateEmailConfirmationTokenAsync(user)));
        var link = links.To(Request, $"/account/confirm-email?userId={user.Id}&code={token}");
        await mailer.SendAsync(user.Email!, MailTemplates.ConfirmEmail(user.DisplayName, link));
    }
}

internal sealed class RegisterInput
{
    [Required(ErrorMessage = "Give your name.")]
    [StringLength(FieldLimits.Name)]
    [Display(Name = "Your name")]
    public string? FullName { get; set; }

    [Required(ErrorMessage = "Give your e-mail address.")]
    [EmailAddress(ErrorMessage = "That is not an e-mail address.")]
    [StringLength(FieldLimits.Email)]
    [Display(Name = "E-mail")]
    public string? Email { get; set; }

    [Required(ErrorMessage = "Choose a password.")]
    [PasswordLength]
    [DataType(DataType.Password)]
    public string? Password { get; set; }

    [Display(Name = "I agree to the consent to treatment")]
    public bool AgreeTreatment { get; set; }

    [Display(Name = "I agree to the privacy terms")]
    public bool AgreePrivacy { get; set; }
}
