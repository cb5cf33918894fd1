namespace Knotwork.Web.Security;

/// <summary>
/// The names of the rate-limit policies, for <c>.RequireRateLimiting(...)</c> on an endpoint or
/// <c>[EnableRateLimiting(...)]</c> on a page model. Every policy counts per client address (an IPv6 client
/// per /64), and by default leaves loopback clients alone (see <see cref="RateLimitSettings.ExemptLoopback"/>);
/// the limits come from the <c>Knotwork:RateLimits</c> settings.
/// </summary>
internal static class RateLimitPolicies
{
    /// <summary>The finder API (GET and POST <c>/api/finder</c>): a token bucket, every request counts.</summary>
    public const string FinderApi = "finder-api";

    /// <summary>
    /// The public booking API's changes (<c>POST /api/bookings</c> and <c>POST /api/bookings/{id}/cancel</c>): a
    /// token bucket like the finder's, smaller, since a person books or cancels a few times, not hundreds.
    /// </summary>
    public const string BookingApi = "booking-api";

    /// <summary>
    /// Sign-in attempts: a fixed window. Only attempts count (POST and other non-GET, non-HEAD requests), so
    /// showing the sign-in form never uses up a client's attempts.
    /// </summary>
    public const string SignIn = "sign-in";

    /// <summary>Account registrations: a fixed window; like <see cref="SignIn"/>, only form posts count.</summary>
    public const string Registration = "registration";
}
