using Microsoft.Extensions.Primitives;

namespace Knotwork.Web.Security;

/// <summary>
/// The headers every response carries: pages, API answers, the OpenAPI document, static files and errors.
/// </summary>
internal static class SecurityHeaders
{
    /// <summary>
    /// Only the app's own scripts, styles, fonts and fetches; images also as <c>data:</c> URLs; no plugins, no
    /// framing, forms post only to the app. No <c>'unsafe-inline'</c>: the pages have no inline script, style
    /// element or style attribute (the body map is drawn with SVG attributes and classes).
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>
    /// Other sites see only the origin, never the path or query: finder URLs carry the places a person hurts
    /// (<c>/finder?regions=chest.l,...</c>). Unlike <c>no-referrer</c>, this keeps a true <c>Origin</c> header on
    /// the app's own form posts, which cross-site request checks may rely on.
    /// </summary>
    public const string ReferrerPolicy = "strict-origin-when-cross-origin";

    /// <summary>The app uses no camera, microphone or location, and neither may anything it is embedded with.</summary>
    public const string PermissionsPolicy = "camera=(), microphone=(), geolocation=()";

    private static readonly (string Name, StringValues Value)[] All =
    [
        ("Content-Security-Policy", ContentSecurityPolicy),
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", ReferrerPolicy),
        ("X-Frame-Options", "DENY"),
        ("Permissions-Policy", PermissionsPolicy),
        ("Cross-Origin-Opener-Policy", "same-origin"),
    ];

    /// <summary>
    /// Adds the headers just before each response starts, so they are there however it was produced (an endpoint,
    /// a static file, the status-code pages, the exception handler after it cleared the response). A header an
    /// endpoint set itself is kept.
    /// </summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use(static (context, next) =>
        {
            context.Response.OnStarting(static state =>
            {
                var headers = ((HttpResponse)state).Headers;
                foreach (var (name, value) in All)
                {
                    headers.TryAdd(name, value);
                }

                return Task.CompletedTask;
            }, context.Response);
            return next(context);
        });
}
