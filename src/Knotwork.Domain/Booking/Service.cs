namespace Knotwork.Domain.Booking;

/// <summary>The kinds of session a mobile practice offers.</summary>
public enum ServiceKind
{
    /// <summary>Deep tissue massage; includes trigger point work.</summary>
    DeepTissue,

    /// <summary>Sports massage; includes trigger point work.</summary>
    Sports,

    /// <summary>Swedish (relaxation) massage.</summary>
    Swedish,

    /// <summary>Prenatal massage.</summary>
    Prenatal,

    /// <summary>Chair massage at a workplace.</summary>
    CorporateChair,
}

/// <summary>Facts about <see cref="ServiceKind"/>.</summary>
public static class ServiceKinds
{
    /// <summary>
    /// Whether sessions of this kind include trigger point work. Trigger point work is a technique inside deep
    /// tissue and sports sessions, never a service of its own: this is what the booking pages tell a client.
    /// </summary>
    public static bool IncludesTriggerPointWork(this ServiceKind kind) => kind is ServiceKind.DeepTissue or ServiceKind.Sports;

    /// <summary>The kind's name for people, e.g. "Deep tissue".</summary>
    public static string Label(this ServiceKind kind) => kind switch
    {
        ServiceKind.DeepTissue => "Deep tissue",
        ServiceKind.Sports => "Sports",
        ServiceKind.Swedish => "Swedish",
        ServiceKind.Prenatal => "Prenatal",
        ServiceKind.CorporateChair => "Corporate chair",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}

/// <summary>A session a client can book, e.g. "Deep tissue, 90 minutes".</summary>
public sealed record Service
{
    /// <summary>A stable id, e.g. <c>deep-tissue-90</c>.</summary>
    public required string Id { get; init; }

    /// <summary>The name a client sees.</summary>
    public required string Name { get; init; }

    /// <summary>What kind of massage it is.</summary>
    public required ServiceKind Kind { get; init; }

    /// <summary>How long the massage itself lasts, in minutes (setup and pack-up are the therapist's, on top).</summary>
    public required int Minutes { get; init; }

    /// <summary>What a client reads when choosing.</summary>
    public string Description { get; init; } = "";
}

/// <summary>A named group of ZIP codes the practice visits, e.g. "Lancaster" or "Santa Clarita Valley".</summary>
public sealed record ServiceArea
{
    /// <summary>A stable id, e.g. <c>lancaster</c>.</summary>
    public required string Id { get; init; }

    /// <summary>The name a client sees.</summary>
    public required string Name { get; init; }

    /// <summary>The five-digit ZIP codes in the area; a ZIP belongs to at most one area.</summary>
    public required IReadOnlyList<string> Zips { get; init; }
}
