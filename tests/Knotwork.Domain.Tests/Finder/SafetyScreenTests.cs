using Knotwork.Domain.Finder;

namespace Knotwork.Domain.Tests.Finder;

/// <summary>
/// The safety questions behind the red flags: for each flag, what raises it, what does not, and how an answer
/// overrides what the marked regions alone would guess.
/// </summary>
public class SafetyScreenTests
{
    private static RedFlag? Flag(FinderResult result, string code) => result.RedFlags.FirstOrDefault(f => f.Code == code);

    private static IEnumerable<string> Asked(FinderResult result) => result.Questions.Select(q => q.Question.Key);

    // Cardiac

    [Theory]
    [InlineData("jaw.l,upper-arm-inner.l")]
    [InlineData("teeth-lower.r,forearm-ulnar.l")]
    [InlineData("throat,upper-arm-outer.l")]
    [InlineData("neck-front.r,hand-back.l")]
    [InlineData("abdomen-upper.l,elbow-inner.l")]
    public void JawThroatOrUpperBelly_WithTheLeftArm_RaisesTheCardiacFlag(string regions)
    {
        var flag = Flag(Find.Answered(regions, ""), RedFlagScreen.Cardiac);

        Assert.NotNull(flag);
        Assert.Contains(flag.Regions, r => r.Side == Knotwork.Domain.Anatomy.Side.Left && r.Group is "arm" or "forearm" or "hand");
    }

    [Theory]
    [InlineData("jaw.l")]
    [InlineData("jaw.l,upper-arm-inner.r")]
    [InlineData("throat,forearm-back.r")]
    [InlineData("abdomen-upper.r")]
    public void JawThroatOrUpperBelly_WithoutTheLeftArm_AsksInsteadOfFlagging(string regions)
    {
        var result = Find.Answered(regions, "");

        Assert.Null(Flag(result, RedFlagScreen.Cardiac));
        Assert.Contains("cardiac-symptoms", Asked(result));
    }

    [Fact]
    public void JawPain_WithBreathlessnessAndSweating_IsACardiacEmergency()
    {
        var flag = Flag(Find.Answered("jaw.l", "cardiac-symptoms:yes"), RedFlagScreen.Cardiac);

        Assert.NotNull(flag);
        Assert.Equal(Urgency.Emergency, flag.Urgency);
        Assert.Equal(["cardiac-symptoms"], flag.Because.Select(q => q.Key));
    }

    [Fact]
    public void ChestPain_IsNotClearedByNoAnswers_OnlyADoctorCanRuleTheHeartOut()
    {
        var flag = Flag(Find.Answered("chest.l", "cardiac-symptoms:no,cardiac-effort:no"), RedFlagScreen.Cardiac);

        Assert.NotNull(flag);
        Assert.Empty(flag.Because);
    }

    // Deep vein thrombosis

    [Theory]
    [InlineData("calf.l")]
    [InlineData("knee-back.r")]
    [InlineData("leg-inner.l")]
    public void OneCalfBackOfKneeOrInnerLeg_BringsUpTheClotQuestions(string region)
    {
        var result = Find.For(region);

        Assert.Null(Flag(result, RedFlagScreen.Dvt));
        Assert.Superset(
            new HashSet<string> { "dvt-swelling", "dvt-surgery", "dvt-immobile", "dvt-pregnancy", "dvt-hormones", "dvt-cancer", "dvt-breathless" },
            Asked(result).ToHashSet());
    }

    [Fact]
    public void BothCalves_ARunnersPain_DoNotBringUpTheClotQuestions()
    {
        Assert.DoesNotContain("dvt-swelling", Asked(Find.For("calf.l", "calf.r")));
    }

