using CsCheck;
using Knotwork.Domain.Sessions;

namespace Knotwork.Domain.Tests.Sessions;

public class ExaminationTests
{
    [Theory]
    [InlineData(Signs.TautBand | Signs.TenderSpot | Signs.RecognisedPain, PointStatus.Active)]
    [InlineData(Signs.TenderSpot | Signs.ReferredPain | Signs.RecognisedPain, PointStatus.Active)]
    [InlineData(Signs.TautBand | Signs.TenderSpot, PointStatus.Latent)]
    [InlineData(Signs.TautBand | Signs.TenderSpot | Signs.ReferredPain | Signs.LocalTwitch, PointStatus.Latent)]
    [InlineData(Signs.TenderSpot | Signs.RecognisedPain, PointStatus.NotConfirmed)] // one essential sign, however familiar the pain
    [InlineData(Signs.TautBand | Signs.LocalTwitch, PointStatus.NotConfirmed)]      // a twitch confirms nothing on its own
    [InlineData(Signs.None, PointStatus.NotConfirmed)]
    public void Classify_FollowsTheDelphiConsensus(Signs signs, PointStatus expected) =>
        Assert.Equal(expected, Examination.Classify(signs));

    [Fact]
    public void Classify_ActiveExactlyWhenConfirmedAndTheClientRecognisesTheirPain()
    {
        Gen.Int[0, 31].Sample(bits =>
        {
            var signs = (Signs)bits;
            var status = Examination.Classify(signs);
            var confirmed = Examination.EssentialCount(signs) >= 2;
            Assert.Equal(confirmed && signs.HasFlag(Signs.RecognisedPain), status == PointStatus.Active);
            Assert.Equal(!confirmed, status == PointStatus.NotConfirmed);
            Assert.Equal(status, Examination.Classify(signs ^ Signs.LocalTwitch)); // the twitch never changes the answer
        });
    }

    [Fact]
    public void Describe_SaysWhatActiveMeans() =>
        Assert.Contains("familiar pain", Examination.Describe(PointStatus.Active), StringComparison.Ordinal);
}
