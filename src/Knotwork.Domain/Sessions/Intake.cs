using Knotwork.Domain.Anatomy;
using Knotwork.Domain.Clients;
using Knotwork.Domain.Finder;
using Knotwork.Domain.Knowledge;

namespace Knotwork.Domain.Sessions;

/// <summary>How long the pain the client books for has been there. Stored by name: add members, never rename.</summary>
public enum PainDuration
{
    /// <summary>Less than a week.</summary>
    UnderAWeek,

    /// <summary>One to six weeks.</summary>
    UnderSixWeeks,

    /// <summary>Six weeks to three months.</summary>
    UnderThreeMonths,

    /// <summary>Three months or more: persistent (chronic) pain.</summary>
    ThreeMonthsOrMore,
}

/// <summary>What makes the pain worse, from a short pick list (no typing needed). Stored by name: add, never rename.</summary>
public enum Aggravator
{
    /// <summary>Sitting for long.</summary>
    Sitting,

    /// <summary>Standing for long.</summary>
    Standing,

    /// <summary>Walking.</summary>
    Walking,

    /// <summary>Bending or lifting.</summary>
    BendingOrLifting,

    /// <summary>Computer, phone or desk work.</summary>
    ScreenWork,

    /// <summary>Lying down or sleeping; pain at night or on waking.</summary>
    LyingOrSleeping,

    /// <summary>Exercise or sport.</summary>
    Exercise,

    /// <summary>Stress.</summary>
    Stress,

    /// <summary>Cold or draughts.</summary>
    Cold,
}

/// <summary>Labels and rules for <see cref="PainDuration"/>, <see cref="Aggravator"/> and the intake's cause questions.</summary>
public static class IntakeText
{
    /// <summary>
    /// Pain that has lasted three months or more is persistent (chronic) pain: the IASP's definition for ICD-11
    /// (Treede RD, et al. Chronic pain as a symptom or a disease: the IASP Classification of Chronic Pain for ICD-11.
    /// Pain. 2019;160(1):19-27).
    /// </summary>
    public const string ChronicPainSource =
        "Treede RD, Rief W, Barke A, et al. Chronic pain as a symptom or a disease: the IASP Classification of Chronic Pain for the International Classification of Diseases (ICD-11). Pain. 2019;160(1):19-27.";

    /// <summary>The answer as a client reads it.</summary>
    public static string Label(this PainDuration duration) => duration switch
    {
        PainDuration.UnderAWeek => "Less than a week",
        PainDuration.UnderSixWeeks => "1 to 6 weeks",
        PainDuration.UnderThreeMonths => "6 weeks to 3 months",
        PainDuration.ThreeMonthsOrMore => "3 months or more",
        _ => throw new ArgumentOutOfRangeException(nameof(duration)),
    };

    /// <summary>Whether pain of this duration counts as persistent (chronic): three months or more.</summary>
    public static bool IsPersistent(this PainDuration duration) => duration == PainDuration.ThreeMonthsOrMore;

    /// <summary>The pick-list label.</summary>
    public static string Label(this Aggravator aggravator) => aggravator switch
    {
        Aggravator.Sitting => "Sitting",
        Aggravator.Standing => "Standing",
        Aggravator.Walking => "Walking",
        Aggravator.BendingOrLifting => "Bending or lifting",
        Aggravator.ScreenWork => "Computer or phone work",
        Aggravator.LyingOrSleeping => "Lying down or sleeping",
        Aggravator.Exercise => "Exercise or sport",
        Aggravator.Stress => "Stress",
        Aggravator.Cold => "Cold or draughts",
        _ => throw new ArgumentOutOfRangeException(nameof(aggravator)),
    };

    /// <summary>The yes/no question the intake asks for a cause, in the client's words.</summary>
    public static string Question(this Cause cause) => cause switch
    {
        Cause.SustainedPosture => "Do you spend long stretches in one position (at a desk, driving, on the phone)?",
        Cause.RepetitiveMotion => "Do you repeat the same movement a lot (typing, running, cycling, a task at work)?",
        Cause.AcuteOverload => "Did it start after a sudden strain, such as lifting something heavy or a hard workout?",
        Cause.Stress => "Have you been under stress lately?",
        Cause.InjuryCompensation => "Have you had an injury that may have changed how you move?",
        _ => throw new ArgumentOutOfRangeException(nameof(cause)),
    };
}

/// <summary>What a client tells the practice before a visit.</summary>
public sealed record IntakeAnswers
{
    /// <summary>The longest <see cref="WorseNote"/> taken.</summary>
    public const int MaxNoteLength = 500;

    /// <summary>Where it hurts, on the finder's body map (at least one place).</summary>
    public required IReadOnlyList<Region> Regions { get; init; }