    [Theory]
    [InlineData("dvt-swelling")]
    [InlineData("dvt-surgery")]
    [InlineData("dvt-immobile")]
    [InlineData("dvt-pregnancy")]
    [InlineData("dvt-hormones")]
    [InlineData("dvt-cancer")]
    public void ACalfWithASignOrRiskOfAClot_MeansMedicalCareToday(string question)
    {
        var flag = Flag(Find.Answered("calf.l", question + ":yes"), RedFlagScreen.Dvt);

        Assert.NotNull(flag);
        Assert.Equal(Urgency.Today, flag.Urgency);
        Assert.Contains("No deep massage of the leg", flag.Advice, StringComparison.Ordinal);
    }

    [Fact]
    public void ACalfClotWithBreathlessness_IsAnEmergency()
    {
        var flag = Flag(Find.Answered("calf.l", "dvt-swelling:yes,dvt-breathless:yes"), RedFlagScreen.Dvt);

        Assert.NotNull(flag);
        Assert.Equal(Urgency.Emergency, flag.Urgency);
        Assert.Equal(["dvt-breathless", "dvt-swelling"], flag.Because.Select(q => q.Key));
    }

    [Fact]
    public void ASwollenCalf_IsFlaggedFirst_EvenThoughSoleusCanReferToTheAnkle()
    {
        var result = Find.Answered("calf.l", "dvt-swelling:yes");

        Assert.Equal(RedFlagScreen.Dvt, result.RedFlags[0].Code);
        Assert.Contains(result.Candidates, c => c.Muscle.Slug == "soleus");
    }

    [Fact]
    public void ACalfWithEveryClotQuestionAnsweredNo_RaisesNoFlag()
    {
        var result = Find.Answered("calf.l",
            "dvt-swelling:no,dvt-surgery:no,dvt-immobile:no,dvt-pregnancy:no,dvt-hormones:no,dvt-cancer:no,dvt-breathless:no");

        Assert.Null(Flag(result, RedFlagScreen.Dvt));
        Assert.All(result.Questions.Where(q => q.Question.Flag == RedFlagScreen.Dvt), q => Assert.False(q.Answer));
    }

    // Headache

    [Fact]
    public void ATemple_BringsUpTheHeadacheQuestions_WithoutAFlag()
    {
        var result = Find.For("temple.l");

        Assert.Null(Flag(result, RedFlagScreen.Headache));
        Assert.Contains("headache-sudden", Asked(result));
        Assert.Contains("headache-over-50", Asked(result));
    }

    [Theory]
    [InlineData("headache-sudden", Urgency.Emergency)]
    [InlineData("headache-fever", Urgency.Emergency)]
    [InlineData("headache-neuro", Urgency.Emergency)]
    [InlineData("headache-injury", Urgency.Emergency)]
    [InlineData("headache-position", Urgency.Today)]
    [InlineData("headache-over-50", Urgency.Today)]
    public void AHeadacheWithAWarningSign_RaisesTheHeadacheFlag(string question, Urgency urgency)
    {
        var flag = Flag(Find.Answered("temple.l,neck-back.l", question + ":yes"), RedFlagScreen.Headache);

        Assert.NotNull(flag);
        Assert.Equal(urgency, flag.Urgency);
    }

    [Fact]
    public void JawPainAlone_AsksAboutGiantCellArteritis_WhichOverlapsMasseter()
    {
        var asked = Find.For("jaw.l").Questions.Select(q => q.Question.Key).ToArray();
        var flag = Flag(Find.Answered("jaw.l", "headache-over-50:yes"), RedFlagScreen.Headache);

        Assert.Contains("headache-over-50", asked);
        Assert.DoesNotContain("headache-sudden", asked);
        Assert.NotNull(flag);
        Assert.Contains("giant cell arteritis", flag.Advice, StringComparison.Ordinal);
    }

    [Fact]
    public void AHeadacheWithEveryWarningSignAnsweredNo_RaisesNoFlag()
    {
        var result = Find.Answered("temple.l",
            "headache-sudden:no,headache-fever:no,headache-neuro:no,headache-injury:no,headache-position:no,headache-over-50:no");

        Assert.Null(Flag(result, RedFlagScreen.Headache));
        Assert.Contains(result.Candidates, c => c.Muscle.Slug == "temporalis");
    }

    // Neck arteries

