using NodaTime;

namespace Knotwork.Domain.Events;

/// <summary>An employee waiting for a slot of a full event.</summary>
/// <param name="Id">The entry's id (a tie-break when two joined at the same instant, compared ordinally).</param>
/// <param name="Email">The employee's e-mail address.</param>
/// <param name="JoinedAt">When they joined the waiting list.</param>
public sealed record WaitingEntry(string Id, string Email, Instant JoinedAt);

/// <summary>
/// The waiting list rule: a freed slot goes to the person who has waited longest (earliest <see cref="WaitingEntry.JoinedAt"/>,
/// then the smaller id), skipping anyone who has meanwhile got a slot of the event. Any freed slot will do: the
/// list is for the event, not for a chair or a time. A slot that has already started goes to nobody.
/// </summary>
public static class WaitingList
{
    /// <summary>The entries in the order they are served.</summary>
    public static IReadOnlyList<WaitingEntry> InOrder(IEnumerable<WaitingEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        return [.. entries.OrderBy(e => e.JoinedAt).ThenBy(e => e.Id, StringComparer.Ordinal)];
    }

    /// <summary>
    /// Who gets <paramref name="freed"/> as of <paramref name="now"/>: the first of <paramref name="waiting"/> in order
    /// whose e-mail address (compared without case) is not among <paramref name="emailsWithASlot"/>; null when nobody
    /// waits or the slot has started.
    /// </summary>
    public static WaitingEntry? NextFor(EventSlot freed, IEnumerable<WaitingEntry> waiting, IEnumerable<string> emailsWithASlot, Instant now)
    {
        ArgumentNullException.ThrowIfNull(freed);
        ArgumentNullException.ThrowIfNull(waiting);
        ArgumentNullException.ThrowIfNull(emailsWithASlot);
        if (freed.Start.ToInstant() <= now)
            return null;
        var holding = emailsWithASlot.Select(e => e.Trim()).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return InOrder(waiting).FirstOrDefault(e => !holding.Contains(e.Email.Trim()));
    }
}
