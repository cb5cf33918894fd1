using System.Numerics;
using Knotwork.Domain.Anatomy;
using Knotwork.Domain.Knowledge;

namespace Knotwork.Domain.Finder;

/// <summary>
/// The regions one query marked, in taxonomy order, with how much each weighs: a marked region's weight is
/// <c>0.5 + intensity / 20</c> (5 when not given). A region's position in <see cref="Regions"/> is its bit in
/// a <see cref="MarkedBits"/>.
/// </summary>
internal readonly ref struct MarkedSet
{
    private readonly ReadOnlySpan<double> _weights;

    /// <summary>Weighs the <paramref name="canonical"/> regions (from <see cref="Canonical"/>) into <paramref name="weights"/>.</summary>
    public MarkedSet(IReadOnlyList<Region> canonical, IReadOnlyDictionary<Region, int> intensity, Span<double> weights)
    {
        var total = 0.0;
        for (var p = 0; p < canonical.Count; p++)
        {
            var value = intensity.TryGetValue(canonical[p], out var given) ? given : 5;
            weights[p] = 0.5 + (value / 20.0);
            total += weights[p];
        }

        Regions = canonical;
        TotalWeight = total;
        _weights = weights[..canonical.Count];
    }

    /// <summary>The marked regions, distinct and in taxonomy order.</summary>
    public IReadOnlyList<Region> Regions { get; }

    /// <summary>How many regions are marked.</summary>
    public int Count => Regions.Count;

    /// <summary>The sum of all marked regions' weights.</summary>
    public double TotalWeight { get; }

    /// <summary>
    /// The marked regions distinct and in taxonomy order. Duplicates are dropped; a region that is not one of
    /// <paramref name="taxonomy"/>'s (or null) is a programmer error. An already canonical list is returned as is.
    /// </summary>
    public static IReadOnlyList<Region> Canonical(IReadOnlyList<Region> regions, BodyRegions taxonomy)
    {
        ArgumentNullException.ThrowIfNull(regions);
        for (var i = 0; i < regions.Count; i++)
        {
            var region = regions[i];
            if (region is null || (uint)region.Index >= (uint)taxonomy.Count || !ReferenceEquals(taxonomy.All[region.Index], region))
            {
                throw new ArgumentException(
                    $"Marked region '{region}' is not one of the knowledge base's {taxonomy.Count} regions.", nameof(regions));
            }
        }

        if (regions.Count > taxonomy.Count)
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

    /// <summary>
    /// The weighted pain the <paramref name="explained"/> regions make up: each counts its weight times
    /// <see cref="PainSourceFinder.EssentialWeight"/> if it is in <paramref name="essential"/>, else times
    /// <see cref="PainSourceFinder.SpilloverWeight"/>. Regions are added in taxonomy order.
    /// </summary>
    public double Weigh(MarkedBits explained, MarkedBits essential)
    {
        var sum = 0.0;
        foreach (var p in explained)
        {
            sum += _weights[p] * (essential.Get(p) ? PainSourceFinder.EssentialWeight : PainSourceFinder.SpilloverWeight);
        }

        return sum;
    }

    /// <summary>The marked regions in <paramref name="bits"/>, in taxonomy order.</summary>
    public Region[] Select(MarkedBits bits)
    {
        if (bits.IsEmpty)
        {
            return [];
        }

        var result = new Region[bits.Count];
        var k = 0;
        foreach (var p in bits)
        {
            result[k++] = Regions[p];
        }

        return result;
    }

    /// <summary>The marked regions in <paramref name="explained"/>, each with the kind of zone that reaches it.</summary>
    public Explanation[] Explain(MarkedBits explained, MarkedBits essential)
    {
        var result = new Explanation[explained.Count];
        var k = 0;
        foreach (var p in explained)
        {
            result[k++] = new Explanation(Regions[p], essential.Get(p) ? ZoneKind.Essential : ZoneKind.Spillover);
        }

        return result;
    }
}

/// <summary>A set of positions in a <see cref="MarkedSet"/> (at most <see cref="Capacity"/>).</summary>
internal struct MarkedBits : IEquatable<MarkedBits>
{
    /// <summary>The most positions a set can hold, so the most regions a taxonomy may have.</summary>
    public const int Capacity = 192;

    private ulong _a, _b, _c;

    public readonly bool IsEmpty => (_a | _b | _c) == 0;

    public readonly int Count => BitOperations.PopCount(_a) + BitOperations.PopCount(_b) + BitOperations.PopCount(_c);

    /// <summary>Positions 0 to <paramref name="n"/> − 1.</summary>
    public static MarkedBits FirstN(int n)
    {
        var bits = default(MarkedBits);
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

    public readonly bool IsSubsetOf(MarkedBits other) => (_a & ~other._a) == 0 && (_b & ~other._b) == 0 && (_c & ~other._c) == 0;

    public readonly MarkedBits Or(MarkedBits o) => new() { _a = _a | o._a, _b = _b | o._b, _c = _c | o._c };

    public readonly MarkedBits And(MarkedBits o) => new() { _a = _a & o._a, _b = _b & o._b, _c = _c & o._c };

    public readonly MarkedBits AndNot(MarkedBits o) => new() { _a = _a & ~o._a, _b = _b & ~o._b, _c = _c & ~o._c };

    /// <summary>The positions in ascending order.</summary>
    public readonly Enumerator GetEnumerator() => new(this);

    public readonly bool Equals(MarkedBits other) => _a == other._a && _b == other._b && _c == other._c;

    public override readonly bool Equals(object? obj) => obj is MarkedBits other && Equals(other);

    public override readonly int GetHashCode() => HashCode.Combine(_a, _b, _c);

    /// <summary>Walks the set positions in ascending order without allocating.</summary>
    public struct Enumerator(MarkedBits bits)
    {
        private ulong _word = bits._a;
        private int _wordIndex;
        private MarkedBits _bits = bits;

        public int Current { get; private set; }

        public bool MoveNext()
        {
            while (_word == 0)
            {
                if (++_wordIndex > 2)
                {
                    return false;
                }

                _word = _wordIndex == 1 ? _bits._b : _bits._c;
            }

            Current = (_wordIndex << 6) + BitOperations.TrailingZeroCount(_word);
            _word &= _word - 1;
            return true;
        }
    }
}
