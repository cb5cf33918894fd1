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
    /// Adds the headers to every response as the request comes in (cheaper than a callback when the response starts),
    /// so they are there however it is produced: an endpoint, a static file, the status-code pages. The one thing
    /// that clears a response, the exception handler, writes a ProblemDetails answer, and <see cref="Apply"/> runs
    /// again as that answer is written (see AddApi). A header an endpoint sets itself replaces the default.
    /// </summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use(static (context, next) =>
        {
            Apply(context.Response.Headers);
            return next(context);
        });

    /// <summary>Adds each header that is not there yet.</summary>
    public static void Apply(IHeaderDictionary headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        foreach (var (name, value) in All)
        {
            headers.TryAdd(name, value);
        }
    }
}
