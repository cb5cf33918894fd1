using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;
using Knotwork.Domain.Anatomy;

namespace Knotwork.Domain.Knowledge;

/// <summary>
/// Where the loader reads the data files from: the copy embedded in Knotwork, or files on disk that
/// someone is editing (the CLI's <c>knotwork kb check --data DIR</c> passes those in).
/// </summary>
/// <param name="Open">Opens a file by its name relative to the data folder (e.g. <c>sources.json</c>), or returns null when absent.</param>
/// <param name="MuscleFiles">The names of the muscle files (e.g. <c>muscles/neck.json</c>).</param>
public sealed record KnowledgeFiles(Func<string, Stream?> Open, IReadOnlyList<string> MuscleFiles)
{
    /// <summary>The data embedded in this assembly.</summary>
    public static KnowledgeFiles Embedded { get; } = new(EmbeddedData.Open, EmbeddedData.List("muscles").ToArray());
}

/// <summary>The outcome of loading the knowledge base: the base when the data is valid, and every problem found.</summary>
public sealed record KnowledgeLoad(KnowledgeBase? KnowledgeBase, IReadOnlyList<string> Problems)
{
    /// <summary>Whether the data is valid.</summary>
    public bool IsValid => Problems.Count == 0 && KnowledgeBase is not null;

    /// <summary>
    /// Things that do not make the data invalid but that an editor should look at, such as a pain-guide entry
    /// the finder cannot use because the muscle has no zone in that region.
    /// </summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}

/// <summary>Reads and validates the knowledge-base files. Collects every problem instead of stopping at the first.</summary>
public static partial class KnowledgeBaseLoader
{
    /// <summary>
    /// The most trigger points one muscle may hold: the finder keeps a muscle's points in a 16-bit mask.
    /// </summary>
    public const int MaxTriggerPointsPerMuscle = 16;

    /// <summary>
    /// Loads and validates the knowledge base from <paramref name="files"/>. When <paramref name="regions"/> is not
    /// given, a <c>regions.json</c> among the files is validated and used (the embedded taxonomy otherwise).
    /// </summary>
    public static KnowledgeLoad Load(KnowledgeFiles files, BodyRegions? regions = null)
    {
        ArgumentNullException.ThrowIfNull(files);
        var problems = new List<string>();
        regions ??= LoadRegions(files, problems);

        var sources = LoadSources(files, problems);
        var muscles = LoadMuscles(files, regions, sources, problems);
        var bySlug = new Dictionary<string, Muscle>(StringComparer.Ordinal);
        foreach (var muscle in muscles)
        {
            if (!bySlug.TryAdd(muscle.Slug, muscle))
            {
                problems.Add($"Duplicate muscle '{muscle.Slug}'.");
            }
        }

        foreach (var muscle in muscles)
        {
            foreach (var former in muscle.FormerSlugs)
            {
                if (!SlugPattern().IsMatch(former ?? string.Empty))
                {
                    problems.Add($"Muscle '{muscle.Slug}': former slug '{former}' must be lower-case letters, digits and single hyphens.");
                }
                else if (bySlug.ContainsKey(former!) || muscles.Any(m => m != muscle && m.FormerSlugs.Contains(former)) || muscle.FormerSlugs.Count(f => f == former) > 1)
                {
                    problems.Add($"Muscle '{muscle.Slug}': former slug '{former}' is already the slug or a former slug of a muscle; a released slug never names another muscle.");
                }
            }

            foreach (var other in muscle.Associated)
            {
                if (!bySlug.ContainsKey(other))
                {
                    problems.Add($"Muscle '{muscle.Slug}': associated muscle '{other}' is unknown.");
                }
            }
        }

        var groups = LoadGroups(files, bySlug, problems);
        var guide = LoadPainGuide(files, regions, bySlug, sources, problems);
        var warnings = GuideWarnings(guide);

        if (problems.Count > 0)
        {
            return new KnowledgeLoad(null, problems) { Warnings = warnings };
        }

        return new KnowledgeLoad(new KnowledgeBase(regions, muscles, groups, sources.Values.ToArray(), guide), problems) { Warnings = warnings };
    }

