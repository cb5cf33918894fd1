using Knotwork.Domain.Anatomy;
using Knotwork.Domain.Finder;

namespace Knotwork.Domain.Tests.Finder;

public class MarkedSetTests
{
    private static readonly BodyRegions Regions = BodyRegions.Default;

    [Fact]
    public void Canonical_DuplicatesInAnyOrder_GiveEachRegionOnceInTaxonomyOrder()
    {
        var temple = Find.Region("temple.l");
        var neck = Find.Region("neck-back.l");

        var canonical = MarkedSet.Canonical([neck, temple, neck, temple], Regions);

        Assert.Equal([temple, neck], canonical);
    }

    [Fact]
    public void Find_RegionMarkedManyTimes_AnswersAsIfMarkedOnce()
    {
        var temple = Find.Region("temple.l");
        var once = Find.Finder.Find(new FinderQuery { Regions = [temple] });

        // More entries than the taxonomy has regions takes the de-duplicating path first.
        var often = Find.Finder.Find(new FinderQuery { Regions = Enumerable.Repeat(temple, Regions.Count + 50).ToArray() });

        Assert.Equal([temple], often.Regions);
        Assert.Equal(once.Describe(), often.Describe());
        Assert.Equal(once.Cover, often.Cover);
    }

    [Theory]
    [InlineData(0)]   // the index of a real region, but not that region
    [InlineData(999)] // past the end of the taxonomy
    public void Find_RegionFromOutsideTheKnowledgeBase_IsRejectedNamingIt(int index)
    {
        var stranger = new Region(index, "nowhere", Side.Midline, BodyView.Front, "head", "Nowhere", "nothing");
        var query = new FinderQuery { Regions = [Find.Region("temple.l"), stranger] };

        var error = Assert.Throws<ArgumentException>(() => Find.Finder.Find(query));

        Assert.Contains("'nowhere'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Weigh_EssentialCountsItsWeight_SpilloverHalf_AndIntensitySetsTheWeight()
    {
        var temple = Find.Region("temple.l");
        var neck = Find.Region("neck-back.l");
        var intensity = new Dictionary<Region, int> { [temple] = 10 }; // weight 1.0; neck unrated counts 5, weight 0.75
        var pain = new MarkedSet([temple, neck], intensity, stackalloc double[2]);
        var both = MarkedBits.FirstN(2);
        var templeOnly = MarkedBits.FirstN(1);

        Assert.Equal(1.75, pain.TotalWeight);
        Assert.Equal(1.75, pain.Weigh(both, both));
        Assert.Equal(1.0 + 0.375, pain.Weigh(both, templeOnly));
        Assert.Equal(0.5 + 0.375, pain.Weigh(both, default));
    }

    [Fact]
    public void Bits_WalkTheirPositionsInAscendingOrder_AcrossWords()
    {
        var bits = default(MarkedBits);
        int[] positions = [0, 5, 63, 64, 127, 128, 191];
        foreach (var p in positions.Reverse())
        {
            bits.Set(p);
        }

        var walked = new List<int>();
        foreach (var p in bits)
        {
            walked.Add(p);
        }

        Assert.Equal(positions, walked);
        Assert.Equal(positions.Length, bits.Count);
    }
}
