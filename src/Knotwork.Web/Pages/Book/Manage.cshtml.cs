using Knotwork.Data;
using Knotwork.Data.Booking;
using Knotwork.Data.Entities;
using Knotwork.Domain.Audit;
using Knotwork.Domain.Booking;
using Knotwork.Domain.Booking.Calendar;
using Knotwork.Web.Audit;
using Knotwork.Web.Booking;
using Knotwork.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Knotwork.Web.Pages.Book;

/// <summary>
/// A booking's private page, opened with the token from the confirmation e-mail (the only key a guest has): the visit,
/// its calendar file, and cancelling, which <see cref="BookingStore"/> allows outside the cancellation window and
/// which frees the time at once. An unknown id and a wrong token get the same 404.
/// </summary>
internal sealed class ManageModel(
    PracticeSchedules schedules, KnotworkDbContext db, BookingStore store, AuditTrail audit, TimeProvider clock, PublicLinks links, IConfiguration configuration) : PageModel
{
    /// <summary>The longest token accepted; real ones are 43 characters.</summary>
    private const int MaxToken = 200;

    public BookingRecord Booking { get; private set; } = null!;

    public PracticeSetup Setup { get; private set; } = null!;

    /// <summary>Just booked (the redirect after confirming).</summary>
    public bool JustBooked { get; private set; }

    /// <summary>What cancelling said when it could not cancel, or null.</summary>
    public string? TooLate { get; private set; }

    /// <summary>Whether the visit is still far enough ahead to cancel online (the store decides on the cancel itself).</summary>
    public bool CanCancelOnline { get; private set; }

    public string Token { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string id, string? token, string? booked, CancellationToken cancellationToken)
    {
        if (await Load(id, token, cancellationToken) is { } missing)
            return missing;
        JustBooked = booked == "1";
        return Page();
    }

    /// <summary>The visit as a calendar file, for clients whose mail lost the attachment (or was held).</summary>
    public async Task<IActionResult> OnGetCalendarAsync(string id, string? token, CancellationToken cancellationToken)
    {
        if (await Load(id, token, cancellationToken) is { } missing)
            return missing;
        if (Booking.Status != BookingStatus.Booked)
            return NotFound();
        var organizer = new CalendarPerson("Knotwork", configuration["Knotwork:Smtp:From"] ?? "knotwork@localhost");
        var text = Visits.Invitation(Booking, Setup, organizer, links.To(Request, IndexModel.ManagePath(Booking.Id, Token)), Instant.FromDateTimeOffset(clock.GetUtcNow()));
        return File(System.Text.Encoding.UTF8.GetBytes(text), ICalendarWriter.MediaType + "; charset=utf-8", "visit.ics");
    }

    public async Task<IActionResult> OnPostCancelAsync(string id, string? token, CancellationToken cancellationToken)
    {
        if (await Load(id, token, cancellationToken) is { } missing)
            return missing;
        switch (await store.CancelAsync(Booking.Id, Token, Setup.Policies, Instant.FromDateTimeOffset(clock.GetUtcNow()), cancellationToken))
        {
            case CancellationOutcome.Cancelled(_, var already):
                if (!already)
                {
                    await audit.RecordAsync(AuditAction.Cancel, AuditSubject.Booking, Booking.Id.ToString(),
                        "cancelled by the client with the manage link, on the booking pages", CancellationToken.None);
                }

                return Redirect(IndexModel.ManagePath(Booking.Id, Token));
            case CancellationOutcome.TooLate(var message, _):
                TooLate = message;
                CanCancelOnline = false;
                Response.StatusCode = StatusCodes.Status409Conflict;
                return Page();
            case CancellationOutcome.NotFound:
                return NotFound();
            default:
                throw new InvalidOperationException("Unknown cancellation outcome.");
        }
    }

    /// <summary>Loads the booking for the holder of its token; the 404 (or 503 while booking is closed) otherwise.</summary>
    private async Task<IActionResult?> Load(string id, string? token, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(id, out var bookingId) || token is not { Length: > 0 and <= MaxToken })
            return NotFound();
        var booking = await db.Bookings.AsNoTracking().SingleOrDefaultAsync(b => b.Id == bookingId, cancellationToken);
        if (booking is null || !BookingStore.TokenMatches(booking, token))
            return NotFound();
        var (practice, unavailable) = await schedules.CurrentAsync(db, cancellationToken);
        if (practice is null)
            return StatusCode(StatusCodes.Status503ServiceUnavailable, unavailable ?? PracticeSchedules.NotSetUp);

        (Booking, Setup, Token) = (booking, practice.Setup, token);
        var now = Instant.FromDateTimeOffset(clock.GetUtcNow());
        CanCancelOnline = booking.Status == BookingStatus.Booked && Visits.CancelBy(booking, Setup).ToInstant() > now;
        return null;
    }
}
