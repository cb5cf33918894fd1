using Knotwork.Domain.Contract;
using Knotwork.Domain.Knowledge;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Knotwork.Web.Api;

internal static class MusclesEndpoints
{
    public static IEndpointRouteBuilder MapMuscles(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/muscles").WithTags("Knowledge base").AsPublicApi();

        group.MapGet("/", (KnowledgeBase kb, string? q) =>
                TypedResults.Ok((string.IsNullOrWhiteSpace(q) ? kb.Muscles : kb.Search(q)).Select(KnowledgeContract.ToSummary).ToArray()))
            .WithName("ListMuscles")
            .WithSummary("The muscles of the knowledge base; q searches names, aliases and group names (e.g. 'IT band').");

        group.MapGet("/{slug}", Results<Ok<MuscleDto>, Ok<MuscleGroupDto>, ProblemHttpResult> (KnowledgeBase kb, string slug) =>
            {
                if (kb.TryGetMuscle(slug, out var muscle))
                {
                    return TypedResults.Ok(KnowledgeContract.ToDto(muscle, kb));
                }

                if (kb.TryGetGroup(slug, out var muscleGroup))
                {
                    return TypedResults.Ok(KnowledgeContract.ToDto(muscleGroup, kb));
                }

                return TypedResults.Problem(
                    title: "Unknown muscle or group",
                    detail: $"Unknown muscle or group '{slug}'. Nearest: {string.Join(", ", kb.NearestSlugs(slug, 3))}. GET /api/muscles lists them all.",
                    statusCode: StatusCodes.Status404NotFound);
            })
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("GetMuscle")
            .WithSummary("One muscle with its trigger points, referral zones, symptoms, causes, self-care and sources; a group name (rotator-cuff, it-band, ...) answers with its members.");
        return app;
    }
}