    private static BodyRegions LoadRegions(KnowledgeFiles files, List<string> problems)
    {
        if (ReferenceEquals(files, KnowledgeFiles.Embedded))
        {
            return BodyRegions.Default; // validated when it loads; a defect there throws
        }

        using var stream = files.Open("regions.json");
        return stream is null ? BodyRegions.Default : BodyRegions.Read(stream, problems) ?? BodyRegions.Default;
    }

    // A pain-guide entry whose muscle has no essential or spillover zone in that region is silently
    // ignored by the finder: the guide only ranks muscles whose zones reach a marked region.
    private static List<string> GuideWarnings(Dictionary<string, IReadOnlyList<Muscle>> guide)
    {
        var warnings = new List<string>();
        foreach (var (stem, muscles) in guide.OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            foreach (var muscle in muscles)
            {
                var reaches = muscle.TriggerPoints.Any(p => p.Essential.Concat(p.Spillover).Any(z => z.Stem == stem));
                if (!reaches)
                {
                    warnings.Add($"pain-guide.json: region '{stem}' lists '{muscle.Slug}', which has no zone there; the finder ignores the entry.");
                }
            }
        }

        return warnings;
    }

    private static T? Read<T>(KnowledgeFiles files, string name, JsonTypeInfo<T> type, List<string> problems)
        where T : class
    {
        using var stream = files.Open(name);
        if (stream is null)
        {
            problems.Add($"{name}: file is missing.");
            return null;
        }

        try
        {
            var value = JsonSerializer.Deserialize(stream, type);
            if (value is null)
            {
                problems.Add($"{name}: file is empty.");
            }

            return value;
        }
        catch (JsonException e)
        {
            problems.Add($"{name}: not valid JSON for this file ({e.Message}).");
            return null;
        }
    }

    private static Dictionary<string, Source> LoadSources(KnowledgeFiles files, List<string> problems)
    {
        var result = new Dictionary<string, Source>(StringComparer.Ordinal);
        var file = Read(files, "sources.json", KnowledgeJson.Default.SourcesFile, problems);
        foreach (var row in file?.Sources ?? [])
        {
            if (row is null || string.IsNullOrWhiteSpace(row.Id) || string.IsNullOrWhiteSpace(row.Citation))
            {
                problems.Add("sources.json: a source needs an id and a citation.");
                continue;
            }

            SourceKind? kind = row.Kind switch
            {
                null or "book" => SourceKind.Book,
                "article" => SourceKind.Article,
                _ => null,
            };
            if (kind is null)
            {
                problems.Add($"sources.json: source '{row.Id}': kind '{row.Kind}' is not 'book' or 'article'.");
                continue;
            }

            if (!result.TryAdd(row.Id, new Source(row.Id, row.Citation) { Kind = kind.Value }))
            {
                problems.Add($"sources.json: duplicate source '{row.Id}'.");
            }
        }

        return result;
    }

    private static List<Muscle> LoadMuscles(KnowledgeFiles files, BodyRegions regions, Dictionary<string, Source> sources, List<string> problems)
    {
        var muscles = new List<Muscle>();
        if (files.MuscleFiles.Count == 0)
        {
            problems.Add("muscles/: no muscle files.");
        }

        // Muscles are ordered by body area (atlas order), then as written in their file.
        var rows = new List<(string File, MuscleRow Row)>();
        foreach (var name in files.MuscleFiles)
        {
            var file = Read(files, name, KnowledgeJson.Default.MuscleFile, problems);
            foreach (var row in file?.Muscles ?? [])
            {
                if (row is null)
                {
                    problems.Add($"{name}: an empty muscle entry.");
                    continue;
                }

                rows.Add((name, row));
            }
        }

        var areaOrder = BodyAreas.All.Select(a => a.Slug).ToList();
        foreach (var (file, row) in rows.OrderBy(r => AreaRank(areaOrder, r.Row.Area)))
        {
            var muscle = BuildMuscle(muscles.Count, file, row, regions, sources, problems);
            if (muscle is not null)
            {
                muscles.Add(muscle);
            }
        }

        return muscles;
    }

