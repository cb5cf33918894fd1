using System.Text.Json;
using Knotwork.Data;
using Knotwork.Data.Entities;
using Knotwork.Data.Sessions;
using Knotwork.Domain.Anatomy;
using Knotwork.Domain.Audit;
using Knotwork.Domain.Finder;
using Knotwork.Domain.Knowledge;
using Knotwork.Domain.Sessions;
using Knotwork.Web.Accounts;
using Knotwork.Web.Api;
using Knotwork.Web.Audit;
using Knotwork.Web.Pages.Clients;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Knotwork.Web.Pages.Treatment;

/// <summary>A point worth examining at this visit: a trigger point of a muscle the finder suggests for the client's latest pain map.</summary>
/// <param name="Point">The trigger point.</param>
/// <param name="Muscle">Its muscle.</param>
/// <param name="Side">The side to examine.</param>
internal sealed record CandidatePoint(TriggerPoint Point, Muscle Muscle, Side Side)
{
    /// <summary>The form value: <c>MUSCLE/POINT|side</c>.</summary>
    public string Value => $"{Point.FullId}|{VisitAccess.Code(Side)}";
}

/// <summary>
/// Charting at the table, phone-first: one form, large targets, no typing for the common case. The therapist picks a
/// suggested point (from the client's latest pain map) or any point, taps what they found, the pressure tolerated,
/// the release timer and the follow-up work, and saves. With JavaScript each save goes to a queue on the phone and
/// syncs to <c>/api/visits/{id}/chart</c> (offline too: the page is kept by a service worker); without it the form
/// posts here. Each entry's id is made when the form is drawn, so a repeated post stores it once. A charted point
/// is edited in the same form, keeping its id: the edit is stored with a newer time, so it replaces the point
/// (with JavaScript the form is filled from the list item's data; without it <c>?edit={entryId}</c> fills it here).
/// </summary>
[Authorize(Policy = Roles.StaffPolicy)]
internal sealed class ChartModel(KnotworkDbContext db, KnowledgeBase kb, PainSourceFinder finder, AuditTrail audit, TimeProvider clock) : PageModel
{
    private const int CandidateMuscles = 5;

    public VisitRecord Visit { get; private set; } = null!;

    public string ClientName { get; private set; } = "";

    /// <summary>The regions of the client's latest pain map, for people.</summary>
    public IReadOnlyList<string> PainMap { get; private set; } = [];

    public IReadOnlyList<CandidatePoint> Candidates { get; private set; } = [];

    public IReadOnlyList<ChartEntry> Entries { get; private set; } = [];

    /// <summary>The id the next entry gets (made now, so a repeated post of this form stores it once).</summary>
    public Guid NextId { get; } = Guid.NewGuid();

    /// <summary>The charted entry the form edits (from <c>?edit=</c>, or a posted edit), or null when it charts a new point.</summary>
    public ChartEntry? Editing { get; private set; }

    /// <summary>The entry id the form posts: the edited entry's, a posted one's, or <see cref="NextId"/>.</summary>
    public Guid FormId => Editing?.Id ?? (Input.Id == Guid.Empty ? NextId : Input.Id);

    public Dictionary<string, string> Errors { get; } = [];

    public string? Message { get; private set; }

    public KnowledgeBase Knowledge => kb;

    [BindProperty]
    public EntryInput Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(Guid id, string? saved, Guid? edit)
    {
        if (!await Load(id))
        {
            await audit.RecordAsync(AuditAction.ReadRefused, AuditSubject.Visit, id.ToString(), "chart page");
            return NotFound();
        }

        Message = saved switch { "1" => "Point saved.", "edit" => "Point updated.", _ => null };
        if (edit is { } entryId && Visit.Status != VisitStatus.Signed)
        {
            Editing = Entries.FirstOrDefault(e => e.Id == entryId);
            if (Editing is null)
                Message = "That point is not on this visit's chart.";
            else
                Input = Fill(Editing);
        }

        await audit.RecordAsync(AuditAction.Read, AuditSubject.Visit, id.ToString(), $"chart page: {Entries.Count} points");
        return Page();
    }

    /// <summary>Saves one point from the form (the way without JavaScript).</summary>
    public async Task<IActionResult> OnPostEntryAsync(Guid id)
    {
        if (!await Load(id))
            return NotFound();

        var now = Instant.FromDateTimeOffset(clock.GetUtcNow());
        var recordedAt = now;
        if (Input.Edit)
        {
            Editing = Entries.FirstOrDefault(e => e.Id == Input.Id);
            if (Editing is null)
            {
                Errors["point"] = Visit.Status == VisitStatus.Signed
                    ? "The note for this visit is signed, so its chart is locked."
                    : "That point is not on this visit's chart; reload the page.";
                return Page();
            }

            // An edit is newer than the stored copy even when the phone that charted it had a clock running ahead.
            if (Editing.RecordedAt >= now)
                recordedAt = Editing.RecordedAt + Duration.FromMilliseconds(1);
        }

        var entry = Read(Input, recordedAt);
        if (entry is not null)
        {
            foreach (var (field, message) in entry.Problems(kb, now))
                Errors[field] = message;
        }

        if (Errors.Count > 0 || entry is null)
            return Page();

        switch (await db.SyncChartAsync(id, [entry], User.UserId()!.Value, now.ToDateTimeUtc()))
        {
            case ChartSyncOutcome.Synced(var counts):
                if (counts.Added + counts.Updated > 0)
                    await audit.RecordAsync(AuditAction.Update, AuditSubject.Visit, id.ToString(), $"chart: {counts.Added} added, {counts.Updated} updated");
                return Redirect($"/visits/{id}/chart?saved={(Input.Edit ? "edit" : "1")}");
            case ChartSyncOutcome.VisitSigned:
                Errors["point"] = "The note for this visit is signed, so its chart is locked.";
                return Page();
            default:
                Errors["point"] = "That entry could not be stored; reload the page and chart the point again.";
                return Page();
        }
    }

