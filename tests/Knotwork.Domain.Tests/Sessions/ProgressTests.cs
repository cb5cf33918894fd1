using Knotwork.Domain.Sessions;
using NodaTime;

namespace Knotwork.Domain.Tests.Sessions;

public class ProgressTests
{
    private static PointVisit Visit(int day, PointStatus status) => new(new LocalDate(2027, 3, day), status, 5, null);

    [Fact]
    public void Course_ActiveAtThreeVisits_IsChronic_WhateverTheOrderGiven()
    {
        var course = PointProgress.Course([Visit(20, PointStatus.Active), Visit(6, PointStatus.Active), Visit(13, PointStatus.Latent), Visit(27, PointStatus.Active)]);

        Assert.True(course.IsChronic);
        Assert.Equal(3, course.ActiveVisits);
        Assert.Equal(new LocalDate(2027, 3, 6), course.Visits[0].Date);
        Assert.Equal(PointStatus.Active, course.Latest);
    }

    [Fact]
    public void Courses_KeepEachPointAndSideApart_AcrossVisits()
    {
        static ChartEntry At(string point, Knotwork.Domain.Anatomy.Side side, Signs signs) => new()
        {
            Id = Guid.NewGuid(), TriggerPointId = point, Side = side, Signs = signs, RecordedAt = Instant.FromUtc(2027, 3, 1, 17, 0),
        };
        var active = Signs.TautBand | Signs.TenderSpot | Signs.RecognisedPain;
        var charted = new[] { 6, 13, 20 }.SelectMany(day => new[]
        {
            (new LocalDate(2027, 3, day), At("upper-trapezius/1", Knotwork.Domain.Anatomy.Side.Left, active)),
            (new LocalDate(2027, 3, day), At("upper-trapezius/1", Knotwork.Domain.Anatomy.Side.Right, day == 6 ? active : Signs.TautBand | Signs.TenderSpot)),
        });

        var courses = PointProgress.Courses(charted);

        Assert.Equal(2, courses.Count);
        Assert.True(courses[("upper-trapezius/1", Knotwork.Domain.Anatomy.Side.Left)].IsChronic);
        Assert.False(courses[("upper-trapezius/1", Knotwork.Domain.Anatomy.Side.Right)].IsChronic);
        Assert.Equal(PointStatus.Latent, courses[("upper-trapezius/1", Knotwork.Domain.Anatomy.Side.Right)].Latest);
    }

    [Fact]
    public void Course_ActiveTwiceThenLatent_IsNotChronic()
    {
        var course = PointProgress.Course([Visit(6, PointStatus.Active), Visit(13, PointStatus.Active), Visit(20, PointStatus.Latent)]);

        Assert.False(course.IsChronic);
        Assert.Equal(PointStatus.Latent, course.Latest);
    }

    [Theory]
    [InlineData(7, 5, PainChangeMeaning.MeaningfulImprovement)] // 2 points
    [InlineData(3, 2, PainChangeMeaning.MeaningfulImprovement)] // 1 point is 33% of 3
    [InlineData(7, 6, PainChangeMeaning.LittleChange)]
    [InlineData(5, 5, PainChangeMeaning.LittleChange)]
    [InlineData(4, 6, PainChangeMeaning.MeaningfulWorsening)]
    [InlineData(0, 1, PainChangeMeaning.LittleChange)]
    public void PainRating_Change_UsesTwoPointsOrThirtyPercent(int before, int after, PainChangeMeaning expected) =>
        Assert.Equal(expected, PainRating.Change(before, after));

    [Fact]
    public void PainRating_OffTheScale_IsRefused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => PainRating.Change(11, 3));

    [Fact]
    public void GlobalImpression_HasSevenAnswers_AndWorseOnesAskForAFollowUp()
    {
        Assert.Equal(7, GlobalImpressions.All.Count);
        Assert.Equal("Very much improved", GlobalImpressions.Label(GlobalImpressions.All[0]));
        Assert.False(GlobalImpressions.NeedsFollowUp(GlobalImpression.NoChange));
        Assert.True(GlobalImpressions.NeedsFollowUp(GlobalImpression.MinimallyWorse));
    }
}
