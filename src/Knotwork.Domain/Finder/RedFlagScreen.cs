using Knotwork.Domain.Anatomy;

namespace Knotwork.Domain.Finder;

/// <summary>
/// Screens a pain drawing for patterns that need medical attention before any massage. The screen is
/// deliberately broad (it raises a flag on the pattern alone): a missed flag costs far more than an extra one.
/// </summary>
public static class RedFlagScreen
{
    /// <summary>Code of the possible-cardiac flag (chest pain, with or without left arm or jaw pain).</summary>
    public const string Cardiac = "cardiac";

    /// <summary>Code of the nerve-root / cauda-equina flag (saddle pain or pain down both legs).</summary>
    public const string CaudaEquina = "cauda-equina";

    /// <summary>Code of the possible-visceral flag (abdominal or pelvic pain).</summary>
    public const string Visceral = "visceral";

    /// <summary>Code of the widespread-pain flag.</summary>
    public const string Widespread = "widespread";

    /// <summary>The least number of region groups marked for pain to count as widespread.</summary>
    public const int WidespreadMinGroups = 5;

    private static readonly string[] LegGroups = ["thigh", "knee", "leg", "foot"];
    private static readonly string[] AboveWaist = ["head", "neck", "shoulder", "upper-back", "chest", "arm", "forearm", "hand"];
    private static readonly string[] BelowWaist = ["pelvis-hip", "thigh", "knee", "leg", "foot"];

    /// <summary>Every red flag the screen can raise, most urgent first: code, title and advice in plain words.</summary>
    public static IReadOnlyList<(string Code, string Title, string Advice)> Definitions { get; } =
    [
        (Cardiac, "Chest pain: rule out a heart problem first",
            "Pain in the chest, especially with pain in the left arm, jaw or upper back, shortness of breath, sweating, " +
            "nausea or light-headedness, can come from the heart. Get medical care before any massage: call emergency " +
            "services if it is new, severe, or came on with exertion. Muscles can refer pain to the chest too, but only " +
            "a medical assessment can tell the difference."),
        (CaudaEquina, "Saddle-area pain or pain down both legs: see a doctor",
            "Pain in the saddle area (between the legs) or running down both legs can come from pressure on the nerve " +
            "roots at the bottom of the spine. Seek emergency care today if it comes with numbness in the saddle area, " +
            "weakness in the legs, or new trouble controlling the bladder or bowel. Otherwise have a doctor assess it " +
            "before massage."),
        (Visceral, "Abdominal or pelvic pain: rule out an internal cause",
            "Pain in the belly or pelvis can come from the organs (for example the appendix, gallbladder, kidneys, bowel, " +
            "bladder or reproductive organs). Get medical care first if it is severe, constant or sudden, or comes with " +
            "fever, vomiting, blood, or pain on passing urine. Muscles of the belly wall and back can refer pain here too, " +
            "once a doctor has ruled out an internal cause."),
        (Widespread, "Widespread pain: have it assessed as a whole",
            "Pain in many areas, on both sides and above and below the waist, is more than a few trigger points usually " +
            "explain. Conditions such as fibromyalgia, inflammatory arthritis, thyroid or vitamin D problems, or side " +
            "effects of medicines can cause it. A medical assessment is worth having; massage can still help with comfort."),
    ];

    /// <summary>The red flags raised by <paramref name="marked"/>, in a fixed order (most urgent first).</summary>
    public static IReadOnlyList<RedFlag> Screen(IReadOnlyList<Region> marked)
    {
        ArgumentNullException.ThrowIfNull(marked);
        List<RedFlag>? flags = null;

        if (Any(marked, r => r.Stem is "chest" or "sternum"))
        {
            var regions = marked.Where(r => r.Stem is "chest" or "sternum" or "jaw" or "teeth-lower" or "chin" or "throat"
                || (r.Side == Side.Left && r.Group is "arm" or "forearm" or "hand")
                || (r.Side == Side.Left && r.Stem == "scapula-medial"));
            (flags ??= []).Add(Flag(Cardiac, regions));
        }

        var saddle = Any(marked, r => r.Stem == "perineum");
        var bothLegs = LegGroupCount(marked, Side.Left) >= 2 && LegGroupCount(marked, Side.Right) >= 2;
        if (saddle || bothLegs)
        {
            (flags ??= []).Add(Flag(CaudaEquina, marked.Where(r => r.Stem == "perineum" || (bothLegs && LegGroups.Contains(r.Group)))));
        }

        if (Any(marked, IsVisceral))
        {
            (flags ??= []).Add(Flag(Visceral, marked.Where(IsVisceral)));
        }

        if (marked.Count >= WidespreadMinGroups
            && Any(marked, r => r.Side == Side.Left) && Any(marked, r => r.Side == Side.Right)
            && Any(marked, r => AboveWaist.Contains(r.Group)) && Any(marked, r => BelowWaist.Contains(r.Group))
            && marked.Select(r => r.Group).Distinct().Count() >= WidespreadMinGroups)
        {
            (flags ??= []).Add(Flag(Widespread, marked));
        }

        return flags is null ? [] : flags;
    }

    private static bool IsVisceral(Region r) => r.Stem is "abdomen-upper" or "abdomen-lower" or "pubis";

    private static RedFlag Flag(string code, IEnumerable<Region> regions)
    {
        var definition = Definitions.First(d => d.Code == code);
        return new RedFlag(code, definition.Title, definition.Advice, regions.Distinct().OrderBy(r => r.Index).ToArray());
    }

    private static bool Any(IReadOnlyList<Region> regions, Func<Region, bool> predicate)
    {
        for (var i = 0; i < regions.Count; i++)
        {
            if (predicate(regions[i]))
            {
                return true;
            }
        }

        return false;
    }

    private static int LegGroupCount(IReadOnlyList<Region> regions, Side side)
    {
        var seen = 0;
        for (var i = 0; i < regions.Count; i++)
        {
            var index = regions[i].Side == side ? Array.IndexOf(LegGroups, regions[i].Group) : -1;
            if (index >= 0)
            {
                seen |= 1 << index;
            }
        }

        return System.Numerics.BitOperations.PopCount((uint)seen);
    }
}
