using Knotwork.Data;
using Knotwork.Data.Entities;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Knotwork.Web.Pages.Account;

[Authorize]
internal sealed class IndexModel(UserManager<KnotworkUser> users, KnotworkDbContext db) : PageModel
{
    public KnotworkUser Account { get; private set; } = null!;

    public Guid? OwnClientId { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        Account = user;
        OwnClientId = await db.Clients.Where(c => c.UserId == user.Id).Select(c => (Guid?)c.Id).SingleOrDefaultAsync();
        return Page();
    }
}
