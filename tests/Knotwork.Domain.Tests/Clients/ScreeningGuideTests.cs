using Knotwork.Domain.Clients;

namespace Knotwork.Domain.Tests.Clients;

public class ScreeningGuideTests
{
    [Fact]
    public void All_HoldsOneGuidePerItem_InTheOrderOfTheEnum()
    {
        Assert.Equal(Enum.GetValues<ScreeningItem>(), ScreeningGuide.All.Select(g => g.Item));
    }

    [Fact]
    public void For_EveryItem_GivesALabelGuidanceAndASource()
    {
        Assert.All(Enum.GetValues<ScreeningItem>(), item =>
        {
            var guide = ScreeningGuide.For(item);
            Assert.Equal(item, guide.Item);
            Assert.False(string.IsNullOrWhiteSpace(guide.Label));
            Assert.True(guide.Guidance.Length > 60, $"{item}: guidance too thin");
            Assert.True(guide.Source.StartsWith(ScreeningGuide.Werner, StringComparison.Ordinal) || guide.Source.StartsWith(ScreeningGuide.Walton, StringComparison.Ordinal), guide.Source);
        });
    }

    [Fact]
    public void For_EveryClearanceItem_SaysToAskForClearance()
    {
        Assert.All(ScreeningGuide.All.Where(g => g.Concern == ScreeningConcern.NeedsClearance),
            g => Assert.Contains("clearance", g.Guidance, StringComparison.Ordinal));
    }

    [Fact]
    public void For_ANumberThatIsNoItem_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ScreeningGuide.For((ScreeningItem)99));
    }
}
