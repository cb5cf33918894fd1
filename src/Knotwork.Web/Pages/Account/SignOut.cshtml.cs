using Knotwork.Data.Entities;
using Knotwork.Domain.Audit;
using Knotwork.Web.Audit;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Knotwork.Web.Pages.Account;

/// <summary>Signs out of this device: the session ends on the server, so a copy of the cookie stops working too.</summary>
internal sealed class SignOutModel(SignInManager<KnotworkUser> signIn, AuditTrail audit) : PageModel
{
    public IActionResult OnGet() => Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (User.Identity?.IsAuthenticated == true)
        {
            await audit.RecordAsync(AuditAction.SignOut, AuditSubject.Account, User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value);
        }

        await signIn.SignOutAsync();
        return Redirect("/");
    }
}
