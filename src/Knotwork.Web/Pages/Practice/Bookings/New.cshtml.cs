using System.Globalization;
using System.Net.Mail;
using Knotwork.Data;
using Knotwork.Data.Booking;
using Knotwork.Data.Entities;
using Knotwork.Domain.Audit;
using Knotwork.Domain.Booking;
using Knotwork.Domain.Practice;
using Knotwork.Web.Accounts;
using Knotwork.Web.Audit;
using Knotwork.Web.Booking;
using Knotwork.Web.Mail;
using Knotwork.Web.Pages.Book;
using Knotwork.Web.Pages.Clients;
using Knotwork.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using NodaTime.Text;

namespace Knotwork.Web.Pages.Practice.Bookings;

/// <summary>
/// The owner books a visit on a client's behalf (a phone call, a walk-in): an existing client record or a name, e-mail
/// and phone typed in, the session, ZIP, street address and day, then one of the times the scheduler offers that day,
/// with the therapist who can come. The client rules are kept as they are (minimum notice, horizon, travel): the
/// booking goes through <see cref="BookingStore.BookAsync"/> as a client's would, with the client's record when one was
/// picked, and the client gets the same confirmation e-mail and calendar invitation as from /book. Audited.
/// Both steps are posted, so the client's contact details never travel in a URL.
/// </summary>
[Authorize(Policy = Roles.OwnerPolicy)]
internal sealed class NewModel(
    KnotworkDbContext db, BookingStore store, PracticeSchedules schedules, AuditTrail audit, TimeProvider clock,
    PublicLinks links, IMailer mailer, IConfiguration configuration) : PageModel
{
    [BindProperty]
    public BookingInput Input { get; set; } = new();

    /// <summary>The client records the owner may pick, by name.</summary>
    public IReadOnlyList<ClientRecord> Clients { get; private set; } = [];

    public PracticeSetup? Setup { get; private set; }

    /// <summary>Why booking is closed (no setup yet), or null.</summary>
    public string? Closed { get; private set; }

    /// <summary>The times offered on the chosen day, each with the therapist who can come; null before the first step.</summary>
    public IReadOnlyList<Slot>? Times { get; private set; }

    /// <summary>What to fix, or why the booking was refused.</summary>
    public string? Error { get; private set; }

    /// <summary>The booking request as the owner fills it in. Every field is text, checked here.</summary>
    public sealed class BookingInput
    {
        /// <summary>An existing client record (its id), or empty to type the details.</summary>
        public string? ClientId { get; set; }

        public string? Name { get; set; }

        public string? Email { get; set; }

        public string? Phone { get; set; }

        public string? Service { get; set; }

        public string? Zip { get; set; }

        public string? Address { get; set; }

        public string? Day { get; set; }

        public string? Notes { get; set; }

        /// <summary>The chosen time and therapist: "start|therapistId".</summary>
        public string? Slot { get; set; }

        /// <summary>A random id made when the times are shown: a second submit books once.</summary>
        public string? Key { get; set; }
    }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await PrepareAsync(cancellationToken);

    /// <summary>The details are posted: the times offered on that day, or what to fix.</summary>
    public async Task<IActionResult> OnPostTimesAsync(CancellationToken cancellationToken)
    {
        if (!await PrepareAsync(cancellationToken))
            return Page();
        var (schedule, _) = await schedules.CurrentAsync(db, cancellationToken);
        if (await ValidateAsync(cancellationToken) is not { } day)
            return Page();
        await OfferAsync(schedule!, day, cancellationToken);
        Input.Key = Guid.NewGuid().ToString("N");
        return Page();
    }

    /// <summary>Books the chosen time and mails the client, then shows the booking.</summary>
    public async Task<IActionResult> OnPostBookAsync(CancellationToken cancellationToken)
    {
        if (!await PrepareAsync(cancellationToken))
            return Page();
        var (schedule, _) = await schedules.CurrentAsync(db, cancellationToken);
        if (await ValidateAsync(cancellationToken) is not { } day)
            return Page();
        var parts = (Input.Slot ?? "").Split('|');
        if (parts.Length != 2 || Visits.ParseStart(parts[0]) is not { } start || Input.Key is not { Length: > 0 and <= 64 } key || key.Any(c => !char.IsAsciiLetterOrDigit(c)))
        {
            Error = "Choose one of the times.";
            Response.StatusCode = StatusCodes.Status400BadRequest;
            await OfferAsync(schedule!, day, cancellationToken);
            return Page();
        }

        var setup = schedule!.Setup;
        var now = Instant.FromDateTimeOffset(clock.GetUtcNow());
        var clientId = Guid.TryParse(Input.ClientId, out var picked) ? picked : (Guid?)null;
        var request = new BookingRequest(
            Input.Service!, Input.Zip!, start, Input.Name!, Input.Email!, Input.Phone!, Input.Address!,
            TherapistId: parts[1], Notes: Input.Notes, ClientId: clientId, IdempotencyKey: "staff-" + key, SetupVersion: schedule.Version);
        switch (await store.BookAsync(schedule.Scheduler, request, now, cancellationToken))
        {
            case BookingOutcome.Created(var booking, var token, var replayed):
                if (!replayed)
                {
                    var when = Visits.StartValue(Visits.Start(booking, setup));
                    await audit.RecordAsync(AuditAction.Create, AuditSubject.Booking, booking.Id.ToString(),
                        $"booked {booking.ServiceId} at {when} with {booking.TherapistId} for {booking.Price.ToString("0.00", CultureInfo.InvariantCulture)} by staff on behalf of "
                        + (clientId is { } c ? $"client {c}" : "a client without a record"),
                        CancellationToken.None);
                    var manage = links.To(Request, Book.IndexModel.ManagePath(booking.Id, token));
                    await ConfirmationMail.SendAsync(mailer, configuration, booking, setup, manage, links.To(Request, Treatment.IntakeModel.PathFor(booking.Id, token)), now);
                }

                return Redirect($"/practice/bookings/{booking.Id}?done=booked");
            case BookingOutcome.Conflict(var rejection, _):
                Error = rejection.Message + (rejection.Problem == BookingProblem.SetupChanged ? "" : " Choose another time.");
                Response.StatusCode = StatusCodes.Status409Conflict;
                break;
            case BookingOutcome.NotOfferable(var rejection):
                Error = rejection.Message;
                Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
                break;
            case BookingOutcome.KeyReused:
                Error = "This form was already used for another booking; choose the time again.";
                Response.StatusCode = StatusCodes.Status400BadRequest;
                break;
            default:
                throw new InvalidOperationException("Unknown booking outcome.");
        }

        await OfferAsync(schedule, day, cancellationToken);
        Input.Key = Guid.NewGuid().ToString("N");
        return Page();
    }

    /// <summary>Reads the setup and the client records; false (with <see cref="Closed"/>) when booking is not set up.</summary>
    private async Task<bool> PrepareAsync(CancellationToken cancellationToken)
    {
        var (schedule, unavailable) = await schedules.CurrentAsync(db, cancellationToken);
        Setup = schedule?.Setup;
        Clients = await db.Clients.VisibleTo(User).AsNoTracking().OrderBy(c => c.FullName).Take(500).ToListAsync(cancellationToken);
        if (schedule is not null)
            return true;
        Closed = unavailable;
        Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        return false;
    }

    /// <summary>Fills in what a picked client record holds, checks the details, and gives the day; null (with <see cref="Error"/>) when something is wrong.</summary>
    private async Task<LocalDate?> ValidateAsync(CancellationToken cancellationToken)
    {
        if (!string.IsNullOrEmpty(Input.ClientId))
        {
            var record = Guid.TryParse(Input.ClientId, out var id)
                ? await db.Clients.VisibleTo(User).AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken)
                : null;
            if (record is null)
                return Refuse("Choose one of the clients, or none and type the details.");
            Input.Name = string.IsNullOrWhiteSpace(Input.Name) ? record.FullName : Input.Name;
            Input.Email = string.IsNullOrWhiteSpace(Input.Email) ? record.Email : Input.Email;
            Input.Phone = string.IsNullOrWhiteSpace(Input.Phone) ? record.Phone : Input.Phone;
            Input.Address = string.IsNullOrWhiteSpace(Input.Address) ? record.AddressLine : Input.Address;
        }

        static bool Bad(string? value, int limit) => string.IsNullOrWhiteSpace(value) || value.Length > limit || value.Any(char.IsControl);
        if (Bad(Input.Name, FieldLimits.Name) || Bad(Input.Email, FieldLimits.Email) || Bad(Input.Phone, FieldLimits.Phone) || Bad(Input.Address, FieldLimits.AddressLine))
            return Refuse("Give the client's name, e-mail address, phone number and the street address of the visit, one line each.");
        if (!(MailAddress.TryCreate(Input.Email!.Trim(), out var address) && address.Address == Input.Email.Trim()))
            return Refuse("That is not an e-mail address, such as name@example.com.");
        if (Input.Notes?.Length > FieldLimits.BookingNotes)
            return Refuse($"The notes may have at most {FieldLimits.BookingNotes} characters.");
        if (Setup!.FindService(Input.Service ?? "") is null)
            return Refuse("Choose a session.");
        if (Input.Zip is not { Length: <= 10 } zip || ZipCodes.Normalize(zip) is not { } five || Setup.AreaOf(five) is null)
            return Refuse($"Give a ZIP the practice visits ({string.Join(", ", Setup.Areas.Select(a => a.Name))}).");
        Input.Zip = five;
        if (Input.Day is not { Length: 10 } dayText || LocalDatePattern.Iso.Parse(dayText) is not { Success: true } day)
            return Refuse("Choose a day.");
        return day.Value;
    }

    private LocalDate? Refuse(string message)
    {
        Error = message;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return null;
    }

    /// <summary>The times the scheduler offers on <paramref name="day"/> for the chosen session and ZIP, as for a client.</summary>
    private async Task OfferAsync(PracticeSchedule schedule, LocalDate day, CancellationToken cancellationToken)
    {
        var zone = schedule.Setup.TimeZone;
        var from = zone.AtStartOfDay(day).ToInstant();
        var booked = await db.BookedBetweenAsync(from - Duration.FromDays(2), from + Duration.FromDays(3), cancellationToken);
        var offered = schedule.Scheduler.Availability(new AvailabilityRequest(Input.Service!, Input.Zip!, day, 1), Instant.FromDateTimeOffset(clock.GetUtcNow()), booked);
        if (offered.Rejection is { } rejection)
            Error = rejection.Message;
        Times = offered.Slots;
    }
}
