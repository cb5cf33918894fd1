using Knotwork.Data;
using Knotwork.Data.Entities;
using Knotwork.Domain.Audit;
using Knotwork.Web.Accounts;
using Knotwork.Web.Audit;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Knotwork.Web.Pages.Account;

/// <summary>Sign out everywhere: every session of the account ends on the server at once, this one included.</summary>
[Authorize]
internal sealed class SecurityModel(UserManager<KnotworkUser> users, SignInManager<KnotworkUser> signIn, KnotworkDbContext db, AuditTrail audit) : PageModel
{
    public async Task<IActionResult> OnPostAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        await users.UpdateSecurityStampAsync(user);
        var ended = await db.EndSessionsAsync(user.Id);
        await audit.RecordAsync(AuditAction.SignOutEverywhere, AuditSubject.Account, user.Id.ToString(), $"{ended} sessions ended");
        await signIn.SignOutAsync();
        return Redirect("/account/sign-in");
    }
}
