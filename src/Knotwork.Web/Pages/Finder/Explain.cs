using Knotwork.Domain.Finder;
using Knotwork.Domain.Knowledge;

namespace Knotwork.Web.Pages.Finder;

/// <summary>Plain-language sentences about a candidate, for the results list.</summary>
internal static class Explain
{
    public static string SideLabel(CandidateSide side) => side switch
    {
        CandidateSide.Left => "left side",
        CandidateSide.Right => "right side",
        _ => "both sides",
    };

    /// <summary>How soon to get care, as a short label above a red flag.</summary>
    public static string UrgencyLabel(Urgency urgency) => urgency switch
    {
        Urgency.Emergency => "Emergency: call for help now",
        Urgency.Today => "Get medical care today",
        _ => "See a doctor before massage",
    };

    /// <summary>A short heading for the safety questions behind a red flag.</summary>
    public static string QuestionGroup(string flag) => flag switch
    {
        RedFlagScreen.Cardiac => "The heart",
        RedFlagScreen.Headache => "Headache warning signs",
        RedFlagScreen.CervicalArtery => "The arteries of the neck",
        RedFlagScreen.Dvt => "A blood clot in the leg",
        RedFlagScreen.CaudaEquina => "The nerves at the base of the spine",
        RedFlagScreen.Compartment => "Tense swelling of the lower leg",
        RedFlagScreen.FootDrop => "A weak foot",
        _ => "General warning signs",
    };

    /// <summary>"Refers pain to your left temple and left back of the neck; may spill over to your left jaw."</summary>
    public static string Why(Candidate candidate)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        var essential = candidate.Explains.Where(e => e.Zone == ZoneKind.Essential).Select(e => Lower(e.Region.Label)).ToArray();
        var spill = candidate.Explains.Where(e => e.Zone == ZoneKind.Spillover).Select(e => Lower(e.Region.Label)).ToArray();
        var parts = new List<string>();
        if (essential.Length > 0)
        {
            parts.Add("Refers pain to your " + Join(essential));
        }

        if (spill.Length > 0)
        {
            parts.Add((essential.Length > 0 ? "and may spill over to your " : "May spill over to your ") + Join(spill));
        }

        return string.Join("; ", parts) + ".";
    }

    private static string Lower(string label) => char.ToLowerInvariant(label[0]) + label[1..];

    private static string Join(string[] items) => items.Length switch
    {
        1 => items[0],
        2 => $"{items[0]} and {items[1]}",
        _ => string.Join(", ", items[..^1]) + " and " + items[^1],
    };
}
