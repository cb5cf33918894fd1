using Knotwork.Domain.Knowledge;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Knotwork.Web.Pages.Groups;

/// <summary>A group name people use ("rotator cuff", "IT band") and its muscles.</summary>
internal sealed class GroupModel(KnowledgeBase kb) : PageModel
{
    public MuscleGroup Group { get; private set; } = null!;

    public IActionResult OnGet(string slug)
    {
        if (!kb.TryGetGroup(slug, out var group))
        {
            return kb.TryGetMuscle(slug, out var muscle) ? RedirectPermanent($"/muscles/{muscle.Slug}") : NotFound();
        }

        Group = group;
        return Page();
    }
}