    [Fact]
    public void NeckPainWithDizziness_IsACervicalArteryEmergency_ThoughTheScmCanCauseDizziness()
    {
        var result = Find.Answered("neck-front.l,forehead.l", "neck-vascular:yes");

        var flag = Flag(result, RedFlagScreen.CervicalArtery);
        Assert.NotNull(flag);
        Assert.Equal(Urgency.Emergency, flag.Urgency);
        Assert.Contains(result.Candidates, c => c.Muscle.Slug == "sternocleidomastoid");
    }

    [Fact]
    public void NeckPainAfterAnInjury_MeansNoNeckWorkUntilSeen()
    {
        var flag = Flag(Find.Answered("neck-back.r", "neck-trauma:yes"), RedFlagScreen.CervicalArtery);

        Assert.NotNull(flag);
        Assert.Equal(Urgency.Today, flag.Urgency);
    }

    [Fact]
    public void NeckPain_AsksAboutTheArteries_ButLowBackPainDoesNot()
    {
        Assert.Contains("neck-vascular", Asked(Find.For("neck-back.l")));
        Assert.DoesNotContain("neck-vascular", Asked(Find.For("low-back.l")));
        Assert.Null(Flag(Find.Answered("neck-back.l", "neck-vascular:no,neck-trauma:no"), RedFlagScreen.CervicalArtery));
    }

    // Cauda equina

    [Theory]
    [InlineData("saddle-numbness")]
    [InlineData("bladder-bowel")]
    [InlineData("legs-weak")]
    public void LowBackPainWithASaddleOrBladderSign_IsACaudaEquinaEmergency(string question)
    {
        var flag = Flag(Find.Answered("low-back.l,low-back.r", question + ":yes"), RedFlagScreen.CaudaEquina);

        Assert.NotNull(flag);
        Assert.Equal(Urgency.Emergency, flag.Urgency);
    }

    [Fact]
    public void ARunnersSoreCalves_AskAboutCaudaEquina_AndNoAnswersRaiseNoFlag()
    {
        var guessed = Find.For("calf.l", "calf.r");
        var answered = Find.Answered("calf.l,calf.r", "saddle-numbness:no,bladder-bowel:no,legs-weak:no");

        Assert.Null(Flag(guessed, RedFlagScreen.CaudaEquina));
        Assert.Contains("saddle-numbness", Asked(guessed));
        Assert.Empty(answered.RedFlags);
    }

    [Fact]
    public void SaddlePain_IsFlaggedUntilEveryCaudaEquinaQuestionIsAnsweredNo()
    {
        Assert.NotNull(Flag(Find.Answered("perineum", "saddle-numbness:no"), RedFlagScreen.CaudaEquina));
        Assert.Null(Flag(Find.Answered("perineum", "saddle-numbness:no,bladder-bowel:no,legs-weak:no"), RedFlagScreen.CaudaEquina));
    }

    [Fact]
    public void PainDownOneLeg_DoesNotAskAboutTheSaddleArea()
    {
        Assert.DoesNotContain("saddle-numbness", Asked(Find.For("thigh-back.l", "calf.l")));
    }

    // Compartment syndrome

    [Fact]
    public void SevereTenseShinPain_IsACompartmentEmergency()
    {
        var flag = Flag(Find.Answered("shin.l", "shin-tense:yes"), RedFlagScreen.Compartment);

        Assert.NotNull(flag);
        Assert.Equal(Urgency.Emergency, flag.Urgency);
    }

    [Fact]
    public void ShinPain_AsksAboutTenseSwelling_ThighPainDoesNot()
    {
        Assert.Null(Flag(Find.For("shin.l"), RedFlagScreen.Compartment));
        Assert.Contains("shin-tense", Asked(Find.For("shin.l")));
        Assert.DoesNotContain("shin-tense", Asked(Find.For("thigh-front.l")));
        Assert.Null(Flag(Find.Answered("shin.l", "shin-tense:no"), RedFlagScreen.Compartment));
    }

    // Foot drop

