using Knotwork.Data.Entities;
using Knotwork.Domain.Audit;
using Knotwork.Web.Audit;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Knotwork.Web.Pages.Account;

/// <summary>Sign out everywhere: a new security stamp ends every other session at its next check (within a minute).</summary>
[Authorize]
internal sealed class SecurityModel(UserManager<KnotworkUser> users, SignInManager<KnotworkUser> signIn, AuditTrail audit) : PageModel
{
    public async Task<IActionResult> OnPostAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        await users.UpdateSecurityStampAsync(user);
        await audit.RecordAsync(AuditAction.SignOutEverywhere, AuditSubject.Account, user.Id.ToString());
        await signIn.SignOutAsync();
        return Redirect("/account/sign-in");
    }
}
