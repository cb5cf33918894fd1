using Knotwork.Domain.Anatomy;

namespace Knotwork.Domain.Finder;

/// <summary>One red flag the screen can raise: its code, words for people, and what it rests on.</summary>
/// <param name="Code">Stable code, e.g. <c>dvt</c>.</param>
/// <param name="Title">A short heading for people.</param>
/// <param name="Advice">What to do, in plain words.</param>
/// <param name="Urgency">How urgent it is when marked regions alone raise it (answers can make it more urgent).</param>
/// <param name="Source">The guideline or textbook it comes from.</param>
public sealed record RedFlagDefinition(string Code, string Title, string Advice, Urgency Urgency, string Source);

/// <summary>What the screen found: the red flags raised, and the safety questions asked with their answers.</summary>
/// <param name="Flags">The red flags, most urgent kind first.</param>
/// <param name="Questions">Every question the marked regions bring up, plus any answered one, in asking order.</param>
public sealed record SafetyScreen(IReadOnlyList<RedFlag> Flags, IReadOnlyList<AskedQuestion> Questions);

/// <summary>
/// Screens a pain drawing, and the answers to the safety questions it brings up, for signs that need medical care
/// before (or instead of) massage. A drawing cannot show saddle numbness or a swollen calf, so each marked area
/// brings up questions; a "yes" raises that question's flag whatever was marked. Where marked regions alone make a
/// pattern worth a flag (chest pain; saddle-area pain), the flag is raised unless every question behind it is
/// answered "no", and for possible heart pain not even then: only a medical assessment rules that out. The screen
/// is deliberately broad: a missed flag costs far more than an extra one.
/// </summary>
public static class RedFlagScreen
{
    /// <summary>Possible heart pain: chest pain, or jaw, throat or upper-abdominal pain with left arm pain.</summary>
    public const string Cardiac = "cardiac";

    /// <summary>A headache with a sign of a serious cause (SNNOOP10), including giant cell arteritis.</summary>
    public const string Headache = "headache";

    /// <summary>Neck pain or headache with signs of an injured neck artery, or after neck trauma.</summary>
    public const string CervicalArtery = "cervical-artery";

    /// <summary>Possible deep vein thrombosis: leg pain with a clinical sign or risk factor of a clot.</summary>
    public const string Dvt = "dvt";

    /// <summary>Pressure on the nerve roots at the base of the spine: saddle numbness, bladder or bowel change, weak legs.</summary>
    public const string CaudaEquina = "cauda-equina";

    /// <summary>Severe lower-leg pain with tense swelling: acute compartment syndrome.</summary>
    public const string Compartment = "compartment";

    /// <summary>A foot that drags or slaps: a nerve problem, not a muscle one.</summary>
    public const string FootDrop = "foot-drop";

    /// <summary>Possible organ (visceral) pain: abdominal or pelvic pain.</summary>
    public const string Visceral = "visceral";

    /// <summary>General warning signs any pain can come with: fever, weight loss, cancer, night pain, recent trauma.</summary>
    public const string WarningSigns = "warning-signs";

    /// <summary>Widespread pain.</summary>
    public const string Widespread = "widespread";

    /// <summary>The least number of region groups marked for pain to count as widespread.</summary>
    public const int WidespreadMinGroups = 5;

    private static readonly string[] LegGroups = ["thigh", "knee", "leg", "foot"];
    private static readonly string[] AboveWaist = ["head", "neck", "shoulder", "upper-back", "chest", "arm", "forearm", "hand"];
    private static readonly string[] BelowWaist = ["pelvis-hip", "thigh", "knee", "leg", "foot"];

