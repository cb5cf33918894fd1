using Knotwork.Data;
using Knotwork.Domain.Anatomy;
using Knotwork.Domain.Finder;
using Knotwork.Domain.Knowledge;
using Knotwork.Web.BodyMap;
using Knotwork.Web.Pages.Clients;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Knotwork.Web.Pages.Finder;

/// <summary>"Where does it hurt?": the body map, the region list, context chips and the finder's answer.</summary>
internal sealed class IndexModel(PainSourceFinder finder, BodyMapArt art, KnowledgeBase kb, KnotworkDbContext db) : PageModel
{
    /// <summary>Records the signed-in person may save this map to: their own, or (staff) the clients they may see.</summary>
    public IReadOnlyList<(Guid Id, string Name)> SaveTargets { get; private set; } = [];

    /// <summary>A fresh id for the save form, so a double submit stores the map once.</summary>
    public Guid SaveId { get; } = Guid.NewGuid();

    public FinderSelection Selection { get; private set; } = FinderSelection.Empty;

    public FinderResult? Result { get; private set; }

    public string? Error { get; private set; }

    public BodyMapArt Art => art;

    public KnowledgeBase Knowledge => kb;

    public BodyRegions Taxonomy => kb.Regions;

    public async Task<IActionResult> OnGetAsync()
    {
        await LoadSaveTargets();
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
    public async Task<IActionResult> OnGetPanelAsync()
    {
        await LoadSaveTargets();
        if (!Load())
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        return Partial("_Panel", this);
    }

    private async Task LoadSaveTargets()
    {
        if (User.Identity?.IsAuthenticated == true)
        {
            SaveTargets = (await db.Clients.VisibleTo(User).OrderBy(c => c.FullName).Take(500).Select(c => new { c.Id, c.FullName }).ToListAsync())
                .Select(c => (c.Id, c.FullName)).ToArray();
        }
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
