using System.Text.Json;
using System.Text.Json.Serialization;
using Knotwork.Domain.Finder;

namespace Knotwork.Domain.Contract;

// The JSON that Knotwork promises to other tools: the CLI's `find --json` and `--batch` lines and the
// API's /api/finder answer the same shapes. Changing a name here breaks those tools.

/// <summary>A finder request: a batch line of <c>knotwork find --batch</c>, or the body of <c>POST /api/finder</c>.</summary>
/// <param name="Id">An identifier the caller chooses; echoed in the answer.</param>
/// <param name="Regions">Region identifiers or group tokens, e.g. <c>temple.l</c>, <c>group:forearm.r</c>.</param>
/// <param name="Intensity">Optional pain intensity 1-10 by region identifier.</param>
/// <param name="Context">Optional context keys, e.g. <c>desk-work</c>.</param>
/// <param name="Top">Optional number of candidates (1-100, default 10).</param>
/// <param name="Answers">Optional answers to safety questions, <c>"yes"</c> or <c>"no"</c> by question key, e.g. <c>{"dvt-swelling": "no"}</c>.</param>
public sealed record FinderRequest(
    JsonElement? Id,
    IReadOnlyList<string>? Regions,
    IReadOnlyDictionary<string, int>? Intensity,
    IReadOnlyList<string>? Context,
    int? Top,
    IReadOnlyDictionary<string, string>? Answers = null);

/// <summary>The finder's answer.</summary>
public sealed record FinderResponse(
    JsonElement? Id,
    IReadOnlyList<string> Regions,
    IReadOnlyList<RedFlagDto> RedFlags,
    IReadOnlyList<QuestionDto> Questions,
    IReadOnlyList<CandidateDto> Candidates,
    IReadOnlyList<CoverDto> Cover,
    IReadOnlyList<string> Unexplained,
    IReadOnlyList<string> Context,
    string Disclaimer);

/// <summary>
/// A red flag: <c>code</c> is one of cardiac, headache, cervical-artery, dvt, cauda-equina, compartment, foot-drop,
/// visceral, warning-signs, widespread; <c>urgency</c> is emergency, today or before-massage; <c>because</c> lists the
/// questions answered yes that raised it.
/// </summary>
public sealed record RedFlagDto(
    string Code, string Title, string Advice, IReadOnlyList<string> Regions, string Urgency, IReadOnlyList<string> Because, string Source);

/// <summary>
/// A safety question the marked regions bring up: <c>answer</c> is yes, no, or null when unanswered (a yes would raise
/// <c>flag</c> with <c>urgency</c>).
/// </summary>
public sealed record QuestionDto(string Key, string Text, string Flag, string? Answer, string Urgency, string Source);

/// <summary>A ranked muscle to examine.</summary>
public sealed record CandidateDto(
    int Rank, string Muscle, string Name, string Side, double Score,
    IReadOnlyList<ExplainsDto> Explains, IReadOnlyList<string> TriggerPoints, IReadOnlyList<string> Context);

/// <summary>A marked region a candidate explains; <c>zone</c> is essential or spillover.</summary>
public sealed record ExplainsDto(string Region, string Zone);

/// <summary>One muscle of the cover.</summary>
public sealed record CoverDto(string Muscle, string Side);

/// <summary>A batch line that could not be answered.</summary>
public sealed record FinderErrorLine(JsonElement? Id, string Error);

/// <summary>Maps finder results to the JSON contract.</summary>
public static class FinderContract
{
    /// <summary>The sentence every answer carries: the finder suggests, it does not diagnose.</summary>
    public const string Disclaimer =
        "These are muscles worth having examined by a therapist, not a diagnosis. Red flags come first: follow their advice before any massage.";

    /// <summary>The text of a side in the contract: left, right or both.</summary>
    public static string SideText(CandidateSide side) => side switch
    {
        CandidateSide.Left => "left",
        CandidateSide.Right => "right",
        _ => "both",
    };

    /// <summary>The text of an urgency in the contract: emergency, today or before-massage.</summary>
    public static string UrgencyText(Urgency urgency) => urgency switch
    {
        Urgency.Emergency => "emergency",
        Urgency.Today => "today",
        _ => "before-massage",
    };

    /// <summary>The text of an answer in the contract: yes, no, or null.</summary>
    public static string? AnswerText(bool? answer) => answer switch
    {
        true => "yes",
        false => "no",
        null => null,
    };

    /// <summary>Builds a query from a request, or says what is wrong with it.</summary>
    public static QueryParse ToQuery(FinderRequest request, int? top = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        return FinderQuery.Parse(request.Regions ?? [], request.Intensity, request.Context, request.Top ?? top, answers: request.Answers);
    }

    /// <summary>The contract form of a result.</summary>
    public static FinderResponse ToResponse(FinderResult result, JsonElement? id = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        var candidates = new CandidateDto[result.Candidates.Count];
        for (var i = 0; i < candidates.Length; i++)
        {
            var c = result.Candidates[i];
            var explains = new ExplainsDto[c.Explains.Count];
            for (var k = 0; k < explains.Length; k++)
            {
                var e = c.Explains[k];
                explains[k] = new ExplainsDto(e.Region.Id.Value, e.Zone == Knowledge.ZoneKind.Essential ? "essential" : "spillover");
            }

            candidates[i] = new CandidateDto(c.Rank, c.Muscle.Slug, c.Muscle.Name, SideText(c.Side), Math.Round(c.Score, 3),
                explains, c.TriggerPoints.Select(p => p.FullId).ToArray(), c.ContextMatches.Select(f => f.Key).ToArray());
        }

        return new FinderResponse(
            id,
            result.Regions.Select(r => r.Id.Value).ToArray(),
            result.RedFlags.Select(f => new RedFlagDto(
                f.Code, f.Title, f.Advice, f.Regions.Select(r => r.Id.Value).ToArray(), UrgencyText(f.Urgency),
                f.Because.Select(q => q.Key).ToArray(), f.Source)).ToArray(),
            result.Questions.Select(q => new QuestionDto(
                q.Question.Key, q.Question.Text, q.Question.Flag, AnswerText(q.Answer), UrgencyText(q.Question.IfYes), q.Question.Source)).ToArray(),
            candidates,
            result.Cover.Select(c => new CoverDto(c.Muscle.Slug, SideText(c.Side))).ToArray(),
            result.Unexplained.Select(r => r.Id.Value).ToArray(),
            result.Context.Select(f => f.Key).ToArray(),
            Disclaimer);
    }
}

/// <summary>Source-generated JSON for the contract (camelCase, nulls written: <c>"id": null</c> is part of it).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = false)]
[JsonSerializable(typeof(FinderRequest))]
[JsonSerializable(typeof(FinderResponse))]
[JsonSerializable(typeof(FinderErrorLine))]
[JsonSerializable(typeof(RegionDto[]))]
[JsonSerializable(typeof(MuscleSummaryDto[]))]
[JsonSerializable(typeof(MuscleDto))]
[JsonSerializable(typeof(MuscleGroupDto))]
[JsonSerializable(typeof(KnowledgeCheckDto))]
public sealed partial class ContractJson : JsonSerializerContext;
