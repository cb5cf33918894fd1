using System.Globalization;
using Knotwork.Domain.Booking;
using NodaTime;

namespace Knotwork.Domain.Events;

/// <summary>Why an event cannot be confirmed as proposed.</summary>
public enum EventConflictKind
{
    /// <summary>The event itself cannot be held: times that do not make an event, an unknown ZIP, no chairs or too many, or it has started.</summary>
    InvalidEvent,

    /// <summary>A chair has no therapist.</summary>
    Unassigned,

    /// <summary>The therapist is not in the practice's setup.</summary>
    UnknownTherapist,

    /// <summary>The therapist is at two chairs (one therapist per chair).</summary>
    AssignedTwice,

    /// <summary>The therapist has a visit or another event that overlaps the event (with setup and pack-up).</summary>
    Taken,

    /// <summary>The therapist cannot drive between the event and a visit or another event in time.</summary>
    Unreachable,

    /// <summary>The therapist has time off then.</summary>
    TimeOff,

    /// <summary>The event, with setup and pack-up, is not inside one stretch of the therapist's working hours.</summary>
    OutsideWorkingHours,

    /// <summary>Within working hours, but the drive from or back to home does not fit in them.</summary>
    OutOfReachFromHome,
}

/// <summary>Something that stops an event from being confirmed as proposed.</summary>
/// <param name="Kind">What kind of conflict.</param>
/// <param name="Chair">The chair it is about (from 1), or null for the event as a whole.</param>
/// <param name="TherapistId">The therapist it is about, or null.</param>
/// <param name="Message">What is wrong, for the owner.</param>
/// <param name="BookingIds">The existing bookings or events involved (visit ids, or <see cref="ChairEvent.BusyTimeId"/>s), when any.</param>
public sealed record EventConflict(EventConflictKind Kind, int? Chair, string? TherapistId, string Message, IReadOnlyList<string> BookingIds);

