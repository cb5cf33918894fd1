using System.Globalization;
using System.Security.Claims;
using Knotwork.Data;
using Knotwork.Data.Entities;
using Knotwork.Domain.Booking;
using Knotwork.Web.Accounts;
using Knotwork.Web.Booking;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using NodaTime.Text;

namespace Knotwork.Web.Pages.Practice;

/// <summary>
/// Whose day, week or time off a staff page shows: a therapist always their own (the setup therapist their account is
/// linked to), the owner any therapist they choose (<c>?therapist=maria</c>), by default their own when linked, else the
/// setup's first. Shared by the Day, Week and Time off pages.
/// </summary>
internal sealed record WhoseDay
{
    /// <summary>What an unlinked therapist is told.</summary>
    public const string AskToLink = "Your account is not linked to a therapist of the practice yet. Ask the owner to link your account on the Staff page.";

    /// <summary>The practice setup, or null when booking is not set up (see <see cref="Problem"/>).</summary>
    public PracticeSchedule? Schedule { get; private init; }

    /// <summary>The therapist shown, or null (see <see cref="Problem"/>).</summary>
    public Therapist? Therapist { get; private init; }

    /// <summary>Why nothing can be shown (not set up, unlinked account...), or null.</summary>
    public string? Problem { get; private init; }

    /// <summary>Whether the signed-in person asked for another therapist than their own, which only the owner may.</summary>
    public bool Refused { get; private init; }

    /// <summary>
    /// The therapist asked for when refused, as the audit log may keep it: a setup therapist's id, or "(unknown)"
    /// (nothing typed into the link is stored as it is).
    /// </summary>
    public string? AskedFor { get; private init; }

    /// <summary>Whether the signed-in person may choose the therapist (the owner).</summary>
    public bool CanChoose { get; private init; }

    /// <summary>The setup's therapists, for the owner's choice.</summary>
    public IReadOnlyList<Therapist> Choices => CanChoose && Schedule is not null ? Schedule.Setup.Therapists : [];

    /// <summary>The setup, when there is a therapist to show.</summary>
    public PracticeSetup Setup => Schedule?.Setup ?? throw new InvalidOperationException("No practice setup.");

    /// <summary>The practice's time zone.</summary>
    public DateTimeZone Zone => Setup.TimeZone;

    /// <summary>Resolves whose pages <paramref name="user"/> sees when asking for <paramref name="requested"/>.</summary>
    public static async Task<WhoseDay> ResolveAsync(KnotworkDbContext db, PracticeSchedules schedules, ClaimsPrincipal user, string? requested, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(schedules);
        ArgumentNullException.ThrowIfNull(user);
        var (schedule, unavailable) = await schedules.CurrentAsync(db, cancellationToken);
        var owner = user.IsInRole(Roles.Owner);
        if (schedule is null)
            return new WhoseDay { Problem = unavailable, CanChoose = owner };

        var own = await db.OwnTherapistIdAsync(user, cancellationToken);
        var setup = schedule.Setup;
        if (owner)
        {
            var chosen = setup.FindTherapist(requested) ?? setup.FindTherapist(own) ?? (setup.Therapists.Count > 0 ? setup.Therapists[0] : null);
            return chosen is null
                ? new WhoseDay { Schedule = schedule, CanChoose = true, Problem = "The practice setup has no therapists yet." }
                : new WhoseDay { Schedule = schedule, CanChoose = true, Therapist = chosen };
        }

        if (own is null)
            return new WhoseDay { Schedule = schedule, Problem = AskToLink };
        if (!string.IsNullOrEmpty(requested) && !string.Equals(requested, own, StringComparison.Ordinal))
            return new WhoseDay { Schedule = schedule, Refused = true, AskedFor = setup.FindTherapist(requested)?.Id ?? "(unknown)", Problem = "You can see your own day only." };
        return setup.FindTherapist(own) is { } mine
            ? new WhoseDay { Schedule = schedule, Therapist = mine }
            : new WhoseDay { Schedule = schedule, Problem = $"Your account is linked to the therapist '{own}', who is no longer in the practice setup. Ask the owner to link your account on the Staff page." };
    }

    /// <summary>
    /// The therapist's booked visits (the ones <paramref name="user"/> may see) starting in [<paramref name="from"/>,
    /// <paramref name="to"/>), by start.
    /// </summary>
    public async Task<List<BookingRecord>> BookedAsync(KnotworkDbContext db, ClaimsPrincipal user, Instant from, Instant to, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var id = Therapist?.Id ?? throw new InvalidOperationException("No therapist.");
        var fromUtc = from.ToDateTimeUtc();
        var toUtc = to.ToDateTimeUtc();
        var visible = await db.BookingsVisibleToAsync(user, cancellationToken);
        return await visible.AsNoTracking()
            .Where(b => b.TherapistId == id && b.Status == BookingStatus.Booked && b.StartUtc >= fromUtc && b.StartUtc < toUtc)
            .OrderBy(b => b.StartUtc)
            .ToListAsync(cancellationToken);
    }

