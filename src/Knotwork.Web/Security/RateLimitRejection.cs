using System.Globalization;
using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Knotwork.Web.Security;

/// <summary>
/// The answer to a request over its limit: 429 with <c>Retry-After</c> (whole seconds), a ProblemDetails body on
/// API paths and a short plain message on pages.
/// </summary>
internal sealed partial class RateLimitRejection(ILogger<RateLimitRejection> logger)
{
    /// <summary>Used when a limiter does not say when to come back (the limiters used here always do).</summary>
    private static readonly TimeSpan FallbackRetryAfter = TimeSpan.FromMinutes(1);

    [LoggerMessage(Level = LogLevel.Information, Message = "Rate limit {Policy} refused {Method} {Path} from {Client}; retry after {RetryAfterSeconds} s")]
    private static partial void LogRejected(ILogger logger, string policy, string method, PathString path, IPAddress? client, long retryAfterSeconds);

    public async ValueTask WriteAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var http = context.HttpContext;
        var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var given) && given > TimeSpan.Zero ? given : FallbackRetryAfter;
        var seconds = (long)Math.Ceiling(retryAfter.TotalSeconds);
        var policy = http.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName ?? "(unnamed)";
        LogRejected(logger, policy, http.Request.Method, http.Request.Path, http.Connection.RemoteIpAddress, seconds);

        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var wait = seconds switch
        {
            1 => "1 second",
            < 120 => $"{seconds} seconds",
            _ => $"{(seconds + 59) / 60} minutes",
        };
        if (http.Request.Path.StartsWithSegments("/api"))
        {
            await TypedResults.Problem(
                    title: "Too many requests",
                    detail: $"This address has sent more requests than the limit allows. Try again in {wait} (the Retry-After header gives the seconds).",
                    statusCode: StatusCodes.Status429TooManyRequests)
                .ExecuteAsync(http);
            return;
        }

        http.Response.ContentType = "text/plain; charset=utf-8";
        await http.Response.WriteAsync($"Too many attempts from this address. Please wait {wait} and try again.", cancellationToken);
    }
}
