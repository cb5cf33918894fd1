using NodaTime;

namespace Knotwork.Domain.Booking;

/// <summary>
/// Whether a client may cancel a visit online: only before <see cref="BookingPolicies.CancellationWindow"/> (default
/// 24 hours) ahead of its start. Inside the window the client is asked to contact the practice, and the
/// <see cref="BookingPolicies.LateCancellationFee"/> is mentioned (recorded, never charged here).
/// </summary>
public static class OnlineCancellation
{
    /// <summary>Null when a visit starting at <paramref name="start"/> can be cancelled online at <paramref name="now"/>; else what to tell the client.</summary>
    public static string? Refusal(BookingPolicies policies, Instant start, Instant now)
    {
        ArgumentNullException.ThrowIfNull(policies);
        if (start - now >= policies.CancellationWindow)
            return null;
        var window = policies.CancellationWindow;
        var within = window.TotalHours >= 1 && window.Minutes == 0 ? $"{(int)window.TotalHours} hours" : $"{(int)window.TotalMinutes} minutes";
        var fee = policies.LateCancellationFee > 0 ? $" A late-cancellation fee of ${policies.LateCancellationFee:0.00} may apply." : "";
        return $"Your visit starts in less than {within}, so it can no longer be cancelled online: please call or e-mail the practice.{fee}";
    }
}
