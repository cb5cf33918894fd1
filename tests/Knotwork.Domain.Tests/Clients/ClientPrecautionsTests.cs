using Knotwork.Domain.Clients;

namespace Knotwork.Domain.Tests.Clients;

public class ClientPrecautionsTests
{
    private static readonly DateOnly Today = new(2026, 12, 2);
    private static readonly DateTime Agreed = new(2026, 11, 20, 17, 0, 0, DateTimeKind.Utc);

    private static readonly ScreeningItem[] Contraindications =
    [
        ScreeningItem.DeepVeinThrombosis, ScreeningItem.RecentSurgery, ScreeningItem.CancerTreatment,
        ScreeningItem.HeartCondition, ScreeningItem.BleedingDisorder,
    ];

    private static readonly ScreeningItem[] LocalPrecautions =
    [
        ScreeningItem.BloodThinners, ScreeningItem.Pregnancy, ScreeningItem.SkinCondition,
        ScreeningItem.Osteoporosis, ScreeningItem.ReducedSensation,
    ];

    public static TheoryData<ScreeningItem> ContraindicationItems => [.. Contraindications];

    public static TheoryData<ScreeningItem> PrecautionItems => [.. LocalPrecautions];

    private static HealthScreening Screening(params ScreeningItem[] items) => new(items, null, null) { TakenAtUtc = Agreed };

    private static Consent[] BothCurrent(DateOnly today) =>
    [
        new(ConsentKind.Treatment, ConsentTexts.InForce(ConsentKind.Treatment, today).Version, Agreed),
        new(ConsentKind.Privacy, ConsentTexts.InForce(ConsentKind.Privacy, today).Version, Agreed),
    ];

    [Theory]
    [MemberData(nameof(ContraindicationItems))]
    public void Of_AContraindication_NeedsClearance_AndIsNotClearForTriggerPointWork(ScreeningItem item)
    {
        var precautions = ClientPrecautions.Of(Screening(item), BothCurrent(Today), Today);

        Assert.Equal(item, Assert.Single(precautions.NeedingClearance).Item);
        Assert.Empty(precautions.Precautions);
        Assert.False(precautions.ClearForTriggerPointWork);
        Assert.Equal([item], Screening(item).NeedingClearance);
    }

    [Theory]
    [MemberData(nameof(PrecautionItems))]
    public void Of_APrecaution_DoesNotNeedClearance_AndLeavesTheClientClear(ScreeningItem item)
    {
        var precautions = ClientPrecautions.Of(Screening(item), BothCurrent(Today), Today);

        Assert.Empty(precautions.NeedingClearance);
        Assert.Equal(item, Assert.Single(precautions.Precautions).Item);
        Assert.True(precautions.ClearForTriggerPointWork);
    }

    [Fact]
    public void Of_SomethingToKnow_ChangesNothing()
    {
        var precautions = ClientPrecautions.Of(Screening(ScreeningItem.ControlledBloodPressure), BothCurrent(Today), Today);

        Assert.Equal(ScreeningItem.ControlledBloodPressure, Assert.Single(precautions.ToKnow).Item);
        Assert.Empty(precautions.NeedingClearance);
        Assert.Empty(precautions.Precautions);
        Assert.True(precautions.ClearForTriggerPointWork);
    }

    [Fact]
    public void Of_AMixedScreening_SortsEachItemIntoOneList_InTheOrderReported_OnceEach()
    {
        var screening = Screening(ScreeningItem.Pregnancy, ScreeningItem.DeepVeinThrombosis, ScreeningItem.BloodThinners,
            ScreeningItem.ControlledBloodPressure, ScreeningItem.Pregnancy, ScreeningItem.BleedingDisorder);

        var precautions = ClientPrecautions.Of(screening, BothCurrent(Today), Today);

        Assert.Equal([ScreeningItem.DeepVeinThrombosis, ScreeningItem.BleedingDisorder], precautions.NeedingClearance.Select(g => g.Item));
        Assert.Equal([ScreeningItem.Pregnancy, ScreeningItem.BloodThinners], precautions.Precautions.Select(g => g.Item));
        Assert.Equal([ScreeningItem.ControlledBloodPressure], precautions.ToKnow.Select(g => g.Item));
    }

    [Fact]
    public void Of_AScreeningWithNothingReported_IsClear()
    {
        var precautions = ClientPrecautions.Of(Screening(), BothCurrent(Today), Today);

        Assert.True(precautions.Screened);
        Assert.Equal(ConsentStatus.Current, precautions.ConsentStatus);
        Assert.True(precautions.ClearForTriggerPointWork);
    }