    /// <summary>Every red flag the screen can raise, most urgent kind first (the order flags are listed in).</summary>
    public static IReadOnlyList<RedFlagDefinition> Definitions { get; } =
    [
        new(Cardiac, "Pain that may come from the heart: rule that out first",
            "Pain in the chest, or in the jaw, throat or upper belly together with the left arm, can come from the heart, " +
            "especially with shortness of breath, sweating, nausea or light-headedness, or when it comes on with effort. " +
            "Get medical care before any massage: call emergency services if it is new, severe, or came on with those signs. " +
            "Muscles can refer pain to the chest too, but only a medical assessment can tell the difference.",
            Urgency.BeforeMassage, SafetySources.Goodman),
        new(Headache, "Headache with a warning sign: get medical care first",
            "A headache that came on suddenly or is the worst ever, comes with a fever and a stiff neck, with new weakness, " +
            "numbness, confusion or changes in vision, follows a blow to the head, or is worse lying down or on coughing can " +
            "have a serious cause: call emergency services for a sudden, severe headache or new signs in the nerves, otherwise " +
            "see a doctor today. A new headache after 50 with jaw pain on chewing, a tender scalp or changes in vision can be " +
            "giant cell arteritis, which needs treatment the same day to protect sight. No massage of the head, jaw or neck " +
            "until a doctor has seen it.",
            Urgency.Today, SafetySources.Snnoop10),
        new(CervicalArtery, "Neck pain with dizziness or after an injury: no neck work until a doctor has seen it",
            "Neck pain or headache with dizziness, double vision, slurred speech, trouble swallowing or sudden falls can come " +
            "from an injured artery in the neck, which can lead to a stroke: call emergency services. After a fall, a car " +
            "accident or a sudden twist of the neck, have it assessed by a doctor before any massage of the neck. Neck muscles " +
            "such as the sternocleidomastoid can cause dizziness too, but only once these causes are ruled out.",
            Urgency.Today, SafetySources.Ifompt),
        new(Dvt, "Leg pain with a sign of a blood clot: no deep leg work, medical care today",
            "Pain in one calf, the back of the knee or the inner lower leg with swelling, warmth or redness, or with a risk " +
            "such as recent surgery, a long journey, pregnancy, hormones or cancer, can be a deep vein thrombosis (a clot in a " +
            "deep vein). No deep massage of the leg: pressure could move a clot. Get medical care today. If you are short of " +
            "breath, have chest pain or cough up blood, call emergency services now. A swollen calf is never something to " +
            "massage away.",
            Urgency.Today, SafetySources.Wells),
        new(CaudaEquina, "Saddle-area symptoms or bladder and bowel changes: urgent care",
            "Numbness or tingling in the saddle area (between the legs), new trouble passing urine or controlling the bladder " +
            "or bowel, or weakness or numbness in both legs can mean pressure on the nerve roots at the bottom of the spine " +
            "(cauda equina syndrome). This is an emergency: go to an emergency department today, even if the pain is mild. " +
            "Pain in the saddle area without these signs still needs a doctor's assessment before massage.",
            Urgency.BeforeMassage, SafetySources.Finucane),
        new(Compartment, "Severe, tense lower-leg pain: emergency care",
            "Severe pain in the shin or lower leg with swelling that feels tight or hard, worse when the foot or toes move, can " +
            "be compartment syndrome: pressure building inside a muscle's sheath that cuts off its blood supply. Go to an " +
            "emergency department now and never massage it. Shin pain that comes with running and eases with rest should " +
            "also be assessed by a doctor.",
            Urgency.Emergency, SafetySources.Boast),
        new(FootDrop, "A foot that drags or slaps: see a doctor",
            "A foot that drags or slaps when you walk, or that you cannot lift, means a nerve is not working properly, from " +
            "pressure on a nerve root in the low back or on the nerve beside the knee. Trigger points do not cause weakness " +
            "like this. See a doctor before any massage of the leg or back, today if it is new or getting worse.",
            Urgency.Today, SafetySources.Finucane),
        new(Visceral, "Abdominal or pelvic pain: rule out an internal cause",
            "Pain in the belly or pelvis can come from the organs (for example the appendix, gallbladder, kidneys, bowel, " +
            "bladder or reproductive organs). Get medical care first if it is severe, constant or sudden, or comes with " +
            "fever, vomiting, blood, or pain on passing urine. Muscles of the belly wall and back can refer pain here too, " +
            "once a doctor has ruled out an internal cause.",
            Urgency.BeforeMassage, SafetySources.Goodman),
        new(WarningSigns, "A general warning sign: see a doctor first",
            "Pain with a fever or feeling unwell, weight loss without trying, a history of cancer, pain at night or at rest " +
            "that nothing eases, or pain that started after a fall or an accident can have a cause other than muscles, such " +
            "as an infection, a fracture or a tumour. See a doctor before massage (today if you have a fever). Once a doctor " +
            "has ruled these out, trigger point work may still help.",
            Urgency.BeforeMassage, SafetySources.Finucane),
        new(Widespread, "Widespread pain: have it assessed as a whole",
            "Pain in many areas, on both sides and above and below the waist, is more than a few trigger points usually " +
            "explain. Conditions such as fibromyalgia, inflammatory arthritis, thyroid or vitamin D problems, or side " +
            "effects of medicines can cause it. A medical assessment is worth having; massage can still help with comfort.",
            Urgency.BeforeMassage, SafetySources.Wolfe),
    ];

