using System.Globalization;
using System.Net.Mail;
using System.Security.Claims;
using Knotwork.Data;
using Knotwork.Data.Booking;
using Knotwork.Domain.Audit;
using Knotwork.Domain.Booking;
using Knotwork.Domain.Knowledge;
using Knotwork.Domain.Practice;
using Knotwork.Web.Accounts;
using Knotwork.Web.Audit;
using Knotwork.Web.Booking;
using Knotwork.Web.Mail;
using Knotwork.Web.Pages.Finder;
using Knotwork.Web.Security;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Primitives;
using NodaTime;

namespace Knotwork.Web.Pages.Book;

/// <summary>
/// A client's way to book a visit, one step per screen and each a plain form, so it works on a phone without
/// JavaScript: ZIP, then the sessions and their prices there, then a day and a time the scheduler can really reach,
/// then the client's details, then a review to confirm. The steps before the details are GET links (Back works and a
/// step can be shared); the details are posted, and the booking itself is Post/Redirect/Get to its manage page. The
/// scheduler decides what is offered and <see cref="BookingStore"/> books, as for the API.
/// </summary>
internal sealed class IndexModel(
    PracticeSchedules schedules, KnotworkDbContext db, BookingStore store, AuditTrail audit, TimeProvider clock,
    PublicLinks links, IMailer mailer, IConfiguration configuration, KnowledgeBase kb) : PageModel
{
    /// <summary>How many days of times one screen looks through.</summary>
    public const int DaysPerScreen = 14;

    /// <summary>The step the client is on.</summary>
    public enum Step { Zip, Service, Time, Details, Review }

    public Step Current { get; private set; } = Step.Zip;

    /// <summary>Why booking is closed (no setup yet), or null.</summary>
    public string? Closed { get; private set; }

    /// <summary>What went wrong with the last answer, shown above the form.</summary>
    public string? Error { get; private set; }

    /// <summary>The areas the practice visits, by name.</summary>
    public IReadOnlyList<string> AreasServed { get; private set; } = [];

    public string? Zip { get; private set; }

    public ServiceArea? Area { get; private set; }

    /// <summary>The sessions offered in <see cref="Area"/> with their price there.</summary>
    public IReadOnlyList<(Service Service, decimal Price)> Offered { get; private set; } = [];

    public Service? Service { get; private set; }

    public decimal? Price { get; private set; }

    /// <summary>The days from <see cref="From"/> that have times, each with its distinct start times.</summary>
    public IReadOnlyList<(LocalDate Day, IReadOnlyList<ZonedDateTime> Starts)> Days { get; private set; } = [];

    public LocalDate From { get; private set; }

    /// <summary>The day whose times are shown.</summary>
    public LocalDate? Day { get; private set; }

    /// <summary>The chosen start, in the practice's zone.</summary>
    public ZonedDateTime? Start { get; private set; }

    /// <summary>The free times nearest a chosen time that was taken meanwhile.</summary>
    public IReadOnlyList<ZonedDateTime> Nearest { get; private set; } = [];

    /// <summary>The practice's cancellation window in hours.</summary>
    public double CancellationHours { get; private set; }

    /// <summary>The practice's zone, named, as of the times shown.</summary>
    public string ZoneName { get; private set; } = "";

    /// <summary>The pain map brought from the finder, labelled, or empty.</summary>
    public IReadOnlyList<string> PainMap { get; private set; } = [];

    /// <summary>The finder's query values to carry through every step (regions and intensity), so the map is not lost.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Carry { get; private set; } = [];

    [BindProperty]
    public DetailsInput Input { get; set; } = new();

    /// <summary>Field errors of <see cref="Input"/>, by field name.</summary>
    public Dictionary<string, string> FieldErrors { get; } = new(StringComparer.Ordinal);

    /// <summary>The client's details and the choice they confirm. Every field is text, checked here.</summary>
    public sealed class DetailsInput
    {
        public string? Zip { get; set; }

        public string? Service { get; set; }

        public string? Start { get; set; }

        public string? Name { get; set; }

        public string? Email { get; set; }

        public string? Phone { get; set; }

        public string? Address { get; set; }

        public string? Notes { get; set; }

        /// <summary>A random id made when the details form is shown: a second submit of the same form books once.</summary>
        public string? Key { get; set; }

        /// <summary>The finder's regions (comma list), carried from the finder.</summary>
        public string? Regions { get; set; }

        /// <summary>The finder's intensities (REGION:N comma list).</summary>
        public string? Intensity { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(string? zip, string? service, string? day, string? from, string? start, CancellationToken cancellationToken)
    {
        Input.Regions = Request.Query["regions"].ToString();
        Input.Intensity = Request.Query["intensity"].ToString();
        if (await Prepare(zip, service, day, from, start, cancellationToken) is { } refused)
            return refused;
        if (Current == Step.Details)
        {
            Input.Zip = Zip;
            Input.Service = Service!.Id;
            Input.Start = Visits.StartValue(Start!.Value);
            Input.Key = Guid.NewGuid().ToString("N");
            await Prefill(cancellationToken);
        }

        return Page();
    }

    /// <summary>The details are posted: show them back to confirm, or the form again with what to fix.</summary>
    public async Task<IActionResult> OnPostReviewAsync(CancellationToken cancellationToken)
    {
        if (await Prepare(Input.Zip, Input.Service, null, null, Input.Start, cancellationToken) is { } refused)
            return refused;
        if (Current != Step.Details)
            return BadRequestPage("Choose a ZIP, a session and a time first.");
        if (!ValidDetails())
            return Page();
        Current = Step.Review;
        return Page();
    }

    /// <summary>"Change details" on the review: the details form again, as filled in.</summary>
    public async Task<IActionResult> OnPostEditAsync(CancellationToken cancellationToken)
    {
        if (await Prepare(Input.Zip, Input.Service, null, null, Input.Start, cancellationToken) is { } refused)
            return refused;
        return Current == Step.Details ? Page() : BadRequestPage("Choose a ZIP, a session and a time first.");
    }

    /// <summary>Books, then redirects to the booking's own page; a second submit of the same form finds the first booking.</summary>
    public async Task<IActionResult> OnPostConfirmAsync(CancellationToken cancellationToken)
    {
        if (await Prepare(Input.Zip, Input.Service, null, null, Input.Start, cancellationToken) is { } refused)
            return refused;
        if (Current != Step.Details)
            return BadRequestPage("Choose a ZIP, a session and a time first.");
        if (!ValidDetails())
            return Page();
        if (Input.Key is not { Length: > 0 and <= 64 } key || key.Any(c => !char.IsAsciiLetterOrDigit(c)))
            return BadRequestPage("This form is not one we made; start again from the time you chose.");

        var (practice, _) = await schedules.CurrentAsync(db, cancellationToken);
        var setup = practice!.Setup;
        var now = Now();
        var request = new BookingRequest(
            Service!.Id, Zip!, Start!.Value.ToInstant(), Input.Name!, Input.Email!, Input.Phone!, Input.Address!,
            Notes: NotesWithPainMap(), ClientId: await OwnClientId(cancellationToken), IdempotencyKey: "page-" + key, SetupVersion: practice.Version);
        switch (await store.BookAsync(practice.Scheduler, request, now, cancellationToken))
        {
            case BookingOutcome.Created(var booking, var token, var replayed):
                var manage = links.To(Request, ManagePath(booking.Id, token));
                if (!replayed)
                {
                    var start = Visits.Start(booking, setup);
                    await audit.RecordAsync(AuditAction.Create, AuditSubject.Booking, booking.Id.ToString(),
                        $"booked {booking.ServiceId} at {Visits.StartValue(start)} with {booking.TherapistId} for {booking.Price.ToString("0.00", CultureInfo.InvariantCulture)} on the booking pages",
                        CancellationToken.None);
                    await ConfirmationMail.SendAsync(mailer, configuration, booking, setup, manage, links.To(Request, Treatment.IntakeModel.PathFor(booking.Id, token)), now);
                }

                return Redirect(ManagePath(booking.Id, token) + "&booked=1");
            case BookingOutcome.Conflict(var rejection, var nearest):
                Error = rejection.Message + (nearest.Count > 0 ? " These are the nearest free times:"
                    : rejection.Problem == BookingProblem.SetupChanged ? "" : " Nothing is free near it; choose another day.");
                Nearest = [.. nearest.Select(s => s.Start).DistinctBy(s => s.ToInstant()).OrderBy(s => s.ToInstant())];
                Response.StatusCode = StatusCodes.Status409Conflict;
                return Page();
            case BookingOutcome.NotOfferable(var rejection):
                Error = rejection.Message;
                Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
                return Page();
            case BookingOutcome.KeyReused:
                return BadRequestPage("This form was already used for another booking; start again from the time you chose.");
            default:
                throw new InvalidOperationException("Unknown booking outcome.");
        }
    }

    /// <summary>The private path of a booking's page (its token is the only key to it).</summary>
    public static string ManagePath(Guid id, string token) => $"/book/manage/{id}?token={Uri.EscapeDataString(token)}";

    /// <summary>A link to this page with <paramref name="values"/> and the carried pain map.</summary>
    public string Link(params (string Key, string? Value)[] values)
    {
        var query = new QueryBuilder();
        foreach (var (key, value) in values)
        {
            if (!string.IsNullOrEmpty(value))
                query.Add(key, value);
        }

        foreach (var (key, value) in Carry)
            query.Add(key, value);
        return "/book" + query.ToQueryString();
    }

    /// <summary>
    /// Works out the step from the choices so far, each checked against the current setup; null to show the page, or
    /// the answer for input no one could have chosen here (400), or when booking is closed (503).
    /// </summary>
    private async Task<IActionResult?> Prepare(string? zip, string? serviceId, string? day, string? from, string? start, CancellationToken cancellationToken)
    {
        var (painMap, carry) = ReadPainMap(Input.Regions, Input.Intensity);
        PainMap = painMap;
        Carry = carry;

        var (practice, unavailable) = await schedules.CurrentAsync(db, cancellationToken);
        if (practice is null)
        {
            Closed = unavailable;
            Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return Page();
        }

        var setup = practice.Setup;
        var now = Now();
        AreasServed = [.. setup.Areas.Select(a => a.Name)];
        ZoneName = Visits.ZoneName(setup.TimeZone, now);
        CancellationHours = setup.Policies.CancellationWindow.TotalHours;
        if (string.IsNullOrWhiteSpace(zip))
            return null;

        var five = zip.Length <= 10 ? ZipCodes.Normalize(zip) : null;
        if (five is null)
        {
            Error = "A ZIP code has five digits, such as 93534.";
            return WithStatus(StatusCodes.Status400BadRequest);
        }

        Zip = five;
        Area = setup.AreaOf(five);
        if (Area is null)
        {
            Error = ZipCodes.Default.TryGet(five, out _, out var unknown)
                ? $"We do not visit ZIP {five} yet. We visit {string.Join(", ", AreasServed)}."
                : $"{unknown} We visit {string.Join(", ", AreasServed)}.";
            return null;
        }

        // As GET /api/areas/{zip}: a session is offered in an area when a therapist there gives it and it has a price there.
        Offered = [.. setup.Services
            .Where(s => setup.Therapists.Any(t => t.ServiceIds.Contains(s.Id, StringComparer.Ordinal) && t.AreaIds.Contains(Area.Id, StringComparer.Ordinal)))
            .Select(s => (Service: s, Price: setup.Pricing.PriceOf(s.Id, Area.Id)))
            .Where(p => p.Price is not null)
            .Select(p => (p.Service, p.Price!.Value))];
        Current = Step.Service;
        if (string.IsNullOrWhiteSpace(serviceId))
            return null;

        var chosen = Offered.FirstOrDefault(o => string.Equals(o.Service.Id, serviceId, StringComparison.Ordinal));
        if (chosen.Service is null)
        {
            Error = "Choose one of the sessions below.";
            return WithStatus(StatusCodes.Status400BadRequest);
        }

        (Service, Price) = (chosen.Service, chosen.Price);
        Current = Step.Time;

        var today = now.InZone(setup.TimeZone).Date;
        var fromDate = string.IsNullOrEmpty(from) ? null : ParseDate(from);
        var dayDate = string.IsNullOrEmpty(day) ? null : ParseDate(day);
        if ((fromDate is null && !string.IsNullOrEmpty(from)) || (dayDate is null && !string.IsNullOrEmpty(day)))
        {
            Error = "Choose a day from the list.";
            return WithStatus(StatusCodes.Status400BadRequest);
        }

        var last = today.PlusDays(setup.Policies.HorizonDays);
        From = LocalDate.Min(LocalDate.Max(fromDate ?? dayDate ?? today, today), last);
        if (!string.IsNullOrEmpty(start))
        {
            if (Visits.ParseStart(start) is not { } instant)
            {
                Error = "Choose a time from the list.";
                return WithStatus(StatusCodes.Status400BadRequest);
            }

            // A time in the past or beyond the horizon is never offered: refused here, before anything computes around it.
            var local = instant.InZone(setup.TimeZone);
            if (instant < now || local.Date > last)
            {
                Error = $"That time cannot be booked: choose a time from now up to {setup.Policies.HorizonDays} days ahead.";
                return WithStatus(StatusCodes.Status400BadRequest);
            }

            From = local.Date;
            Start = local;
            ZoneName = Visits.ZoneName(setup.TimeZone, instant);
        }

        var window = new Interval(
            setup.TimeZone.AtStartOfDay(From).ToInstant() - Duration.FromDays(2),
            setup.TimeZone.AtStartOfDay(From.PlusDays(DaysPerScreen)).ToInstant() + Duration.FromDays(2));
        var booked = await db.BookedBetweenAsync(window.Start, window.End, cancellationToken);
        var offered = practice.Scheduler.Availability(new AvailabilityRequest(Service.Id, five, From, DaysPerScreen), now, booked);
        Days = [.. offered.Slots
            .GroupBy(s => s.Start.Date)
            .Select(g => (g.Key, (IReadOnlyList<ZonedDateTime>)[.. g.Select(s => s.Start).DistinctBy(s => s.ToInstant()).OrderBy(s => s.ToInstant())]))];
        Day = dayDate is { } d && Days.Any(x => x.Day == d) ? d : Days.Count > 0 ? Days[0].Day : null;

        if (Start is { } chosenStart)
        {
            // A time that is not offered now (taken meanwhile, or never) is still checked at confirm, with the last word.
            Day = chosenStart.Date;
            Current = Step.Details;
        }

        return null;
    }

    private bool ValidDetails()
    {
        void Required(string field, string? value, int limit, string what)
        {
            if (string.IsNullOrWhiteSpace(value))
                FieldErrors[field] = $"Give {what}.";
            else if (value.Length > limit)
                FieldErrors[field] = $"At most {limit} characters, please.";
            else if (value.Any(char.IsControl))
                FieldErrors[field] = "One line only, please.";
        }

        Required(nameof(Input.Name), Input.Name, FieldLimits.Name, "your name");
        Required(nameof(Input.Email), Input.Email, FieldLimits.Email, "your e-mail address");
        if (!FieldErrors.ContainsKey(nameof(Input.Email)) && !(MailAddress.TryCreate(Input.Email!.Trim(), out var address) && address.Address == Input.Email.Trim()))
            FieldErrors[nameof(Input.Email)] = "That is not an e-mail address, such as name@example.com.";
        Required(nameof(Input.Phone), Input.Phone, FieldLimits.Phone, "your phone number");
        if (!FieldErrors.ContainsKey(nameof(Input.Phone)) && Input.Phone is { } phone && (phone.Count(char.IsAsciiDigit) < 7 || phone.Any(c => !char.IsAsciiDigit(c) && " +-().".IndexOf(c, StringComparison.Ordinal) < 0)))
            FieldErrors[nameof(Input.Phone)] = "Give a phone number of digits, such as (661) 555-0123.";
        Required(nameof(Input.Address), Input.Address, FieldLimits.AddressLine, "the street address of the visit");
        var room = FieldLimits.BookingNotes - PainMapNote().Length;
        if (Input.Notes is { } notes && notes.Length > room)
            FieldErrors[nameof(Input.Notes)] = $"At most {room} characters, please.";
        if (FieldErrors.Count == 0)
            return true;
        Error = "Please check the details marked below.";
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return false;
    }

    /// <summary>The pain map as the first lines of the notes, so the therapist sees it with the visit.</summary>
    private string PainMapNote() => PainMap.Count == 0 ? "" : "Pain map from the finder: " + string.Join("; ", PainMap) + ".";

    private string? NotesWithPainMap()
    {
        var parts = new[] { PainMapNote(), Input.Notes?.Trim() ?? "" }.Where(p => p.Length > 0).ToArray();
        return parts.Length == 0 ? null : string.Join("\n\n", parts);
    }

    /// <summary>The finder's regions and intensities, labelled, and the query values that carry them; nothing when they do not read.</summary>
    private (IReadOnlyList<string> Labels, IReadOnlyList<KeyValuePair<string, string>> Carry) ReadPainMap(string? regions, string? intensity)
    {
        if (string.IsNullOrWhiteSpace(regions) || regions.Length > 4000 || intensity?.Length > 4000)
            return ([], []);
        var query = new QueryCollection(new Dictionary<string, StringValues>(StringComparer.Ordinal) { ["regions"] = regions, ["intensity"] = intensity ?? "" });
        var (selection, error) = FinderSelection.Parse(query, kb.Regions);
        if (error is not null || selection.IsEmpty)
            return ([], []);
        var labels = selection.Regions.Select(r => selection.Intensity.TryGetValue(r, out var n) ? $"{r.Label} ({n}/10)" : r.Label).ToArray();
        var carry = new List<KeyValuePair<string, string>> { new("regions", string.Join(',', selection.Regions.Select(r => r.Id.Value))) };
        var marked = selection.Regions.Where(selection.Intensity.ContainsKey).ToArray();
        if (marked.Length > 0)
            carry.Add(new("intensity", string.Join(',', marked.Select(r => $"{r.Id.Value}:{selection.Intensity[r]}"))));
        (Input.Regions, Input.Intensity) = (carry[0].Value, marked.Length > 0 ? carry[1].Value : null);
        return (labels, carry);
    }

    /// <summary>A signed-in client's own record fills in the details they have not typed.</summary>
    private async Task Prefill(CancellationToken cancellationToken)
    {
        if (!User.IsInRole(Roles.Client) || !Guid.TryParse(User.FindFirstValue(ClaimTypes.NameIdentifier), out var me))
            return;
        var record = await db.Clients.AsNoTracking().Where(c => c.UserId == me).FirstOrDefaultAsync(cancellationToken);
        if (record is null)
            return;
        Input.Name ??= record.FullName;
        Input.Email ??= record.Email;
        Input.Phone ??= record.Phone;
        Input.Address ??= record.AddressLine;
    }

    private async Task<Guid?> OwnClientId(CancellationToken cancellationToken)
    {
        if (!User.IsInRole(Roles.Client) || !Guid.TryParse(User.FindFirstValue(ClaimTypes.NameIdentifier), out var me))
            return null;
        return await db.Clients.Where(c => c.UserId == me).Select(c => (Guid?)c.Id).FirstOrDefaultAsync(cancellationToken);
    }

    private static LocalDate? ParseDate(string text) =>
        text.Length == 10 && NodaTime.Text.LocalDatePattern.Iso.Parse(text) is { Success: true } parsed ? parsed.Value : null;

    private PageResult WithStatus(int status)
    {
        Response.StatusCode = status;
        return Page();
    }

    private PageResult BadRequestPage(string message)
    {
        Error = message;
        return WithStatus(StatusCodes.Status400BadRequest);
    }

    private Instant Now() => Instant.FromDateTimeOffset(clock.GetUtcNow());
}