/// <summary>
/// Whether a chair event can be confirmed with the therapists assigned to it: every chair has its own therapist, and
/// each therapist's time at the event fits as a visit would (see <see cref="Scheduler.CheckBusyTime"/>): setup
/// before and pack-up after inside one stretch of working hours, the drives from and to home or their other visits and
/// events, clear of time off. The therapist's service list and areas are the owner's to override and are not checked.
/// </summary>
public static class EventConfirmation
{
    /// <summary>
    /// Every conflict of confirming <paramref name="proposed"/> as of <paramref name="now"/>, given the bookings and
    /// confirmed events' busy time already in the calendar (<paramref name="existing"/>; the proposed event's own busy
    /// time, from an earlier confirmation, is left out, so it can be re-assigned). Empty when it can be confirmed.
    /// </summary>
    public static IReadOnlyList<EventConflict> Conflicts(ChairEvent proposed, PracticeSetup setup, ZipCodes zips, ITravelTimes travel, IEnumerable<ExistingBooking> existing, Instant now)
    {
        ArgumentNullException.ThrowIfNull(proposed);
        ArgumentNullException.ThrowIfNull(setup);
        ArgumentNullException.ThrowIfNull(zips);
        ArgumentNullException.ThrowIfNull(travel);
        ArgumentNullException.ThrowIfNull(existing);
        var conflicts = new List<EventConflict>();
        void Add(EventConflictKind kind, int? chair, string? therapist, string message, IReadOnlyList<string>? ids = null) =>
            conflicts.Add(new EventConflict(kind, chair, therapist, message, ids ?? []));

        var zone = setup.TimeZone;
        if (!EventTimes.TryResolve(zone, proposed.Date, proposed.Start, proposed.End, out var times, out var timeProblem))
            Add(EventConflictKind.InvalidEvent, null, null, timeProblem);
        else if (times.Start <= now)
            Add(EventConflictKind.InvalidEvent, null, null, "The event has already started, so it can no longer be confirmed.");
        if (!zips.TryGet(proposed.Zip, out _, out var zipProblem))
            Add(EventConflictKind.InvalidEvent, null, null, zipProblem);
        if (proposed.Chairs is < 1 or > EventRequest.MaxChairs)
            Add(EventConflictKind.InvalidEvent, null, null, $"An event has 1 to {EventRequest.MaxChairs} chairs, each with its own therapist.");
        if (conflicts.Count > 0)
            return conflicts;

        var zip = ZipCodes.Normalize(proposed.Zip)!;
        var others = existing.Where(b => !ChairEvent.IsBusyTimeOf(b, proposed.Id)).ToList();
        var scheduler = new Scheduler(setup, zips, travel);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < proposed.TherapistIds.Count; i++)
        {
            var chair = i + 1;
            var id = proposed.TherapistIds[i];
            if (string.IsNullOrWhiteSpace(id))
            {
                Add(EventConflictKind.Unassigned, chair, null, $"Chair {chair} has no therapist.");
                continue;
            }

            var therapist = setup.FindTherapist(id);
            if (therapist is null)
            {
                Add(EventConflictKind.UnknownTherapist, chair, id, $"Chair {chair}: we have no therapist '{id}'.");
                continue;
            }

            if (!seen.Add(id))
            {
                Add(EventConflictKind.AssignedTwice, chair, id, $"{therapist.Name} is already at another chair; each chair needs its own therapist.");
                continue;
            }

            var problem = scheduler.CheckBusyTime(id, zip, times.Start, times.End, others);
            if (problem is null)
                continue;
            var involved = Involved(therapist, zip, times, others, travel, zone);
            var list = involved.Count == 0 ? "" : " (" + string.Join("; ", involved.Select(b => Describe(b, zone))) + ")";
            var (kind, message) = problem.Value switch
            {
                BookingProblem.Taken => (EventConflictKind.Taken, $"{therapist.Name} is already booked during the event{list}."),
                BookingProblem.Unreachable => (EventConflictKind.Unreachable, $"{therapist.Name} cannot drive between the event and another booking in time{list}."),
                BookingProblem.TimeOff => (EventConflictKind.TimeOff, $"{therapist.Name} has time off during the event or cannot get there from it in time."),
                BookingProblem.OutOfReachFromHome => (EventConflictKind.OutOfReachFromHome, $"{therapist.Name} cannot drive from home to ZIP {zip} and back within their working hours that day."),
                _ => (EventConflictKind.OutsideWorkingHours, $"The event, with {therapist.SetupMinutes} minutes to set up before and {therapist.PackUpMinutes} to pack up after, is not within {therapist.Name}'s working hours on {EventTimes.Day(proposed.Date)}."),
            };
            Add(kind, chair, id, message, [.. involved.Select(b => b.Id)]);
        }

        return conflicts;
    }

    /// <summary>
    /// The therapist's bookings on the event's day that are too close to it: overlapping it (with setup and pack-up on
    /// both), or with less time between them than the drive.
    /// </summary>
    private static List<ExistingBooking> Involved(Therapist therapist, string zip, Interval times, List<ExistingBooking> bookings, ITravelTimes travel, DateTimeZone zone)
    {
        var day = times.Start.InZone(zone).Date;
        var busyFrom = times.Start - therapist.Setup;
        var busyTo = times.End + therapist.PackUp;
        return
        [
            .. bookings
                .Where(b => string.Equals(b.TherapistId, therapist.Id, StringComparison.Ordinal)
                    && (b.Start.InZone(zone).Date == day || b.End.InZone(zone).Date == day)
                    && b.End + therapist.PackUp + travel.Between(b.Zip, zip) > busyFrom
                    && busyTo + travel.Between(zip, b.Zip) > b.Start - therapist.Setup)
                .OrderBy(b => b.Start),
        ];
    }

    private static string Describe(ExistingBooking b, DateTimeZone zone)
    {
        var what = b.Id.StartsWith(ChairEvent.BusyTimeIdPrefix, StringComparison.Ordinal) ? "an event" : "a visit";
        return string.Create(CultureInfo.InvariantCulture, $"{what} {EventTimes.Clock(b.Start.InZone(zone).TimeOfDay)}-{EventTimes.Clock(b.End.InZone(zone).TimeOfDay)} in ZIP {b.Zip}");
    }
}
