using Knotwork.Domain.Anatomy;
using Knotwork.Domain.Knowledge;

namespace Knotwork.Domain.Finder;

/// <summary>
/// The pain source finder: given the regions where a person feels pain, suggests which muscles' trigger
/// points may be referring it there, which side to examine and which points to palpate. It suggests muscles
/// to examine; it never diagnoses, and it screens for red flags first (<see cref="RedFlagScreen"/>).
/// </summary>
/// <remarks>
/// <para><b>Scoring.</b> Each muscle is considered on the left and on the right. A side's referral map is the
/// union of its trigger points' zones, resolved to that side (a pattern marked bilateral reaches both). A marked
/// region counts 1 when it lies in an essential (solid) zone and 0.5 when it lies only in a spillover zone; each
/// marked region is weighted by its intensity (<c>0.5 + intensity / 20</c>, so 5 when not given).</para>
/// <para><c>coverage</c> is the weighted share of the person's pain the muscle explains; <c>pattern</c> is the share
/// of the muscle's essential zone that is marked (how completely its known pattern shows up);
/// <c>guide</c> is 1 for the muscle the pain guide (Travell &amp; Simons) names first for a marked region it explains,
/// falling linearly along the guide's list, 0 when not listed. Then
/// <c>score = 0.85 × coverage × (0.75 + 0.25 × pattern) + 0.15 × guide</c>, and context the muscle is known to be
/// overloaded by moves the score a fifth of the way towards 1 (<c>score + 0.2 × (1 − score)</c>), which the
/// candidate reports. Scores lie in [0, 1]; adding a marked region inside a muscle's essential zone never lowers it.</para>
/// <para><b>Sides.</b> If both sides of a muscle explain exactly the same marked regions (midline or bilateral
/// pain), or each side explains regions the other cannot (pain on both sides), the muscle is suggested once with
/// side <see cref="CandidateSide.Both"/>; otherwise only the side that explains more is suggested, so left-sided
/// pain points to left-sided muscles.</para>
/// <para><b>Order.</b> By score, then by the pain guide's order, then by the atlas order of muscles: the same
/// input always gives the same answer. The <b>cover</b> is chosen greedily: repeatedly the candidate that explains
/// the most still-unexplained pain (weighted as above), until nothing more can be explained.</para>
/// <para><b>Where.</b> <see cref="MarkedSet"/> holds the marked regions and their weights, <see cref="CandidateScoring"/>
/// the scoring, sides and order, <see cref="GreedyCover"/> the cover; <see cref="Find"/> runs them in turn.</para>
/// </remarks>
public sealed class PainSourceFinder
{
    /// <summary>Weight of a marked region lying in an essential zone.</summary>
    public const double EssentialWeight = 1.0;

    /// <summary>Weight of a marked region lying only in a spillover zone.</summary>
    public const double SpilloverWeight = 0.5;

    /// <summary>How far a matching context moves a score towards 1.</summary>
    public const double ContextPull = 0.2;

    private const double GuideShare = 0.15;

    private readonly KnowledgeBase _kb;
    private readonly Entry[][] _byRegion;        // region index -> the (muscle, side) slots whose zones reach it
    private readonly int[] _essentialCount;      // slot -> distinct regions in its essential zones
    private readonly TriggerPoint[][][] _pointSets; // muscle -> trigger-point bit mask -> points

