using Knotwork.Domain.Anatomy;
using Knotwork.Domain.Knowledge;
using Knotwork.Web.BodyMap;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Knotwork.Web.Pages.Muscles;

/// <summary>One muscle: a referral diagram per trigger point and everything the knowledge base says about it.</summary>
internal sealed class MuscleModel(KnowledgeBase kb, BodyMapArt art) : PageModel
{
    public Muscle Muscle { get; private set; } = null!;

    public KnowledgeBase Knowledge => kb;

    public BodyMapArt Art => art;

    public IReadOnlyList<MuscleGroup> Groups { get; private set; } = [];

    public IActionResult OnGet(string slug)
    {
        if (kb.TryGetMuscle(slug, out var muscle))
        {
            if (muscle.Slug != slug)
            {
                return RedirectPermanent($"/muscles/{muscle.Slug}");
            }

            Muscle = muscle;
            Groups = kb.Groups.Where(g => g.Members.Contains(muscle)).ToArray();
            return Page();
        }

        if (kb.TryGetGroup(slug, out var group))
        {
            return RedirectPermanent($"/groups/{group.Slug}");
        }

        return NotFound();
    }

    /// <summary>The side diagrams are drawn on: the left (the right mirrors it).</summary>
    public static Side DiagramSide => Side.Left;
}
