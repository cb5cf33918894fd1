namespace Knotwork.Domain.Knowledge;

/// <summary>The body areas the muscle atlas is organised by (the headings of muscles.md).</summary>
public static class BodyAreas
{
    /// <summary>Area slug and label, in atlas order.</summary>
    public static IReadOnlyList<(string Slug, string Label)> All { get; } =
    [
        ("head-jaw", "Head and jaw"),
        ("neck", "Neck"),
        ("shoulder-upper-back", "Shoulder girdle and upper back"),
        ("arm", "Arm"),
        ("forearm-hand", "Forearm and hand"),
        ("trunk", "Trunk"),
        ("pelvis-hip", "Pelvis and hip"),
        ("thigh-knee", "Thigh and knee"),
        ("leg-foot", "Leg and foot"),
    ];

    /// <summary>Whether <paramref name="slug"/> names an area.</summary>
    public static bool IsArea(string? slug) => All.Any(a => a.Slug == slug);

    /// <summary>The label of an area slug.</summary>
    public static string Label(string slug) => All.FirstOrDefault(a => a.Slug == slug).Label ?? slug;
}
