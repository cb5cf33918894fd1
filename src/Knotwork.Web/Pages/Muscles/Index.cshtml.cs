using Knotwork.Domain.Knowledge;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Knotwork.Web.Pages.Muscles;

/// <summary>The muscle atlas: every muscle by body area, searchable by name, alias and group, filterable by area.</summary>
internal sealed class IndexModel(KnowledgeBase kb) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    [BindProperty(SupportsGet = true, Name = "area")]
    public string? Area { get; set; }

    public KnowledgeBase Knowledge => kb;

    public IReadOnlyList<Muscle> Found { get; private set; } = [];

    public IReadOnlyList<MuscleGroup> MatchingGroups { get; private set; } = [];

    public bool Searching => !string.IsNullOrWhiteSpace(Query) || !string.IsNullOrWhiteSpace(Area);

    public string? AreaError { get; private set; }

    public void OnGet()
    {
        Query = Query?.Trim();
        if (Query?.Length > 100)
        {
            Query = Query[..100];
        }

        if (!string.IsNullOrWhiteSpace(Area) && !BodyAreas.IsArea(Area))
        {
            AreaError = $"There is no body area '{Area}'; showing all areas.";
            Area = null;
        }

        var found = kb.Search(Query);
        Found = string.IsNullOrWhiteSpace(Area) ? found : found.Where(m => m.Area == Area).ToArray();
        var words = (Query ?? string.Empty).ToLowerInvariant();
        MatchingGroups = string.IsNullOrWhiteSpace(Query)
            ? []
            : kb.Groups.Where(g => new[] { g.Name, g.Slug.Replace('-', ' ') }.Concat(g.Aliases)
                .Any(n => n.Contains(words, StringComparison.OrdinalIgnoreCase) || words.Contains(n.ToLowerInvariant(), StringComparison.Ordinal))).ToArray();
    }
}
