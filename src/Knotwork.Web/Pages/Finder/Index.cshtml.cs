using Knotwork.Domain.Anatomy;
using Knotwork.Domain.Finder;
using Knotwork.Domain.Knowledge;
using Knotwork.Web.BodyMap;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Knotwork.Web.Pages.Finder;

/// <summary>"Where does it hurt?": the body map, the region list, context chips and the finder's answer.</summary>
internal sealed class IndexModel(PainSourceFinder finder, BodyMapArt art, KnowledgeBase kb) : PageModel
{
    public FinderSelection Selection { get; private set; } = FinderSelection.Empty;

    public FinderResult? Result { get; private set; }

    public string? Error { get; private set; }

    public BodyMapArt Art => art;

    public KnowledgeBase Knowledge => kb;

    public BodyRegions Taxonomy => kb.Regions;

    public IActionResult OnGet()
    {
        if (!Load())
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        // A submission of the list form (r=...&r=...) is redirected to the one shareable URL form.
        if (!FinderSelection.IsCanonical(Request.Query))
        {
            return Redirect(Selection.Url());
        }

        return Page();
    }

    /// <summary>The marked list and the results, for the page's script to swap in without a reload.</summary>
    public IActionResult OnGetPanel()
    {
        if (!Load())
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        return Partial("_Panel", this);
    }

    private bool Load()
    {
        var (selection, error) = FinderSelection.Parse(Request.Query, kb.Regions);
        Selection = selection;
        Error = error;
        Result = error is null && !selection.IsEmpty ? finder.Find(selection.ToQuery()) : null;
        return error is null;
    }
}
