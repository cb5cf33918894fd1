using Microsoft.AspNetCore.Authentication.Cookies;

namespace Knotwork.Web.Security;

/// <summary>
/// Names a cookie <c>__Host-NAME</c> on HTTPS requests (directly, or through a trusted proxy that says so) and
/// <c>NAME</c> over plain HTTP. Browsers accept a <c>__Host-</c> cookie only when it is <c>Secure</c>, has
/// <c>Path=/</c> and no <c>Domain</c>, so it cannot be set by plain HTTP, by another path or by a sibling
/// subdomain; this manager makes sure of all three. Plain HTTP (development on http://127.0.0.1:5080, the in-memory
/// tests) keeps the bare name, which a browser would refuse with the prefix.
/// </summary>
/// <param name="inner">Reads and writes the cookie under its chosen name (usually a <see cref="ChunkingCookieManager"/>).</param>
internal sealed class HostPrefixCookieManager(ICookieManager inner) : ICookieManager
{
    /// <summary>The prefix.</summary>
    public const string Prefix = "__Host-";

    /// <summary>The name the cookie <paramref name="key"/> has on this request.</summary>
    public static string NameFor(HttpRequest request, string key)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.IsHttps && !key.StartsWith(Prefix, StringComparison.Ordinal) ? Prefix + key : key;
    }

    public string? GetRequestCookie(HttpContext context, string key)
    {
        ArgumentNullException.ThrowIfNull(context);
        return inner.GetRequestCookie(context, NameFor(context.Request, key));
    }

    public void AppendResponseCookie(HttpContext context, string key, string? value, CookieOptions options)
    {
        ArgumentNullException.ThrowIfNull(context);
        inner.AppendResponseCookie(context, NameFor(context.Request, key), value, HostOnly(context.Request, options));
    }

    public void DeleteCookie(HttpContext context, string key, CookieOptions options)
    {
        ArgumentNullException.ThrowIfNull(context);
        inner.DeleteCookie(context, NameFor(context.Request, key), HostOnly(context.Request, options));
    }

    private static CookieOptions HostOnly(HttpRequest request, CookieOptions options) =>
        request.IsHttps ? new CookieOptions(options) { Secure = true, Path = "/", Domain = null } : options;
}
