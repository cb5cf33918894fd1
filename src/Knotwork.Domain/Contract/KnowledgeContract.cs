using Knotwork.Domain.Anatomy;
using Knotwork.Domain.Knowledge;

namespace Knotwork.Domain.Contract;

/// <summary>A body region as the API and CLI list it.</summary>
public sealed record RegionDto(string Id, string Stem, string Side, string Label, string View, string Group, string Covers);

/// <summary>A muscle in a list.</summary>
public sealed record MuscleSummaryDto(string Slug, string Name, IReadOnlyList<string> Aliases, string Area, int TriggerPoints);

/// <summary>A muscle with everything the knowledge base holds about it.</summary>
public sealed record MuscleDto(
    string Slug, string Name, IReadOnlyList<string> Aliases, string Area, string Summary, CodesDto Codes,
    IReadOnlyList<TriggerPointDto> TriggerPoints, IReadOnlyList<string> Symptoms, IReadOnlyList<string> LookAlikes,
    IReadOnlyList<CauseDto> Causes, IReadOnlyList<string> Activities, IReadOnlyList<string> Associated,
    IReadOnlyList<string> Groups, string SelfCare, IReadOnlyList<SourceDto> Sources);

/// <summary>Terminology codes; null until verified.</summary>
public sealed record CodesDto(string? Uberon, string? Fma, string? Snomed);

/// <summary>A trigger point. Zones are written as in the data: a stem is the muscle's side, <c>.both</c> both sides, <c>.opposite</c> the other side only.</summary>
public sealed record TriggerPointDto(
    string Id, string Name, IReadOnlyList<string> Location, string Palpation,
    IReadOnlyList<string> Essential, IReadOnlyList<string> Spillover);

/// <summary>A cause with its detail.</summary>
public sealed record CauseDto(string Cause, string Detail);

/// <summary>
/// A citation: the source, its chapter (empty for a journal article) and whether the chapter title was checked
/// against the book (<c>false</c>: not yet checked; show it so).
/// </summary>
public sealed record SourceDto(string Id, string Citation, string Chapter, bool Verified);

/// <summary>A muscle group ("rotator cuff") with its members.</summary>
public sealed record MuscleGroupDto(string Slug, string Name, IReadOnlyList<string> Aliases, string? Note, IReadOnlyList<MuscleDto> Members);

/// <summary>
/// The result of validating the knowledge base: <see cref="Problems"/> make it invalid; <see cref="Warnings"/> do not,
/// but name data the finder cannot use (for example a pain-guide entry for a muscle with no zone in that region).
/// <see cref="MaxTriggerPointsPerMuscle"/> is the most trigger points one muscle may hold.
/// </summary>
public sealed record KnowledgeCheckDto(bool Valid, int Muscles, int TriggerPoints, int Groups, IReadOnlyList<string> Problems, IReadOnlyList<string> Warnings,
    int MaxTriggerPointsPerMuscle)
{
    /// <summary>The number of warnings.</summary>
    public int WarningCount => Warnings.Count;
}

/// <summary>Maps the knowledge base to the JSON contract.</summary>
public static class KnowledgeContract
{
    /// <summary>The contract form of a region.</summary>
    public static RegionDto ToDto(Region region)
    {
        ArgumentNullException.ThrowIfNull(region);
        return new RegionDto(region.Id.Value, region.Stem, region.Side.ToString().ToLowerInvariant(), region.Label,
            region.View == BodyView.Front ? "front" : "back", region.Group, region.Covers);
    }

    /// <summary>The list form of a muscle.</summary>
    public static MuscleSummaryDto ToSummary(Muscle muscle)
    {
        ArgumentNullException.ThrowIfNull(muscle);
        return new MuscleSummaryDto(muscle.Slug, muscle.Name, muscle.Aliases, muscle.Area, muscle.TriggerPoints.Count);
    }

    /// <summary>The full form of a muscle.</summary>
    public static MuscleDto ToDto(Muscle muscle, KnowledgeBase kb)
    {
        ArgumentNullException.ThrowIfNull(muscle);
        ArgumentNullException.ThrowIfNull(kb);
        return new MuscleDto(
            muscle.Slug, muscle.Name, muscle.Aliases, muscle.Area, muscle.Summary,
            new CodesDto(muscle.Codes.Uberon, muscle.Codes.Fma, muscle.Codes.Snomed),
            muscle.TriggerPoints.Select(p => new TriggerPointDto(p.FullId, p.Name, Refs(p.Location), p.Palpation, Refs(p.Essential), Refs(p.Spillover))).ToArray(),
            muscle.Symptoms, muscle.LookAlikes,
            muscle.Causes.Select(c => new CauseDto(c.Cause.Slug(), c.Detail)).ToArray(),
            muscle.Activities.Select(a => a.Key).ToArray(),
            muscle.Associated,
            kb.Groups.Where(g => g.Members.Contains(muscle)).Select(g => g.Slug).ToArray(),
            muscle.SelfCare,
            muscle.Sources.Select(s => new SourceDto(s.Source.Id, s.Source.Citation, s.Chapter, s.Verified)).ToArray());
    }

    /// <summary>The contract form of a group, with its members in full.</summary>
    public static MuscleGroupDto ToDto(MuscleGroup group, KnowledgeBase kb)
    {
        ArgumentNullException.ThrowIfNull(group);
        return new MuscleGroupDto(group.Slug, group.Name, group.Aliases, group.Note, group.Members.Select(m => ToDto(m, kb)).ToArray());
    }

    private static string[] Refs(IReadOnlyList<RegionRef> refs) => refs.Select(r => r.ToString()).ToArray();
}
