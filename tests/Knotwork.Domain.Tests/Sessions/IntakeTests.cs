using Knotwork.Domain.Anatomy;
using Knotwork.Domain.Clients;
using Knotwork.Domain.Finder;
using Knotwork.Domain.Knowledge;
using Knotwork.Domain.Sessions;

namespace Knotwork.Domain.Tests.Sessions;

public class IntakeTests
{
    private static readonly DateOnly Today = new(2026, 12, 2);
    private static readonly DateTime Agreed = new(2026, 11, 20, 17, 0, 0, DateTimeKind.Utc);
    private static readonly BodyRegions Map = KnowledgeBase.Default.Regions;

    private static Region R(string id)
    {
        Assert.True(Map.TryGet(id, out var region), id);
        return region;
    }

    private static IntakeAnswers Answers(string[] regions, SafetyAnswers safety = default, PainDuration duration = PainDuration.UnderSixWeeks) => new()
    {
        Regions = [.. regions.Select(R)],
        Intensity = regions.ToDictionary(R, _ => 6),
        Duration = duration,
        Causes = Causes.All.ToDictionary(c => c, c => c == Cause.SustainedPosture),
        Safety = safety,
    };

    private static ClientPrecautions Precautions(bool consent, params ScreeningItem[] items) => ClientPrecautions.Of(
        new HealthScreening(items, null, null) { TakenAtUtc = Agreed },
        consent
            ? [new(ConsentKind.Treatment, ConsentTexts.InForce(ConsentKind.Treatment, Today).Version, Agreed), new(ConsentKind.Privacy, ConsentTexts.InForce(ConsentKind.Privacy, Today).Version, Agreed)]
            : [],
        Today);

    private static SafetyQuestion Question(string key) => SafetyQuestions.All.Single(q => q.Key == key);

    [Fact]
    public void Review_NeckPainWithNothingOnTheScreening_AndConsent_NeedsNoAttention()
    {
        var review = IntakeReview.Of(Answers(["neck-back.l", "temple.l"]), Precautions(consent: true));

        Assert.Empty(review.RedFlags);
        Assert.Empty(review.Contraindications);
        Assert.False(review.NeedsAttention);
    }

    [Fact]
    public void Review_OneCalfThatIsSwollenWarmOrRed_RaisesTheClotFlag_AndMarksTheVisit()
    {
        var safety = SafetyAnswers.None.With(Question("dvt-swelling"), true);

        var review = IntakeReview.Of(Answers(["calf.l"], safety), Precautions(consent: true));

        var flag = Assert.Single(review.RedFlags);
        Assert.Equal(RedFlagScreen.Dvt, flag.Code);
        Assert.Contains("No deep massage of the leg", flag.Advice, StringComparison.Ordinal);
        Assert.True(review.NeedsAttention);
    }

    [Fact]
    public void Review_OneCalfWithEveryClotQuestionAnsweredNo_RaisesNoFlag()
    {
        var safety = SafetyQuestions.All.Where(q => q.Flag == RedFlagScreen.Dvt).Aggregate(SafetyAnswers.None, (a, q) => a.With(q, false));

        var review = IntakeReview.Of(Answers(["calf.l"], safety), Precautions(consent: true));

        Assert.DoesNotContain(review.RedFlags, f => f.Code == RedFlagScreen.Dvt);
    }

    [Theory]
    [InlineData(ScreeningItem.RecentSurgery)]
    [InlineData(ScreeningItem.DeepVeinThrombosis)]
    public void Review_AContraindicationOnTheScreening_IsListedWithItsGuidance_AndMarksTheVisit(ScreeningItem item)
    {
        var review = IntakeReview.Of(Answers(["neck-back.l"]), Precautions(true, item));

        var contraindication = Assert.Single(review.Contraindications);
        Assert.Equal(item, contraindication.Item);
        Assert.False(string.IsNullOrWhiteSpace(contraindication.Guidance));
        Assert.True(review.NeedsAttention);
    }

    [Fact]
    public void Review_BloodThinners_IsAPrecautionForDeepPressure_AndMarksTheVisit()
    {
        var review = IntakeReview.Of(Answers(["neck-back.l"]), Precautions(true, ScreeningItem.BloodThinners));

        Assert.Empty(review.Contraindications);
        Assert.Equal(ScreeningItem.BloodThinners, Assert.Single(review.Precautions).Item);
        Assert.True(review.NeedsAttention);
    }

    [Fact]
    public void Review_WithoutConsentToTreatment_MarksTheVisit()
    {
        var review = IntakeReview.Of(Answers(["neck-back.l"]), Precautions(consent: false));

        Assert.False(review.ConsentCurrent);
        Assert.True(review.NeedsAttention);
    }

    [Theory]
    [InlineData(PainDuration.UnderThreeMonths, false)]
    [InlineData(PainDuration.ThreeMonthsOrMore, true)]
    public void Review_PainOfThreeMonthsOrMore_IsPersistent(PainDuration duration, bool persistent) =>
        Assert.Equal(persistent, IntakeReview.Of(Answers(["neck-back.l"], duration: duration), Precautions(true)).Persistent);

    [Fact]
    public void Problem_NoPlaceMarked_AsksForOne() =>
        Assert.Equal("Mark at least one place that hurts.", Answers([]).Problem());

    [Fact]
    public void Problem_AMarkedPlaceWithoutIntensity_NamesThePlace()
    {
        var answers = Answers(["temple.l", "neck-back.l"]) with { Intensity = new Dictionary<Region, int> { [R("temple.l")] = 5 } };

        Assert.Contains(R("neck-back.l").Label.ToLowerInvariant(), answers.Problem(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(11)]
    public void Problem_IntensityOutsideOneToTen_IsRefused(int intensity)
    {
        var answers = Answers(["temple.l"]) with { Intensity = new Dictionary<Region, int> { [R("temple.l")] = intensity } };

        Assert.Contains("from 1 to 10", answers.Problem(), StringComparison.Ordinal);
    }

    [Fact]
    public void Problem_ACauseLeftUnanswered_AsksThatQuestion()
    {
        var answers = Answers(["temple.l"]) with { Causes = Causes.All.Where(c => c != Cause.Stress).ToDictionary(c => c, _ => false) };

        Assert.Equal("Answer yes or no to: " + Cause.Stress.Question(), answers.Problem());
    }

    [Fact]
    public void Problem_CompleteAnswers_HaveNone_AndTheCausesThatApplyAreTheYesOnes()
    {
        var answers = Answers(["temple.l"]);

        Assert.Null(answers.Problem());
        Assert.Equal([Cause.SustainedPosture], answers.CausesThatApply);
    }

    [Fact]
    public void Labels_EveryDurationAndAggravator_HasOne()
    {
        Assert.All(Enum.GetValues<PainDuration>(), d => Assert.False(string.IsNullOrWhiteSpace(d.Label())));
        Assert.All(Enum.GetValues<Aggravator>(), a => Assert.False(string.IsNullOrWhiteSpace(a.Label())));
        Assert.All(Causes.All, c => Assert.EndsWith("?", c.Question(), StringComparison.Ordinal));
    }
}
