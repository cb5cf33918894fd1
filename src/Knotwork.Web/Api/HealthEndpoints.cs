using System.Text.Json;
using System.Text.Json.Serialization;

namespace Knotwork.Web.Api;

/// <summary>A bare liveness endpoint; also the baseline the finder's load test compares against.</summary>
internal static class HealthEndpoints
{
    private static readonly HealthDto Healthy = new("ok");

    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/health", () => TypedResults.Ok(Healthy))
            .WithName("Health")
            .WithTags("Health")
            .AsPublicApi()
            .WithSummary("Says the app is up (a fixed small JSON object).");
        return app;
    }
}

internal sealed record HealthDto(string Status);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(HealthDto))]
internal sealed partial class WebJson : JsonSerializerContext;
