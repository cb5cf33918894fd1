using Knotwork.Domain.Sessions;
using NodaTime;

namespace Knotwork.Domain.Tests.Sessions;

public class ReleaseTests
{
    private static readonly Instant Start = Instant.FromUtc(2027, 3, 9, 17, 0);

    [Theory]
    [InlineData(20, ReleaseSpeed.Quick)]
    [InlineData(30, ReleaseSpeed.Usual)]
    [InlineData(75, ReleaseSpeed.Usual)]
    [InlineData(120, ReleaseSpeed.Usual)]
    [InlineData(121, ReleaseSpeed.Slow)]
    public void SpeedOf_ReadsTheHoldAgainstThirtySecondsToTwoMinutes(int seconds, ReleaseSpeed expected) =>
        Assert.Equal(expected, PressureRelease.SpeedOf(Duration.FromSeconds(seconds)));

    [Fact]
    public void FromTimer_ATapWhenItSoftens_StoresTheTimeToRelease()
    {
        var outcome = PressureRelease.FromTimer(Start, Start + Duration.FromSeconds(47), softened: true);

        var released = Assert.IsType<ReleaseOutcome.Released>(outcome);
        Assert.Equal(Duration.FromSeconds(47), released.After);
        Assert.Equal("released after 47 s (within the usual 30 s to 2 min)", PressureRelease.Describe(released));
    }

    [Fact]
    public void FromTimer_DidNotRelease_IsAnOutcomeWithTheTimeHeld()
    {
        var outcome = PressureRelease.FromTimer(Start, Start + Duration.FromSeconds(150), softened: false);

        Assert.Equal(Duration.FromSeconds(150), Assert.IsType<ReleaseOutcome.DidNotRelease>(outcome).Held);
        Assert.Equal("did not release after 2 min 30 s", PressureRelease.Describe(outcome!));
    }

    [Fact]
    public void FromTimer_ATimerLeftRunningOrStoppedBeforeItStarted_IsNoHold()
    {
        Assert.Null(PressureRelease.FromTimer(Start, Start + Duration.FromMinutes(11), softened: true));
        Assert.Null(PressureRelease.FromTimer(Start, Start - Duration.FromSeconds(1), softened: true));
        Assert.Null(PressureRelease.FromTimer(Start, Start, softened: false));
    }
}
