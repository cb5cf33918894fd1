namespace Knotwork.Domain.Anatomy;

/// <summary>
/// One of the 163 places on the body where pain is marked and referral zones are drawn
/// (see <c>shared/spec/body-regions.md</c>). Instances exist only inside <see cref="BodyRegions"/>,
/// so reference equality is identity and <see cref="Index"/> is a dense, stable ordinal.
/// </summary>
public sealed class Region
{
    internal Region(int index, string stem, Side side, BodyView view, string group, string label, string covers)
    {
        Index = index;
        Stem = stem;
        Side = side;
        View = view;
        Group = group;
        StemLabel = label;
        Covers = covers;
        Id = new RegionId(side switch
        {
            Side.Left => stem + ".l",
            Side.Right => stem + ".r",
            _ => stem,
        });
        Label = side switch
        {
            Side.Left => "Left " + LowerFirst(label),
            Side.Right => "Right " + LowerFirst(label),
            _ => label,
        };
    }

    /// <summary>The position of this region in the taxonomy's order (0-based, dense).</summary>
    public int Index { get; }

    /// <summary>The identifier, e.g. <c>temple.l</c> or <c>sacrum</c>.</summary>
    public RegionId Id { get; }

    /// <summary>The identifier without its side suffix, e.g. <c>temple</c>.</summary>
    public string Stem { get; }

    /// <summary>The client's side of this region, or <see cref="Side.Midline"/>.</summary>
    public Side Side { get; }

    /// <summary>Whether the region comes as a left and right pair.</summary>
    public bool IsPaired => Side != Side.Midline;

    /// <summary>The body-map figure that draws this region.</summary>
    public BodyView View { get; }

    /// <summary>The coarse area used for summaries, e.g. <c>head</c>, <c>forearm</c>.</summary>
    public string Group { get; }

    /// <summary>A label for people, with the side: "Left temple".</summary>
    public string Label { get; }

    /// <summary>The label without side: "Temple".</summary>
    public string StemLabel { get; }

    /// <summary>What the region covers, in plain words.</summary>
    public string Covers { get; }

    /// <summary>The same region on the other side; a midline region is its own mirror.</summary>
    public Region Mirror { get; internal set; } = null!;

    /// <inheritdoc />
    public override string ToString() => Id.Value;

    private static string LowerFirst(string text) =>
        text.Length > 1 && char.IsUpper(text[0]) && !char.IsUpper(text[1])
            ? char.ToLowerInvariant(text[0]) + text[1..]
            : text;
}
