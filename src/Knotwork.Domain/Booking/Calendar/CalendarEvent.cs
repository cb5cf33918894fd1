using NodaTime;

namespace Knotwork.Domain.Booking.Calendar;

/// <summary>Whether an event is on or called off (RFC 5545 <c>STATUS</c>).</summary>
public enum EventStatus
{
    /// <summary>The visit will happen (<c>STATUS:CONFIRMED</c>).</summary>
    Confirmed,

    /// <summary>The visit was called off (<c>STATUS:CANCELLED</c>); calendars remove or strike it through.</summary>
    Cancelled,
}

/// <summary>Whether an event blocks time in free/busy look-ups (RFC 5545 <c>TRANSP</c>).</summary>
public enum EventTransparency
{
    /// <summary>The time is busy (<c>TRANSP:OPAQUE</c>).</summary>
    Opaque,

    /// <summary>The time stays free (<c>TRANSP:TRANSPARENT</c>).</summary>
    Transparent,
}

/// <summary>What a calendar file asks of the calendar that reads it (RFC 5546 <c>METHOD</c>).</summary>
public enum CalendarMethod
{
    /// <summary>A feed or a plain file to show (<c>METHOD:PUBLISH</c>); no reply expected.</summary>
    Publish,

    /// <summary>An invitation, or an update of one with a higher sequence (<c>METHOD:REQUEST</c>).</summary>
    Request,

    /// <summary>Calls off an event sent before with the same UID (<c>METHOD:CANCEL</c>).</summary>
    Cancel,
}

/// <summary>Someone named on an invitation: a name and an e-mail address.</summary>
/// <param name="Name">The name calendars show, e.g. the practice's name.</param>
/// <param name="Email">The e-mail address, written as a <c>mailto:</c> URI.</param>
public sealed record CalendarPerson(string Name, string Email);

/// <summary>
/// One event in a calendar file: a visit or a block of busy time, from <see cref="Start"/> to <see cref="End"/> in
/// their time zone. The same <see cref="Uid"/> with a higher <see cref="Sequence"/> updates an event sent before.
/// </summary>
public sealed record CalendarEvent
{
    /// <summary>A globally unique, stable id, e.g. <c>booking-42@knotwork</c>; calendars match updates and cancellations by it.</summary>
    public required string Uid { get; init; }

    /// <summary>When the event starts; written as local time in its zone, with that zone's VTIMEZONE.</summary>
    public required ZonedDateTime Start { get; init; }

    /// <summary>When the event ends; after <see cref="Start"/>.</summary>
    public required ZonedDateTime End { get; init; }

    /// <summary>The one-line title calendars show.</summary>
    public required string Summary { get; init; }

    /// <summary>Where the event happens, or null.</summary>
    public string? Location { get; init; }

    /// <summary>Longer text, may hold line breaks, or null.</summary>
    public string? Description { get; init; }

    /// <summary>On or called off. Default <see cref="EventStatus.Confirmed"/>.</summary>
    public EventStatus Status { get; init; } = EventStatus.Confirmed;

    /// <summary>Busy or free time. Default <see cref="EventTransparency.Opaque"/> (busy).</summary>
    public EventTransparency Transparency { get; init; } = EventTransparency.Opaque;

    /// <summary>The revision: 0 when first sent, one more at each change the recipient should apply (time moved, cancelled).</summary>
    public int Sequence { get; init; }

    /// <summary>When this revision was written (<c>DTSTAMP</c>); the booking's creation for the first revision.</summary>
    public required Instant Stamp { get; init; }

    /// <summary>Who sends the invitation (<c>ORGANIZER</c>); required with <see cref="CalendarMethod.Request"/> and <see cref="CalendarMethod.Cancel"/>.</summary>
    public CalendarPerson? Organizer { get; init; }

    /// <summary>Who is invited (<c>ATTENDEE</c>), e.g. the client.</summary>
    public IReadOnlyList<CalendarPerson> Attendees { get; init; } = [];
}
