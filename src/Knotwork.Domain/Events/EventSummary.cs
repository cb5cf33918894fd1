using Knotwork.Domain.Booking;
using NodaTime;

namespace Knotwork.Domain.Events;

/// <summary>Whether an employee came to their slot, as the therapist records it after the event.</summary>
public enum Attendance
{
    /// <summary>Not recorded yet.</summary>
    NotRecorded,

    /// <summary>The employee came.</summary>
    Came,

    /// <summary>The employee did not come.</summary>
    NoShow,
}

/// <summary>A slot an employee booked, with its attendance.</summary>
/// <param name="SlotId">The slot.</param>
/// <param name="Attendance">Whether they came.</param>
public sealed record TakenSlot(EventSlotId SlotId, Attendance Attendance = Attendance.NotRecorded);

/// <summary>
/// The figures of an event. For the employer: <see cref="SlotsOffered"/>, <see cref="SlotsTaken"/> and
/// <see cref="Attended"/> (with <see cref="NoShows"/>). For the owner, also: <see cref="ChairTime"/> (what was billed
/// before any minimum), <see cref="TherapistTime"/> (each therapist's setup, the event and pack-up) and
/// <see cref="DriveTime"/> (each therapist's drive from home to the workplace and back).
/// </summary>
/// <param name="SlotsOffered">The slots of all chairs.</param>
/// <param name="SlotsTaken">The slots employees booked.</param>
/// <param name="Attended">Taken slots whose employee came.</param>
/// <param name="NoShows">Taken slots whose employee did not come.</param>
/// <param name="ChairTime">Chairs x the event's length.</param>
/// <param name="TherapistTime">The sum over the therapists of setup + the event's length + pack-up.</param>
/// <param name="DriveTime">The sum over the therapists of the drive from home and back; null when a drive is unknown (a ZIP not in the ZIP table).</param>
public sealed record EventSummary(int SlotsOffered, int SlotsTaken, int Attended, int NoShows, Duration ChairTime, Duration TherapistTime, Duration? DriveTime)
{
    /// <summary>Taken slots whose attendance is not recorded yet.</summary>
    public int NotRecorded => SlotsTaken - Attended - NoShows;

    /// <summary>
    /// The summary of <paramref name="ev"/> with the slots employees took (<paramref name="taken"/>; a slot counted
    /// once, ids not in the event ignored), using each therapist's setup, pack-up and home ZIP from
    /// <paramref name="setup"/> and drive times from <paramref name="travel"/>. A therapist no longer in the setup
    /// counts for the event's length only, and makes the drive time unknown.
    /// </summary>
    public static EventSummary For(ChairEvent ev, PracticeSetup setup, ITravelTimes travel, IEnumerable<TakenSlot> taken)
    {
        ArgumentNullException.ThrowIfNull(ev);
        ArgumentNullException.ThrowIfNull(setup);
        ArgumentNullException.ThrowIfNull(travel);
        ArgumentNullException.ThrowIfNull(taken);
        var slots = ev.Slots(setup.TimeZone);
        var offered = slots.Select(s => s.Id).ToHashSet();
        var byId = new Dictionary<EventSlotId, Attendance>();
        foreach (var t in taken)
        {
            if (offered.Contains(t.SlotId))
                byId[t.SlotId] = t.Attendance;
        }

        var length = ev.Times(setup.TimeZone).Duration;
        var therapistTime = Duration.Zero;
        Duration? drive = Duration.Zero;
        foreach (var id in ev.TherapistIds.Distinct(StringComparer.Ordinal))
        {
            therapistTime += length;
            if (setup.FindTherapist(id) is not { } therapist)
            {
                drive = null;
                continue;
            }

            therapistTime += therapist.Setup + therapist.PackUp;
            var there = travel.Between(therapist.HomeZip, ev.Zip);
            var back = travel.Between(ev.Zip, therapist.HomeZip);
            drive = there >= StraightLineTravel.Unreachable || back >= StraightLineTravel.Unreachable ? null : drive + there + back;
        }

        return new EventSummary(
            slots.Count,
            byId.Count,
            byId.Values.Count(a => a == Attendance.Came),
            byId.Values.Count(a => a == Attendance.NoShow),
            length * ev.Chairs,
            therapistTime,
            drive);
    }
}