    // Per flag (in Definitions order): which of its questions the marked regions bring up, and the regions that do.
    private static readonly ulong[] QuestionsOf = Definitions.Select(d => Mask(SafetyQuestions.For(d.Code))).ToArray();
    private static readonly ulong GiantCellArteritis = Mask(SafetyQuestions.All.Where(q => q.Key == "headache-over-50"));
    private static readonly Func<Region, bool>[] BringsUp = Definitions.Select(d => (Func<Region, bool>)(d.Code switch
    {
        Cardiac => CardiacArea,
        Headache => r => r.Group == "head",
        CervicalArtery => r => r.Group == "neck" || HeadacheArea(r),
        Dvt => r => r.Stem is "calf" or "knee-back" or "leg-inner",
        CaudaEquina => r => r.Group == "low-back" || r.Stem is "perineum" or "buttock" || LegGroups.Contains(r.Group),
        Compartment => r => r.Group == "leg",
        FootDrop => r => r.Group is "leg" or "foot" or "low-back" || r.Stem is "knee-outer" or "buttock",
        Visceral => IsVisceral,
        _ => _ => true,
    })).ToArray();

    /// <summary>The red flags raised by <paramref name="marked"/> alone, with no answers (the broad guess).</summary>
    public static IReadOnlyList<RedFlag> Screen(IReadOnlyList<Region> marked) => Screen(marked, SafetyAnswers.None).Flags;

    /// <summary>
    /// Screens <paramref name="marked"/> with <paramref name="answers"/>: the flags raised (in <see cref="Definitions"/>
    /// order) and the questions the marked regions bring up, each with its answer if given.
    /// </summary>
    public static SafetyScreen Screen(IReadOnlyList<Region> marked, SafetyAnswers answers)
    {
        ArgumentNullException.ThrowIfNull(marked);
        var asked = AskedMask(marked) | answers.Answered;
        List<RedFlag>? flags = null;
        for (var f = 0; f < Definitions.Count; f++)
        {
            var definition = Definitions[f];
            var yes = answers.Yes & QuestionsOf[f];
            var pattern = Pattern(definition.Code, marked);
            if (pattern && QuestionsOf[f] != 0 && (answers.No & QuestionsOf[f]) == QuestionsOf[f] && definition.Code != Cardiac)
            {
                pattern = false; // every question behind the guess answered "no": the answers decide
            }

            if (yes == 0 && !pattern)
            {
                continue;
            }

            var urgency = pattern ? definition.Urgency : Urgency.BeforeMassage;
            var because = new List<SafetyQuestion>();
            foreach (var question in SafetyQuestions.All)
            {
                if ((yes & Bit(question)) != 0)
                {
                    because.Add(question);
                    urgency = (Urgency)Math.Max((int)urgency, (int)question.IfYes);
                }
            }

            var regions = marked.Where(pattern ? r => PatternRegion(definition.Code, r, marked) : BringsUp[f]).OrderBy(r => r.Index).ToArray();
            (flags ??= []).Add(new RedFlag(definition.Code, definition.Title, definition.Advice, regions, urgency, because, definition.Source));
        }

        var questions = new AskedQuestion[System.Numerics.BitOperations.PopCount(asked)];
        var n = 0;
        foreach (var question in SafetyQuestions.All)
        {
            if ((asked & Bit(question)) != 0)
            {
                questions[n++] = new AskedQuestion(question, answers.Get(question));
            }
        }

        return new SafetyScreen(flags is null ? [] : flags, questions);
    }

