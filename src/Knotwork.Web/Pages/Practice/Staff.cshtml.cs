using System.ComponentModel.DataAnnotations;
using Knotwork.Domain.Practice;
using Knotwork.Data.Entities;
using Knotwork.Domain.Audit;
using Knotwork.Web.Accounts;
using Knotwork.Web.Mail;
using Knotwork.Web.Audit;
using Knotwork.Web.Pages.Account;
using Knotwork.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Knotwork.Web.Pages.Practice;

/// <summary>The owner lists the therapists and invites new ones (they set their own password from the e-mail).</summary>
[Authorize(Policy = Roles.OwnerPolicy)]
internal sealed class StaffModel(UserManager<KnotworkUser> users, IMailer mailer, AuditTrail audit, TimeProvider clock, PublicLinks links) : PageModel
{
    [BindProperty]
    public InviteInput Input { get; set; } = new();

    public IReadOnlyList<KnotworkUser> Therapists { get; private set; } = [];

    public string? Invited { get; private set; }

    public async Task OnGetAsync() => Therapists = [.. await users.GetUsersInRoleAsync(Roles.Therapist)];

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            await OnGetAsync();
            return Page();
        }

        var email = Input.Email!.Trim();
        var user = new KnotworkUser { Id = Guid.NewGuid(), UserName = email, Email = email, DisplayName = Input.Name!.Trim(), CreatedAtUtc = clock.GetUtcNow().UtcDateTime };
        var created = await users.CreateAsync(user);
        if (!created.Succeeded)
        {
            foreach (var error in created.Errors)
            {
                ModelState.AddModelError("Input.Email", error.Code is "DuplicateUserName" or "DuplicateEmail" ? "Someone already has an account with this e-mail." : error.Description);
            }

            await OnGetAsync();
            return Page();
        }

        await users.AddToRoleAsync(user, Roles.Therapist);
        var link = await AcceptInviteModel.LinkAsync(users, user, links, Request);
        await mailer.SendAsync(email, MailTemplates.TherapistInvitation(user.DisplayName, link));
        await audit.RecordAsync(AuditAction.Invite, AuditSubject.Therapist, user.Id.ToString(), email);
        Invited = email;
        Input = new InviteInput();
        await OnGetAsync();
        return Page();
    }
}

internal sealed class InviteInput
{
    [Required(ErrorMessage = "Give the therapist's name.")]
    [StringLength(FieldLimits.Name)]
    public string? Name { get; set; }

    [Required(ErrorMessage = "Give the therapist's e-mail address.")]
    [EmailAddress(ErrorMessage = "That is not an e-mail address.")]
    [StringLength(FieldLimits.Email)]
    [Display(Name = "E-mail")]
    public string? Email { get; set; }
}
