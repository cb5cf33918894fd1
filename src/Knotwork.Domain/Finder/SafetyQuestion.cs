using System.Collections.Frozen;

namespace Knotwork.Domain.Finder;

/// <summary>How soon a red flag calls for medical care, least urgent first.</summary>
public enum Urgency
{
    /// <summary>See a doctor before any massage of the area.</summary>
    BeforeMassage,

    /// <summary>Get medical care today; no massage meanwhile.</summary>
    Today,

    /// <summary>Call emergency services now.</summary>
    Emergency,
}

/// <summary>
/// A yes/no question that a pain drawing cannot answer but a person can (saddle numbness, a swollen calf, a sudden
/// headache). A "yes" raises <see cref="Flag"/> whatever was marked; a "no" to every question of a flag clears the
/// guess that marked regions alone would make, where <see cref="RedFlagScreen"/> allows it.
/// </summary>
/// <param name="Key">Stable identifier used in URLs, the API and the CLI, e.g. <c>dvt-swelling</c>.</param>
/// <param name="Text">The question, in plain words, addressed to the person in pain.</param>
/// <param name="Flag">The code of the red flag a "yes" raises.</param>
/// <param name="IfYes">How urgent that flag is when this question is answered "yes".</param>
/// <param name="Source">The guideline or textbook the question comes from.</param>
public sealed record SafetyQuestion(string Key, string Text, string Flag, Urgency IfYes, string Source)
{
    /// <summary>The position of the question in <see cref="SafetyQuestions.All"/> (the order they are asked in).</summary>
    public int Index { get; internal init; }
}

/// <summary>A question the screen asked (or was answered), and the answer if there is one.</summary>
/// <param name="Question">The question.</param>
/// <param name="Answer">true for yes, false for no, null when unanswered: an unanswered question would raise its flag on "yes".</param>
public readonly record struct AskedQuestion(SafetyQuestion Question, bool? Answer);

/// <summary>The references the red flags and their questions rest on.</summary>
public static class SafetySources
{
    /// <summary>Screening for cardiac and visceral causes of pain in a manual-therapy setting.</summary>
    public const string Goodman =
        "Goodman CC, Heick JD, Lazaro RT. Differential Diagnosis for Physical Therapists: Screening for Referral. 6th ed. Elsevier; 2018.";

    /// <summary>Red flags for serious spinal pathology: cauda equina, cancer, infection, fracture, neurological deficit.</summary>
    public const string Finucane =
        "Finucane LM, Downie A, Mercer C, et al. International Framework for Red Flags for Potential Serious Spinal Pathologies. J Orthop Sports Phys Ther. 2020;50(7):350-372.";

    /// <summary>The clinical signs and risk factors of deep vein thrombosis (the Wells score).</summary>
    public const string Wells =
        "Wells PS, Anderson DR, Bormanis J, et al. Value of assessment of pretest probability of deep-vein thrombosis in clinical management. Lancet. 1997;350(9094):1795-1798.";

    /// <summary>Risk factors and urgent care for venous thromboembolism.</summary>
    public const string NiceVte =
        "NICE guideline NG158. Venous thromboembolic diseases: diagnosis, management and thrombophilia testing. National Institute for Health and Care Excellence; 2020.";

    /// <summary>Red and orange flags for secondary headache.</summary>
    public const string Snnoop10 =
        "Do TP, Remmers A, Schytz HW, et al. Red and orange flags for secondary headaches in clinical practice: SNNOOP10 list. Neurology. 2019;92(3):134-144.";

    /// <summary>Giant cell arteritis: new headache after 50, jaw claudication, scalp tenderness, visual symptoms.</summary>
    public const string BsrGca =
        "Mackie SL, Dejaco C, Appenzeller S, et al. British Society for Rheumatology guideline on diagnosis and treatment of giant cell arteritis. Rheumatology (Oxford). 2020;59(3):e1-e23.";

    /// <summary>Vascular pathology of the neck (cervical artery dysfunction) before manual therapy of the neck.</summary>
    public const string Ifompt =
        "Rushton A, Carlesso LC, Flynn T, et al. International Framework for Examination of the Cervical Region for Potential of Vascular Pathologies of the Neck Prior to Musculoskeletal Intervention: International IFOMPT Cervical Framework. J Orthop Sports Phys Ther. 2023;53(1):7-22.";

    /// <summary>Acute compartment syndrome of the limbs.</summary>
    public const string Boast =
        "British Orthopaedic Association. BOAST: Diagnosis and Management of Compartment Syndrome of the Limbs. 2016.";

    /// <summary>Widespread pain as a criterion for assessment (fibromyalgia criteria).</summary>
    public const string Wolfe =
        "Wolfe F, Clauw DJ, Fitzcharles MA, et al. 2016 Revisions to the 2010/2011 fibromyalgia diagnostic criteria. Semin Arthritis Rheum. 2016;46(3):319-329.";
}

