using Knotwork.Data;
using Knotwork.Data.Entities;
using Knotwork.Web.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Knotwork.Web.Pages.Practice;

/// <summary>E-mails written while no SMTP server is configured, newest first.</summary>
[Authorize(Policy = Roles.OwnerPolicy)]
internal sealed class OutboxModel(KnotworkDbContext db) : PageModel
{
    public IReadOnlyList<OutboxMessage> Messages { get; private set; } = [];

    public async Task OnGetAsync() =>
        Messages = await db.Outbox.OrderByDescending(m => m.CreatedAtUtc).Take(200).ToListAsync();
}
