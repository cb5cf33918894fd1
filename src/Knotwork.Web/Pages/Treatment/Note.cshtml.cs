using Knotwork.Data;
using Knotwork.Data.Entities;
using Knotwork.Data.Sessions;
using Knotwork.Domain.Audit;
using Knotwork.Domain.Knowledge;
using Knotwork.Domain.Practice;
using Knotwork.Domain.Sessions;
using Knotwork.Web.Accounts;
using Knotwork.Web.Audit;
using Knotwork.Web.Booking;
using Knotwork.Web.Mail;
using Knotwork.Web.Pages.Clients;
using Knotwork.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Knotwork.Web.Pages.Treatment;

/// <summary>
/// The visit's SOAP note: S from the client's pain map and the booking's notes, O from the chart, A and P written by
/// the therapist (with suggestions drawn from the chart). Signing locks the note and the chart and e-mails the client
/// their aftercare; after that, changes are amendments that keep the original, with who and when. Every read and
/// change is audited.
/// </summary>
[Authorize(Policy = Roles.StaffPolicy)]
internal sealed class NoteModel(
    KnotworkDbContext db, KnowledgeBase kb, AuditTrail audit, TimeProvider clock, IMailer mailer, PublicLinks links, PracticeSchedules schedules) : PageModel
{
    public VisitRecord Visit { get; private set; } = null!;

    public ClientRecord Client { get; private set; } = null!;

    public IReadOnlyList<ChartEntry> Entries { get; private set; } = [];

    public IReadOnlyList<PainMapMark> PainMap { get; private set; } = [];

    /// <summary>The client's intake for the visit's booking, if sent: the note's S starts from it.</summary>
    public IntakeSummary? Intake { get; private set; }

    public string? BookingNotes { get; private set; }

    public IReadOnlyDictionary<Guid, string> People { get; private set; } = new Dictionary<Guid, string>();

    public KnowledgeBase Knowledge => kb;

    /// <summary>The practice's time zone, for the times shown.</summary>
    public TimeZoneInfo Zone { get; private set; } = TimeZoneInfo.Utc;

    public string? Message { get; private set; }

    public string? Error { get; private set; }

    [BindProperty]
    public string? Assessment { get; set; }

    [BindProperty]
    public string? Plan { get; set; }

    [BindProperty]
    public string? Amendment { get; set; }

    /// <summary>A suggested assessment from the chart: which points were active, which released.</summary>
    public string SuggestedAssessment => NoteText.Assessment(Entries, kb);

    /// <summary>A suggested plan: another visit for active points, and self-care for the muscles worked.</summary>
    public string SuggestedPlan => NoteText.Plan(Entries, kb);

    public async Task<IActionResult> OnGetAsync(Guid id, string? done)
    {
        if (!await Load(id))
            return NotFound();
        Assessment = Visit.Assessment;
        Plan = Visit.Plan;
        Message = done switch { "saved" => "Draft saved.", "signed" => "Signed. The client has been sent their aftercare.", "amended" => "Amendment added.", _ => null };
        await audit.RecordAsync(AuditAction.Read, AuditSubject.Visit, id.ToString(), "note");
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(Guid id) => await Save(id, sign: false);

    public async Task<IActionResult> OnPostSignAsync(Guid id) => await Save(id, sign: true);

    public async Task<IActionResult> OnPostAmendAsync(Guid id)
    {
        if (!await Load(id))
            return NotFound();
        if (string.IsNullOrWhiteSpace(Amendment) || Amendment.Length > FieldLimits.NoteSection)
        {
            Error = $"Write the amendment (up to {FieldLimits.NoteSection} characters).";
            return Page();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (await db.AmendAsync(id, User.UserId()!.Value, Amendment, now) != NoteChange.Done)
        {
            Error = "Only a signed note is amended; edit the draft instead.";
            return Page();
        }

        await audit.RecordAsync(AuditAction.Update, AuditSubject.Visit, id.ToString(), "note amended");
        return Redirect($"/visits/{id}/note?done=amended");
    }

    private async Task<IActionResult> Save(Guid id, bool sign)
    {
        if (!await Load(id))
            return NotFound();
        if (Assessment?.Length > FieldLimits.NoteSection || Plan?.Length > FieldLimits.NoteSection)
        {
            Error = $"The assessment and the plan may have up to {FieldLimits.NoteSection} characters each.";
            return Page();
        }

        if (await db.SaveDraftAsync(id, Assessment, Plan) == NoteChange.Locked)
        {
            Error = "This note is signed and locked; add an amendment instead.";
            return Page();
        }

        if (!sign)
        {
            await audit.RecordAsync(AuditAction.Update, AuditSubject.Visit, id.ToString(), "note draft saved");
            return Redirect($"/visits/{id}/note?done=saved");
        }

        if (string.IsNullOrWhiteSpace(Assessment) || string.IsNullOrWhiteSpace(Plan))
        {
            Error = "Write the assessment and the plan before signing.";
            return Page();
        }

        if (await db.SignAsync(id, User.UserId()!.Value, clock.GetUtcNow().UtcDateTime) != NoteChange.Done)
        {
            Error = "This note was signed meanwhile; add an amendment instead.";
            return Page();
        }

        await audit.RecordAsync(AuditAction.Update, AuditSubject.Visit, id.ToString(), "note signed");
        var zone = (await schedules.CurrentAsync(db, HttpContext.RequestAborted)).Schedule?.Setup.TimeZone ?? DateTimeZone.Utc;
        var due = CheckInSchedule.DueAfter(Instant.FromDateTimeOffset(clock.GetUtcNow()).InZone(zone));
        await db.ScheduleCheckInAsync(id, due.ToInstant().ToDateTimeUtc());
        if (!string.IsNullOrEmpty(Client.Email))
            await mailer.SendAsync(Client.Email, MailTemplates.Aftercare(Client.FullName, links.To(Request, $"/visits/{id}/aftercare")));
        return Redirect($"/visits/{id}/note?done=signed");
    }

    private async Task<bool> Load(Guid id)
    {
        var visit = await db.Visits.AsNoTracking().Include(v => v.Amendments).VisibleTo(db, User).SingleOrDefaultAsync(v => v.Id == id);
        if (visit is null)
        {
            await audit.RecordAsync(AuditAction.ReadRefused, AuditSubject.Visit, id.ToString(), "note");
            return false;
        }

        Visit = visit;
        Zone = await db.TimeZoneAsync();
        Client = await db.Clients.AsNoTracking().SingleAsync(c => c.Id == visit.ClientId);
        Entries = await db.ChartOfAsync(id);
        var map = await db.PainMaps.AsNoTracking().Where(m => m.ClientId == visit.ClientId && m.RecordedAtUtc <= visit.StartedAtUtc.AddHours(12))
            .OrderByDescending(m => m.RecordedAtUtc).FirstOrDefaultAsync();
        PainMap = map?.Marks ?? [];
        if (visit.BookingId is { } booking)
        {
            BookingNotes = await db.Bookings.Where(b => b.Id == booking).Select(b => b.Notes).SingleOrDefaultAsync();
            Intake = (await IntakeSummary.ForBookingsAsync(db, Knowledge, [booking], HttpContext.RequestAborted)).GetValueOrDefault(booking);
        }

        var ids = visit.Amendments.Select(a => a.ById).Append(visit.SignedById ?? Guid.Empty).Distinct().ToList();
        People = await db.Users.Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName);
        return true;
    }
}

/// <summary>The words of a note drawn from the chart, shared by the note and the aftercare pages.</summary>
internal static class NoteText
{
    public static string PointName(KnowledgeBase kb, string fullId) =>
        kb.TryGetTriggerPoint(fullId, out var tp) && kb.TryGetMuscle(tp.MuscleSlug, out var m) ? $"{m.Name} ({tp.Name})" : fullId;

    public static string Side(Knotwork.Domain.Anatomy.Side side) => side switch
    {
        Knotwork.Domain.Anatomy.Side.Left => "left",
        Knotwork.Domain.Anatomy.Side.Right => "right",
        _ => "midline",
    };

    /// <summary>One chart entry as the note's O reads it.</summary>
    public static string Finding(KnowledgeBase kb, ChartEntry e) =>
        $"{PointName(kb, e.TriggerPointId)}, {Side(e.Side)}: {Examination.Describe(e.Status)}" +
        (e.PressureTolerance is { } t ? $"; pressure tolerated {t}/10" : "") +
        (e.Release is null ? "" : "; " + PressureRelease.Describe(e.Release)) +
        (e.FollowUp.Count > 0 ? "; then " + string.Join(", ", e.FollowUp.Select(VisitAccess.Label)).ToLowerInvariant() : "") +
        (e.Minutes is { } min ? $"; {min} min" : "") + ".";

    public static string Assessment(IReadOnlyList<ChartEntry> entries, KnowledgeBase kb)
    {
        var active = entries.Where(e => e.Status == PointStatus.Active).Select(e => $"{PointName(kb, e.TriggerPointId)} {Side(e.Side)}").Distinct().ToList();
        var latent = entries.Where(e => e.Status == PointStatus.Latent).Select(e => $"{PointName(kb, e.TriggerPointId)} {Side(e.Side)}").Distinct().ToList();
        var released = entries.Count(e => e.Release is ReleaseOutcome.Released);
        var parts = new List<string>();
        if (active.Count > 0) parts.Add("Active trigger points reproducing the familiar pain: " + string.Join("; ", active) + ".");
        if (latent.Count > 0) parts.Add("Latent: " + string.Join("; ", latent) + ".");
        if (entries.Count > 0) parts.Add($"{released} of {entries.Count} points released under pressure.");
        return string.Join(" ", parts);
    }

    public static string Plan(IReadOnlyList<ChartEntry> entries, KnowledgeBase kb)
    {
        var muscles = entries.Select(e => kb.TryGetTriggerPoint(e.TriggerPointId, out var tp) && kb.TryGetMuscle(tp.MuscleSlug, out var m) ? m.Name : null)
            .OfType<string>().Distinct().ToList();
        var next = entries.Any(e => e.Status == PointStatus.Active) ? "Next visit in about a week to recheck the active points." : "Next visit as needed.";
        return muscles.Count == 0 ? next : $"{next} Self-care at home for: {string.Join(", ", muscles)} (in the aftercare sent to the client).";
    }
}
