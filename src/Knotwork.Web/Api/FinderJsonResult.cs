using System.Buffers;
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
/// <remarks>
/// The answer is written into a buffer first, so it goes out with a <c>Content-Length</c> in one write rather than
/// chunked (a chunk, then the closing chunk). The buffers are reused: one is cached per thread.
/// </remarks>
internal sealed class FinderJsonResult(FinderResult result, JsonElement? id) : IResult, IEndpointMetadataProvider
{
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var writer = httpContext.RequestServices.GetRequiredService<FinderJsonWriter>();
        var buffer = t_buffer ?? new ArrayBufferWriter<byte>(4096);
        t_buffer = null;
        using (var json = new Utf8JsonWriter(buffer))
        {
            writer.Write(json, result, id);
        }

        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json; charset=utf-8";
        response.ContentLength = buffer.WrittenCount;
        await response.BodyWriter.WriteAsync(buffer.WrittenMemory, httpContext.RequestAborted);
        buffer.ResetWrittenCount();
        t_buffer = buffer;
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(FinderResponse), ["application/json"]));
    }
}
