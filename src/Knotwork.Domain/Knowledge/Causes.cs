namespace Knotwork.Domain.Knowledge;

/// <summary>The five common ways a trigger point forms or is kept going (product.md).</summary>
public enum Cause
{
    /// <summary>Holding one position for long: desk work with raised shoulders, driving.</summary>
    SustainedPosture,

    /// <summary>The same movement again and again: running, cycling, swimming, typing.</summary>
    RepetitiveMotion,

    /// <summary>A sudden load beyond what the muscle is ready for: lifting too heavy, too fast.</summary>
    AcuteOverload,

    /// <summary>Emotional stress held in the body: clenched jaw, raised shoulders, shallow breathing.</summary>
    Stress,

    /// <summary>Other muscles taking over after an injury, so trigger points cascade.</summary>
    InjuryCompensation,
}

/// <summary>Slugs and labels of <see cref="Cause"/>.</summary>
public static class Causes
{
    /// <summary>Every cause, in product.md's order.</summary>
    public static IReadOnlyList<Cause> All { get; } = Enum.GetValues<Cause>();

    /// <summary>The cause's identifier in data and APIs, e.g. <c>sustained-posture</c>.</summary>
    public static string Slug(this Cause cause) => cause switch
    {
        Cause.SustainedPosture => "sustained-posture",
        Cause.RepetitiveMotion => "repetitive-motion",
        Cause.AcuteOverload => "acute-overload",
        Cause.Stress => "stress",
        Cause.InjuryCompensation => "injury-compensation",
        _ => throw new ArgumentOutOfRangeException(nameof(cause)),
    };

    /// <summary>A label for people.</summary>
    public static string Label(this Cause cause) => cause switch
    {
        Cause.SustainedPosture => "Sustained posture",
        Cause.RepetitiveMotion => "Repetitive motion",
        Cause.AcuteOverload => "Acute overload",
        Cause.Stress => "Stress",
        Cause.InjuryCompensation => "Injury compensation",
        _ => throw new ArgumentOutOfRangeException(nameof(cause)),
    };

    /// <summary>Parses a cause slug.</summary>
    public static bool TryParse(string? slug, out Cause cause)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(candidate.Slug(), slug?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                cause = candidate;
                return true;
            }
        }

        cause = default;
        return false;
    }
}

/// <summary>
/// Something in a person's life that the finder takes as context (desk work, running, stress, ...):
/// it belongs to one of the five <see cref="Cause"/>s and nudges muscles that it is known to overload.
/// </summary>
public sealed record ContextFactor(string Key, string Label, Cause Cause)
{
    /// <summary>Every context factor the finder understands, in the order a form shows them.</summary>
    public static IReadOnlyList<ContextFactor> All { get; } =
    [
        new("desk-work", "Desk work", Cause.SustainedPosture),
        new("phone-use", "Long phone or tablet use", Cause.SustainedPosture),
        new("driving", "Long drives", Cause.SustainedPosture),
        new("sleep-posture", "Awkward sleeping position", Cause.SustainedPosture),
        new("typing", "Typing or mouse work", Cause.RepetitiveMotion),
        new("running", "Running", Cause.RepetitiveMotion),
        new("cycling", "Cycling", Cause.RepetitiveMotion),
        new("swimming", "Swimming", Cause.RepetitiveMotion),
        new("racket-sports", "Racket sports", Cause.RepetitiveMotion),
        new("manual-work", "Manual work or gardening", Cause.RepetitiveMotion),
        new("crossfit", "CrossFit or circuit training", Cause.AcuteOverload),
        new("lifting", "Lifting heavy things", Cause.AcuteOverload),
        new("stress", "Stress", Cause.Stress),
        new("jaw-clenching", "Clenching or grinding the teeth", Cause.Stress),
        new("past-injury", "A past injury", Cause.InjuryCompensation),
        new("pregnancy", "Pregnancy or recent childbirth", Cause.SustainedPosture),
    ];

    /// <summary>Looks up a context key (case-insensitive).</summary>
    public static bool TryParse(string? key, out ContextFactor factor)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(candidate.Key, key?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                factor = candidate;
                return true;
            }
        }

        factor = null!;
        return false;
    }
}
