using NodaTime;

namespace Knotwork.Domain.Sessions;

/// <summary>
/// When the check-in after a visit is sent: two days after the visit ends, at the same local time (so a 3 pm visit
/// is asked about at 3 pm, across a daylight-saving change too), moved into the client's waking hours: an evening
/// visit's check-in goes the next morning at <see cref="MorningAt"/>, and an early one waits until then. Soreness
/// after trigger point work usually lasts 24-48 hours (Cambron et al. 2007: most discomfort starts within 12 hours
/// and lasts 36 hours or less), so the answer tells how the visit really went.
/// </summary>
public static class CheckInSchedule
{
    /// <summary>Where the timing comes from.</summary>
    public const string Source = "Cambron JA, Dexheimer J, Coe P, Swenson R. Side-effects of massage therapy: a cross-sectional study of 100 clients. J Altern Complement Med. 2007;13(8):793-796.";

    /// <summary>How many days after the visit the check-in goes.</summary>
    public const int DaysAfter = 2;

    /// <summary>The earliest local time a check-in is sent.</summary>
    public static readonly LocalTime MorningAt = new(9, 0);

    /// <summary>The latest local time a check-in is sent; later ones move to the next morning.</summary>
    public static readonly LocalTime EveningBy = new(20, 0);

    /// <summary>When to send the check-in for a visit that ended at <paramref name="visitEnd"/> (in the practice's zone).</summary>
    public static ZonedDateTime DueAfter(ZonedDateTime visitEnd)
    {
        var zone = visitEnd.Zone;
        var local = visitEnd.LocalDateTime.PlusDays(DaysAfter);
        if (local.TimeOfDay < MorningAt)
            local = local.Date + MorningAt;
        else if (local.TimeOfDay > EveningBy)
            local = local.Date.PlusDays(1) + MorningAt;
        return zone.AtLeniently(local);
    }
}
