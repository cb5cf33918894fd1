namespace Knotwork.Domain.Clients;

/// <summary>What a client consents to.</summary>
public enum ConsentKind
{
    /// <summary>Consent to treatment: firm pressure on tender spots, stopped or lightened whenever the client asks.</summary>
    Treatment,

    /// <summary>The privacy terms: who sees the client's health information.</summary>
    Privacy,
}

/// <summary>Whether a client's consent of one kind covers the text in force.</summary>
public enum ConsentStatus
{
    /// <summary>Given to the text in force (or a later one).</summary>
    Current,

    /// <summary>Given, but to an earlier text: the client must agree to the one in force.</summary>
    Outdated,

    /// <summary>Never given.</summary>
    Missing,
}

/// <summary>A consent the client gave: which kind, which version of its text, and when (UTC).</summary>
public sealed record Consent(ConsentKind Kind, string Version, DateTime AgreedAtUtc);

/// <summary>One version of a consent text, in force from a day on (the practice's calendar).</summary>
/// <param name="Kind">What it is consent to.</param>
/// <param name="Version">Its version, as recorded with each consent (at most <see cref="Practice.FieldLimits.ConsentVersion"/> characters).</param>
/// <param name="InForceFrom">The first day this text is the one clients must have agreed to.</param>
/// <param name="Text">The words the client agrees to.</param>
public sealed record ConsentText(ConsentKind Kind, string Version, DateOnly InForceFrom, string Text);

/// <summary>
/// Every version of every consent text, oldest first. To change a text, add a version with the day it comes into
/// force; from that day every consent to an earlier version is <see cref="ConsentStatus.Outdated"/>. Never edit or
/// remove a published version: consents on record name it. The first version of each kind is in force from the
/// start (<see cref="DateOnly.MinValue"/>), so some text is always in force.
/// </summary>
public static class ConsentTexts
{
    /// <summary>All versions, oldest first within each kind.</summary>
    public static IReadOnlyList<ConsentText> All { get; } =
    [
        new(ConsentKind.Treatment, "2026-11", DateOnly.MinValue,
            "Trigger point work applies firm pressure to tender spots; you can ask your therapist to stop or lighten it at any time."),
        new(ConsentKind.Privacy, "2026-11", DateOnly.MinValue,
            "Your health information is seen only by you, your therapists and the practice owner, and every access is logged."),
    ];

    /// <summary>The text of <paramref name="kind"/> in force on <paramref name="today"/>: the latest whose day has come.</summary>
    /// <exception cref="ArgumentOutOfRangeException">No text of that kind was in force yet on that day.</exception>
    public static ConsentText InForce(ConsentKind kind, DateOnly today) => InForce(All, kind, today);

    /// <summary>Whether <paramref name="given"/> covers the text of its kind in force on <paramref name="today"/>.</summary>
    public static ConsentStatus StatusOf(Consent? given, ConsentKind kind, DateOnly today) => StatusOf(All, given, kind, today);

    /// <summary>As <see cref="InForce(ConsentKind, DateOnly)"/>, over a given list of versions (oldest first).</summary>
    internal static ConsentText InForce(IReadOnlyList<ConsentText> texts, ConsentKind kind, DateOnly today) =>
        texts.LastOrDefault(t => t.Kind == kind && t.InForceFrom <= today)
        ?? throw new ArgumentOutOfRangeException(nameof(today), today, $"No {kind} consent text was in force yet.");

    /// <summary>
    /// As <see cref="StatusOf(Consent?, ConsentKind, DateOnly)"/>, over a given list of versions (oldest first). A
    /// consent to a version the list does not hold counts as outdated: nobody can say what it agreed to.
    /// </summary>
    internal static ConsentStatus StatusOf(IReadOnlyList<ConsentText> texts, Consent? given, ConsentKind kind, DateOnly today)
    {
        if (given is null)
        {
            return ConsentStatus.Missing;
        }

        if (given.Kind != kind)
        {
            throw new ArgumentException($"A {given.Kind} consent is not a {kind} consent.", nameof(given));
        }

        var versions = texts.Where(t => t.Kind == kind).Select(t => t.Version).ToList();
        var agreed = versions.IndexOf(given.Version);
        var inForce = versions.IndexOf(InForce(texts, kind, today).Version);
        return agreed >= inForce ? ConsentStatus.Current : ConsentStatus.Outdated;
    }
}
