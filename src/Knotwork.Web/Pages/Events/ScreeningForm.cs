using Knotwork.Data.Entities;

namespace Knotwork.Web.Pages.Events;

/// <summary>
/// The three screening questions an employee answers for their therapist (never for their employer), as the booking
/// page and the slot page post them: each answer "yes" or "no", and an optional note.
/// </summary>
internal sealed class ScreeningForm
{
    /// <summary>"yes" or "no".</summary>
    public string? Injury { get; set; }

    /// <summary>"yes" or "no".</summary>
    public string? Condition { get; set; }

    /// <summary>"yes" or "no".</summary>
    public string? Avoid { get; set; }

    public string? Note { get; set; }

    /// <summary>The form filled in with answers already given (to change them).</summary>
    public static ScreeningForm From(EventScreening? screening) => screening is null
        ? new ScreeningForm()
        : new ScreeningForm
        {
            Injury = YesNo(screening.RecentInjuryOrSurgery),
            Condition = YesNo(screening.ConditionToKnow),
            Avoid = YesNo(screening.AreasToAvoid),
            Note = screening.Note,
        };

    /// <summary>The answers, or what is wrong with them in words an employee understands.</summary>
    public (EventScreening? Screening, string? Problem) Read()
    {
        var (injury, condition, avoid) = (Answer(Injury), Answer(Condition), Answer(Avoid));
        if (injury is null || condition is null || avoid is null)
            return (null, "Answer the three questions with yes or no.");
        if (Note is { Length: > EventScreening.MaxNote })
            return (null, $"Keep the note under {EventScreening.MaxNote} characters.");
        return (new EventScreening(injury.Value, condition.Value, avoid.Value, string.IsNullOrWhiteSpace(Note) ? null : Note.Trim()), null);
    }

    private static bool? Answer(string? text) => text switch { "yes" => true, "no" => false, _ => null };

    private static string YesNo(bool answer) => answer ? "yes" : "no";
}
