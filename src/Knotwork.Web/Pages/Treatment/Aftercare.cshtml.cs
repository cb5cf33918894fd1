using Knotwork.Data;
using Knotwork.Data.Entities;
using Knotwork.Data.Sessions;
using Knotwork.Domain.Audit;
using Knotwork.Domain.Knowledge;
using Knotwork.Domain.Sessions;
using Knotwork.Web.Audit;
using Knotwork.Web.Pages.Clients;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Knotwork.Web.Pages.Treatment;

/// <summary>
/// The client's aftercare for a visit, built from what was charted: the points released and where they sent pain,
/// what soreness to expect, self-care per muscle and when to seek care instead. The client sees it once the note is
/// signed; their therapists and the owner see it as the client will. It prints well (the browser's Save as PDF).
/// </summary>
[Authorize]
internal sealed class AftercareModel(KnotworkDbContext db, KnowledgeBase kb, AuditTrail audit) : PageModel
{
    public AftercareSheet Sheet { get; private set; } = null!;

    public string ClientName { get; private set; } = "";

    /// <summary>When the visit started, in the practice's time zone.</summary>
    public DateTime VisitDate { get; private set; }

    public bool Signed { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        var visit = await db.Visits.AsNoTracking().VisibleTo(db, User).SingleOrDefaultAsync(v => v.Id == id);
        // A client sees their aftercare only once the therapist has signed the note.
        if (visit is null || (!User.IsStaff() && visit.Status != VisitStatus.Signed))
        {
            await audit.RecordAsync(AuditAction.ReadRefused, AuditSubject.Visit, id.ToString(), "aftercare");
            return NotFound();
        }

        var entries = await db.ChartOfAsync(id);
        Sheet = Aftercare.For(entries.Select(e => new TreatedPoint(e.TriggerPointId, e.Side, e.Status, e.Release)), kb);
        ClientName = await db.Clients.Where(c => c.Id == visit.ClientId).Select(c => c.FullName).SingleAsync();
        VisitDate = TimeZoneInfo.ConvertTimeFromUtc(visit.StartedAtUtc, await db.TimeZoneAsync());
        Signed = visit.Status == VisitStatus.Signed;
        await audit.RecordAsync(AuditAction.Read, AuditSubject.Visit, id.ToString(), "aftercare");
        return Page();
    }
}
