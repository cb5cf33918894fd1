using System.ComponentModel.DataAnnotations;
using Knotwork.Domain.Practice;
using Knotwork.Data;
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

namespace Knotwork.Web.Pages.Clients;

/// <summary>A therapist or the owner adds a client, and may invite them to make an account.</summary>
[Authorize(Policy = Roles.StaffPolicy)]
internal sealed class NewModel(KnotworkDbContext db, UserManager<KnotworkUser> users, IMailer mailer, AuditTrail audit, TimeProvider clock, PublicLinks links) : PageModel
{
    [BindProperty]
    public NewClientInput Input { get; set; } = new();

    public async Task<IActionResult> OnPostAsync()
    {
        if (Input.Invite && string.IsNullOrWhiteSpace(Input.Email))
        {
            ModelState.AddModelError("Input.Email", "An invitation needs the client's e-mail address.");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var client = new ClientRecord
        {
            Id = Guid.NewGuid(),
            FullName = Input.FullName!.Trim(),
            Email = Input.Email?.Trim(),
            Phone = Input.Phone?.Trim(),
            CreatedAtUtc = now,
            UpdatedAtUtc = now,
        };
        if (User.IsInRole(Roles.Therapist) && User.UserId() is { } therapist)
        {
            client.Assignments.Add(new TherapistAssignment { ClientId = client.Id, TherapistId = therapist, AssignedAtUtc = now });
        }

        if (Input.Invite)
        {
            var account = new KnotworkUser { Id = Guid.NewGuid(), UserName = client.Email, Email = client.Email, DisplayName = client.FullName, CreatedAtUtc = now };
            var created = await users.CreateAsync(account);
            if (!created.Succeeded)
            {
                ModelState.AddModelError("Input.Email", created.Errors.Any(e => e.Code is "DuplicateUserName" or "DuplicateEmail")
                    ? "This address cannot be invited. Save the client without an invitation, and ask the practice owner to connect an existing account." : string.Join(" ", created.Errors.Select(e => e.Description)));
                return Page();
            }

            await users.AddToRoleAsync(account, Roles.Client);
            client.UserId = account.Id;
            var link = await AcceptInviteModel.LinkAsync(users, account, links, Request);
            await mailer.SendAsync(account.Email!, MailTemplates.ClientInvitation(account.DisplayName, link));
        }

        db.Clients.Add(client);
        await db.SaveChangesAsync();
        await audit.RecordAsync(AuditAction.Create, AuditSubject.Client, client.Id.ToString(), Input.Invite ? "invited" : null);
        return Redirect($"/clients/{client.Id}");
    }
}

internal sealed class NewClientInput
{
    [Required(ErrorMessage = "Give the client's name.")]
    [StringLength(FieldLimits.Name)]
    [Display(Name = "Name")]
    public string? FullName { get; set; }

    [EmailAddress(ErrorMessage = "That is not an e-mail address.")]
    [StringLength(FieldLimits.Email)]
    [Display(Name = "E-mail")]
    public string? Email { get; set; }

    [Phone(ErrorMessage = "That is not a phone number.")]
    [StringLength(FieldLimits.Phone)]
    public string? Phone { get; set; }

    [Display(Name = "Invite them to make an account")]
    public bool Invite { get; set; }
}
