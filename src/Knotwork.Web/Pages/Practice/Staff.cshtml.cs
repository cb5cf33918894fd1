using System.ComponentModel.DataAnnotations;
using Knotwork.Data;
using Knotwork.Data.Booking;
using Knotwork.Domain.Practice;
using Knotwork.Data.Entities;
using Knotwork.Domain.Audit;
using Knotwork.Web.Accounts;
using Knotwork.Web.Booking;
using Knotwork.Web.Mail;
using Knotwork.Web.Audit;
using Knotwork.Web.Pages.Account;
using Knotwork.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Knotwork.Web.Pages.Practice;

/// <summary>
/// The owner lists the therapists and invites new ones (they set their own password from the e-mail), and says which
/// staff account works as each therapist of the practice setup: that link is what lets a therapist see their own
/// bookings (<see cref="BookingScope"/>).
/// </summary>
[Authorize(Policy = Roles.OwnerPolicy)]
internal sealed class StaffModel(
    UserManager<KnotworkUser> users, IMailer mailer, AuditTrail audit, TimeProvider clock, PublicLinks links,
    KnotworkDbContext db, PracticeSchedules schedules) : PageModel
{
    [BindProperty]
    public InviteInput Input { get; set; } = new();

    public IReadOnlyList<KnotworkUser> Therapists { get; private set; } = [];

    public string? Invited { get; private set; }

    /// <summary>The accounts that can work as a setup therapist: the owner's and the therapists'.</summary>
    public IReadOnlyList<KnotworkUser> StaffAccounts { get; private set; } = [];

    /// <summary>The therapists of the practice setup (empty while booking is not set up), each with the account linked to it, if any.</summary>
    public IReadOnlyList<(Domain.Booking.Therapist Therapist, Guid? UserId)> SetupTherapists { get; private set; } = [];

    /// <summary>What the last link changed, or null.</summary>
    public string? Linked { get; private set; }

    /// <summary>Why the last link was refused, or null.</summary>
    public string? LinkError { get; private set; }

    public async Task OnGetAsync()
    {
        Therapists = [.. await users.GetUsersInRoleAsync(Roles.Therapist)];
        StaffAccounts = [.. (await users.GetUsersInRoleAsync(Roles.Owner)).Concat(Therapists).DistinctBy(u => u.Id).OrderBy(u => u.DisplayName, StringComparer.CurrentCulture)];
        var (schedule, _) = await schedules.CurrentAsync(db, HttpContext.RequestAborted);
        var links = await db.TherapistAccounts.AsNoTracking().ToDictionaryAsync(a => a.TherapistId, a => a.UserId, StringComparer.Ordinal, HttpContext.RequestAborted);
        SetupTherapists = schedule is null ? [] : [.. schedule.Setup.Therapists.Select(t => (t, links.TryGetValue(t.Id, out var u) ? (Guid?)u : null))];
    }

    /// <summary>Links setup therapist <paramref name="therapistId"/> to staff account <paramref name="userId"/> (empty: to none); audited.</summary>
    public async Task<IActionResult> OnPostLinkAsync(string? therapistId, string? userId)
    {
        ModelState.Clear();
        await OnGetAsync();
        var therapist = SetupTherapists.Select(t => t.Therapist).FirstOrDefault(t => string.Equals(t.Id, therapistId, StringComparison.Ordinal));
        KnotworkUser? account = null;
        if (therapist is null
            || (!string.IsNullOrEmpty(userId) && (account = StaffAccounts.FirstOrDefault(u => string.Equals(u.Id.ToString(), userId, StringComparison.OrdinalIgnoreCase))) is null))
        {
            LinkError = "Choose a therapist of the practice setup and one of the staff accounts.";
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        await db.LinkTherapistAccountAsync(therapist.Id, account?.Id, clock.GetUtcNow().UtcDateTime, HttpContext.RequestAborted);
        await audit.RecordAsync(AuditAction.Update, AuditSubject.Therapist, therapist.Id,
            account is null ? $"{therapist.Id} linked to no account" : $"{therapist.Id} linked to account {account.Id} ({account.Email})", CancellationToken.None);
        Linked = account is null ? $"{therapist.Name} is linked to no account." : $"{account.DisplayName} now works as {therapist.Name}.";
        await OnGetAsync();
        return Page();
    }

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
