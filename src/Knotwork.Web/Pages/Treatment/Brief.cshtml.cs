using Knotwork.Data;
using Knotwork.Data.Entities;
using Knotwork.Data.Sessions;
using Knotwork.Domain.Anatomy;
using Knotwork.Domain.Audit;
using Knotwork.Domain.Clients;
using Knotwork.Domain.Finder;
using Knotwork.Domain.Knowledge;
using Knotwork.Domain.Sessions;
using Knotwork.Web.Accounts;
using Knotwork.Web.Audit;
using Knotwork.Web.BodyMap;
using Knotwork.Web.Pages.Clients;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Knotwork.Web.Pages.Treatment;

/// <summary>
/// The therapist's brief for a visit, one phone screen: flags and screening first, then today's pain map beside the
/// last ones, the muscles the finder suggests with the points to examine and how to find them, the causes noted, and
/// what was found and released at the last visit. Staff of the client only; reading it is audited.
/// </summary>
[Authorize(Policy = Roles.StaffPolicy)]
internal sealed class BriefModel(KnotworkDbContext db, KnowledgeBase kb, BodyMapArt art, PainSourceFinder finder, AuditTrail audit, TimeProvider clock) : PageModel
{
    /// <summary>The audit detail of reading a brief (the dashboard finds the briefs read by it).</summary>
    public const string AuditDetail = "brief";

    public VisitRecord Visit { get; private set; } = null!;

    public ClientRecord Client { get; private set; } = null!;

    public ClientPrecautions Precautions { get; private set; } = null!;

    /// <summary>The pain maps up to this visit, newest first (at most three).</summary>
    public IReadOnlyList<PainMapRecord> Maps { get; private set; } = [];

    public FinderResult? Finder { get; private set; }

    /// <summary>The context factors noted on the latest map (the causes that apply).</summary>
    public IReadOnlyList<ContextFactor> Causes { get; private set; } = [];

    /// <summary>What the last visit before this one charted.</summary>
    public IReadOnlyList<ChartEntry> LastTime { get; private set; } = [];

    public DateTime? LastVisitUtc { get; private set; }

    /// <summary>The client's intake for this visit's booking, if they sent one.</summary>
    public IntakeSummary? Intake { get; private set; }

    public KnowledgeBase Knowledge => kb;

    public BodyMapArt Art => art;

    /// <summary>The regions a map marks (those the knowledge base knows).</summary>
    public IReadOnlySet<Region> Marked(PainMapRecord map) =>
        map.Marks.Select(m => kb.Regions.TryGet(m.Region, out var r) ? r : null).OfType<Region>().ToHashSet();

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        var visit = await db.Visits.AsNoTracking().VisibleTo(db, User).SingleOrDefaultAsync(v => v.Id == id);
        if (visit is null)
        {
            await audit.RecordAsync(AuditAction.ReadRefused, AuditSubject.Visit, id.ToString(), "brief");
            return NotFound();
        }

        Visit = visit;
        Client = await db.Clients.AsNoTracking().SingleAsync(c => c.Id == visit.ClientId);
        Precautions = Client.Precautions(await db.TodayAsync(clock));
        var maps = await db.PainMaps.AsNoTracking().Where(m => m.ClientId == visit.ClientId).ToListAsync();
        Maps = [.. maps.Where(m => m.RecordedAtUtc <= visit.StartedAtUtc.AddHours(12)).OrderByDescending(m => m.RecordedAtUtc).Take(3)];
        var intake = visit.BookingId is { } booking ? await db.Intakes.AsNoTracking().SingleOrDefaultAsync(i => i.BookingId == booking) : null;
        if (intake is not null)
            Intake = (await IntakeSummary.ForBookingsAsync(db, kb, [intake.BookingId], HttpContext.RequestAborted))[intake.BookingId];
        if (Maps.Count > 0 && Maps[0].Marks.Count > 0)
        {
            var latest = Maps[0];
            // The intake's own map is screened with the client's answers to its safety questions, as they saw it.
            var answers = intake?.PainMapId == latest.Id ? string.Join(',', intake.Answers().Safety.Select(a => a.Key + ":" + (a.Value ? "yes" : "no"))) : null;
            var parse = FinderQuery.ParseText(
                string.Join(',', latest.Marks.Select(m => m.Region)),
                string.Join(',', latest.Marks.Where(m => m.Intensity is not null).Select(m => $"{m.Region}:{m.Intensity}")),
                string.Join(',', latest.Context.Where(c => ContextFactor.TryParse(c, out _))),
                answers: answers);
            if (parse.Query is { } query)
                Finder = finder.Find(query);
            Causes = [.. latest.Context.Select(c => ContextFactor.TryParse(c, out var f) ? f : null).OfType<ContextFactor>()];
        }

        var previous = await db.Visits.AsNoTracking()
            .Where(v => v.ClientId == visit.ClientId && v.Id != visit.Id && v.StartedAtUtc < visit.StartedAtUtc)
            .OrderByDescending(v => v.StartedAtUtc).FirstOrDefaultAsync();
        if (previous is not null)
        {
            LastVisitUtc = previous.StartedAtUtc;
            LastTime = await db.ChartOfAsync(previous.Id);
        }

        await audit.RecordAsync(AuditAction.Read, AuditSubject.Visit, id.ToString(), AuditDetail);
        return Page();
    }

    /// <summary>The marks of a map in words: "Left temple 7/10, Left back of the neck".</summary>
    public string MapText(PainMapRecord map) => string.Join(", ", map.Marks.Select(m =>
        (kb.Regions.TryGet(m.Region, out var r) ? r.Label : m.Region) + (m.Intensity is { } i ? $" {i}/10" : "")));
}