/// <summary>Every safety question the screen can ask, in the order it asks them (grouped by flag, most urgent flag first).</summary>
public static class SafetyQuestions
{
    private static readonly FrozenDictionary<string, SafetyQuestion> ByKey;

    static SafetyQuestions()
    {
        SafetyQuestion[] all =
        [
            new("cardiac-symptoms", "Does the pain come with shortness of breath, sweating, feeling sick or light-headedness?",
                RedFlagScreen.Cardiac, Urgency.Emergency, SafetySources.Goodman),
            new("cardiac-effort", "Does the pain come on with effort, such as climbing stairs or walking fast, and ease when you rest?",
                RedFlagScreen.Cardiac, Urgency.Today, SafetySources.Goodman),

            new("dvt-breathless", "Are you short of breath, or do you have chest pain or cough up blood?",
                RedFlagScreen.Dvt, Urgency.Emergency, SafetySources.NiceVte),
            new("dvt-swelling", "Is the calf or lower leg swollen, warm or red, more than the other leg?",
                RedFlagScreen.Dvt, Urgency.Today, SafetySources.Wells),
            new("dvt-surgery", "Have you had surgery, or been in hospital, in the last 12 weeks?",
                RedFlagScreen.Dvt, Urgency.Today, SafetySources.Wells),
            new("dvt-immobile", "Have you recently been unable to move about much: in bed, with a leg in a cast, or on a journey of four hours or more?",
                RedFlagScreen.Dvt, Urgency.Today, SafetySources.Wells),
            new("dvt-pregnancy", "Are you pregnant, or did you give birth in the last six weeks?",
                RedFlagScreen.Dvt, Urgency.Today, SafetySources.NiceVte),
            new("dvt-hormones", "Do you take the contraceptive pill or hormone replacement therapy?",
                RedFlagScreen.Dvt, Urgency.Today, SafetySources.NiceVte),
            new("dvt-cancer", "Do you have cancer, or have you been treated for cancer in the last six months?",
                RedFlagScreen.Dvt, Urgency.Today, SafetySources.Wells),

            new("headache-sudden", "Did the headache come on suddenly, at its worst within a minute, or is it the worst headache you have ever had?",
                RedFlagScreen.Headache, Urgency.Emergency, SafetySources.Snnoop10),
            new("headache-fever", "Do you have a fever with a stiff neck, or a rash?",
                RedFlagScreen.Headache, Urgency.Emergency, SafetySources.Snnoop10),
            new("headache-neuro", "Have you noticed new weakness, numbness, confusion, trouble speaking, or changes in your vision?",
                RedFlagScreen.Headache, Urgency.Emergency, SafetySources.Snnoop10),
            new("headache-injury", "Did the headache start after a blow to the head or a fall?",
                RedFlagScreen.Headache, Urgency.Emergency, SafetySources.Snnoop10),
            new("headache-position", "Is the headache worse when you lie down, or when you cough, sneeze or strain?",
                RedFlagScreen.Headache, Urgency.Today, SafetySources.Snnoop10),
            new("headache-over-50", "Are you over 50 with a headache that is new to you, especially with jaw pain when chewing, a tender scalp, or changes in your vision?",
                RedFlagScreen.Headache, Urgency.Today, SafetySources.BsrGca),

            new("neck-vascular", "With the neck pain or headache, do you have dizziness, double vision, slurred speech, trouble swallowing, or sudden falls without fainting?",
                RedFlagScreen.CervicalArtery, Urgency.Emergency, SafetySources.Ifompt),
            new("neck-trauma", "Did the neck pain or headache start after an injury, such as a fall, a car accident or a sudden twist of the neck?",
                RedFlagScreen.CervicalArtery, Urgency.Today, SafetySources.Ifompt),

            new("saddle-numbness", "Is there numbness or tingling between your legs or around your back passage (the saddle area)?",
                RedFlagScreen.CaudaEquina, Urgency.Emergency, SafetySources.Finucane),
            new("bladder-bowel", "Have you had any new trouble passing urine, or controlling your bladder or bowel?",
                RedFlagScreen.CaudaEquina, Urgency.Emergency, SafetySources.Finucane),
            new("legs-weak", "Are both legs weak, numb or tingling, or getting weaker?",
                RedFlagScreen.CaudaEquina, Urgency.Emergency, SafetySources.Finucane),

            new("shin-tense", "Is the pain in the lower leg severe, with the muscle swollen and tight or hard, and worse when you move your foot or toes?",
                RedFlagScreen.Compartment, Urgency.Emergency, SafetySources.Boast),

            new("foot-drop", "Does your foot drag or slap on the ground when you walk, or can you not lift your foot or toes?",
                RedFlagScreen.FootDrop, Urgency.Today, SafetySources.Finucane),

            new("fever", "Do you have a fever, or feel generally unwell with the pain?",
                RedFlagScreen.WarningSigns, Urgency.Today, SafetySources.Finucane),
            new("weight-loss", "Have you lost weight recently without trying?",
                RedFlagScreen.WarningSigns, Urgency.BeforeMassage, SafetySources.Finucane),
            new("cancer-history", "Have you ever had cancer?",
                RedFlagScreen.WarningSigns, Urgency.BeforeMassage, SafetySources.Finucane),
            new("night-pain", "Is the pain there at night or at rest, with nothing you do easing it?",
                RedFlagScreen.WarningSigns, Urgency.BeforeMassage, SafetySources.Finucane),
            new("recent-trauma", "Did the pain start after a fall, an accident or another injury in the last few weeks?",
                RedFlagScreen.WarningSigns, Urgency.BeforeMassage, SafetySources.Finucane),
        ];

        if (all.Length > 64)
        {
            throw new InvalidOperationException("SafetyAnswers keeps one bit per question: at most 64 questions.");
        }

        All = all.Select((q, i) => q with { Index = i }).ToArray();
        ByKey = All.ToFrozenDictionary(q => q.Key, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Every question, in the order it is asked.</summary>
    public static IReadOnlyList<SafetyQuestion> All { get; }

    /// <summary>Finds a question by its key (case-insensitive).</summary>
    public static bool TryGet(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out SafetyQuestion? question) =>
        ByKey.TryGetValue(key.Trim(), out question);

    /// <summary>The questions that raise <paramref name="flag"/>.</summary>
    public static IEnumerable<SafetyQuestion> For(string flag) => All.Where(q => q.Flag == flag);
}

/// <summary>Answers to safety questions: for each question yes, no, or not answered. Immutable and allocation-free.</summary>
public readonly record struct SafetyAnswers
{
    private SafetyAnswers(ulong answered, ulong yes)
    {
        Answered = answered;
        Yes = yes;
    }

    /// <summary>No question answered.</summary>
    public static SafetyAnswers None => default;

    /// <summary>A bit per <see cref="SafetyQuestion.Index"/> for every answered question.</summary>
    internal ulong Answered { get; }

    /// <summary>A bit per <see cref="SafetyQuestion.Index"/> for every question answered "yes".</summary>
    internal ulong Yes { get; }

    /// <summary>A bit per <see cref="SafetyQuestion.Index"/> for every question answered "no".</summary>
    internal ulong No => Answered & ~Yes;

    /// <summary>Whether no question is answered.</summary>
    public bool IsEmpty => Answered == 0;

    /// <summary>These answers with <paramref name="question"/> answered <paramref name="yes"/> (a later answer replaces an earlier one).</summary>
    public SafetyAnswers With(SafetyQuestion question, bool yes)
    {
        ArgumentNullException.ThrowIfNull(question);
        var bit = 1UL << question.Index;
        return new SafetyAnswers(Answered | bit, yes ? Yes | bit : Yes & ~bit);
    }

    /// <summary>The answer to <paramref name="question"/>: true for yes, false for no, null when unanswered.</summary>
    public bool? Get(SafetyQuestion question)
    {
        ArgumentNullException.ThrowIfNull(question);
        var bit = 1UL << question.Index;
        return (Answered & bit) == 0 ? null : (Yes & bit) != 0;
    }

    /// <summary>The answered questions with their answers, in asking order.</summary>
    public IEnumerable<(SafetyQuestion Question, bool Yes)> Entries()
    {
        var answers = this;
        return SafetyQuestions.All.Where(q => answers.Get(q) is not null).Select(q => (q, answers.Get(q)!.Value));
    }

    /// <summary>The text form used in URLs and by the CLI: <c>dvt-swelling:yes,fever:no</c>.</summary>
    public override string ToString() => string.Join(",", Entries().Select(e => e.Question.Key + ":" + (e.Yes ? "yes" : "no")));

    /// <summary>
    /// Reads answers by question key, each "yes" or "no" (also true/false, y/n), with a message for people when a key
    /// or an answer is not known.
    /// </summary>
    public static bool TryParse(IEnumerable<KeyValuePair<string, string>> answers, out SafetyAnswers result, [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(answers);
        result = None;
        foreach (var (key, text) in answers)
        {
            if (string.IsNullOrWhiteSpace(key))
            {
                continue;
            }

            if (!SafetyQuestions.TryGet(key, out var question))
            {
                error = $"Unknown safety question '{key.Trim()}'. Valid questions: {string.Join(", ", SafetyQuestions.All.Select(q => q.Key))}.";
                return false;
            }

            switch (text?.Trim().ToLowerInvariant())
            {
                case "yes" or "y" or "true":
                    result = result.With(question, true);
                    break;
                case "no" or "n" or "false":
                    result = result.With(question, false);
                    break;
                default:
                    error = $"The answer to '{question.Key}' is '{text}'; it must be yes or no.";
                    return false;
            }
        }

        error = null;
        return true;
    }
}
