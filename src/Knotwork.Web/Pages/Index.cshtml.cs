using Knotwork.Data;
using Knotwork.Domain.Knowledge;
using Knotwork.Web.Accounts;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Knotwork.Web.Pages;

internal sealed class IndexModel(KnowledgeBase kb, KnotworkDbContext db) : PageModel
{
    public int MuscleCount => kb.Muscles.Count;

    /// <summary>True on a first run, before the practice and its owner exist.</summary>
    public bool NeedsSetup { get; private set; }

    public async Task OnGetAsync() => NeedsSetup = !await db.IsSetUpAsync();
}