    /// <summary>The questions <paramref name="marked"/> brings up (a bit per <see cref="SafetyQuestion.Index"/>).</summary>
    private static ulong AskedMask(IReadOnlyList<Region> marked)
    {
        ulong asked = 0;
        for (var f = 0; f < Definitions.Count; f++)
        {
            if (QuestionsOf[f] != 0 && BringsUpAny(marked, f))
            {
                asked |= QuestionsOf[f];
            }
        }

        // Giant cell arteritis hurts where temporalis and masseter refer: jaw pain alone asks about it.
        if (Any(marked, r => r.Group == "head"))
        {
            asked |= GiantCellArteritis;
        }

        return asked;
    }

    private static bool BringsUpAny(IReadOnlyList<Region> marked, int flag) => Definitions[flag].Code switch
    {
        Headache => Any(marked, HeadacheArea),
        Dvt => Any(marked, r => r.Stem is "knee-back" or "leg-inner") || OneCalf(marked),
        CaudaEquina => Any(marked, r => r.Group == "low-back" || r.Stem is "perineum" or "buttock") || BothLegs(marked, 1),
        _ => Any(marked, BringsUp[flag]),
    };

    /// <summary>Whether the marked regions alone make the pattern of <paramref name="code"/>.</summary>
    private static bool Pattern(string code, IReadOnlyList<Region> marked) => code switch
    {
        Cardiac => Any(marked, r => r.Stem is "chest" or "sternum")
            || (Any(marked, r => r.Stem is "jaw" or "teeth-lower" or "chin") && Any(marked, LeftInnerArm))
            || (Any(marked, r => r.Stem is "throat" or "neck-front") && Any(marked, LeftArm))
            || (Any(marked, r => r.Stem == "abdomen-upper") && Any(marked, LeftArm)),
        CaudaEquina => Any(marked, r => r.Stem == "perineum"),
        Visceral => Any(marked, IsVisceral),
        Widespread => marked.Count >= WidespreadMinGroups
            && Any(marked, r => r.Side == Side.Left) && Any(marked, r => r.Side == Side.Right)
            && Any(marked, r => AboveWaist.Contains(r.Group)) && Any(marked, r => BelowWaist.Contains(r.Group))
            && marked.Select(r => r.Group).Distinct().Count() >= WidespreadMinGroups,
        _ => false,
    };

    private static bool PatternRegion(string code, Region r, IReadOnlyList<Region> marked) => code switch
    {
        Cardiac => CardiacArea(r) || (r.Side == Side.Left && r.Group is "arm" or "forearm" or "hand"),
        CaudaEquina => r.Stem == "perineum",
        Visceral => IsVisceral(r),
        _ => true,
    };

    private static bool CardiacArea(Region r) =>
        r.Stem is "chest" or "sternum" or "jaw" or "teeth-lower" or "chin" or "throat" or "neck-front" or "abdomen-upper"
        || LeftInnerArm(r) || (r.Side == Side.Left && r.Stem == "scapula-medial");

    private static bool LeftInnerArm(Region r) =>
        r.Side == Side.Left && r.Stem is "upper-arm-inner" or "elbow-inner" or "forearm-ulnar" or "fingers-ulnar" or "axilla";

    private static bool LeftArm(Region r) => r.Side == Side.Left && r.Group is "arm" or "forearm" or "hand";

    private static bool HeadacheArea(Region r) =>
        r.Group == "head" && r.Stem is not ("jaw" or "teeth-upper" or "teeth-lower" or "chin" or "tmj" or "cheek" or "ear");

    private static bool IsVisceral(Region r) => r.Stem is "abdomen-upper" or "abdomen-lower" or "pubis";

    // One calf, not both: pain in both calves is a runner's, not a clot's.
    private static bool OneCalf(IReadOnlyList<Region> marked) =>
        Any(marked, r => r.Stem == "calf" && r.Side == Side.Left) != Any(marked, r => r.Stem == "calf" && r.Side == Side.Right);

    private static bool BothLegs(IReadOnlyList<Region> marked, int groups) =>
        LegGroupCount(marked, Side.Left) >= groups && LegGroupCount(marked, Side.Right) >= groups;

    private static ulong Bit(SafetyQuestion question) => 1UL << question.Index;

    private static ulong Mask(IEnumerable<SafetyQuestion> questions) => questions.Aggregate(0UL, (mask, q) => mask | Bit(q));

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
