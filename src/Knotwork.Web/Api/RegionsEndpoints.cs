using Knotwork.Domain.Contract;
using Knotwork.Domain.Knowledge;

namespace Knotwork.Web.Api;

internal static class RegionsEndpoints
{
    public static IEndpointRouteBuilder MapRegions(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/regions", (KnowledgeBase kb) => TypedResults.Ok(kb.Regions.All.Select(KnowledgeContract.ToDto).ToArray()))
            .WithName("ListRegions")
            .AsPublicApi()
            .WithTags("Knowledge base")
            .WithSummary("The 163 body regions. Identifiers use the client's own left (.l) and right (.r); midline regions have no suffix.");
        return app;
    }
}
