using Knotwork.Domain.Anatomy;
using Knotwork.Domain.Knowledge;
using NodaTime;

namespace Knotwork.Domain.Sessions;

/// <summary>Work done on the muscle around a point after it was released: the chart's short pick list.</summary>
public enum FollowUpWork
{
    /// <summary>Long gliding strokes along the fibres, to bring blood back.</summary>
    Stroking,

    /// <summary>Kneading the muscle.</summary>
    Kneading,

    /// <summary>Friction across the fibres.</summary>
    CrossFibre,

    /// <summary>A passive or assisted stretch to restore length.</summary>
    Stretch,

    /// <summary>The client moves the muscle through its range.</summary>
    ActiveMovement,

    /// <summary>Moist heat on the area.</summary>
    Heat,
}

/// <summary>
/// One trigger point as charted at the table, made on the therapist's phone: the id is made there too, so a retried
/// or repeated sync stores it once, and a later edit of the same entry (a newer <see cref="RecordedAt"/>) replaces it.
/// </summary>
public sealed record ChartEntry
{
    /// <summary>Made by the phone when the point is first tapped; unique for ever.</summary>
    public required Guid Id { get; init; }

    /// <summary>The point's full id, <c>MUSCLE/POINT</c>.</summary>
    public required string TriggerPointId { get; init; }

    /// <summary>The side of the body worked (midline for a midline muscle).</summary>
    public required Side Side { get; init; }

    /// <summary>What was found.</summary>
    public required Signs Signs { get; init; }

    /// <summary>The pressure the client tolerated, 0-10, or null when not recorded.</summary>
    public int? PressureTolerance { get; init; }

    /// <summary>How pressure release ended, or null when it was not timed.</summary>
    public ReleaseOutcome? Release { get; init; }

    /// <summary>The work done around the point after release.</summary>
    public IReadOnlyList<FollowUpWork> FollowUp { get; init; } = [];

    /// <summary>Minutes spent on the point and its muscle, or null.</summary>
    public int? Minutes { get; init; }

    /// <summary>When the therapist last changed the entry, by the phone's clock.</summary>
    public required Instant RecordedAt { get; init; }

    /// <summary>What the examination makes of the point.</summary>
    public PointStatus Status => Examination.Classify(Signs);

    /// <summary>The longest time the chart accepts for one point: 90 minutes.</summary>
    public const int MostMinutes = 90;

    /// <summary>
    /// What is wrong with this entry against <paramref name="knowledge"/>, as field and message pairs; empty when it
    /// can be stored. <paramref name="now"/> bounds <see cref="RecordedAt"/>: an entry from the future (more than a
    /// day ahead, allowing for a phone's wrong clock) is refused.
    /// </summary>
    public IReadOnlyList<(string Field, string Message)> Problems(KnowledgeBase knowledge, Instant now)
    {
        ArgumentNullException.ThrowIfNull(knowledge);
        var problems = new List<(string, string)>();
        if (Id == Guid.Empty)
            problems.Add(("id", "Each entry needs its own id, made on the device."));
        if (!knowledge.TryGetTriggerPoint(TriggerPointId, out var point))
        {
            problems.Add(("triggerPoint", $"There is no trigger point '{Shorten(TriggerPointId)}'; use MUSCLE/POINT as /api/muscles lists them."));
        }
        else
        {
            var midlineMuscle = point.Location.All(r => r.Reach == Reach.Midline);
            if (!Enum.IsDefined(Side) || (Side == Side.Midline) != midlineMuscle)
                problems.Add(("side", midlineMuscle ? "This point is on the midline: its side is 'midline'." : "Say which side was worked: 'left' or 'right'."));
        }

        if ((int)Signs is < 0 or > 31)
            problems.Add(("signs", "Unknown signs."));
        if (PressureTolerance is < 0 or > 10)
            problems.Add(("pressureTolerance", "Pressure tolerance is 0 to 10."));
        if (Release is { } release && (release.Held <= Duration.Zero || release.Held > PressureRelease.LongestHold))
            problems.Add(("release", "A hold lasts more than 0 seconds and at most 10 minutes."));
        if (FollowUp.Any(f => !Enum.IsDefined(f)))
            problems.Add(("followUp", "Unknown follow-up work."));
        if (Minutes is < 0 or > MostMinutes)
            problems.Add(("minutes", $"Minutes are 0 to {MostMinutes}."));
        if (RecordedAt > now + Duration.FromDays(1))
            problems.Add(("recordedAt", "The entry's time is in the future: check the device's clock."));
        return problems;
    }

    private static string Shorten(string? text) => text is null ? "" : text.Length <= 60 ? text : text[..60] + "…";
}