    /// <summary>Prepares a finder over <paramref name="knowledgeBase"/> (indexes every zone once).</summary>
    /// <exception cref="ArgumentException">The taxonomy has more regions than a query can mark, or a muscle more than 16 trigger points.</exception>
    public PainSourceFinder(KnowledgeBase knowledgeBase)
    {
        ArgumentNullException.ThrowIfNull(knowledgeBase);
        _kb = knowledgeBase;
        var regions = knowledgeBase.Regions;
        var muscles = knowledgeBase.Muscles;
        if (regions.Count > MarkedBits.Capacity)
        {
            throw new ArgumentException($"The taxonomy has {regions.Count} regions; the finder handles at most {MarkedBits.Capacity}.", nameof(knowledgeBase));
        }

        var lists = new List<Entry>[regions.Count];
        for (var r = 0; r < lists.Length; r++)
        {
            lists[r] = [];
        }

        _essentialCount = new int[muscles.Count * 2];
        _pointSets = new TriggerPoint[muscles.Count][][];
        foreach (var muscle in muscles)
        {
            if (muscle.TriggerPoints.Count > 16)
            {
                throw new ArgumentException($"Muscle '{muscle.Slug}' has more than 16 trigger points.", nameof(knowledgeBase));
            }

            _pointSets[muscle.Index] = BuildPointSets(muscle);
            foreach (var side in (ReadOnlySpan<Side>)[Side.Left, Side.Right])
            {
                var slot = (muscle.Index * 2) + (side == Side.Right ? 1 : 0);
                var zone = new Dictionary<int, (bool Essential, ushort Mask)>();
                foreach (var point in muscle.TriggerPoints)
                {
                    var bit = (ushort)(1 << point.Ordinal);
                    foreach (var region in point.Essential.SelectMany(z => z.Resolve(regions, side)))
                    {
                        zone[region.Index] = zone.TryGetValue(region.Index, out var e) ? (true, (ushort)(e.Mask | bit)) : (true, bit);
                    }

                    foreach (var region in point.Spillover.SelectMany(z => z.Resolve(regions, side)))
                    {
                        zone[region.Index] = zone.TryGetValue(region.Index, out var e) ? (e.Essential, (ushort)(e.Mask | bit)) : (false, bit);
                    }
                }

                _essentialCount[slot] = zone.Values.Count(v => v.Essential);
                foreach (var (regionIndex, (essential, mask)) in zone)
                {
                    var guide = knowledgeBase.PainGuide(regions.All[regionIndex].Stem);
                    var position = IndexOf(guide, muscle);
                    var guideScore = position < 0 ? 0f : (float)(guide.Count - position) / guide.Count;
                    lists[regionIndex].Add(new Entry(slot, essential, mask, guideScore));
                }
            }
        }

        _byRegion = lists.Select(l => l.OrderBy(e => e.Slot).ToArray()).ToArray();
    }

    /// <summary>The knowledge base this finder reads.</summary>
    public KnowledgeBase KnowledgeBase => _kb;

    /// <summary>Screens for red flags and ranks the muscles that may refer pain to the marked regions.</summary>
    /// <exception cref="ArgumentException">A marked region is not one of the knowledge base's regions.</exception>
    public FinderResult Find(FinderQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var marked = MarkedSet.Canonical(query.Regions, _kb.Regions);
        var screen = RedFlagScreen.Screen(marked, query.Answers);
        var pain = new MarkedSet(marked, query.Intensity, stackalloc double[marked.Count]);
        var scratch = Scratch.For(_kb.Muscles.Count);

        // 1. Note, for every (muscle, side) slot, which marked regions its zones reach.
        Reach(pain, scratch);

        // 2. Decide each touched muscle's side and score it; rank them best first.
        var ranked = Judge(pain, scratch, query.Context);

        // 3. Materialise the top candidates.
        var candidates = new Candidate[Math.Min(query.Top, ranked.Length)];
        for (var i = 0; i < candidates.Length; i++)
        {
            ref readonly var c = ref ranked[i];
            var muscle = _kb.Muscles[c.Muscle];
            candidates[i] = new Candidate(i + 1, muscle, c.Side, c.Score, pain.Explain(c.Explained, c.Essential),
                _pointSets[c.Muscle][c.Points], ContextMatches(muscle, query.Context));
        }

        // 4. The cover: greedily the candidate that explains the most still-unexplained pain.
        var cover = GreedyCover.Choose(ranked, pain, _kb.Muscles, out var unexplained);
        return new FinderResult(marked, screen.Flags, candidates, cover, pain.Select(unexplained), query.Context, screen.Questions);
    }

    /// <summary>Marks, in <paramref name="scratch"/>, what each (muscle, side) slot's zones reach among the marked regions.</summary>
    private void Reach(in MarkedSet pain, Scratch scratch)
    {
        for (var p = 0; p < pain.Count; p++)
        {
            foreach (var entry in _byRegion[pain.Regions[p].Index])
            {
                ref var slot = ref scratch.Touch(entry.Slot);
                slot.Explained.Set(p);
                if (entry.Essential)
                {
                    slot.Essential.Set(p);
                }

                slot.Points |= entry.Points;
                slot.Guide = Math.Max(slot.Guide, entry.Guide);
            }
        }
    }