    [Fact]
    public void Of_NoScreeningTaken_IsNotClear()
    {
        var precautions = ClientPrecautions.Of(HealthScreening.None, BothCurrent(Today), Today);

        Assert.False(precautions.Screened);
        Assert.False(precautions.ClearForTriggerPointWork);
    }

    [Fact]
    public void Of_NoConsents_IsMissing_ForEachKind_AndNotClear()
    {
        var precautions = ClientPrecautions.Of(Screening(), [], Today);

        Assert.Equal([ConsentKind.Treatment, ConsentKind.Privacy], precautions.Consents.Select(c => c.Kind));
        Assert.All(precautions.Consents, c => Assert.Equal((ConsentStatus.Missing, null), (c.Status, c.Given)));
        Assert.Equal(ConsentStatus.Missing, precautions.ConsentStatus);
        Assert.False(precautions.ClearForTriggerPointWork);
    }

    [Fact]
    public void Of_OnlyPrivacyMissing_IsStillClearForTriggerPointWork_ButReportsConsentMissing()
    {
        var treatment = BothCurrent(Today)[0];

        var precautions = ClientPrecautions.Of(Screening(), [treatment], Today);

        Assert.Equal(ConsentStatus.Current, precautions.TreatmentConsent);
        Assert.Equal(ConsentStatus.Missing, precautions.ConsentStatus);
        Assert.True(precautions.ClearForTriggerPointWork);
    }

    [Fact]
    public void Of_ATreatmentConsentToAnEarlierText_IsOutdated_AndNotClear()
    {
        ConsentText[] texts =
        [
            new(ConsentKind.Treatment, "2026-11", DateOnly.MinValue, "Firm pressure."),
            new(ConsentKind.Treatment, "2027-03", new DateOnly(2027, 3, 1), "Firm pressure, and you may stop at any time."),
            new(ConsentKind.Privacy, "2026-11", DateOnly.MinValue, "Private."),
        ];
        Consent[] given = [new(ConsentKind.Treatment, "2026-11", Agreed), new(ConsentKind.Privacy, "2026-11", Agreed)];

        var before = ClientPrecautions.Of(Screening(), given, new DateOnly(2027, 2, 28), texts);
        var after = ClientPrecautions.Of(Screening(), given, new DateOnly(2027, 3, 1), texts);

        Assert.Equal(ConsentStatus.Current, before.TreatmentConsent);
        Assert.True(before.ClearForTriggerPointWork);
        Assert.Equal(ConsentStatus.Outdated, after.TreatmentConsent);
        Assert.Equal(ConsentStatus.Outdated, after.ConsentStatus);
        Assert.Equal("2027-03", after.Consents[0].InForce.Version);
        Assert.Equal("2026-11", after.Consents[0].Given!.Version);
        Assert.Equal(ConsentStatus.Current, after.Consents[1].Status);
        Assert.False(after.ClearForTriggerPointWork);
    }

    [Fact]
    public void Of_AConsentToAVersionNobodyKnows_IsOutdated()
    {
        var precautions = ClientPrecautions.Of(Screening(), [new(ConsentKind.Treatment, "draft", Agreed), BothCurrent(Today)[1]], Today);

        Assert.Equal(ConsentStatus.Outdated, precautions.TreatmentConsent);
        Assert.False(precautions.ClearForTriggerPointWork);
    }

    [Fact]
    public void Of_AConsentToALaterTextThanToday_IsCurrent()
    {
        ConsentText[] texts =
        [
            new(ConsentKind.Treatment, "v1", DateOnly.MinValue, "One."),
            new(ConsentKind.Treatment, "v2", new DateOnly(2027, 1, 1), "Two."),
            new(ConsentKind.Privacy, "v1", DateOnly.MinValue, "Private."),
        ];

        var precautions = ClientPrecautions.Of(Screening(), [new(ConsentKind.Treatment, "v2", Agreed), new(ConsentKind.Privacy, "v1", Agreed)], Today, texts);

        Assert.Equal(ConsentStatus.Current, precautions.TreatmentConsent);
    }

    [Fact]
    public void Of_TwoConsentsOfOneKind_IsAProgrammerError()
    {
        var twice = new[] { BothCurrent(Today)[0], BothCurrent(Today)[0] with { AgreedAtUtc = Agreed.AddDays(1) } };

        Assert.Throws<ArgumentException>(() => ClientPrecautions.Of(Screening(), twice, Today));
    }
}
