using System.ComponentModel.DataAnnotations;
using System.Text.Encodings.Web;
using Knotwork.Data.Entities;
using Knotwork.Web.Accounts;
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
        await mailer.SendAsync(email, "You are invited to Knotwork",
            $"<p>Hello {HtmlEncoder.Default.Encode(user.DisplayName)},</p><p>You have been invited to join the practice as a therapist. Choose your password here: <a href=\"{HtmlEncoder.Default.Encode(link)}\">{HtmlEncoder.Default.Encode(link)}</a></p><p>You will then set up two-factor sign-in.</p>");
        await audit.RecordAsync("invite", "therapist", user.Id.ToString(), email);
        Invited = email;
        Input = new InviteInput();
        await OnGetAsync();
        return Page();
    }
}

internal sealed class InviteInput
{
    [Required(ErrorMessage = "Give the therapist's name.")]
    [StringLength(200)]
    public string? Name { get; set; }

    [Required(ErrorMessage = "Give the therapist's e-mail address.")]
    [EmailAddress(ErrorMessage = "That is not an e-mail address.")]
    [StringLength(256)]
    [Display(Name = "E-mail")]
    public string? Email { get; set; }
}
