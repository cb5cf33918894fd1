namespace Knotwork.Domain.Anatomy;

/// <summary>
/// The identifier of a body region (<c>temple.l</c>, <c>sacrum</c>): lower-case, the client's own side.
/// Only <see cref="BodyRegions"/> makes these, so a <see cref="RegionId"/> is always valid.
/// </summary>
public readonly record struct RegionId
{
    internal RegionId(string value) => Value = value;

    /// <summary>The identifier text.</summary>
    public string Value { get; }

    /// <summary>Parses an identifier against the taxonomy (case-insensitive, surrounding spaces ignored).</summary>
    public static bool TryParse(string? text, out RegionId id)
    {
        if (BodyRegions.Default.TryGet(text, out var region))
        {
            id = region.Id;
            return true;
        }

        id = default;
        return false;
    }

    /// <inheritdoc />
    public override string ToString() => Value ?? string.Empty;
}