    private static int AreaRank(List<string> order, string? area)
    {
        var rank = area is null ? -1 : order.IndexOf(area);
        return rank < 0 ? int.MaxValue : rank;
    }

    private static Muscle? BuildMuscle(int index, string file, MuscleRow row, BodyRegions regions, Dictionary<string, Source> sources, List<string> problems)
    {
        var count = problems.Count;
        var slug = row.Slug ?? string.Empty;
        var where = $"{file}: muscle '{slug}'";
        if (!SlugPattern().IsMatch(slug))
        {
            problems.Add($"{file}: muscle slug '{slug}' must be lower-case letters, digits and single hyphens.");
        }

        Require(row.Name, where, "name", problems);
        Require(row.Summary, where, "summary", problems);
        Require(row.SelfCare, where, "selfCare", problems);
        if (!BodyAreas.IsArea(row.Area))
        {
            problems.Add($"{where}: area '{row.Area}' is not one of {string.Join(", ", BodyAreas.All.Select(a => a.Slug))}.");
        }

        var points = new List<TriggerPoint>();
        var pointIds = new HashSet<string>(StringComparer.Ordinal);
        var formerPointIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var tp in row.TriggerPoints ?? [])
        {
            if (tp is null)
            {
                problems.Add($"{where}: an empty trigger point entry.");
                continue;
            }

            var tpWhere = $"{where}, trigger point '{tp.Id}'";
            if (string.IsNullOrWhiteSpace(tp.Id) || !SlugPattern().IsMatch(tp.Id))
            {
                problems.Add($"{where}: trigger point id '{tp.Id}' must be lower-case letters, digits and hyphens.");
            }
            else if (!pointIds.Add(tp.Id))
            {
                problems.Add($"{where}: duplicate trigger point '{tp.Id}'.");
            }

            Require(tp.Name, tpWhere, "name", problems);
            Require(tp.Palpation, tpWhere, "palpation", problems);
            var location = ParseRefs(tp.Location, regions, tpWhere, "location", problems);
            var essential = ParseRefs(tp.Essential, regions, tpWhere, "essential", problems);
            var spillover = ParseRefs(tp.Spillover, regions, tpWhere, "spillover", problems);
            if (location.Count == 0)
            {
                problems.Add($"{tpWhere}: has no location.");
            }

            if (essential.Count == 0)
            {
                problems.Add($"{tpWhere}: has no essential referral zone.");
            }

            foreach (var former in tp.FormerIds ?? [])
            {
                if (!SlugPattern().IsMatch(former ?? string.Empty))
                {
                    problems.Add($"{tpWhere}: former id '{former}' must be lower-case letters, digits and hyphens.");
                }
                else if (!formerPointIds.Add(former!))
                {
                    problems.Add($"{tpWhere}: former id '{former}' is given twice in this muscle.");
                }
            }

            points.Add(new TriggerPoint(slug, points.Count, tp.Id ?? string.Empty, tp.Name ?? string.Empty, location,
                tp.Palpation ?? string.Empty, essential, spillover) { FormerIds = tp.FormerIds ?? [] });
        }

        foreach (var reused in formerPointIds.Intersect(pointIds))
        {
            problems.Add($"{where}: '{reused}' is both a trigger point id and a former id; a released id never names another point.");
        }

