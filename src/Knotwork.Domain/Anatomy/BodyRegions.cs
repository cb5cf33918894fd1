using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace Knotwork.Domain.Anatomy;

/// <summary>
/// The taxonomy of body regions: the 163 identifiers of <c>shared/spec/body-regions.md</c>, in a fixed
/// order, with their labels, views and groups. Immutable; <see cref="Default"/> is loaded once from the
/// data embedded in this assembly.
/// </summary>
public sealed partial class BodyRegions
{
    /// <summary>The prefix of a group token in a selection, e.g. <c>group:forearm.l</c>.</summary>
    public const string GroupPrefix = "group:";

    private static readonly Lazy<BodyRegions> Loaded = new(LoadEmbedded);
    private readonly FrozenDictionary<string, Region> _byId;
    private readonly FrozenDictionary<string, Region[]> _byStem;

    private BodyRegions(IReadOnlyList<Region> all)
    {
        All = all;
        _byId = all.ToFrozenDictionary(r => r.Id.Value, StringComparer.OrdinalIgnoreCase);
        _byStem = all.GroupBy(r => r.Stem).ToFrozenDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
        Groups = all.Select(r => r.Group).Distinct().ToArray();
        foreach (var region in all)
        {
            region.Mirror = region.Side switch
            {
                Side.Left => _byId[region.Stem + ".r"],
                Side.Right => _byId[region.Stem + ".l"],
                _ => region,
            };
        }
    }

    /// <summary>The taxonomy embedded in Knotwork.</summary>
    public static BodyRegions Default => Loaded.Value;

    /// <summary>Every region, in taxonomy order; <c>All[r.Index] == r</c>.</summary>
    public IReadOnlyList<Region> All { get; }

    /// <summary>The number of regions (163).</summary>
    public int Count => All.Count;

    /// <summary>The group names (head, neck, ... foot), in taxonomy order.</summary>
    public IReadOnlyList<string> Groups { get; }

    /// <summary>The region with this identifier.</summary>
    public Region this[RegionId id] => _byId[id.Value];

    /// <summary>Looks up an identifier (case-insensitive, surrounding spaces ignored).</summary>
    public bool TryGet(string? text, out Region region)
    {
        if (text is not null && _byId.TryGetValue(text.Trim(), out var found))
        {
            region = found;
            return true;
        }

        region = null!;
        return false;
    }

    /// <summary>The regions of one stem: two for a paired stem, one for a midline stem; empty if unknown.</summary>
    public IReadOnlyList<Region> ByStem(string stem) =>
        _byStem.TryGetValue(stem, out var regions) ? regions : [];

    /// <summary>
    /// Parses a selection of region identifiers and group tokens (<c>group:forearm.l</c> for one side of a
    /// group, <c>group:head</c> for all of it). Duplicates are dropped; the result is in taxonomy order.
    /// </summary>
    /// <returns>The regions, or an error message that names the nearest valid identifiers.</returns>
    public SelectionParse ParseSelection(IEnumerable<string> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var seen = new bool[Count];
        foreach (var raw in tokens)
        {
            var token = raw?.Trim() ?? string.Empty;
            if (token.Length == 0)
            {
                continue;
            }

            if (token.StartsWith(GroupPrefix, StringComparison.OrdinalIgnoreCase))
            {
                var members = ExpandGroup(token[GroupPrefix.Length..]);
                if (members is null)
                {
                    return SelectionParse.Fail(
                        $"Unknown region group '{token}'. Valid groups: {string.Join(", ", Groups)}; " +
                        $"write {GroupPrefix}GROUP for both sides or {GroupPrefix}GROUP.l / .r for one side.");
                }

                foreach (var member in members)
                {
                    seen[member.Index] = true;
                }

                continue;
            }

            if (!TryGet(token, out var region))
            {
                return SelectionParse.Fail(UnknownRegionMessage(token));
            }

            seen[region.Index] = true;
        }

        var result = new List<Region>();
        for (var i = 0; i < seen.Length; i++)
        {
            if (seen[i])
            {
                result.Add(All[i]);
            }
        }

        return SelectionParse.Ok(result);
    }

    /// <summary>The message for an identifier that is not in the taxonomy, naming the nearest valid ones.</summary>
    public string UnknownRegionMessage(string token) =>
        $"Unknown region '{token}'. Nearest valid regions: {string.Join(", ", Nearest(token, 3).Select(r => r.Id.Value))}. " +
        "Regions are written STEM.l or STEM.r for the client's own left or right, or a bare STEM on the midline; " +
        $"there are {Count} (list them with 'knotwork regions' or GET /api/regions).";

    /// <summary>The <paramref name="count"/> regions whose identifiers are closest to <paramref name="text"/> (edit distance).</summary>
    public IReadOnlyList<Region> Nearest(string text, int count)
    {
        var needle = (text ?? string.Empty).Trim().ToLowerInvariant();
        return All
            .Select(r => (Region: r, Distance: Math.Min(EditDistance(needle, r.Id.Value), EditDistance(needle, r.Stem) + 1)))
            .OrderBy(x => x.Distance)
            .ThenBy(x => x.Region.Index)
            .Take(count)
            .Select(x => x.Region)
            .ToArray();
    }

