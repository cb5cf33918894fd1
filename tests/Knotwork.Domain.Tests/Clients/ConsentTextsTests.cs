using Knotwork.Domain.Clients;
using Knotwork.Domain.Practice;

namespace Knotwork.Domain.Tests.Clients;

public class ConsentTextsTests
{
    [Fact]
    public void All_HasATextInForceForEveryKind_FromTheStart()
    {
        Assert.All(Enum.GetValues<ConsentKind>(), kind => Assert.Equal(kind, ConsentTexts.InForce(kind, DateOnly.MinValue).Kind));
    }

    [Fact]
    public void All_VersionsAreUniquePerKind_FitTheirColumn_AndComeIntoForceInOrder()
    {
        foreach (var kind in ConsentTexts.All.GroupBy(t => t.Kind))
        {
            Assert.Equal(kind.Count(), kind.Select(t => t.Version).Distinct(StringComparer.Ordinal).Count());
            Assert.Equal(kind.OrderBy(t => t.InForceFrom).Select(t => t.Version), kind.Select(t => t.Version));
            Assert.All(kind, t => Assert.InRange(t.Version.Length, 1, FieldLimits.ConsentVersion));
        }
    }

    [Fact]
    public void InForce_IsTheLatestTextWhoseDayHasCome()
    {
        ConsentText[] texts =
        [
            new(ConsentKind.Privacy, "a", DateOnly.MinValue, "A."),
            new(ConsentKind.Privacy, "b", new DateOnly(2027, 1, 1), "B."),
        ];

        Assert.Equal("a", ConsentTexts.InForce(texts, ConsentKind.Privacy, new DateOnly(2026, 12, 31)).Version);
        Assert.Equal("b", ConsentTexts.InForce(texts, ConsentKind.Privacy, new DateOnly(2027, 1, 1)).Version);
    }

    [Fact]
    public void StatusOf_NoConsent_IsMissing()
    {
        Assert.Equal(ConsentStatus.Missing, ConsentTexts.StatusOf(null, ConsentKind.Treatment, new DateOnly(2026, 12, 2)));
    }
}
