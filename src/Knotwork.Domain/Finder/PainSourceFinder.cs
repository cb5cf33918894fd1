using System.Numerics;
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

    [ThreadStatic]
    private static Scratch? t_scratch;

    /// <summary>Prepares a finder over <paramref name="knowledgeBase"/> (indexes every zone once).</summary>
    public PainSourceFinder(KnowledgeBase knowledgeBase)
    {
        ArgumentNullException.ThrowIfNull(knowledgeBase);
        _kb = knowledgeBase;
        var regions = knowledgeBase.Regions;
        var muscles = knowledgeBase.Muscles;
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
    public FinderResult Find(FinderQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var marked = Canonical(query.Regions);
        var screen = RedFlagScreen.Screen(marked, query.Answers);
        var scratch = t_scratch is { } cached && cached.Muscles == _kb.Muscles.Count ? cached : t_scratch = new Scratch(_kb.Muscles.Count);
        scratch.Reset();

        // 1. Accumulate, for every (muscle, side) slot, which marked regions its zones reach.
        Span<double> weights = stackalloc double[marked.Count];
        var totalWeight = 0.0;
        for (var p = 0; p < marked.Count; p++)
        {
            var intensity = query.Intensity.TryGetValue(marked[p], out var value) ? value : 5;
            weights[p] = 0.5 + (intensity / 20.0);
            totalWeight += weights[p];
            foreach (var entry in _byRegion[marked[p].Index])
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

        // 2. Decide each touched muscle's side and score it.
        var count = 0;
        foreach (var muscleIndex in scratch.TouchedMuscles)
        {
            ref var left = ref scratch.Slots[muscleIndex * 2];
            ref var right = ref scratch.Slots[(muscleIndex * 2) + 1];
            CandidateSide side;
            Bits explained, essential;
            double pattern, guide;
            ushort points;
            var leftPattern = Pattern(left, muscleIndex * 2);
            var rightPattern = Pattern(right, (muscleIndex * 2) + 1);
            var leftInRight = left.Explained.IsSubsetOf(right.Explained);
            var rightInLeft = right.Explained.IsSubsetOf(left.Explained);
            if (leftInRight == rightInLeft)
            {
                // The same regions (midline or bilateral pain), or each side explains what the other cannot.
                side = CandidateSide.Both;
                explained = left.Explained.Or(right.Explained);
                essential = left.Essential.Or(right.Essential);
                pattern = Math.Max(leftPattern, rightPattern);
                guide = Math.Max(left.Guide, right.Guide);
                points = (ushort)(left.Points | right.Points);
            }
            else if (leftInRight)
            {
                (side, explained, essential, pattern, guide, points) = (CandidateSide.Right, right.Explained, right.Essential, rightPattern, right.Guide, right.Points);
            }
            else
            {
                (side, explained, essential, pattern, guide, points) = (CandidateSide.Left, left.Explained, left.Essential, leftPattern, left.Guide, left.Points);
            }

            var covered = 0.0;
            for (var p = 0; p < marked.Count; p++)
            {
                if (essential.Get(p))
                {
                    covered += weights[p] * EssentialWeight;
                }
                else if (explained.Get(p))
                {
                    covered += weights[p] * SpilloverWeight;
                }
            }

            var coverage = covered / totalWeight;
            var score = ((1 - GuideShare) * coverage * (0.75 + (0.25 * pattern))) + (GuideShare * guide);
            var muscle = _kb.Muscles[muscleIndex];
            var contextHit = false;
            foreach (var factor in query.Context)
            {
                if (Contains(muscle.Activities, factor))
                {
                    contextHit = true;
                    break;
                }
            }

            if (contextHit)
            {
                score += ContextPull * (1 - score);
            }

            scratch.Candidates[count++] = new Scored(muscleIndex, side, Math.Clamp(score, 0, 1), guide, explained, essential, points);
        }

        var ranked = scratch.Candidates.AsSpan(0, count);
        ranked.Sort();

        // 3. Materialise the top candidates.
        var top = Math.Min(query.Top, count);
        var candidates = new Candidate[top];
        for (var i = 0; i < top; i++)
        {
            ref readonly var c = ref ranked[i];
            var muscle = _kb.Muscles[c.Muscle];
            candidates[i] = new Candidate(i + 1, muscle, c.Side, c.Score, Explanations(marked, c.Explained, c.Essential),
                _pointSets[c.Muscle][c.Points], ContextMatches(muscle, query.Context));
        }

        // 4. The cover: greedily the candidate that explains the most still-unexplained pain.
        var cover = new List<CoverEntry>();
        var unexplained = Bits.FirstN(marked.Count);
        while (!unexplained.IsEmpty)
        {
            var best = -1;
            var bestGain = 0.0;
            for (var i = 0; i < ranked.Length; i++)
            {
                var gain = 0.0;
                var newly = ranked[i].Explained.And(unexplained);
                if (newly.IsEmpty)
                {
                    continue;
                }

                for (var p = 0; p < marked.Count; p++)
                {
                    if (newly.Get(p))
                    {
                        gain += weights[p] * (ranked[i].Essential.Get(p) ? EssentialWeight : SpilloverWeight);
                    }
                }

                if (gain > bestGain + 1e-9)
                {
                    best = i;
                    bestGain = gain;
                }
            }

            if (best < 0)
            {
                break;
            }

            cover.Add(new CoverEntry(_kb.Muscles[ranked[best].Muscle], ranked[best].Side));
            unexplained = unexplained.AndNot(ranked[best].Explained);
        }

        var left2 = unexplained.Count; // marked regions no candidate explains
        Region[] unexplainedRegions = left2 == 0 ? [] : new Region[left2];
        for (int p = 0, k = 0; p < marked.Count && k < left2; p++)
        {
            if (unexplained.Get(p))
            {
                unexplainedRegions[k++] = marked[p];
            }
        }

        return new FinderResult(marked, screen.Flags, candidates, cover, unexplainedRegions, query.Context, screen.Questions);
    }

    private double Pattern(in SlotState slot, int slotIndex) =>
        _essentialCount[slotIndex] == 0 ? 0 : (double)slot.Essential.Count / _essentialCount[slotIndex];

    private static Explanation[] Explanations(IReadOnlyList<Region> marked, Bits explained, Bits essential)
    {
        var result = new Explanation[explained.Count];
        for (int p = 0, k = 0; p < marked.Count; p++)
        {
            if (explained.Get(p))
            {
                result[k++] = new Explanation(marked[p], essential.Get(p) ? ZoneKind.Essential : ZoneKind.Spillover);
            }
        }

        return result;
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

    private IReadOnlyList<Region> Canonical(IReadOnlyList<Region> regions)
    {
        if (regions.Count > _kb.Regions.Count)
        {
            regions = regions.Distinct().ToArray();
        }

        for (var i = 1; i < regions.Count; i++)
        {
            if (regions[i - 1].Index >= regions[i].Index)
            {
                return regions.Distinct().OrderBy(r => r.Index).ToArray();
            }
        }

        return regions;
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

    /// <summary>A set of marked-region positions (at most 192).</summary>
    private struct Bits : IEquatable<Bits>
    {
        private ulong _a, _b, _c;

        public readonly bool IsEmpty => (_a | _b | _c) == 0;

        public readonly int Count => BitOperations.PopCount(_a) + BitOperations.PopCount(_b) + BitOperations.PopCount(_c);

        public static Bits FirstN(int n)
        {
            var bits = default(Bits);
            for (var p = 0; p < n; p++)
            {
                bits.Set(p);
            }

            return bits;
        }

        public void Set(int p)
        {
            var bit = 1UL << (p & 63);
            switch (p >> 6)
            {
                case 0: _a |= bit; break;
                case 1: _b |= bit; break;
                default: _c |= bit; break;
            }
        }

        public readonly bool Get(int p) => (((p >> 6) switch { 0 => _a, 1 => _b, _ => _c }) & (1UL << (p & 63))) != 0;

        public readonly bool IsSubsetOf(Bits other) => (_a & ~other._a) == 0 && (_b & ~other._b) == 0 && (_c & ~other._c) == 0;

        public readonly Bits Or(Bits o) => new() { _a = _a | o._a, _b = _b | o._b, _c = _c | o._c };

        public readonly Bits And(Bits o) => new() { _a = _a & o._a, _b = _b & o._b, _c = _c & o._c };

        public readonly Bits AndNot(Bits o) => new() { _a = _a & ~o._a, _b = _b & ~o._b, _c = _c & ~o._c };

        public readonly bool Equals(Bits other) => _a == other._a && _b == other._b && _c == other._c;

        public override readonly bool Equals(object? obj) => obj is Bits other && Equals(other);

        public override readonly int GetHashCode() => HashCode.Combine(_a, _b, _c);
    }

    private struct SlotState
    {
        public Bits Explained;
        public Bits Essential;
        public ushort Points;
        public double Guide;
    }

    private readonly record struct Scored(int Muscle, CandidateSide Side, double Score, double Guide, Bits Explained, Bits Essential, ushort Points)
        : IComparable<Scored>
    {
        public int CompareTo(Scored other)
        {
            var byScore = other.Score.CompareTo(Score);
            if (byScore != 0)
            {
                return byScore;
            }

            var byGuide = other.Guide.CompareTo(Guide);
            return byGuide != 0 ? byGuide : Muscle.CompareTo(other.Muscle);
        }
    }

    /// <summary>Per-thread working memory, so a query allocates little beyond its answer.</summary>
    private sealed class Scratch(int muscles)
    {
        public readonly SlotState[] Slots = new SlotState[muscles * 2];
        public readonly Scored[] Candidates = new Scored[muscles];
        private readonly bool[] _touched = new bool[muscles];
        private readonly List<int> _touchedMuscles = new(muscles);

        public int Muscles => _touched.Length;

        public List<int> TouchedMuscles => _touchedMuscles;

        public ref SlotState Touch(int slot)
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

        public void Reset()
        {
            foreach (var muscle in _touchedMuscles)
            {
                _touched[muscle] = false;
            }

            _touchedMuscles.Clear();
        }
    }
}