        if (points.Count == 0)
        {
            problems.Add($"{where}: has no trigger point.");
        }
        else if (points.Count > MaxTriggerPointsPerMuscle)
        {
            problems.Add($"{where}: has {points.Count} trigger points; the finder handles at most {MaxTriggerPointsPerMuscle} per muscle.");
        }

        var causes = new List<CauseNote>();
        foreach (var cause in row.Causes ?? [])
        {
            if (cause is null || !Causes.TryParse(cause.Cause, out var parsed))
            {
                problems.Add($"{where}: cause '{cause?.Cause}' is not one of {string.Join(", ", Causes.All.Select(c => c.Slug()))}.");
                continue;
            }

            causes.Add(new CauseNote(parsed, cause.Detail ?? string.Empty));
        }

        if (causes.Count == 0)
        {
            problems.Add($"{where}: has no cause.");
        }

        var activities = new List<ContextFactor>();
        foreach (var key in row.Activities ?? [])
        {
            if (ContextFactor.TryParse(key, out var factor))
            {
                activities.Add(factor);
            }
            else
            {
                problems.Add($"{where}: activity '{key}' is not one of {string.Join(", ", ContextFactor.All.Select(f => f.Key))}.");
            }
        }

        var citations = new List<SourceCitation>();
        foreach (var citation in row.Sources ?? [])
        {
            if (citation?.Ref is null || !sources.TryGetValue(citation.Ref, out var source))
            {
                problems.Add($"{where}: source '{citation?.Ref}' is not in sources.json.");
                continue;
            }

            if (source.Kind == SourceKind.Book && string.IsNullOrWhiteSpace(citation.Chapter))
            {
                problems.Add($"{where}: the citation of '{citation.Ref}' needs a chapter.");
            }
            else if (source.Kind == SourceKind.Article && !string.IsNullOrEmpty(citation.Chapter))
            {
                problems.Add($"{where}: '{citation.Ref}' is an article; its citation takes no chapter.");
            }

            citations.Add(new SourceCitation(source, citation.Chapter ?? string.Empty) { Verified = citation.Verified ?? true });
        }

        if (citations.Count == 0)
        {
            problems.Add($"{where}: has no source for its referral pattern.");
        }

        if (problems.Count > count)
        {
            return null;
        }

        var codes = new TerminologyCodes(row.Codes?.Uberon, row.Codes?.Fma, row.Codes?.Snomed);
        return new Muscle(index, slug, row.Name!, row.Aliases ?? [], row.Area!, row.Summary!, codes, points,
            row.Symptoms ?? [], row.LookAlikes ?? [], causes, activities, row.Associated ?? [], row.SelfCare!, citations)
        {
            FormerSlugs = row.FormerSlugs ?? [],
        };
    }

