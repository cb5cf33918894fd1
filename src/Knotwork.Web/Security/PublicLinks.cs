namespace Knotwork.Web.Security;

/// <summary>
/// The app's address as people reach it (<c>Knotwork:PublicBaseUrl</c>, such as <c>https://book.example.com</c>),
/// from which every link sent out of the app (e-mail) is built: never from the request's <c>Host</c> header, which
/// anyone can forge to make a confirmation or invitation link point to their own site.
/// </summary>
/// <remarks>
/// Required outside development (the app refuses to start without it). In development, without it, links use the
/// request's own scheme and host, so <c>dotnet run</c> on http://127.0.0.1:5080 works with no settings.
/// </remarks>
internal sealed class PublicLinks
{
    /// <summary>The setting (environment <c>Knotwork__PublicBaseUrl</c>).</summary>
    public const string Setting = "Knotwork:PublicBaseUrl";

    /// <param name="baseUrl">The public origin (scheme, host and port only), or null to use each request's.</param>
    public PublicLinks(Uri? baseUrl)
    {
        if (baseUrl is not null && (!baseUrl.IsAbsoluteUri || baseUrl.Scheme is not ("https" or "http")))
        {
            throw new ArgumentException("The public base URL must be an absolute http or https URL.", nameof(baseUrl));
        }

        BaseUrl = baseUrl is null ? null : new Uri(baseUrl.GetLeftPart(UriPartial.Authority));
    }

    /// <summary>The configured public origin, or null in development without the setting.</summary>
    public Uri? BaseUrl { get; }

    /// <summary>
    /// The absolute address of <paramref name="pathAndQuery"/> (which starts with <c>/</c>): on the configured public
    /// origin, or without one on the origin <paramref name="request"/> came to.
    /// </summary>
    public string To(HttpRequest request, string pathAndQuery)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrEmpty(pathAndQuery);
        if (pathAndQuery[0] != '/')
        {
            throw new ArgumentException("A link's path must start with '/'.", nameof(pathAndQuery));
        }

        return BaseUrl is null
            ? $"{request.Scheme}://{request.Host}{request.PathBase}{pathAndQuery}"
            : BaseUrl.GetLeftPart(UriPartial.Authority) + pathAndQuery;
    }

    /// <summary>
    /// The address of <paramref name="pathAndQuery"/> for a message sent outside any request (a reminder): absolute on
    /// the configured public origin; without one, which only development allows, the path alone.
    /// </summary>
    public string ToWithoutRequest(string pathAndQuery)
    {
        ArgumentException.ThrowIfNullOrEmpty(pathAndQuery);
        if (pathAndQuery[0] != '/')
        {
            throw new ArgumentException("A link's path must start with '/'.", nameof(pathAndQuery));
        }

        return BaseUrl is null ? pathAndQuery : BaseUrl.GetLeftPart(UriPartial.Authority) + pathAndQuery;
    }

    /// <summary>Reads and checks <see cref="Setting"/>.</summary>
    /// <exception cref="InvalidOperationException">
    /// The value is not a plain http(s) origin, or it is missing outside development; the message says what to set.
    /// </exception>
    public static PublicLinks From(IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        var text = configuration[Setting];
        if (string.IsNullOrWhiteSpace(text))
        {
            return environment.IsDevelopment()
                ? new PublicLinks(null)
                : throw new InvalidOperationException(
                    $"{Setting} is not set. Outside development, set it to the address people use to reach Knotwork, such as " +
                    $"https://book.example.com (environment Knotwork__PublicBaseUrl): e-mail links are built from it, and only " +
                    $"its host (and localhost) is answered. The {environment.EnvironmentName} environment is in use; " +
                    "ASPNETCORE_ENVIRONMENT=Development builds links from each request instead.");
        }

        if (!Uri.TryCreate(text.Trim(), UriKind.Absolute, out var url) || url.Scheme is not ("https" or "http")
            || url.AbsolutePath != "/" || url.Query.Length > 0 || url.Fragment.Length > 0 || url.UserInfo.Length > 0)
        {
            throw new InvalidOperationException(
                $"{Setting} is '{text}'; it must be an http or https origin with no path, such as https://book.example.com or https://book.example.com:8443.");
        }

        return new PublicLinks(url);
    }
}
