using NodaTime;

namespace Knotwork.Domain.Booking.Calendar;

/// <summary>Why a booking gets no reminder.</summary>
public enum NoReminderReason
{
    /// <summary>It was booked when the reminder would already have been due: the confirmation is the reminder.</summary>
    BookedInsideLead,

    /// <summary>It was cancelled.</summary>
    Cancelled,

    /// <summary>The session has started (or is over): too late to remind.</summary>
    Started,
}

/// <summary>The answer to "should this booking's reminder go out now?".</summary>
public abstract record ReminderDecision
{
    private ReminderDecision()
    {
    }

    /// <summary>Not yet: ask again at <see cref="DueAt"/>.</summary>
    /// <param name="DueAt">When the reminder falls due.</param>
    public sealed record NotYet(Instant DueAt) : ReminderDecision;

    /// <summary>Send it now (if it has not been sent: the caller records sending, once).</summary>
    /// <param name="DueAt">When it fell due; at or before now.</param>
    public sealed record Due(Instant DueAt) : ReminderDecision;

    /// <summary>This booking gets no reminder, now or later.</summary>
    /// <param name="Reason">Why.</param>
    public sealed record Never(NoReminderReason Reason) : ReminderDecision;
}

/// <summary>When a client is reminded of a visit.</summary>
public static class Reminders
{
    /// <summary>The default lead: 24 hours before the session.</summary>
    public static readonly Duration DefaultLead = Duration.FromHours(24);

    /// <summary>
    /// Whether the reminder for a booking starting at <paramref name="start"/>, made at <paramref name="bookedAt"/>,
    /// is due at <paramref name="now"/>. It falls due <paramref name="lead"/> of elapsed time before the start (24
    /// hours before 09:00 on the Monday after the spring change is 09:00 on the Sunday; before 09:00 on the Sunday
    /// itself it is 08:00 on the Saturday, as the night is an hour short). A booking made at or after that moment
    /// gets none (its confirmation says it all), nor does a cancelled one, nor one whose session has started.
    /// </summary>
    /// <param name="start">When the session starts.</param>
    /// <param name="bookedAt">When the booking was made.</param>
    /// <param name="cancelled">Whether it has been cancelled.</param>
    /// <param name="now">The current time.</param>
    /// <param name="lead">How long before the start to remind; positive. Null for <see cref="DefaultLead"/>.</param>
    public static ReminderDecision Decide(Instant start, Instant bookedAt, bool cancelled, Instant now, Duration? lead = null)
    {
        var before = lead ?? DefaultLead;
        if (before <= Duration.Zero)
            throw new ArgumentOutOfRangeException(nameof(lead), before, "The reminder lead must be positive.");

        var dueAt = start - before;
        if (cancelled)
            return new ReminderDecision.Never(NoReminderReason.Cancelled);
        if (now >= start)
            return new ReminderDecision.Never(NoReminderReason.Started);
        if (bookedAt >= dueAt)
            return new ReminderDecision.Never(NoReminderReason.BookedInsideLead);
        return now >= dueAt ? new ReminderDecision.Due(dueAt) : new ReminderDecision.NotYet(dueAt);
    }
}
