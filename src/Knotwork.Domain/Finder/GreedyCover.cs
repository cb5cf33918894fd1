using Knotwork.Domain.Knowledge;

namespace Knotwork.Domain.Finder;

/// <summary>
/// The cover: a small set of candidates that together explain the marked pain, chosen greedily. Repeatedly the
/// candidate that explains the most still-unexplained pain (weighted as in <see cref="MarkedSet.Weigh"/>) joins,
/// the first in rank order on a tie, until nothing more can be explained.
/// </summary>
internal static class GreedyCover
{
    /// <summary>Gains closer than this count as equal, so rounding never lets a lower-ranked candidate win a tie.</summary>
    private const double Tolerance = 1e-9;

    /// <summary>
    /// Chooses the cover from <paramref name="ranked"/> (best first); <paramref name="unexplained"/> is what no
    /// candidate explains.
    /// </summary>
    public static List<CoverEntry> Choose(
        ReadOnlySpan<ScoredCandidate> ranked, in MarkedSet marked, IReadOnlyList<Muscle> muscles, out MarkedBits unexplained)
    {
        var cover = new List<CoverEntry>();
        unexplained = MarkedBits.FirstN(marked.Count);
        while (!unexplained.IsEmpty)
        {
            var best = -1;
            var bestGain = 0.0;
            for (var i = 0; i < ranked.Length; i++)
            {
                var newly = ranked[i].Explained.And(unexplained);
                if (newly.IsEmpty)
                {
                    continue;
                }

                var gain = marked.Weigh(newly, ranked[i].Essential);
                if (gain > bestGain + Tolerance)
                {
                    best = i;
                    bestGain = gain;
                }
            }

            if (best < 0)
            {
                break;
            }

            cover.Add(new CoverEntry(muscles[ranked[best].Muscle], ranked[best].Side));
            unexplained = unexplained.AndNot(ranked[best].Explained);
        }

        return cover;
    }
}