    private ChartEntry? Read(EntryInput input, Instant now)
    {
        var (pointId, side) = ParsePoint(input);
        if (pointId is null || side is null)
        {
            Errors["point"] = "Choose the point you worked, and its side.";
            return null;
        }

        var signs = VisitAccess.ParseSigns(input.Signs) ?? Signs.None;
        var followUp = VisitAccess.ParseFollowUp(input.FollowUp) ?? [];
        var release = input.HeldSeconds is > 0 && input.Outcome is "released" or "not-released"
            ? VisitAccess.Release(input.HeldSeconds, input.Outcome == "released")
            : null;
        if (input.HeldSeconds is > 0 && release is null)
            Errors["release"] = "Say whether the point softened or did not release.";
        return new ChartEntry
        {
            Id = input.Id == Guid.Empty ? Guid.NewGuid() : input.Id, TriggerPointId = pointId, Side = side.Value, Signs = signs,
            PressureTolerance = input.Tolerance, Release = release, FollowUp = followUp, Minutes = input.Minutes, RecordedAt = now,
        };
    }

    /// <summary>The entry as the list item's <c>data-detail</c>: the shape the sync endpoint takes, for the page's script to load into the form.</summary>
    public static string Detail(ChartEntry entry) => JsonSerializer.Serialize(VisitEndpoints.ToDto(entry), JsonSerializerOptions.Web);

    /// <summary>The form filled with a charted entry, to edit it.</summary>
    private static EntryInput Fill(ChartEntry entry) => new()
    {
        Id = entry.Id, Edit = true, Point = entry.TriggerPointId, Side = VisitAccess.Code(entry.Side),
        Signs = [.. VisitAccess.Codes(entry.Signs)], Tolerance = entry.PressureTolerance,
        HeldSeconds = entry.Release is { } r ? (int)Math.Max(1, Math.Round(r.Held.TotalSeconds)) : null,
        Outcome = entry.Release switch { null => null, ReleaseOutcome.Released => "released", _ => "not-released" },
        FollowUp = [.. entry.FollowUp.Select(VisitAccess.Code)], Minutes = entry.Minutes,
    };

    private static (string? Point, Side? Side) ParsePoint(EntryInput input)
    {
        if (!string.IsNullOrEmpty(input.Candidate) && input.Candidate.Split('|') is [var p, var s])
            return (p, VisitAccess.ParseSide(s));
        return string.IsNullOrEmpty(input.Point) ? (null, null) : (input.Point, VisitAccess.ParseSide(input.Side));
    }

    private async Task<bool> Load(Guid id)
    {
        var visit = await db.Visits.AsNoTracking().VisibleTo(db, User).SingleOrDefaultAsync(v => v.Id == id);
        if (visit is null)
            return false;
        Visit = visit;
        ClientName = await db.Clients.Where(c => c.Id == visit.ClientId).Select(c => c.FullName).SingleAsync();
        Entries = await db.ChartOfAsync(id);
        var latest = await db.PainMaps.AsNoTracking().Where(m => m.ClientId == visit.ClientId)
            .OrderByDescending(m => m.RecordedAtUtc).FirstOrDefaultAsync();
        if (latest is not null && latest.Marks.Count > 0)
        {
            var parse = FinderQuery.Parse(latest.Marks.Select(m => m.Region));
            if (parse.Query is { } query)
            {
                var result = finder.Find(query);
                PainMap = [.. result.Regions.Select(r => r.Label)];
                Candidates = [.. result.Candidates.Take(CandidateMuscles).SelectMany(c => c.TriggerPoints.SelectMany(p => Sides(c, p)))];
            }
        }

        return true;
    }

    private static IEnumerable<CandidatePoint> Sides(Candidate candidate, TriggerPoint point) => candidate.Side switch
    {
        CandidateSide.Left => [new(point, candidate.Muscle, Side.Left)],
        CandidateSide.Right => [new(point, candidate.Muscle, Side.Right)],
        _ when point.Location.All(r => r.Reach == Reach.Midline) => [new(point, candidate.Muscle, Side.Midline)],
        _ => [new(point, candidate.Muscle, Side.Left), new(point, candidate.Muscle, Side.Right)],
    };

    /// <summary>The chart form.</summary>
    internal sealed class EntryInput
    {
        public Guid Id { get; set; }

        /// <summary>True when the form edits the charted entry <see cref="Id"/> rather than charting a new point.</summary>
        public bool Edit { get; set; }

        /// <summary>A suggested point, <c>MUSCLE/POINT|side</c>.</summary>
        public string? Candidate { get; set; }

        /// <summary>Any point, <c>MUSCLE/POINT</c>, with <see cref="Side"/>.</summary>
        public string? Point { get; set; }

        public string? Side { get; set; }

        public List<string> Signs { get; set; } = [];

        public int? Tolerance { get; set; }

        public int? HeldSeconds { get; set; }

        /// <summary><c>released</c> or <c>not-released</c>.</summary>
        public string? Outcome { get; set; }

        public List<string> FollowUp { get; set; } = [];

        public int? Minutes { get; set; }
    }
}
