using System.Globalization;
using System.Text.Json;
using Knotwork.Domain.Contract;
using Knotwork.Domain.Finder;
using Knotwork.Web.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Knotwork.Web.Api;

internal static class FinderEndpoints
{
    private const string ProblemTitle = "Invalid finder query";

    public static IEndpointRouteBuilder MapFinder(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/finder").WithTags("Finder").AsPublicApi();

        group.MapGet("/", Results<FinderJsonResult, ProblemHttpResult> (
                PainSourceFinder finder, string? regions, string? top, string? context, string? intensity, string? answers) =>
            {
                int? count = null;
                if (top is not null)
                {
                    if (!int.TryParse(top, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed))
                    {
                        return Invalid($"top is '{top}'; it must be a whole number from 1 to {FinderQuery.MaxTop}.");
                    }

                    count = parsed;
                }

                var query = FinderQuery.ParseText(regions, intensity, context, count, answers: answers);
                return query.Succeeded
                    ? new FinderJsonResult(finder.Find(query.Query!), null)
                    : Invalid(query.Error!);
            })
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .WithName("FindGet")
            .RequireRateLimiting(RateLimitPolicies.FinderApi)
            .WithSummary("Where may this pain come from? regions=temple.l,neck-back.l (required), top=1-100, context=desk-work,stress, intensity=temple.l:7, answers=dvt-swelling:no,fever:no.")
            .WithDescription("Red flags come first and never hide the candidates. The candidates are muscles worth examining, not a diagnosis. " +
                "`questions` lists the safety questions the marked regions bring up; answer them with `answers` (QUESTION:yes or QUESTION:no): " +
                "a yes raises the question's red flag, and a no to every question behind a guessed flag clears the guess (never for possible heart pain).");

        group.MapPost("/", async Task<Results<FinderJsonResult, ProblemHttpResult>> (PainSourceFinder finder, HttpRequest request) =>
            {
                FinderRequest? body;
                try
                {
                    body = await JsonSerializer.DeserializeAsync(request.Body, ContractJson.Default.FinderRequest, request.HttpContext.RequestAborted);
                }
                catch (JsonException e)
                {
                    return Invalid("The body is not a valid finder request: " + e.Message +
                        " Expected {\"id\": ..., \"regions\": [\"temple.l\", ...], \"intensity\": {\"temple.l\": 7}, \"context\": [\"desk-work\"], \"answers\": {\"fever\": \"no\"}, \"top\": 10}.");
                }

                if (body is null)
                {
                    return Invalid("The body is empty; send a JSON object with at least \"regions\".");
                }

                var query = FinderContract.ToQuery(body);
                return query.Succeeded
                    ? new FinderJsonResult(finder.Find(query.Query!), body.Id)
                    : Invalid(query.Error!);
            })
            .Accepts<FinderRequest>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .WithName("FindPost")
            .RequireRateLimiting(RateLimitPolicies.FinderApi)
            .WithSummary("The finder for a JSON request: the same body as a line of 'knotwork find --batch'; the id is echoed.");
        return app;
    }

    private static ProblemHttpResult Invalid(string detail) =>
        TypedResults.Problem(title: ProblemTitle, detail: detail, statusCode: StatusCodes.Status400BadRequest);
}
