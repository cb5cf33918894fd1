using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Knotwork.Web.Security;

/// <summary>Security headers, HSTS and rate limits (see the methods).</summary>
internal static class SecurityExtensions
{
    /// <summary>HSTS max-age: a year (browsers and preload lists expect at least 180 days).</summary>
    public static readonly TimeSpan HstsMaxAge = TimeSpan.FromDays(365);

    /// <summary>
    /// Registers the security services: HSTS options, the rate-limit settings (<c>Knotwork:RateLimits</c>,
    /// checked at start-up) and the limiter with the policies of <see cref="RateLimitPolicies"/>.
    /// </summary>
    public static IServiceCollection AddSecurity(this IServiceCollection services)
    {
        services.AddHsts(options =>
        {
            options.MaxAge = HstsMaxAge;
            options.IncludeSubDomains = true;
        });

        services.AddOptions<RateLimitSettings>().BindConfiguration(RateLimitSettings.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RateLimitSettings>, RateLimitSettingsValidator>();
        services.AddSingleton<RateLimitRejection>();
        services.AddRateLimiter(options => options.RejectionStatusCode = StatusCodes.Status429TooManyRequests);
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitSettings>, RateLimitRejection>((options, settings, rejection) =>
        {
            options.OnRejected = rejection.WriteAsync;

            foreach (var (name, policy) in Policies(settings.Value))
            {
                options.AddPolicy(name, policy);
            }
        });
        return services;
    }

    /// <summary>
    /// Adds the security headers to every response, and outside development HSTS (browsers heed it on HTTPS
    /// responses only, and it is never sent to localhost); early in the pipeline.
    /// </summary>
    public static IApplicationBuilder UseSecurity(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (!app.ApplicationServices.GetRequiredService<IWebHostEnvironment>().IsDevelopment())
        {
            app.UseHsts();
        }

        return app.UseSecurityHeaders();
    }

    /// <summary>
    /// Adds the rate limiter, after UseRouting so endpoint policies apply; nothing at all when the settings turn
    /// the limits off (<see cref="RateLimitSettings.Enabled"/>).
    /// </summary>
    public static IApplicationBuilder UseRateLimits(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.ApplicationServices.GetRequiredService<IOptions<RateLimitSettings>>().Value.Enabled ? app.UseRateLimiter() : app;
    }

    /// <summary>The policies of <see cref="RateLimitPolicies"/> with these limits.</summary>
    internal static IEnumerable<(string Name, ClientAddressPolicy Policy)> Policies(RateLimitSettings limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        var finder = limits.Finder;
        yield return (RateLimitPolicies.FinderApi, new ClientAddressPolicy(
            _ => new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
            {
                TokenLimit = finder.TokenLimit,
                TokensPerPeriod = finder.TokensPerPeriod,
                ReplenishmentPeriod = finder.ReplenishmentPeriod,
                QueueLimit = 0,
            }),
            limits.ExemptLoopback,
            attemptsOnly: false));
        yield return (RateLimitPolicies.SignIn, new ClientAddressPolicy(_ => FixedWindow(limits.SignIn), limits.ExemptLoopback, attemptsOnly: true));
        yield return (RateLimitPolicies.Registration, new ClientAddressPolicy(_ => FixedWindow(limits.Registration), limits.ExemptLoopback, attemptsOnly: true));
    }

    private static FixedWindowRateLimiter FixedWindow(FixedWindowSettings window) => new(new FixedWindowRateLimiterOptions
    {
        PermitLimit = window.PermitLimit,
        Window = window.Window,
        QueueLimit = 0,
    });
}
