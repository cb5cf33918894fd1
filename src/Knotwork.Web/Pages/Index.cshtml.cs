using Knotwork.Domain.Knowledge;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Knotwork.Web.Pages;

internal sealed class IndexModel(KnowledgeBase kb) : PageModel
{
    public int MuscleCount => kb.Muscles.Count;
}
