using System.Collections.Frozen;
using Knotwork.Domain.Anatomy;

namespace Knotwork.Domain.Knowledge;

/// <summary>
/// The referral-pattern knowledge base: muscles, their trigger points and referral zones, the group names
/// people use, the sources, and the pain guide (the usual sources of pain in a region, most likely first).
/// Immutable and safe to share; <see cref="Default"/> is loaded once from the data embedded in Knotwork.
/// </summary>
public sealed class KnowledgeBase
{
    private static readonly Lazy<KnowledgeBase> Loaded = new(LoadEmbedded);
    private readonly FrozenDictionary<string, Muscle> _muscles;
    private readonly FrozenDictionary<string, MuscleGroup> _groups;
    private readonly FrozenDictionary<string, IReadOnlyList<Muscle>> _painGuide;

    internal KnowledgeBase(BodyRegions regions, IReadOnlyList<Muscle> muscles, IReadOnlyList<MuscleGroup> groups,
        IReadOnlyList<Source> sources, IReadOnlyDictionary<string, IReadOnlyList<Muscle>> painGuide)
    {
        Regions = regions;
        Muscles = muscles;
        Groups = groups;
        Sources = sources;
        _muscles = muscles.Select(m => KeyValuePair.Create(m.Slug, m))
            .Concat(muscles.SelectMany(m => m.FormerSlugs.Select(f => KeyValuePair.Create(f, m))))
            .ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
        _groups = groups.ToFrozenDictionary(g => g.Slug, StringComparer.OrdinalIgnoreCase);
        _painGuide = painGuide.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>The knowledge base embedded in Knotwork. Throws if the embedded data is invalid (a build defect).</summary>
    public static KnowledgeBase Default => Loaded.Value;

    /// <summary>The body-region taxonomy the data is written in.</summary>
    public BodyRegions Regions { get; }

    /// <summary>Every muscle, in atlas order; <c>Muscles[m.Index] == m</c>.</summary>
    public IReadOnlyList<Muscle> Muscles { get; }

    /// <summary>The group names people use (rotator cuff, IT band, ...).</summary>
    public IReadOnlyList<MuscleGroup> Groups { get; }

    /// <summary>The books and papers cited.</summary>
    public IReadOnlyList<Source> Sources { get; }

    /// <summary>Every trigger point of every muscle.</summary>
    public IEnumerable<TriggerPoint> TriggerPoints => Muscles.SelectMany(m => m.TriggerPoints);

    /// <summary>Looks up a muscle by slug or former slug (case-insensitive).</summary>
    public bool TryGetMuscle(string? slug, out Muscle muscle)
    {
        if (slug is not null && _muscles.TryGetValue(slug.Trim(), out var found))
        {
            muscle = found;
            return true;
        }

        muscle = null!;
        return false;
    }

    /// <summary>Looks up a group by slug (case-insensitive).</summary>
    public bool TryGetGroup(string? slug, out MuscleGroup group)
    {
        if (slug is not null && _groups.TryGetValue(slug.Trim(), out var found))
        {
            group = found;
            return true;
        }

        group = null!;
        return false;
    }

    /// <summary>
    /// Looks up a trigger point by its full identifier, e.g. <c>sternocleidomastoid/clavicular</c>; former slugs and
    /// former point ids resolve too.
    /// </summary>
    public bool TryGetTriggerPoint(string? fullId, out TriggerPoint point)
    {
        point = null!;
        var parts = (fullId ?? string.Empty).Trim().Split('/');
        if (parts.Length != 2 || !TryGetMuscle(parts[0], out var muscle))
        {
            return false;
        }

        point = muscle.TriggerPoints.FirstOrDefault(p => string.Equals(p.Id, parts[1], StringComparison.OrdinalIgnoreCase))
            ?? muscle.TriggerPoints.FirstOrDefault(p => p.FormerIds.Contains(parts[1], StringComparer.OrdinalIgnoreCase))!;
        return point is not null;
    }

    /// <summary>
    /// The muscles the literature lists as usual sources of pain in a region stem, most likely first
    /// (empty where the pain guide has no entry).
    /// </summary>
    public IReadOnlyList<Muscle> PainGuide(string stem) =>
        _painGuide.TryGetValue(stem, out var list) ? list : [];

    /// <summary>The region stems the pain guide covers.</summary>
    public IEnumerable<string> PainGuideStems => _painGuide.Keys;

    /// <summary>The slugs nearest to <paramref name="text"/> among muscles and groups, for "did you mean" messages.</summary>
    public IReadOnlyList<string> NearestSlugs(string text, int count)
    {
        var needle = (text ?? string.Empty).Trim().ToLowerInvariant();
        return Muscles.Select(m => m.Slug).Concat(Groups.Select(g => g.Slug))
            .OrderBy(s => BodyRegions.EditDistance(needle, s))
            .ThenBy(s => s, StringComparer.Ordinal)
            .Take(count)
            .ToArray();
    }

    /// <summary>
    /// Finds muscles by name, alias, slug or group name (case-insensitive substring match on each word of the
    /// query), best matches first: a group name ("IT band") answers with its members.
    /// </summary>
    public IReadOnlyList<Muscle> Search(string? query)
    {
        var words = (query ?? string.Empty).Trim().ToLowerInvariant()
            .Split([' ', '-', ','], StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0)
        {
            return Muscles;
        }

        var scores = new int[Muscles.Count];
        foreach (var muscle in Muscles)
        {
            scores[muscle.Index] = MatchScore(words, [muscle.Name, muscle.Slug, .. muscle.Aliases]);
        }

        foreach (var group in Groups)
        {
            var score = MatchScore(words, [group.Name, group.Slug, .. group.Aliases]);
            if (score > 0)
            {
                foreach (var member in group.Members)
                {
                    scores[member.Index] = Math.Max(scores[member.Index], score);
                }
            }
        }

        return Muscles.Where(m => scores[m.Index] > 0)
            .OrderByDescending(m => scores[m.Index])
            .ThenBy(m => m.Index)
            .ToArray();
    }

    private static int MatchScore(string[] words, IEnumerable<string> names)
    {
        var best = 0;
        foreach (var name in names)
        {
            var text = name.ToLowerInvariant().Replace('-', ' ');
            if (!words.All(w => text.Contains(w, StringComparison.Ordinal)))
            {
                continue;
            }

            var joined = string.Join(' ', words);
            var score = text == joined ? 3 : text.StartsWith(joined, StringComparison.Ordinal) ? 2 : 1;
            best = Math.Max(best, score);
        }

        return best;
    }

    private static KnowledgeBase LoadEmbedded()
    {
        var load = KnowledgeBaseLoader.Load(KnowledgeFiles.Embedded);
        return load.IsValid
            ? load.KnowledgeBase!
            : throw new InvalidDataException("The embedded knowledge base is invalid: " + string.Join(" ", load.Problems));
    }
}
