using Microsoft.Extensions.Options;

namespace Knotwork.Web.Security;

/// <summary>
/// The rate limits, from the <c>Knotwork:RateLimits</c> settings (environment <c>Knotwork__RateLimits__...</c>);
/// a key left out keeps its default. Read once at start-up and checked then.
/// </summary>
/// <example>
/// <c>Knotwork:RateLimits:ExemptLoopback=false</c>, <c>Knotwork:RateLimits:Finder:TokenLimit=20</c>,
/// <c>Knotwork:RateLimits:SignIn:Window=00:05:00</c>.
/// </example>
internal sealed class RateLimitSettings
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Knotwork:RateLimits";

    /// <summary>
    /// Whether clients on this machine are never limited (default true): loopback addresses (127.0.0.0/8, ::1)
    /// and connections without an IP address (a Unix socket, the in-process test server). The load test and the
    /// browser tests talk to the app over loopback at rates no person reaches. Behind a reverse proxy on the same
    /// machine every client looks local unless the proxy is trusted (<see cref="ProxySettings"/>, then each client
    /// has its own address again); without that, set this to false.
    /// </summary>
    public bool ExemptLoopback { get; set; } = true;

    /// <summary>
    /// Whether the rate limits apply at all (default true). Set false only where something in front of the app
    /// already limits (a proxy's own limits) or to measure the bare pipeline: then no limiter runs on any request.
    /// </summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The finder API: bursts of 100 requests, then 10 a second, per client.</summary>
    public TokenBucketSettings Finder { get; set; } = new() { TokenLimit = 100, TokensPerPeriod = 10, ReplenishmentPeriod = TimeSpan.FromSeconds(1) };

    /// <summary>Booking and cancelling through the API: bursts of 10 requests, then one every 6 seconds, per client.</summary>
    public TokenBucketSettings Booking { get; set; } = new() { TokenLimit = 10, TokensPerPeriod = 1, ReplenishmentPeriod = TimeSpan.FromSeconds(6) };

    /// <summary>Sign-in attempts: 10 a minute per client.</summary>
    public FixedWindowSettings SignIn { get; set; } = new() { PermitLimit = 10, Window = TimeSpan.FromMinutes(1) };

    /// <summary>Registrations: 5 in 10 minutes per client.</summary>
    public FixedWindowSettings Registration { get; set; } = new() { PermitLimit = 5, Window = TimeSpan.FromMinutes(10) };
}

/// <summary>A token bucket: up to <see cref="TokenLimit"/> requests at once, refilled by <see cref="TokensPerPeriod"/> every <see cref="ReplenishmentPeriod"/>.</summary>
internal sealed class TokenBucketSettings
{
    /// <summary>The bucket's size: the largest burst.</summary>
    public int TokenLimit { get; set; }

    /// <summary>The tokens added each period: the sustained rate.</summary>
    public int TokensPerPeriod { get; set; }

    /// <summary>How often tokens are added.</summary>
    public TimeSpan ReplenishmentPeriod { get; set; }
}

/// <summary>A fixed window: up to <see cref="PermitLimit"/> requests in each <see cref="Window"/>.</summary>
internal sealed class FixedWindowSettings
{
    /// <summary>The requests allowed in a window.</summary>
    public int PermitLimit { get; set; }

    /// <summary>The window's length.</summary>
    public TimeSpan Window { get; set; }
}

/// <summary>Checks the settings at start-up, naming the key to fix, instead of failing on a client's first request.</summary>
internal sealed class RateLimitSettingsValidator : IValidateOptions<RateLimitSettings>
{
    public ValidateOptionsResult Validate(string? name, RateLimitSettings options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        Bucket(failures, RateLimitSettings.Section + ":Finder:", options.Finder);
        Bucket(failures, RateLimitSettings.Section + ":Booking:", options.Booking);
        Window(failures, RateLimitSettings.Section + ":SignIn:", options.SignIn);
        Window(failures, RateLimitSettings.Section + ":Registration:", options.Registration);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Bucket(List<string> failures, string prefix, TokenBucketSettings bucket)
    {
        Positive(failures, prefix + "TokenLimit", bucket.TokenLimit);
        Positive(failures, prefix + "TokensPerPeriod", bucket.TokensPerPeriod);
        Positive(failures, prefix + "ReplenishmentPeriod", bucket.ReplenishmentPeriod);
    }

    private static void Window(List<string> failures, string prefix, FixedWindowSettings window)
    {
        Positive(failures, prefix + "PermitLimit", window.PermitLimit);
        Positive(failures, prefix + "Window", window.Window);
    }

    private static void Positive(List<string> failures, string key, int value)
    {
        if (value < 1)
        {
            failures.Add($"{key} is {value}; it must be a whole number of 1 or more.");
        }
    }

    private static void Positive(List<string> failures, string key, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            failures.Add($"{key} is {value}; it must be a positive duration such as 00:01:00 (one minute).");
        }
    }
}