    /// <summary>
    /// The chair massage events the therapist works (confirmed, or held and closed) starting in [<paramref name="from"/>,
    /// <paramref name="to"/>), with their chairs and how many of those chairs' slots are booked. Staff see these as the
    /// therapist's own time, as the scheduler does.
    /// </summary>
    public async Task<List<DayEvent>> EventsAsync(KnotworkDbContext db, Instant from, Instant to, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var id = Therapist?.Id ?? throw new InvalidOperationException("No therapist.");
        var fromUtc = from.ToDateTimeUtc();
        var toUtc = to.ToDateTimeUtc();
        var events = await db.ChairEvents.AsNoTracking().Include(e => e.Therapists)
            .Where(e => (e.Status == ChairEventStatus.Confirmed || e.Status == ChairEventStatus.Closed)
                        && e.StartUtc >= fromUtc && e.StartUtc < toUtc && e.Therapists.Any(t => t.TherapistId == id))
            .ToListAsync(cancellationToken);
        var ids = events.Select(e => e.Id).ToList();
        var booked = await db.EventSlotBookings.AsNoTracking()
            .Where(b => ids.Contains(b.EventId) && b.Status == EventSlotStatus.Booked)
            .Select(b => new { b.EventId, b.SlotId })
            .ToListAsync(cancellationToken);
        return [.. events.OrderBy(e => e.StartUtc).Select(e =>
        {
            var chairs = e.Therapists.Where(t => t.TherapistId == id).Select(t => t.Chair).Order().ToList();
            var prefixes = chairs.Select(c => c.ToString(CultureInfo.InvariantCulture) + "-").ToList();
            var taken = booked.Count(b => b.EventId == e.Id && prefixes.Any(p => b.SlotId.StartsWith(p, StringComparison.Ordinal)));
            return new DayEvent(e, chairs, taken);
        })];
    }

    /// <summary>A chair massage event as the day plan needs it: a stop like a visit, with no service.</summary>
    public static DayVisit ToVisit(DayEvent chairEvent)
    {
        ArgumentNullException.ThrowIfNull(chairEvent);
        var e = chairEvent.Event;
        return new DayVisit(chairEvent.VisitId, string.Empty, e.Zip, Instant.FromDateTimeUtc(e.StartUtc), Instant.FromDateTimeUtc(e.EndUtc));
    }

    /// <summary>A booking as the day plan needs it.</summary>
    public static DayVisit ToVisit(BookingRecord booking)
    {
        ArgumentNullException.ThrowIfNull(booking);
        return new DayVisit(booking.Id.ToString(), booking.ServiceId, booking.Zip, Instant.FromDateTimeUtc(booking.StartUtc), Instant.FromDateTimeUtc(booking.EndUtc));
    }

    /// <summary>The day <paramref name="text"/> names (yyyy-MM-dd), <paramref name="fallback"/> when empty, or null when malformed.</summary>
    public static LocalDate? ParseDate(string? text, LocalDate fallback)
    {
        if (string.IsNullOrWhiteSpace(text))
            return fallback;
        return text.Length <= 10 && LocalDatePattern.Iso.Parse(text.Trim()) is { Success: true } parsed && parsed.Value.Year is > 2000 and < 3000
            ? parsed.Value
            : null;
    }

    /// <summary>"2027-03-09", as dates travel in links.</summary>
    public static string DateValue(LocalDate date) => LocalDatePattern.Iso.Format(date);

    /// <summary>"1 h 25 min", "40 min".</summary>
    public static string Minutes(int minutes) =>
        minutes >= 60 ? $"{minutes / 60} h {(minutes % 60).ToString("00", CultureInfo.InvariantCulture)} min" : $"{minutes} min";

    /// <summary>The first word of a client's name ("Pat" of "Pat Doe"), for pages that need no more.</summary>
    public static string FirstName(string name) =>
        (name ?? string.Empty).Trim().Split(' ', 2, StringSplitOptions.RemoveEmptyEntries) is [var first, ..] ? first : "(no name)";

    /// <summary>The link query naming the therapist shown, for the owner (who may choose), else empty.</summary>
    public string TherapistQuery => CanChoose && Therapist is not null ? "&therapist=" + Uri.EscapeDataString(Therapist.Id) : string.Empty;
}

/// <summary>A chair massage event on a therapist's day: the event, the chairs they work, and how many of those chairs' slots employees booked.</summary>
internal sealed record DayEvent(ChairEventRecord Event, IReadOnlyList<int> Chairs, int SlotsBooked)
{
    /// <summary>Its id in the day plan (never a booking's id).</summary>
    public string VisitId => "event-" + Event.Id.ToString("N");
}
