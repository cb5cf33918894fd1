using NodaTime;

namespace Knotwork.Domain.Sessions;

/// <summary>How sustained pressure on a point ended: it softened after a time, or the therapist stopped without a release.</summary>
public abstract record ReleaseOutcome
{
    private ReleaseOutcome()
    {
    }

    /// <summary>The point softened after <paramref name="After"/> of sustained pressure.</summary>
    public sealed record Released(Duration After) : ReleaseOutcome;

    /// <summary>The therapist held for <paramref name="StoppedAfter"/> and the point did not soften.</summary>
    public sealed record DidNotRelease(Duration StoppedAfter) : ReleaseOutcome;

    /// <summary>How long pressure was held, whatever came of it.</summary>
    public Duration Held => this switch
    {
        Released r => r.After,
        DidNotRelease d => d.StoppedAfter,
        _ => throw new InvalidOperationException("Unknown release outcome."),
    };
}

/// <summary>Where a release time falls against the usual range.</summary>
public enum ReleaseSpeed
{
    /// <summary>Softened sooner than the usual range.</summary>
    Quick,

    /// <summary>Within the usual range.</summary>
    Usual,

    /// <summary>Took longer than the usual range.</summary>
    Slow,
}

/// <summary>
/// Trigger point pressure release: press to the first barrier, hold until the tension eases, take up the slack. It
/// usually softens within 30 seconds to 2 minutes (Simons, Travell and Simons, Myofascial Pain and Dysfunction: The
/// Trigger Point Manual, vol. 1, 2nd ed., 1999); the release timer shows that range while it runs. A point that does
/// not release may be too irritable, the pressure may be wrong, or perpetuating factors may remain.
/// </summary>
public static class PressureRelease
{
    /// <summary>Where the range comes from.</summary>
    public const string Source = "Simons DG, Travell JG, Simons LS. Myofascial Pain and Dysfunction: The Trigger Point Manual, vol. 1, 2nd ed. Williams & Wilkins, 1999.";

    /// <summary>The start of the usual range: 30 seconds.</summary>
    public static readonly Duration UsualFrom = Duration.FromSeconds(30);

    /// <summary>The end of the usual range: 2 minutes.</summary>
    public static readonly Duration UsualTo = Duration.FromMinutes(2);

    /// <summary>The longest hold the chart accepts (a timer left running is a mistake, not a release): 10 minutes.</summary>
    public static readonly Duration LongestHold = Duration.FromMinutes(10);

    /// <summary>Where <paramref name="held"/> falls against the usual range.</summary>
    public static ReleaseSpeed SpeedOf(Duration held) =>
        held < UsualFrom ? ReleaseSpeed.Quick : held > UsualTo ? ReleaseSpeed.Slow : ReleaseSpeed.Usual;

    /// <summary>
    /// The outcome of a timer started at <paramref name="started"/> and stopped at <paramref name="stopped"/>, or null
    /// when the times cannot be a hold (stopped before it started, or longer than <see cref="LongestHold"/>).
    /// </summary>
    public static ReleaseOutcome? FromTimer(Instant started, Instant stopped, bool softened)
    {
        var held = stopped - started;
        if (held <= Duration.Zero || held > LongestHold)
            return null;
        return softened ? new ReleaseOutcome.Released(held) : new ReleaseOutcome.DidNotRelease(held);
    }

    /// <summary>The outcome in words, e.g. "released after 45 s (within the usual 30 s to 2 min)".</summary>
    public static string Describe(ReleaseOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var held = Format(outcome.Held);
        return outcome switch
        {
            ReleaseOutcome.Released => SpeedOf(outcome.Held) switch
            {
                ReleaseSpeed.Quick => $"released after {held} (sooner than the usual 30 s to 2 min)",
                ReleaseSpeed.Slow => $"released after {held} (longer than the usual 30 s to 2 min)",
                _ => $"released after {held} (within the usual 30 s to 2 min)",
            },
            _ => $"did not release after {held}",
        };
    }

    /// <summary>A hold in the chart's words: "45 s", "1 min 20 s", "2 min".</summary>
    public static string Format(Duration held)
    {
        var seconds = (long)Math.Round(held.TotalSeconds);
        var (minutes, rest) = (seconds / 60, seconds % 60);
        return minutes == 0 ? $"{rest} s" : rest == 0 ? $"{minutes} min" : $"{minutes} min {rest} s";
    }
}
