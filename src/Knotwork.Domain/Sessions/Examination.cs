namespace Knotwork.Domain.Sessions;

/// <summary>
/// What the therapist found at a point, as taps on the chart. Any combination may be recorded; what it means is
/// decided by <see cref="Examination.Classify"/>.
/// </summary>
[Flags]
public enum Signs
{
    /// <summary>Nothing found.</summary>
    None = 0,

    /// <summary>A taut band: a tight cord across the fibres.</summary>
    TautBand = 1,

    /// <summary>A hypersensitive spot (the tender nodule) in the band.</summary>
    TenderSpot = 2,

    /// <summary>Pressure on the point sends pain to a distant place.</summary>
    ReferredPain = 4,

    /// <summary>The client recognises the pain as their own, familiar complaint.</summary>
    RecognisedPain = 8,

    /// <summary>A local twitch response (a brief contraction of the band when it is snapped or needled).</summary>
    LocalTwitch = 16,
}

/// <summary>What a charted point is, by the examination's findings.</summary>
public enum PointStatus
{
    /// <summary>Fewer than two of the essential signs: a tender place, not a confirmed trigger point.</summary>
    NotConfirmed,

    /// <summary>A trigger point that does not reproduce the client's familiar pain.</summary>
    Latent,

    /// <summary>A trigger point that reproduces the client's familiar pain.</summary>
    Active,
}

/// <summary>
/// The rule for reading an examination, from the 2018 international Delphi consensus (Fernández-de-las-Peñas and
/// Dommerholt, Pain Medicine 2018;19(1):142-150): a trigger point is confirmed by at least two of a taut band, a
/// hypersensitive spot and referred pain; it is active when it reproduces the client's familiar pain, latent when it
/// does not. The local twitch response is recorded but confirms nothing on its own: it is the least reliable sign
/// between examiners (Lucas et al., Clin J Pain 2009;25(1):80-89).
/// </summary>
public static class Examination
{
    /// <summary>Where the rule comes from, for the chart's "why" text.</summary>
    public const string Source = "Fernández-de-las-Peñas C, Dommerholt J. International consensus on diagnostic criteria and clinical considerations of myofascial trigger points: a Delphi study. Pain Med. 2018;19(1):142-150.";

    /// <summary>How many of the essential signs confirm a trigger point.</summary>
    public const int EssentialSignsNeeded = 2;

    /// <summary>The status the <paramref name="signs"/> give a point.</summary>
    public static PointStatus Classify(Signs signs)
    {
        if (EssentialCount(signs) < EssentialSignsNeeded)
            return PointStatus.NotConfirmed;
        return signs.HasFlag(Signs.RecognisedPain) ? PointStatus.Active : PointStatus.Latent;
    }

    /// <summary>How many of the three essential signs (taut band, tender spot, referred pain) were found.</summary>
    public static int EssentialCount(Signs signs) =>
        (signs.HasFlag(Signs.TautBand) ? 1 : 0) + (signs.HasFlag(Signs.TenderSpot) ? 1 : 0) + (signs.HasFlag(Signs.ReferredPain) ? 1 : 0);

    /// <summary>The status in a few words for the chart and the SOAP note.</summary>
    public static string Describe(PointStatus status) => status switch
    {
        PointStatus.Active => "active (reproduces the client's familiar pain)",
        PointStatus.Latent => "latent (a trigger point that does not reproduce the familiar pain)",
        PointStatus.NotConfirmed => "not confirmed (fewer than two of taut band, tender spot and referred pain)",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown point status."),
    };
}
