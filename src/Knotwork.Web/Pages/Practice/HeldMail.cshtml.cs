using Knotwork.Data;
using Knotwork.Data.Entities;
using Knotwork.Web.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Knotwork.Web.Pages.Practice;

/// <summary>E-mails held because no SMTP server is configured, newest first, for the owner to forward by hand.</summary>
[Authorize(Policy = Roles.OwnerPolicy)]
internal sealed class HeldMailModel(KnotworkDbContext db) : PageModel
{
    public IReadOnlyList<HeldMessage> Messages { get; private set; } = [];

    public async Task OnGetAsync() =>
        Messages = await db.HeldMail.OrderByDescending(m => m.CreatedAtUtc).Take(200).ToListAsync();
}
