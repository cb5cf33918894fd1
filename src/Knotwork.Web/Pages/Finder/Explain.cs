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
