using Knotwork.Data;
using Knotwork.Data.Protection;
using Knotwork.Data.Sessions;
using Knotwork.Domain.Audit;
using Knotwork.Domain.Knowledge;
using Knotwork.Domain.Sessions;
using Knotwork.Web.Audit;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Knotwork.Web.Pages.Treatment;

/// <summary>
/// The check-in two days after a visit, opened from the e-mail's private link (no account needed): soreness, the pain
/// now (overall and at each place of the visit's pain map) and the seven-point global impression of change, all taps.
/// Answered once; the answers go to the client's record. A wrong token answers 404, as for a visit that does not exist.
/// </summary>
[AllowAnonymous]
internal sealed class CheckInModel(KnotworkDbContext db, MasterKey key, KnowledgeBase kb, AuditTrail audit, TimeProvider clock) : PageModel
{
    public string Token { get; private set; } = "";

    public string ClientFirstName { get; private set; } = "";

    /// <summary>The places of the visit's pain map, as (region id, label).</summary>
    public IReadOnlyList<(string Id, string Label)> Places { get; private set; } = [];

    public bool AlreadyAnswered { get; private set; }

    public bool Thanks { get; private set; }

    /// <summary>Advice after the answers: set when they ask the client to contact the practice or seek care.</summary>
    public string? FollowUp { get; private set; }

    public Dictionary<string, string> Errors { get; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, string? token)
    {
        if (!await Load(id, token))
            return NotFound();
        await audit.RecordAsync(AuditAction.Read, AuditSubject.Visit, id.ToString(), "check-in opened by its link");
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, string? token, int? soreness, int? painNow, int? impression)
    {
        if (!await Load(id, token))
            return NotFound();
        if (soreness is not { } s || !PainRating.IsValid(s))
            Errors["soreness"] = "Choose how sore you have been, 0 to 10.";
        if (painNow is not { } p || !PainRating.IsValid(p))
            Errors["painNow"] = "Choose the pain you came for, now, 0 to 10.";
        if (impression is not { } i || !Enum.IsDefined((GlobalImpression)i))
            Errors["impression"] = "Choose how it has changed.";
        var regions = new Dictionary<string, int>();
        foreach (var (place, _) in Places)
        {
            if (int.TryParse(Request.Form["place-" + place], out var v) && PainRating.IsValid(v))
                regions[place] = v;
        }

        if (Errors.Count > 0 || AlreadyAnswered)
            return Page();

        var answers = new CheckInAnswers(soreness!.Value, painNow!.Value, impression!.Value, regions);
        if (!await db.AnswerCheckInAsync(id, answers, clock.GetUtcNow().UtcDateTime))
        {
            AlreadyAnswered = true;
            return Page();
        }

        await audit.RecordAsync(AuditAction.Update, AuditSubject.Visit, id.ToString(), "check-in answered");
        Thanks = true;
        var worse = GlobalImpressions.NeedsFollowUp((GlobalImpression)impression.Value);
        FollowUp = worse || soreness >= 7
            ? "Thank you for telling us. Your therapist will contact you. If a calf is swollen, warm or red, or you have new numbness, weakness or chest pain, see a doctor today (call 911 for chest pain)."
            : null;
        return Page();
    }

    private async Task<bool> Load(Guid id, string? token)
    {
        if (!key.CheckInTokenMatches(id, token))
            return false;
        var visit = await db.Visits.AsNoTracking().SingleOrDefaultAsync(v => v.Id == id);
        var checkIn = await db.CheckIns.AsNoTracking().SingleOrDefaultAsync(c => c.VisitId == id);
        if (visit is null || checkIn is null)
            return false;
        Token = token!;
        AlreadyAnswered = checkIn.AnsweredAtUtc is not null;
        var name = await db.Clients.Where(c => c.Id == visit.ClientId).Select(c => c.FullName).SingleAsync();
        ClientFirstName = name.Split(' ', 2)[0];
        var map = await db.PainMaps.AsNoTracking().Where(m => m.ClientId == visit.ClientId && m.RecordedAtUtc <= visit.StartedAtUtc.AddHours(12))
            .OrderByDescending(m => m.RecordedAtUtc).FirstOrDefaultAsync();
        Places = [.. (map?.Marks ?? []).Select(m => (m.Region, kb.Regions.TryGet(m.Region, out var r) ? r.Label : m.Region))];
        return true;
    }
}