    /// <summary>How much each place hurts, 1 to 10 (a marked place hurts; every marked place has one).</summary>
    public required IReadOnlyDictionary<Region, int> Intensity { get; init; }

    /// <summary>How long it has hurt.</summary>
    public required PainDuration Duration { get; init; }

    /// <summary>What makes it worse (may be empty).</summary>
    public IReadOnlyList<Aggravator> WorseWith { get; init; } = [];

    /// <summary>Anything else that makes it worse, in the client's words.</summary>
    public string? WorseNote { get; init; }

    /// <summary>The answer to each of the five cause questions (every cause answered).</summary>
    public required IReadOnlyDictionary<Cause, bool> Causes { get; init; }

    /// <summary>The answers to the safety questions the marked places bring up.</summary>
    public SafetyAnswers Safety { get; init; }

    /// <summary>Why these answers cannot be taken, or null when they can: the message a client reads.</summary>
    public string? Problem()
    {
        if (Regions.Count == 0)
            return "Mark at least one place that hurts.";
        if (Regions.FirstOrDefault(r => !Intensity.ContainsKey(r)) is { } unrated)
            return $"Say how much it hurts at {unrated.Label.ToLowerInvariant()} (1 to 10).";
        if (Intensity.FirstOrDefault(kv => kv.Value is < 1 or > 10 || !Regions.Contains(kv.Key)) is { Key: not null } bad)
            return $"The pain at {bad.Key.Label.ToLowerInvariant()} must be from 1 to 10.";
        if (!Enum.IsDefined(Duration))
            return "Say how long it has hurt.";
        if (Knowledge.Causes.All.Where(c => !Causes.ContainsKey(c)).Select(c => (Cause?)c).FirstOrDefault() is { } unanswered)
            return "Answer yes or no to: " + unanswered.Question();
        if (WorseWith.Any(a => !Enum.IsDefined(a)))
            return "One of the choices of what makes it worse is not on the list.";
        return WorseNote is { Length: > MaxNoteLength } ? $"Keep what else makes it worse under {MaxNoteLength} characters." : null;
    }

    /// <summary>The causes answered "yes", in <see cref="Knowledge.Causes.All"/> order.</summary>
    public IReadOnlyList<Cause> CausesThatApply => [.. Knowledge.Causes.All.Where(c => Causes.TryGetValue(c, out var yes) && yes)];
}

/// <summary>
/// What an intake means for the visit: the red flags the marked places and answers raise (the finder's own screen),
/// the screening items that rule out deep and trigger point work until a doctor clears them, the precautions that
/// change the work (blood thinners: lighter pressure), and whether consent to treatment is on record. Any of them marks
/// the visit for the therapist's attention; the client sees the same flags and screening advice.
/// </summary>
public sealed record IntakeReview
{
    private IntakeReview()
    {
    }

    /// <summary>Red flags raised by the marked places and the answers, most urgent first.</summary>
    public required IReadOnlyList<RedFlag> RedFlags { get; init; }

    /// <summary>Contraindications for deep work until cleared (for example blood thinners, recent surgery, a clot).</summary>
    public required IReadOnlyList<ScreeningGuide> Contraindications { get; init; }

    /// <summary>Precautions that change the work but do not stop it.</summary>
    public required IReadOnlyList<ScreeningGuide> Precautions { get; init; }

    /// <summary>Whether the client's consent to treatment covers the text in force.</summary>
    public required bool ConsentCurrent { get; init; }

    /// <summary>Whether the pain has lasted three months or more.</summary>
    public required bool Persistent { get; init; }

    /// <summary>Whether the therapist must look at this intake before working: a flag, a contraindication, a precaution or no consent.</summary>
    public bool NeedsAttention => RedFlags.Count > 0 || Contraindications.Count > 0 || Precautions.Count > 0 || !ConsentCurrent;

    /// <summary>Reviews <paramref name="answers"/> against the client's screening and consents as they stand after the intake.</summary>
    /// <param name="answers">The intake's answers (valid: <see cref="IntakeAnswers.Problem"/> is null).</param>
    /// <param name="precautions">The client's precautions with the intake's screening and consent applied.</param>
    public static IntakeReview Of(IntakeAnswers answers, ClientPrecautions precautions)
    {
        ArgumentNullException.ThrowIfNull(answers);
        ArgumentNullException.ThrowIfNull(precautions);
        var screen = RedFlagScreen.Screen(answers.Regions, answers.Safety);
        return new IntakeReview
        {
            RedFlags = [.. screen.Flags.OrderByDescending(f => f.Urgency)],
            Contraindications = precautions.NeedingClearance,
            Precautions = precautions.Precautions,
            ConsentCurrent = precautions.TreatmentConsent == ConsentStatus.Current,
            Persistent = answers.Duration.IsPersistent(),
        };
    }
}
