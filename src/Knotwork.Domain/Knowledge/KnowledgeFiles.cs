using System.Text.Json;
using System.Text.Json.Serialization;

namespace Knotwork.Domain.Knowledge;

// The shapes of the human-edited data files (see Data/README.md). Everything is nullable here so
// that the loader, not the JSON reader, reports what is missing, with the file and muscle named.
// Each file may name its JSON Schema (Data/schema/) in "$schema", for editors' hints.

internal sealed record MuscleFile(string? Area, IReadOnlyList<MuscleRow?>? Muscles, [property: JsonPropertyName("$schema")] string? Schema = null);

internal sealed record MuscleRow(
    string? Slug, string? Name, IReadOnlyList<string>? Aliases, string? Area, string? Summary, CodesRow? Codes,
    IReadOnlyList<TriggerPointRow?>? TriggerPoints, IReadOnlyList<string>? Symptoms, IReadOnlyList<string>? LookAlikes,
    IReadOnlyList<CauseRow?>? Causes, IReadOnlyList<string>? Activities, IReadOnlyList<string>? Associated,
    string? SelfCare, IReadOnlyList<CitationRow?>? Sources, IReadOnlyList<string>? FormerSlugs);

internal sealed record CodesRow(string? Uberon, string? Fma, string? Snomed);

internal sealed record TriggerPointRow(
    string? Id, string? Name, IReadOnlyList<string>? Location, string? Palpation,
    IReadOnlyList<string>? Essential, IReadOnlyList<string>? Spillover, IReadOnlyList<string>? FormerIds);

internal sealed record CauseRow(string? Cause, string? Detail);

internal sealed record CitationRow(string? Ref, string? Chapter, bool? Verified);

internal sealed record SourcesFile(IReadOnlyList<SourceRow?>? Sources, [property: JsonPropertyName("$schema")] string? Schema = null);

internal sealed record SourceRow(string? Id, string? Citation, string? Kind);

internal sealed record GroupsFile(IReadOnlyList<GroupRow?>? Groups, [property: JsonPropertyName("$schema")] string? Schema = null);

internal sealed record GroupRow(string? Slug, string? Name, IReadOnlyList<string>? Aliases, IReadOnlyList<string>? Members, string? Note);

internal sealed record PainGuideFile(IReadOnlyList<CitationRow?>? Sources, IReadOnlyDictionary<string, IReadOnlyList<string>>? Regions,
    [property: JsonPropertyName("$schema")] string? Schema = null);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    ReadCommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(MuscleFile))]
[JsonSerializable(typeof(SourcesFile))]
[JsonSerializable(typeof(GroupsFile))]
[JsonSerializable(typeof(PainGuideFile))]
internal sealed partial class KnowledgeJson : JsonSerializerContext;
