namespace Knotwork.Web.Api;

/// <summary>
/// Marks an endpoint anyone may call that reads no account and no health data (the knowledge base, the finder,
/// health): requests to it skip the sign-in middleware (authentication, authorization, the staff two-factor check),
/// which it would only pay for. The rate limits and the security headers still apply.
/// </summary>
internal sealed class PublicApiMetadata
{
    public static readonly PublicApiMetadata Instance = new();

    private PublicApiMetadata()
    {
    }
}

internal static class PublicApiExtensions
{
    /// <summary>Marks the endpoints as public API (<see cref="PublicApiMetadata"/>), open to anonymous callers.</summary>
    public static TBuilder AsPublicApi<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(PublicApiMetadata.Instance).AllowAnonymous();

    /// <summary>Whether the request was routed to a public API endpoint (after UseRouting).</summary>
    public static bool IsPublicApi(this HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<PublicApiMetadata>() is not null;
}
