using System.Threading.RateLimiting;
using Microsoft.AspNetCore.HostFiltering;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace Knotwork.Web.Security;

/// <summary>Security headers, HSTS, rate limits, trusted proxies and the public address (see the methods).</summary>
internal static class SecurityExtensions
{
    /// <summary>HSTS max-age: a year (browsers and preload lists expect at least 180 days).</summary>
    public static readonly TimeSpan HstsMaxAge = TimeSpan.FromDays(365);

    /// <summary>
    /// Registers the security services: HSTS options, the rate-limit settings (<c>Knotwork:RateLimits</c>,
    /// checked at start-up) and the limiter with the policies of <see cref="RateLimitPolicies"/>; Kestrel without
    /// its <c>Server</c> header (it names the software to an attacker and tells a visitor nothing), and the
    /// anti-forgery cookie <c>Secure</c> whenever the request is HTTPS.
    /// </summary>
    public static IServiceCollection AddSecurity(this IServiceCollection services)
    {
        services.Configure<KestrelServerOptions>(options => options.AddServerHeader = false);
        services.AddAntiforgery(options => options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);
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
    /// Registers what depends on where the app is reached: the reverse proxies whose forwarded headers are believed
    /// (<see cref="ProxySettings"/>), the public base URL that e-mail links are built from (<see cref="PublicLinks"/>;
    /// required outside development), and outside development, when <c>AllowedHosts</c> is <c>*</c>, only the public
    /// host and this machine's names as allowed hosts, so a request with a forged <c>Host</c> is refused with 400.
    /// </summary>
    /// <exception cref="InvalidOperationException">A setting is wrong or missing; the message names it.</exception>
    public static IServiceCollection AddPublicAddress(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var proxies = ProxySettings.From(configuration);
        services.AddSingleton(proxies);
        if (proxies.IsConfigured)
        {
            services.Configure<ForwardedHeadersOptions>(options =>
            {
                // One proxy in front: the last X-Forwarded-For entry is the address that proxy saw, and only a listed
                // proxy is believed. The defaults (loopback) are cleared so only the configured ones count; the
                // lists are never left empty, which the middleware would take as "believe everyone".
                options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
                options.ForwardLimit = 1;
                options.KnownProxies.Clear();
                options.KnownIPNetworks.Clear();
                foreach (var proxy in proxies.KnownProxies)
                {
                    options.KnownProxies.Add(proxy);
                }

                foreach (var network in proxies.KnownNetworks)
                {
                    options.KnownIPNetworks.Add(network);
                }
            });
        }

        var links = PublicLinks.From(configuration, environment);
        services.AddSingleton(links);
        if (!environment.IsDevelopment() && links.BaseUrl is { } publicUrl)
        {
            // After the host's own PostConfigure, which turns an absent or "*" AllowedHosts into ["*"].
            services.PostConfigure<HostFilteringOptions>(options =>
            {
                if (options.AllowedHosts.Count == 0 || options.AllowedHosts.All(h => h == "*"))
                {
                    options.AllowedHosts = [publicUrl.IdnHost, "localhost", "127.0.0.1", "[::1]"];
                }
            });
        }

        return services;
    }

    /// <summary>
    /// Takes the client's address and scheme from <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> when a trusted
    /// proxy sent them, so rate limits, the audit trail, HSTS and <c>Secure</c> cookies see the real client and
    /// HTTPS; first in the pipeline. Without configured proxies nothing is added, and an API call pays nothing.
    /// </summary>
    public static IApplicationBuilder UseForwardedHeadersFromProxies(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.ApplicationServices.GetRequiredService<ProxySettings>().IsConfigured ? app.UseForwardedHeaders() : app;
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
        yield return (RateLimitPolicies.FinderApi, new ClientAddressPolicy(_ => TokenBucket(limits.Finder), limits.ExemptLoopback, attemptsOnly: false));
        yield return (RateLimitPolicies.BookingApi, new ClientAddressPolicy(_ => TokenBucket(limits.Booking), limits.ExemptLoopback, attemptsOnly: false));
        yield return (RateLimitPolicies.SignIn, new ClientAddressPolicy(_ => FixedWindow(limits.SignIn), limits.ExemptLoopback, attemptsOnly: true));
        yield return (RateLimitPolicies.Registration, new ClientAddressPolicy(_ => FixedWindow(limits.Registration), limits.ExemptLoopback, attemptsOnly: true));
    }

    private static TokenBucketRateLimiter TokenBucket(TokenBucketSettings bucket) => new(new TokenBucketRateLimiterOptions
    {
        TokenLimit = bucket.TokenLimit,
        TokensPerPeriod = bucket.TokensPerPeriod,
        ReplenishmentPeriod = bucket.ReplenishmentPeriod,
        QueueLimit = 0,
    });

    private static FixedWindowRateLimiter FixedWindow(FixedWindowSettings window) => new(new FixedWindowRateLimiterOptions
    {
        PermitLimit = window.PermitLimit,
        Window = window.Window,
        QueueLimit = 0,
    });
}