    /// <summary>One scored candidate per muscle that <see cref="Reach"/> touched, best first.</summary>
    private Span<ScoredCandidate> Judge(in MarkedSet pain, Scratch scratch, IReadOnlyList<ContextFactor> context)
    {
        var count = 0;
        foreach (var muscle in scratch.TouchedMuscles)
        {
            var (left, right) = (muscle * 2, (muscle * 2) + 1);
            scratch.Candidates[count++] = CandidateScoring.Judge(
                muscle,
                scratch.Slots[left], CandidateScoring.Pattern(scratch.Slots[left], _essentialCount[left]),
                scratch.Slots[right], CandidateScoring.Pattern(scratch.Slots[right], _essentialCount[right]),
                pain, MatchesAny(_kb.Muscles[muscle], context));
        }

        var ranked = scratch.Candidates.AsSpan(0, count);
        ranked.Sort();
        return ranked;
    }

    private static bool MatchesAny(Muscle muscle, IReadOnlyList<ContextFactor> context)
    {
        for (var i = 0; i < context.Count; i++)
        {
            if (Contains(muscle.Activities, context[i]))
            {
                return true;
            }
        }

        return false;
    }

    private static ContextFactor[] ContextMatches(Muscle muscle, IReadOnlyList<ContextFactor> context)
    {
        List<ContextFactor>? matches = null;
        foreach (var factor in context)
        {
            if (Contains(muscle.Activities, factor))
            {
                (matches ??= []).Add(factor);
            }
        }

        return matches is null ? [] : [.. matches];
    }

    private static bool Contains(IReadOnlyList<ContextFactor> list, ContextFactor factor)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (ReferenceEquals(list[i], factor))
            {
                return true;
            }
        }

        return false;
    }


    private static int IndexOf(IReadOnlyList<Muscle> list, Muscle muscle)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (ReferenceEquals(list[i], muscle))
            {
                return i;
            }
        }

        return -1;
    }

    private static TriggerPoint[][] BuildPointSets(Muscle muscle)
    {
        var n = muscle.TriggerPoints.Count;
        var sets = new TriggerPoint[1 << n][];
        for (var mask = 0; mask < sets.Length; mask++)
        {
            sets[mask] = muscle.TriggerPoints.Where(p => (mask & (1 << p.Ordinal)) != 0).ToArray();
        }

        return sets;
    }

    private readonly record struct Entry(int Slot, bool Essential, ushort Points, float Guide);

    /// <summary>Per-thread working memory, so a query allocates little beyond its answer.</summary>
    private sealed class Scratch(int muscles)
    {
        [ThreadStatic]
        private static Scratch? t_current;

        public readonly SideReach[] Slots = new SideReach[muscles * 2];
        public readonly ScoredCandidate[] Candidates = new ScoredCandidate[muscles];
        private readonly bool[] _touched = new bool[muscles];
        private readonly List<int> _touchedMuscles = new(muscles);

        public List<int> TouchedMuscles => _touchedMuscles;

        /// <summary>This thread's scratch for <paramref name="muscles"/> muscles, with nothing touched.</summary>
        public static Scratch For(int muscles)
        {
            var scratch = t_current is { } cached && cached._touched.Length == muscles ? cached : t_current = new Scratch(muscles);
            scratch.Reset();
            return scratch;
        }

        public ref SideReach Touch(int slot)
        {
            var muscle = slot >> 1;
            if (!_touched[muscle])
            {
                _touched[muscle] = true;
                _touchedMuscles.Add(muscle);
                Slots[muscle * 2] = default;
                Slots[(muscle * 2) + 1] = default;
            }

            return ref Slots[slot];
        }

        private void Reset()
        {
            foreach (var muscle in _touchedMuscles)
            {
                _touched[muscle] = false;
            }

            _touchedMuscles.Clear();
        }
    }
}