    [Fact]
    public void AFootThatDrags_IsANerveProblem_SeeADoctorToday()
    {
        var flag = Flag(Find.Answered("leg-outer.r", "foot-drop:yes"), RedFlagScreen.FootDrop);

        Assert.NotNull(flag);
        Assert.Equal(Urgency.Today, flag.Urgency);
    }

    [Fact]
    public void LegOrLowBackPain_AsksAboutFootDrop_ShoulderPainDoesNot()
    {
        Assert.Contains("foot-drop", Asked(Find.For("leg-outer.r")));
        Assert.Contains("foot-drop", Asked(Find.For("low-back.l")));
        Assert.DoesNotContain("foot-drop", Asked(Find.For("shoulder-top.l")));
        Assert.Null(Flag(Find.Answered("leg-outer.r", "foot-drop:no"), RedFlagScreen.FootDrop));
    }

    // General warning signs

    [Theory]
    [InlineData("fever", Urgency.Today)]
    [InlineData("weight-loss", Urgency.BeforeMassage)]
    [InlineData("cancer-history", Urgency.BeforeMassage)]
    [InlineData("night-pain", Urgency.BeforeMassage)]
    [InlineData("recent-trauma", Urgency.BeforeMassage)]
    public void AnyMap_AsksTheGeneralWarningSigns_AndAYesRaisesThem(string question, Urgency urgency)
    {
        Assert.Contains(question, Asked(Find.For("shoulder-top.l")));
        var flag = Flag(Find.Answered("shoulder-top.l", question + ":yes"), RedFlagScreen.WarningSigns);

        Assert.NotNull(flag);
        Assert.Equal(urgency, flag.Urgency);
    }

    [Fact]
    public void AllWarningSignsAnsweredNo_RaisesNoFlag()
    {
        Assert.Empty(Find.Answered("shoulder-top.l", "fever:no,weight-loss:no,cancer-history:no,night-pain:no,recent-trauma:no").RedFlags);
    }

    // Across flags

    [Fact]
    public void AYesToAQuestionTheMapDidNotBringUp_StillRaisesItsFlag()
    {
        var result = Find.Answered("shoulder-top.l", "bladder-bowel:yes");

        Assert.NotNull(Flag(result, RedFlagScreen.CaudaEquina));
        Assert.Contains(result.Questions, q => q.Question.Key == "bladder-bowel" && q.Answer == true);
    }

    [Fact]
    public void EveryFlagAndQuestion_CarriesASource()
    {
        Assert.All(RedFlagScreen.Definitions, d => Assert.False(string.IsNullOrWhiteSpace(d.Source)));
        Assert.All(SafetyQuestions.All, q => Assert.False(string.IsNullOrWhiteSpace(q.Source)));
        Assert.All(SafetyQuestions.All, q => Assert.Contains(RedFlagScreen.Definitions, d => d.Code == q.Flag));
    }

    [Fact]
    public void Questions_AreListedInAskingOrder_WithoutRepeats()
    {
        var keys = Find.For("calf.l", "temple.l", "neck-back.l", "low-back.l").Questions.Select(q => q.Question.Index).ToArray();

        Assert.Equal(keys.Order(), keys);
        Assert.Equal(keys.Distinct(), keys);
    }

    [Theory]
    [InlineData("fever:maybe", "maybe")]
    [InlineData("no-such-question:yes", "no-such-question")]
    [InlineData("fever", "QUESTION:yes")]
    public void ABadAnswer_IsRefusedWithAMessageNamingIt(string answers, string named)
    {
        var parse = FinderQuery.ParseText("calf.l", answers: answers);

        Assert.False(parse.Succeeded);
        Assert.Contains(named, parse.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Answers_RoundTripThroughTheirTextForm()
    {
        var parse = FinderQuery.ParseText("calf.l", answers: "dvt-swelling:yes, fever=no ,legs-weak:N");

        Assert.True(parse.Succeeded, parse.Error);
        Assert.Equal("dvt-swelling:yes,legs-weak:no,fever:no", parse.Query!.Answers.ToString());
    }
}