    private static void Require(string? value, string where, string field, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            problems.Add($"{where}: '{field}' is missing.");
        }
    }

    private static List<RegionRef> ParseRefs(IReadOnlyList<string>? tokens, BodyRegions regions, string where, string field, List<string> problems)
    {
        var result = new List<RegionRef>();
        foreach (var token in tokens ?? [])
        {
            var text = token?.Trim() ?? string.Empty;
            var dot = text.IndexOf('.', StringComparison.Ordinal);
            var stem = dot < 0 ? text : text[..dot];
            var suffix = dot < 0 ? string.Empty : text[(dot + 1)..];
            var stemRegions = regions.ByStem(stem);
            if (stemRegions.Count == 0)
            {
                var near = string.Join(", ", regions.Nearest(stem, 3).Select(r => r.Stem).Distinct());
                problems.Add($"{where}: unknown region '{text}' in {field} (nearest stems: {near}).");
                continue;
            }

            var paired = stemRegions[0].IsPaired;
            Reach? reach = (paired, suffix) switch
            {
                (false, "") => Reach.Midline,
                (true, "") => Reach.SameSide,
                (true, "both") => Reach.BothSides,
                (true, "opposite") => Reach.OppositeSide,
                _ => null,
            };
            if (reach is null)
            {
                problems.Add($"{where}: '{text}' in {field}: " +
                    (paired ? "a paired stem takes no suffix, '.both' or '.opposite'." : "a midline stem takes no suffix."));
                continue;
            }

            var reference = new RegionRef(stem, reach.Value);
            if (result.Contains(reference))
            {
                problems.Add($"{where}: '{text}' is listed twice in {field}.");
                continue;
            }

            result.Add(reference);
        }

        return result;
    }

    private static List<MuscleGroup> LoadGroups(KnowledgeFiles files, Dictionary<string, Muscle> muscles, List<string> problems)
    {
        var groups = new List<MuscleGroup>();
        var file = Read(files, "groups.json", KnowledgeJson.Default.GroupsFile, problems);
        var slugs = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in file?.Groups ?? [])
        {
            if (row?.Slug is null || row.Name is null || !SlugPattern().IsMatch(row.Slug))
            {
                problems.Add("groups.json: a group needs a slug (lower-case, hyphens) and a name.");
                continue;
            }

            if (!slugs.Add(row.Slug))
            {
                problems.Add($"groups.json: duplicate group '{row.Slug}'.");
            }

            if (muscles.ContainsKey(row.Slug))
            {
                problems.Add($"groups.json: group '{row.Slug}' has the same slug as a muscle.");
            }

            var members = new List<Muscle>();
            foreach (var member in row.Members ?? [])
            {
                if (muscles.TryGetValue(member, out var muscle))
                {
                    members.Add(muscle);
                }
                else
                {
                    problems.Add($"groups.json: group '{row.Slug}' names unknown muscle '{member}'.");
                }
            }

            if (members.Count == 0)
            {
                problems.Add($"groups.json: group '{row.Slug}' has no members.");
            }

            groups.Add(new MuscleGroup(row.Slug, row.Name, row.Aliases ?? [], members, row.Note));
        }

        return groups;
    }

    private static Dictionary<string, IReadOnlyList<Muscle>> LoadPainGuide(KnowledgeFiles files, BodyRegions regions, Dictionary<string, Muscle> muscles,
        Dictionary<string, Source> sources, List<string> problems)
    {
        var guide = new Dictionary<string, IReadOnlyList<Muscle>>(StringComparer.Ordinal);
        var file = Read(files, "pain-guide.json", KnowledgeJson.Default.PainGuideFile, problems);
        if (file is null)
        {
            return guide;
        }

        if (file.Sources is not { Count: > 0 })
        {
            problems.Add("pain-guide.json: has no source for its lists.");
        }

        foreach (var citation in file.Sources ?? [])
        {
            if (citation?.Ref is null || !sources.ContainsKey(citation.Ref))
            {
                problems.Add($"pain-guide.json: source '{citation?.Ref}' is not in sources.json.");
            }
            else if (string.IsNullOrWhiteSpace(citation.Chapter))
            {
                problems.Add($"pain-guide.json: the citation of '{citation.Ref}' needs a chapter.");
            }
        }

        foreach (var (stem, slugs) in file.Regions ?? new Dictionary<string, IReadOnlyList<string>>())
        {
            if (regions.ByStem(stem).Count == 0)
            {
                problems.Add($"pain-guide.json: unknown region stem '{stem}'.");
                continue;
            }

            var list = new List<Muscle>();
            foreach (var slug in slugs ?? [])
            {
                if (!muscles.TryGetValue(slug, out var muscle))
                {
                    problems.Add($"pain-guide.json: region '{stem}' names unknown muscle '{slug}'.");
                }
                else if (list.Contains(muscle))
                {
                    problems.Add($"pain-guide.json: region '{stem}' names '{slug}' twice.");
                }
                else
                {
                    list.Add(muscle);
                }
            }

            guide[stem] = list;
        }

        return guide;
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex SlugPattern();
}