    private Region[]? ExpandGroup(string spec)
    {
        var text = spec.Trim().ToLowerInvariant();
        Side? side = null;
        if (text.EndsWith(".l", StringComparison.Ordinal))
        {
            side = Side.Left;
            text = text[..^2];
        }
        else if (text.EndsWith(".r", StringComparison.Ordinal))
        {
            side = Side.Right;
            text = text[..^2];
        }

        if (!Groups.Contains(text))
        {
            return null;
        }

        return All.Where(r => r.Group == text && (side is null || r.Side == side)).ToArray();
    }

    internal static int EditDistance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }

    private static BodyRegions LoadEmbedded()
    {
        using var stream = EmbeddedData.Open("regions.json");
        var problems = new List<string>();
        return Read(stream, problems) is { } regions && problems.Count == 0
            ? regions
            : throw new InvalidDataException("The embedded regions.json is invalid: " + string.Join(" ", problems));
    }

    /// <summary>
    /// Reads and validates a <c>regions.json</c>: every stem well formed and unique, <c>paired</c> given,
    /// <c>view</c> exactly <c>front</c> or <c>back</c> (a typo must not silently become the back view),
    /// group, label and covers present. Adds every problem to <paramref name="problems"/>.
    /// </summary>
    /// <returns>The taxonomy, or null when the file has problems.</returns>
    internal static BodyRegions? Read(Stream stream, List<string> problems)
    {
        RegionsFile? file;
        try
        {
            file = JsonSerializer.Deserialize(stream, AnatomyJson.Default.RegionsFile);
        }
        catch (JsonException e)
        {
            problems.Add($"regions.json: not valid JSON for this file ({e.Message}).");
            return null;
        }

        var count = problems.Count;
        if (file?.Regions is not { Count: > 0 } rows)
        {
            problems.Add("regions.json: has no regions.");
            return null;
        }

        var all = new List<Region>();
        var stems = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            if (row is null)
            {
                problems.Add("regions.json: an empty region entry.");
                continue;
            }

            var where = $"regions.json: region '{row.Stem}'";
            if (row.Stem is null || !StemPattern().IsMatch(row.Stem))
            {
                problems.Add($"{where}: the stem must be lower-case letters, digits and single hyphens.");
                continue;
            }

            if (!stems.Add(row.Stem))
            {
                problems.Add($"{where}: duplicate stem.");
            }

            BodyView? view = row.View switch
            {
                "front" => BodyView.Front,
                "back" => BodyView.Back,
                _ => null,
            };
            if (view is null)
            {
                problems.Add($"{where}: view '{row.View}' is not 'front' or 'back'.");
            }

            if (row.Paired is null)
            {
                problems.Add($"{where}: 'paired' is missing.");
            }

            foreach (var (field, value) in (ReadOnlySpan<(string, string?)>)[("group", row.Group), ("label", row.Label), ("covers", row.Covers)])
            {
                if (string.IsNullOrWhiteSpace(value))
                {
                    problems.Add($"{where}: '{field}' is missing.");
                }
            }

            if (problems.Count > count)
            {
                continue;
            }

            if (row.Paired == true)
            {
                all.Add(new Region(all.Count, row.Stem, Side.Left, view!.Value, row.Group!, row.Label!, row.Covers!));
                all.Add(new Region(all.Count, row.Stem, Side.Right, view.Value, row.Group!, row.Label!, row.Covers!));
            }
            else
            {
                all.Add(new Region(all.Count, row.Stem, Side.Midline, view!.Value, row.Group!, row.Label!, row.Covers!));
            }
        }

        return problems.Count > count ? null : new BodyRegions(all);
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex StemPattern();
}

/// <summary>The outcome of parsing a selection of regions: the regions, or a message for people.</summary>
public sealed record SelectionParse
{
    private SelectionParse(IReadOnlyList<Region> regions, string? error)
    {
        Regions = regions;
        Error = error;
    }

    /// <summary>The parsed regions in taxonomy order (empty on failure).</summary>
    public IReadOnlyList<Region> Regions { get; }

    /// <summary>Why the selection was rejected, or null.</summary>
    public string? Error { get; }

    /// <summary>Whether parsing succeeded.</summary>
    public bool Succeeded => Error is null;

    internal static SelectionParse Ok(IReadOnlyList<Region> regions) => new(regions, null);

    internal static SelectionParse Fail(string error) => new([], error);
}

// Nullable so that Read, not the JSON reader, reports what is missing.
internal sealed record RegionsFileRow(string? Stem, bool? Paired, string? View, string? Group, string? Label, string? Covers);

internal sealed record RegionsFile(IReadOnlyList<RegionsFileRow?>? Regions);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(RegionsFile))]
internal sealed partial class AnatomyJson : JsonSerializerContext;
