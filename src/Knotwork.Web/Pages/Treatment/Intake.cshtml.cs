using System.Buffers;
using System.Text;
using System.Text.Json;
using Knotwork.Data;
using Knotwork.Data.Booking;
using Knotwork.Data.Entities;
using Knotwork.Data.Sessions;
using Knotwork.Domain.Anatomy;
using Knotwork.Domain.Audit;
using Knotwork.Domain.Clients;
using Knotwork.Domain.Contract;
using Knotwork.Domain.Finder;
using Knotwork.Domain.Knowledge;
using Knotwork.Domain.Practice;
using Knotwork.Domain.Sessions;
using Knotwork.Web.Audit;
using Knotwork.Web.BodyMap;
using Knotwork.Web.Pages.Clients;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Knotwork.Web.Pages.Treatment;

/// <summary>
/// The intake before a booked visit, opened with the booking's private link (the token of its manage link) or by the
/// signed-in client whose booking it is: where it hurts on the finder's body map with how much, how long, what makes it
/// worse, the five cause questions, the safety questions the marked places bring up, today's screening and consent.
/// After sending, the client sees any red flag, contraindication or precaution with its advice first; those mark the
/// visit for the therapist. Anyone else gets 404, as for a booking that does not exist. Every open and send is audited.
/// </summary>
[AllowAnonymous]
internal sealed class IntakeModel(
    KnotworkDbContext db, KnowledgeBase kb, BodyMapArt art, PainSourceFinder finder, FinderJsonWriter json, AuditTrail audit, TimeProvider clock) : PageModel
{
    /// <summary>The longest token accepted; real ones are 43 characters.</summary>
    private const int MaxToken = 200;

    private readonly Dictionary<string, HashSet<string>> _prefill = new(StringComparer.Ordinal);

    public BookingRecord Booking { get; private set; } = null!;

    /// <summary>The booking's private token when the page was opened with it, else null (a signed-in client).</summary>
    public string? Token { get; private set; }

    /// <summary>The places marked so far, in map order.</summary>
    public IReadOnlyList<Region> Regions { get; private set; } = [];

    /// <summary>The safety questions the marked places bring up.</summary>
    public IReadOnlyList<SafetyQuestion> Questions { get; private set; } = [];

    /// <summary>A fresh id for the form (the id of the pain map it saves), so a double submit stores one intake.</summary>
    public Guid SubmissionId { get; private set; } = Guid.NewGuid();

    /// <summary>When the intake was last sent, if it was.</summary>
    public DateTime? SentAtUtc { get; private set; }

    /// <summary>Whether the visit has started: the intake can no longer change.</summary>
    public bool Started { get; private set; }

    /// <summary>Whether the client's consent to treatment already covers the text in force (then it is not asked again).</summary>
    public bool ConsentCurrent { get; private set; }

    public ConsentText TreatmentText { get; private set; } = null!;

    public ConsentText PrivacyText { get; private set; } = null!;

    /// <summary>What the sent intake means: shown to the client after sending.</summary>
    public IntakeReview? Review { get; private set; }

    /// <summary>Why the form was not taken, in words for the client.</summary>
    public string? Error { get; private set; }

    public BodyMapArt Art => art;

    public BodyRegions Taxonomy => kb.Regions;

    /// <summary>The page's own address with the token, for the map's links and the forms.</summary>
    public static string PathFor(Guid bookingId, string? token) =>
        token is null ? $"/intake/{bookingId}" : $"/intake/{bookingId}?token={Uri.EscapeDataString(token)}";

    public async Task<IActionResult> OnGetAsync(Guid id, string? token, string? regions, CancellationToken cancellationToken)
    {
        if (!await Load(id, token, cancellationToken))
            return NotFound();
        var marked = FinderQuery.SplitList(regions).Concat(Request.Query["r"].OfType<string>()).ToList();
        if (marked.Count > 0)
        {
            var parse = FinderQuery.ParseText(string.Join(',', marked), taxonomy: kb.Regions);
            if (parse.Query is null)
            {
                Error = parse.Error;
                Response.StatusCode = StatusCodes.Status400BadRequest;
            }
            else
            {
                Regions = parse.Query.Regions;
            }
        }

        Questions = RedFlagScreen.Screen(Regions, SafetyAnswers.None).Questions.Select(q => q.Question).ToList();
        await audit.RecordAsync(AuditAction.Read, AuditSubject.Intake, id.ToString(), "intake opened", cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, string? token, CancellationToken cancellationToken)
    {
        if (!await Load(id, token, cancellationToken))
            return NotFound();
        var form = Request.Form;
        var parse = FinderQuery.ParseText(form["regions"], taxonomy: kb.Regions);
        Regions = parse.Query?.Regions ?? [];
        Questions = RedFlagScreen.Screen(Regions, SafetyAnswers.None).Questions.Select(q => q.Question).ToList();
        if (Guid.TryParse(form["submissionId"], out var submission) && submission != Guid.Empty)
            SubmissionId = submission;
        if (Started)
            return Page();
        var (answers, screening, consents) = Read(form);
        Error = parse.Error ?? answers.Problem() ?? screening.Problem ?? (ConsentCurrent || consents.Any(c => c.Kind == ConsentKind.Treatment)
            ? null
            : "To be treated, read and agree to the consent to treatment at the end of the form.");
        if (Error is not null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var query = new FinderQuery { Regions = answers.Regions, Intensity = answers.Intensity, Answers = answers.Safety };
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            json.Write(writer, finder.Find(query));
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var saved = await db.SaveIntakeAsync(
            new IntakeSubmission(Booking.Id, SubmissionId, answers, screening.Screening, consents, Encoding.UTF8.GetString(buffer.WrittenSpan), User.UserId()),
            now, await db.TodayAsync(clock), cancellationToken);
        if (saved is null)
            return NotFound();
        if (saved.Created)
        {
            await audit.RecordAsync(AuditAction.Create, AuditSubject.Client, saved.ClientId.ToString(), $"made from guest booking {Booking.Id} by its intake", cancellationToken);
        }

        await audit.RecordAsync(AuditAction.Create, AuditSubject.Intake, Booking.Id.ToString(), $"intake sent for client {saved.ClientId}", cancellationToken);
        Review = saved.Review;
        SentAtUtc = now;
        return Page();
    }

    /// <summary>Whether the form shows <paramref name="value"/> chosen for <paramref name="name"/>: as posted, else as last sent.</summary>
    public bool Chosen(string name, string value) =>
        Request.HasFormContentType ? Request.Form[name].Contains(value) : _prefill.TryGetValue(name, out var values) && values.Contains(value);

    /// <summary>The text last given for <paramref name="name"/> (posted, else as last sent).</summary>
    public string? Text(string name) =>
        Request.HasFormContentType ? Request.Form[name].FirstOrDefault() : _prefill.TryGetValue(name, out var values) ? values.FirstOrDefault() : null;

    /// <summary>The address that marks or unmarks <paramref name="region"/>, keeping the rest.</summary>
    public string Toggle(Region region)
    {
        var regions = Regions.Contains(region) ? Regions.Where(r => r != region) : Regions.Append(region).OrderBy(r => r.Index);
        var list = string.Join(',', regions.Select(r => r.Id.Value));
        var path = PathFor(Booking.Id, Token);
        return list.Length == 0 ? path : path + (Token is null ? "?" : "&") + "regions=" + Uri.EscapeDataString(list) + "#step-2";
    }

    /// <summary>The advice shown for a red flag code stored or raised.</summary>
    public static RedFlagDefinition Flag(string code) => RedFlagScreen.Definitions.Single(d => d.Code == code);

    private (IntakeAnswers Answers, (HealthScreening Screening, string? Problem) Screening, List<Consent> Consents) Read(IFormCollection form)
    {
        var intensity = new Dictionary<Region, int>();
        foreach (var region in Regions)
        {
            if (int.TryParse(form["i-" + region.Id.Value], out var value))
                intensity[region] = value;
        }

        var causes = new Dictionary<Cause, bool>();
        foreach (var cause in Causes.All)
        {
            if (form["cause-" + cause.Slug()].FirstOrDefault() is "yes" or "no")
                causes[cause] = form["cause-" + cause.Slug()] == "yes";
        }

        var safety = SafetyAnswers.None;
        foreach (var question in Questions)
        {
            if (form["q-" + question.Key].FirstOrDefault() is "yes" or "no")
                safety = safety.With(question, form["q-" + question.Key] == "yes");
        }

        var answers = new IntakeAnswers
        {
            Regions = Regions,
            Intensity = intensity,
            Duration = Enum.TryParse<PainDuration>(form["duration"], out var duration) && Enum.IsDefined(duration) ? duration : (PainDuration)(-1),
            WorseWith = [.. form["worse"].Select(w => Enum.TryParse<Aggravator>(w, out var a) ? a : (Aggravator)(-1)).Distinct()],
            WorseNote = string.IsNullOrWhiteSpace(form["worseNote"]) ? null : form["worseNote"].ToString().Trim(),
            Causes = causes,
            Safety = safety,
        };
        var items = form["screening"].Select(s => Enum.TryParse<ScreeningItem>(s, out var item) && Enum.IsDefined(item) ? item : (ScreeningItem?)null).ToList();
        var medications = Trimmed(form["medications"]);
        var notes = Trimmed(form["screeningNotes"]);
        var problem = items.Contains(null) ? "One of the health screening choices is not on the list."
            : medications is { Length: > FieldLimits.Medications } ? $"Keep the medications under {FieldLimits.Medications} characters."
            : notes is { Length: > FieldLimits.ScreeningNotes } ? $"Keep the other health notes under {FieldLimits.ScreeningNotes} characters."
            : null;
        var now = clock.GetUtcNow().UtcDateTime;
        var consents = new List<Consent>(2);
        if (form["consentTreatment"] == "yes")
            consents.Add(new Consent(ConsentKind.Treatment, TreatmentText.Version, now));
        if (form["consentPrivacy"] == "yes")
            consents.Add(new Consent(ConsentKind.Privacy, PrivacyText.Version, now));
        return (answers, (new HealthScreening([.. items.OfType<ScreeningItem>()], medications, notes), problem), consents);
    }

    private static string? Trimmed(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    /// <summary>
    /// Loads the booking for the holder of its token, or for the signed-in client whose booking it is; false (404)
    /// for anyone else, audited as refused. Also loads what the form starts from: the client's screening, consent and
    /// last intake.
    /// </summary>
    private async Task<bool> Load(Guid id, string? token, CancellationToken cancellationToken)
    {
        var booking = await db.Bookings.AsNoTracking().SingleOrDefaultAsync(b => b.Id == id, cancellationToken);
        var byToken = booking is not null && token is { Length: > 0 and <= MaxToken } && BookingStore.TokenMatches(booking, token);
        var own = booking?.ClientId is { } bookedFor && User.UserId() is { } me
            && await db.Clients.AnyAsync(c => c.Id == bookedFor && c.UserId == me, cancellationToken);
        if (booking is null || booking.Status == BookingStatus.Cancelled || !(byToken || own))
        {
            await audit.RecordAsync(AuditAction.ReadRefused, AuditSubject.Intake, id.ToString(), "intake", cancellationToken);
            return false;
        }

        Booking = booking;
        Token = byToken ? token : null;
        Started = await db.Visits.AnyAsync(v => v.BookingId == id, cancellationToken);
        var today = await db.TodayAsync(clock);
        TreatmentText = ConsentTexts.InForce(ConsentKind.Treatment, today);
        PrivacyText = ConsentTexts.InForce(ConsentKind.Privacy, today);
        var client = booking.ClientId is { } clientId ? await db.Clients.AsNoTracking().SingleOrDefaultAsync(c => c.Id == clientId, cancellationToken) : null;
        if (client is not null)
        {
            ConsentCurrent = client.Precautions(today).TreatmentConsent == ConsentStatus.Current;
            _prefill["screening"] = [.. client.ScreeningItems.Select(i => i.ToString())];
            _prefill["medications"] = client.Medications is { } m ? [m] : [];
            _prefill["screeningNotes"] = client.ScreeningNotes is { } n ? [n] : [];
        }

        var intake = await db.Intakes.AsNoTracking().SingleOrDefaultAsync(i => i.BookingId == id, cancellationToken);
        if (intake is not null)
        {
            SentAtUtc = intake.SubmittedAtUtc;
            var sent = intake.Answers();
            _prefill["duration"] = [sent.Duration.ToString()];
            _prefill["worse"] = [.. sent.WorseWith.Select(w => w.ToString())];
            _prefill["worseNote"] = sent.WorseNote is { } note ? [note] : [];
            foreach (var (cause, yes) in sent.Causes)
                _prefill["cause-" + cause] = [yes ? "yes" : "no"];
            foreach (var (question, yes) in sent.Safety)
                _prefill["q-" + question] = [yes ? "yes" : "no"];
            var map = await db.PainMaps.AsNoTracking().SingleOrDefaultAsync(m => m.Id == intake.PainMapId, cancellationToken);
            foreach (var mark in map?.Marks ?? [])
                _prefill["i-" + mark.Region] = [mark.Intensity?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? ""];
            if (!Request.Query.ContainsKey("regions") && !Request.Query.ContainsKey("r") && map is not null && !Request.HasFormContentType)
                Regions = [.. map.Marks.Select(m => kb.Regions.TryGet(m.Region, out var r) ? r : null).OfType<Region>()];
        }

        return true;
    }
}
