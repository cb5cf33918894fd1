namespace Knotwork.Domain.Anatomy;

/// <summary>The client's own side of the body. Midline regions (the sacrum, the chin) have no side.</summary>
public enum Side
{
    /// <summary>On the midline: belongs to neither side.</summary>
    Midline = 0,

    /// <summary>The client's own left (on the viewer's right of the front figure).</summary>
    Left = 1,

    /// <summary>The client's own right.</summary>
    Right = 2,
}

/// <summary>The figure of the body map on which a region is drawn.</summary>
public enum BodyView
{
    /// <summary>The front figure.</summary>
    Front,

    /// <summary>The back figure.</summary>
    Back,
}
