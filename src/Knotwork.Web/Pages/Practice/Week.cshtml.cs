using Knotwork.Data;
using Knotwork.Data.Entities;
using Knotwork.Domain.Audit;
using Knotwork.Domain.Booking;
using Knotwork.Web.Accounts;
using Knotwork.Web.Audit;
using Knotwork.Web.Booking;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;

namespace Knotwork.Web.Pages.Practice;

/// <summary>
/// A therapist's week, Monday to Sunday: each day's working hours, time off, visits (time, service, town, the
/// client's first name), count and driving, each day linking to its day page. Audited, as it names clients.
/// </summary>
[Authorize(Policy = Roles.StaffPolicy)]
internal sealed class WeekModel(KnotworkDbContext db, PracticeSchedules schedules, AuditTrail audit, TimeProvider clock) : PageModel
{
    /// <summary>Whose week it is, or why none can be shown.</summary>
    public WhoseDay Whose { get; private set; } = null!;

    /// <summary>The Monday the week starts on.</summary>
    public LocalDate Start { get; private set; }

    public LocalDate Today { get; private set; }

    /// <summary>The seven days planned, Monday first; empty when there is no therapist to show.</summary>
    public IReadOnlyList<DayPlan> Days { get; private set; } = [];

    /// <summary>The bookings of the week by id (as <see cref="DayVisit.Id"/>).</summary>
    public IReadOnlyDictionary<string, BookingRecord> Bookings { get; private set; } = new Dictionary<string, BookingRecord>();

    /// <summary>The chair massage events of the week by their id in the plans (as <see cref="DayEvent.VisitId"/>).</summary>
    public IReadOnlyDictionary<string, DayEvent> Events { get; private set; } = new Dictionary<string, DayEvent>();

    public async Task<IActionResult> OnGetAsync(string? start, string? therapist, CancellationToken cancellationToken)
    {
        Whose = await WhoseDay.ResolveAsync(db, schedules, User, therapist, cancellationToken);
        if (Whose.Refused)
        {
            await audit.RecordAsync(AuditAction.ReadRefused, AuditSubject.Booking, Whose.AskedFor, "week", cancellationToken);
            return Forbid();
        }

        if (Whose.Therapist is not { } who)
            return Page();

        var zone = Whose.Zone;
        Today = Instant.FromDateTimeOffset(clock.GetUtcNow()).InZone(zone).Date;
        if (WhoseDay.ParseDate(start, Today) is not { } day)
            return BadRequest("Give the week's Monday as yyyy-MM-dd, such as 2027-03-08.");
        Start = day.With(DateAdjusters.PreviousOrSame(IsoDayOfWeek.Monday));

        var booked = await Whose.BookedAsync(db, User, zone.AtStartOfDay(Start).ToInstant(), zone.AtStartOfDay(Start.PlusDays(7)).ToInstant(), cancellationToken);
        Bookings = booked.ToDictionary(b => b.Id.ToString());
        var setup = Whose.Setup;
        var travel = StraightLineTravel.For(setup);
        var events = await Whose.EventsAsync(db, zone.AtStartOfDay(Start).ToInstant(), zone.AtStartOfDay(Start.PlusDays(7)).ToInstant(), cancellationToken);
        Events = events.ToDictionary(e => e.VisitId);
        List<DayVisit> visits = [.. booked.Select(WhoseDay.ToVisit), .. events.Select(WhoseDay.ToVisit)];
        Days = [.. Enumerable.Range(0, 7).Select(i => DayPlan.For(setup, who, Start.PlusDays(i), visits, travel, ZipCodes.Default))];
        await audit.RecordAsync(AuditAction.Read, AuditSubject.Booking, who.Id, "week of " + WhoseDay.DateValue(Start), cancellationToken);
        return Page();
    }
}
