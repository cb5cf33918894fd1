using Knotwork.Data;
using Knotwork.Data.Entities;
using Knotwork.Domain.Audit;
using Knotwork.Domain.Booking;
using Knotwork.Web.Accounts;
using Knotwork.Web.Audit;
using Knotwork.Web.Booking;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using NodaTime.Text;

namespace Knotwork.Web.Pages.Practice.Bookings;

/// <summary>
/// The bookings a staff member may see (<see cref="BookingScope"/>): the owner every booking, a therapist those of the
/// setup therapist their account is linked to. Upcoming visits by default, or past or cancelled ones, on one day, and
/// for the owner one therapist's. Listing is audited, as the rows name clients.
/// </summary>
[Authorize(Policy = Roles.StaffPolicy)]
internal sealed class IndexModel(KnotworkDbContext db, PracticeSchedules schedules, AuditTrail audit, TimeProvider clock) : PageModel
{
    /// <summary>The most rows one page shows.</summary>
    public const int Limit = 200;

    /// <summary>The filters: upcoming (not cancelled, not yet over), past (over, not cancelled), cancelled.</summary>
    public static readonly string[] Shows = ["upcoming", "past", "cancelled"];

    public IReadOnlyList<BookingRecord> Bookings { get; private set; } = [];

    public PracticeSetup? Setup { get; private set; }

    public Instant Now { get; private set; }

    /// <summary>Which of <see cref="Shows"/> is listed.</summary>
    public string Show { get; private set; } = "upcoming";

    /// <summary>The day listed, or null for every day.</summary>
    public LocalDate? Day { get; private set; }

    /// <summary>The therapist listed (owner only), or null for all.</summary>
    public string? Therapist { get; private set; }

    public bool IsOwner { get; private set; }

    /// <summary>A therapist whose account the owner has not linked to a setup therapist yet: they see no bookings.</summary>
    public bool NotLinked { get; private set; }

    /// <summary>The therapist this therapist's account works as, when linked.</summary>
    public string? OwnTherapistId { get; private set; }

    public async Task OnGetAsync(string? show, string? day, string? therapist, CancellationToken cancellationToken)
    {
        var (schedule, _) = await schedules.CurrentAsync(db, cancellationToken);
        Setup = schedule?.Setup;
        Now = Instant.FromDateTimeOffset(clock.GetUtcNow());
        IsOwner = User.IsInRole(Roles.Owner);
        if (!IsOwner)
        {
            OwnTherapistId = await db.OwnTherapistIdAsync(User, cancellationToken);
            NotLinked = OwnTherapistId is null;
        }

        Show = show is not null && Shows.Contains(show, StringComparer.Ordinal) ? show : "upcoming";
        Day = day is { Length: 10 } && LocalDatePattern.Iso.Parse(day) is { Success: true } parsed ? parsed.Value : null;
        Therapist = IsOwner && Setup?.FindTherapist(therapist ?? "") is { } chosen ? chosen.Id : null;

        var query = (await db.BookingsVisibleToAsync(User, cancellationToken)).AsNoTracking();
        var nowUtc = Now.ToDateTimeUtc();
        query = Show switch
        {
            "past" => query.Where(b => b.Status == BookingStatus.Booked && b.EndUtc <= nowUtc).OrderByDescending(b => b.StartUtc),
            "cancelled" => query.Where(b => b.Status == BookingStatus.Cancelled).OrderByDescending(b => b.StartUtc),
            _ => query.Where(b => b.Status == BookingStatus.Booked && b.EndUtc > nowUtc).OrderBy(b => b.StartUtc),
        };
        if (Day is { } d)
        {
            var zone = StaffBookings.Zone(Setup);
            var from = zone.AtStartOfDay(d).ToInstant().ToDateTimeUtc();
            var to = zone.AtStartOfDay(d.PlusDays(1)).ToInstant().ToDateTimeUtc();
            query = query.Where(b => b.StartUtc >= from && b.StartUtc < to);
        }

        if (Therapist is { } t)
            query = query.Where(b => b.TherapistId == t);

        Bookings = await query.Take(Limit).ToListAsync(cancellationToken);
        var filter = $"show={Show}" + (Day is { } listed ? $", day={LocalDatePattern.Iso.Format(listed)}" : "") + (Therapist is { } who ? $", therapist={who}" : "");
        await audit.RecordAsync(AuditAction.Read, AuditSubject.Booking, null, $"{Bookings.Count} bookings listed ({filter})", CancellationToken.None);
    }
}
