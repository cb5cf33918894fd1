using System.Text;
using Knotwork.Domain.Anatomy;
using Knotwork.Domain.Finder;
using Knotwork.Domain.Knowledge;
using Microsoft.Extensions.Primitives;

namespace Knotwork.Web.Pages.Finder;

/// <summary>
/// What the person has marked on the finder page, as it lives in the URL:
/// <c>/finder?regions=temple.l,neck-back.l&amp;intensity=temple.l:7&amp;context=desk-work&amp;answers=fever:no</c>.
/// </summary>
internal sealed class FinderSelection
{
    public const string Path = "/finder";

    /// <summary>The prefix of a safety question's radio buttons in the form: <c>a-fever=yes</c>.</summary>
    public const string AnswerPrefix = "a-";

    private FinderSelection(IReadOnlyList<Region> regions, IReadOnlyDictionary<Region, int> intensity, IReadOnlyList<ContextFactor> context, SafetyAnswers answers)
    {
        Regions = regions;
        Intensity = intensity;
        Context = context;
        Answers = answers;
        Set = regions.ToHashSet();
    }

    public IReadOnlyList<Region> Regions { get; }

    public IReadOnlySet<Region> Set { get; }

    public IReadOnlyDictionary<Region, int> Intensity { get; }

    public IReadOnlyList<ContextFactor> Context { get; }

    /// <summary>The answers to the safety questions.</summary>
    public SafetyAnswers Answers { get; }

    public bool IsEmpty => Regions.Count == 0;

    public static FinderSelection Empty { get; } = new([], new Dictionary<Region, int>(), [], SafetyAnswers.None);

    /// <summary>
    /// Reads a selection from the query string: <c>regions</c> (comma list) or <c>r</c> (one per checkbox of the
    /// list form), <c>intensity</c> as REGION:N, <c>context</c> keys, <c>answers</c> as QUESTION:yes|no (or one
    /// <c>a-QUESTION=yes|no</c> per radio group of the form). Empty intensity values (a select left at "-") are ignored.
    /// </summary>
    public static (FinderSelection Selection, string? Error) Parse(IQueryCollection query, BodyRegions taxonomy)
    {
        var regionTokens = Values(query["regions"]).Concat(Values(query["r"])).ToArray();
        var contextKeys = Values(query["context"]).ToArray();
        var answers = string.Join(',', Values(query["answers"]).Concat(query
            .Where(kv => kv.Key.StartsWith(AnswerPrefix, StringComparison.Ordinal) && !string.IsNullOrEmpty(kv.Value.LastOrDefault()))
            .Select(kv => kv.Key[AnswerPrefix.Length..] + ":" + kv.Value.LastOrDefault())));
        if (regionTokens.Length == 0)
        {
            // Nothing marked yet: still keep the chosen context so the chips stay as they were (answers go with the map).
            var chips = contextKeys.Select(k => ContextFactor.TryParse(k, out var f) ? f : null).OfType<ContextFactor>().Distinct().ToArray();
            return (new FinderSelection([], new Dictionary<Region, int>(), chips, SafetyAnswers.None), null);
        }

        var parse = FinderQuery.ParseText(string.Join(',', regionTokens), string.Join(',', Values(query["intensity"])), string.Join(',', contextKeys), null, taxonomy, answers);
        if (!parse.Succeeded)
        {
            return (Empty, parse.Error);
        }

        var q = parse.Query!;
        return (new FinderSelection(q.Regions, q.Intensity, q.Context, q.Answers), null);
    }

    /// <summary>Whether the URL is already in canonical form (so a list-form submission can be redirected to it).</summary>
    public static bool IsCanonical(IQueryCollection query) =>
        !query.ContainsKey("r") && query.All(kv => !kv.Key.StartsWith(AnswerPrefix, StringComparison.Ordinal)
            && kv.Value.Count <= 1 && kv.Value.All(v => !string.IsNullOrEmpty(v)));

    public FinderQuery ToQuery() => new() { Regions = Regions, Intensity = Intensity, Context = Context, Answers = Answers };

    /// <summary>The canonical URL of this selection.</summary>
    public string Url() => Url(Regions, Intensity, Context, Answers);

    /// <summary>The URL of this selection with <paramref name="region"/> marked or unmarked.</summary>
    public string UrlToggling(Region region)
    {
        var regions = Set.Contains(region) ? Regions.Where(r => r != region) : Regions.Append(region).OrderBy(r => r.Index);
        return Url(regions.ToArray(), Intensity.Where(kv => kv.Key != region).ToDictionary(), Context, Answers);
    }

    /// <summary>The URL of this selection with every unanswered question of <paramref name="questions"/> answered "no".</summary>
    public string UrlAnsweringNo(IEnumerable<SafetyQuestion> questions)
    {
        var answers = Answers;
        foreach (var question in questions)
        {
            answers = answers.Get(question) is null ? answers.With(question, false) : answers;
        }

        return Url(Regions, Intensity, Context, answers);
    }

    /// <summary>The URL of this selection without any region or answer (context kept).</summary>
    public string UrlCleared() => Url([], new Dictionary<Region, int>(), Context, SafetyAnswers.None);

    private static string Url(IReadOnlyList<Region> regions, IReadOnlyDictionary<Region, int> intensity, IReadOnlyList<ContextFactor> context, SafetyAnswers answers)
    {
        var url = new StringBuilder(Path);
        var first = true;
        void Add(string key, string value)
        {
            url.Append(first ? '?' : '&').Append(key).Append('=').Append(value);
            first = false;
        }

        if (regions.Count > 0)
        {
            Add("regions", string.Join(',', regions.Select(r => r.Id.Value)));
        }

        var marked = regions.Where(intensity.ContainsKey).ToArray();
        if (marked.Length > 0)
        {
            Add("intensity", string.Join(',', marked.Select(r => $"{r.Id.Value}:{intensity[r]}")));
        }

        if (context.Count > 0)
        {
            Add("context", string.Join(',', context.Select(c => c.Key)));
        }

        if (!answers.IsEmpty)
        {
            Add("answers", answers.ToString());
        }

        return url.ToString();
    }

    private static IEnumerable<string> Values(StringValues values) => values.SelectMany(FinderQuery.SplitList);
}
