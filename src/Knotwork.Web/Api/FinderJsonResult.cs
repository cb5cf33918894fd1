using System.Reflection;
using System.Text.Json;
using Knotwork.Domain.Contract;
using Knotwork.Domain.Finder;
using Microsoft.AspNetCore.Http.Metadata;

namespace Knotwork.Web.Api;

/// <summary>
/// A 200 answer carrying a finder result, written straight to the response with <see cref="FinderJsonWriter"/>
/// (the contract's shape, <see cref="FinderResponse"/>, without building the DTOs first).
/// </summary>
internal sealed class FinderJsonResult(FinderResult result, JsonElement? id) : IResult, IEndpointMetadataProvider
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var writer = httpContext.RequestServices.GetRequiredService<FinderJsonWriter>();
        httpContext.Response.StatusCode = StatusCodes.Status200OK;
        httpContext.Response.ContentType = "application/json; charset=utf-8";
        await using (var json = new Utf8JsonWriter(httpContext.Response.BodyWriter))
        {
            writer.Write(json, result, id);
        }

        await httpContext.Response.BodyWriter.FlushAsync(httpContext.RequestAborted);
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(FinderResponse), ["application/json"]));
    }
}
