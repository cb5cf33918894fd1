using Knotwork.Domain.Anatomy;
using Knotwork.Domain.Knowledge;

namespace Knotwork.Domain.Finder;

/// <summary>What a person marked: regions, optionally how much each hurts, optionally context.</summary>
public sealed record FinderQuery
{
    /// <summary>The most candidates a query may ask for.</summary>
    public const int MaxTop = 100;

    /// <summary>The candidates returned when the query does not say.</summary>
    public const int DefaultTop = 10;

    /// <summary>The marked regions (any order; duplicates are ignored).</summary>
    public required IReadOnlyList<Region> Regions { get; init; }

    /// <summary>Pain intensity 1-10 for some marked regions; a region without one counts as 5.</summary>
    public IReadOnlyDictionary<Region, int> Intensity { get; init; } = new Dictionary<Region, int>();

    /// <summary>Causes and activities in the person's life (desk work, running, stress, ...).</summary>
    public IReadOnlyList<ContextFactor> Context { get; init; } = [];

    /// <summary>Answers to the safety questions (see <see cref="SafetyQuestions"/>); unanswered by default.</summary>
    public SafetyAnswers Answers { get; init; }

    /// <summary>How many ranked candidates to return (1 to <see cref="MaxTop"/>).</summary>
    public int Top { get; init; } = DefaultTop;

    /// <summary>
    /// Builds a query from the text forms used in URLs and forms: comma-separated region identifiers (or group
    /// tokens), intensities as <c>REGION:N</c> pairs (<c>temple.l:7,neck-back.l:4</c>; empty pairs ignored) and
    /// context keys, and answers as <c>QUESTION:yes|no</c> pairs (<c>dvt-swelling:no,fever:no</c>), with the same
    /// messages as <see cref="Parse"/>.
    /// </summary>
    public static QueryParse ParseText(string? regions, string? intensity = null, string? context = null, int? top = null, BodyRegions? taxonomy = null, string? answers = null)
    {
        var intensities = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var pair in SplitList(intensity))
        {
            var parts = pair.Split(':', 2);
            if (parts.Length != 2 || !int.TryParse(parts[1], System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var value))
            {
                return QueryParse.Fail($"Intensity '{pair}' must be REGION:N with N from 1 to 10, e.g. temple.l:7.");
            }

            intensities[parts[0].Trim()] = value;
        }

        var answerPairs = new List<KeyValuePair<string, string>>();
        foreach (var pair in SplitList(answers))
        {
            var parts = pair.Split([':', '='], 2);
            if (parts.Length != 2)
            {
                return QueryParse.Fail($"Answer '{pair}' must be QUESTION:yes or QUESTION:no, e.g. dvt-swelling:no.");
            }

            answerPairs.Add(new(parts[0].Trim(), parts[1].Trim()));
        }

        return Parse(SplitList(regions), intensities, SplitList(context), top, taxonomy, answerPairs);
    }

    /// <summary>Splits a comma-separated list, trimming entries and dropping empty ones.</summary>
    public static string[] SplitList(string? list) =>
        string.IsNullOrWhiteSpace(list) ? [] : list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>
    /// Builds a query from the words a person or a program sends (region identifiers or group tokens,
    /// intensities by region identifier, context keys, answers "yes" or "no" by safety question key), with a message for people when something is wrong.
    /// </summary>
    public static QueryParse Parse(
        IEnumerable<string>? regions,
        IReadOnlyDictionary<string, int>? intensity = null,
        IEnumerable<string>? context = null,
        int? top = null,
        BodyRegions? taxonomy = null,
        IEnumerable<KeyValuePair<string, string>>? answers = null)
    {
        taxonomy ??= BodyRegions.Default;
        var selection = taxonomy.ParseSelection(regions ?? []);
        if (!selection.Succeeded)
        {
            return QueryParse.Fail(selection.Error!);
        }

        if (selection.Regions.Count == 0)
        {
            return QueryParse.Fail("Mark at least one region, e.g. temple.l or neck-back.l.");
        }

        var intensities = new Dictionary<Region, int>();
        foreach (var (key, value) in intensity ?? new Dictionary<string, int>())
        {
            if (!taxonomy.TryGet(key, out var region))
            {
                return QueryParse.Fail("In intensity: " + taxonomy.UnknownRegionMessage(key));
            }

            if (!selection.Regions.Contains(region))
            {
                return QueryParse.Fail($"Intensity is given for '{region.Id}', which is not among the marked regions.");
            }

            if (value is < 1 or > 10)
            {
                return QueryParse.Fail($"Intensity for '{region.Id}' is {value}; it must be a whole number from 1 to 10.");
            }

            intensities[region] = value;
        }

        var factors = new List<ContextFactor>();
        foreach (var key in context ?? [])
        {
            if (string.IsNullOrWhiteSpace(key))
            {
                continue;
            }

            if (!ContextFactor.TryParse(key, out var factor))
            {
                return QueryParse.Fail($"Unknown context '{key.Trim()}'. Valid context: {string.Join(", ", ContextFactor.All.Select(f => f.Key))}.");
            }

            if (!factors.Contains(factor))
            {
                factors.Add(factor);
            }
        }

        var count = top ?? DefaultTop;
        if (count is < 1 or > MaxTop)
        {
            return QueryParse.Fail($"top is {count}; it must be from 1 to {MaxTop}.");
        }

        if (!SafetyAnswers.TryParse(answers ?? [], out var safety, out var answerError))
        {
            return QueryParse.Fail(answerError);
        }

        return QueryParse.Ok(new FinderQuery { Regions = selection.Regions, Intensity = intensities, Context = factors, Top = count, Answers = safety });
    }
}

/// <summary>The outcome of <see cref="FinderQuery.Parse"/>: a query, or why it was rejected.</summary>
public sealed record QueryParse
{
    private QueryParse(FinderQuery? query, string? error)
    {
        Query = query;
        Error = error;
    }

    /// <summary>The query (null on failure).</summary>
    public FinderQuery? Query { get; }

    /// <summary>A message for people saying what is wrong and what is valid (null on success).</summary>
    public string? Error { get; }

    /// <summary>Whether the input made a valid query.</summary>
    public bool Succeeded => Query is not null;

    internal static QueryParse Ok(FinderQuery query) => new(query, null);

    internal static QueryParse Fail(string error) => new(null, error);
}
