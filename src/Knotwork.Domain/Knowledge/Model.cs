using Knotwork.Domain.Anatomy;

namespace Knotwork.Domain.Knowledge;

/// <summary>Whether a marked region lies in the solid (essential) or stippled (spillover) part of a referral drawing.</summary>
public enum ZoneKind
{
    /// <summary>The core referral area: present whenever the trigger point is active.</summary>
    Essential,

    /// <summary>The wider area that some people feel too.</summary>
    Spillover,
}

/// <summary>How a region named in the data relates to the side of the muscle.</summary>
public enum Reach
{
    /// <summary>The same side as the muscle (a paired stem without suffix).</summary>
    SameSide,

    /// <summary>Both sides (<c>stem.both</c>).</summary>
    BothSides,

    /// <summary>The other side only (<c>stem.opposite</c>).</summary>
    OppositeSide,

    /// <summary>A midline region.</summary>
    Midline,
}

/// <summary>A region as the data names it, relative to the muscle's side: <c>temple</c>, <c>low-back.both</c>, <c>sacrum</c>.</summary>
public sealed record RegionRef(string Stem, Reach Reach)
{
    /// <summary>The concrete regions this reference covers for a muscle on <paramref name="muscleSide"/>.</summary>
    public IEnumerable<Region> Resolve(BodyRegions regions, Side muscleSide)
    {
        ArgumentNullException.ThrowIfNull(regions);
        var stemRegions = regions.ByStem(Stem);
        foreach (var region in stemRegions)
        {
            var include = Reach switch
            {
                Reach.Midline or Reach.BothSides => true,
                Reach.SameSide => region.Side == muscleSide,
                Reach.OppositeSide => region.Side != muscleSide,
                _ => false,
            };
            if (include)
            {
                yield return region;
            }
        }
    }

    /// <inheritdoc />
    public override string ToString() => Reach switch
    {
        Reach.BothSides => Stem + ".both",
        Reach.OppositeSide => Stem + ".opposite",
        _ => Stem,
    };
}

/// <summary>A trigger point of a muscle, with where it lies and where it sends pain.</summary>
public sealed class TriggerPoint
{
    internal TriggerPoint(string muscleSlug, int ordinal, string id, string name, IReadOnlyList<RegionRef> location,
        string palpation, IReadOnlyList<RegionRef> essential, IReadOnlyList<RegionRef> spillover)
    {
        MuscleSlug = muscleSlug;
        Ordinal = ordinal;
        Id = id;
        FullId = muscleSlug + "/" + id;
        Name = name;
        Location = location;
        Palpation = palpation;
        Essential = essential;
        Spillover = spillover;
    }

    /// <summary>The slug of the muscle that holds this point.</summary>
    public string MuscleSlug { get; }

    /// <summary>The position of this point within its muscle (0-based).</summary>
    public int Ordinal { get; }

    /// <summary>The point's identifier within its muscle, e.g. <c>1</c> or <c>clavicular</c>.</summary>
    public string Id { get; }

    /// <summary>The identifier used everywhere else: <c>MUSCLE/POINT</c>, e.g. <c>sternocleidomastoid/clavicular</c>.</summary>
    public string FullId { get; }

    /// <summary>A short name for people.</summary>
    public string Name { get; }

    /// <summary>Where the point lies.</summary>
    public IReadOnlyList<RegionRef> Location { get; }

    /// <summary>How a therapist finds it, in plain words.</summary>
    public string Palpation { get; }

    /// <summary>The essential referral zone.</summary>
    public IReadOnlyList<RegionRef> Essential { get; }

    /// <summary>The spillover referral zone.</summary>
    public IReadOnlyList<RegionRef> Spillover { get; }

    /// <summary>
    /// Identifiers this point had before it was renamed (within its muscle). Released identifiers are permanent:
    /// an old one keeps resolving to this point.
    /// </summary>
    public IReadOnlyList<string> FormerIds { get; init; } = [];
}

/// <summary>Why a muscle's trigger points form or persist, tied to one of the five causes.</summary>
public sealed record CauseNote(Cause Cause, string Detail);

/// <summary>Whether a source is a book (cited by chapter) or a journal article (cited whole).</summary>
public enum SourceKind
{
    /// <summary>A book: every citation names a chapter.</summary>
    Book,

    /// <summary>A journal article: citations name no chapter.</summary>
    Article,
}

/// <summary>A book or paper the knowledge base cites.</summary>
public sealed record Source(string Id, string Citation)
{
    /// <summary>A book (the default) or an article.</summary>
    public SourceKind Kind { get; init; } = SourceKind.Book;
}

/// <summary>A citation of a source for a muscle's referral pattern: the source and its chapter (empty for an article).</summary>
public sealed record SourceCitation(Source Source, string Chapter)
{
    /// <summary>
    /// False when the chapter title could not be checked against the book's own contents: it is the title the data
    /// gives, not a confirmed one, and every place that shows the citation says so.
    /// </summary>
    public bool Verified { get; init; } = true;

    /// <summary>The citation as people read it: the source, then its chapter and whether that title was checked.</summary>
    public string Describe()
    {
        var text = Source.Citation;
        if (!string.IsNullOrEmpty(Chapter))
        {
            text += $" Chapter: {Chapter}.";
        }

        return Verified ? text : text + " (Chapter title not yet checked against the book.)";
    }
}

/// <summary>Identifiers of a muscle in standard terminologies; each is null until verified.</summary>
public sealed record TerminologyCodes(string? Uberon, string? Fma, string? Snomed);

/// <summary>A skeletal muscle with its trigger points, what they do and how to care for them.</summary>
public sealed class Muscle
{
    internal Muscle(int index, string slug, string name, IReadOnlyList<string> aliases, string area, string summary,
        TerminologyCodes codes, IReadOnlyList<TriggerPoint> triggerPoints, IReadOnlyList<string> symptoms,
        IReadOnlyList<string> lookAlikes, IReadOnlyList<CauseNote> causes, IReadOnlyList<ContextFactor> activities,
        IReadOnlyList<string> associated, string selfCare, IReadOnlyList<SourceCitation> sources)
    {
        Index = index;
        Slug = slug;
        Name = name;
        Aliases = aliases;
        Area = area;
        Summary = summary;
        Codes = codes;
        TriggerPoints = triggerPoints;
        Symptoms = symptoms;
        LookAlikes = lookAlikes;
        Causes = causes;
        Activities = activities;
        Associated = associated;
        SelfCare = selfCare;
        Sources = sources;
    }

    /// <summary>The position of the muscle in the knowledge base's order (0-based, dense).</summary>
    public int Index { get; }

    /// <summary>The stable identifier, e.g. <c>upper-trapezius</c>.</summary>
    public string Slug { get; }

    /// <summary>The name for people.</summary>
    public string Name { get; }

    /// <summary>Other names people and books use.</summary>
    public IReadOnlyList<string> Aliases { get; }

    /// <summary>The body area slug (see <see cref="BodyAreas"/>).</summary>
    public string Area { get; }

    /// <summary>Where the muscle is and what it does, in a sentence or two.</summary>
    public string Summary { get; }

    /// <summary>Verified terminology codes (often empty).</summary>
    public TerminologyCodes Codes { get; }

    /// <summary>The trigger points, at least one.</summary>
    public IReadOnlyList<TriggerPoint> TriggerPoints { get; }

    /// <summary>Typical symptoms, in plain words.</summary>
    public IReadOnlyList<string> Symptoms { get; }

    /// <summary>Conditions its pain is mistaken for (lower-case names).</summary>
    public IReadOnlyList<string> LookAlikes { get; }

    /// <summary>Why trigger points form or persist in it.</summary>
    public IReadOnlyList<CauseNote> Causes { get; }

    /// <summary>Activities that overload it, as finder context factors.</summary>
    public IReadOnlyList<ContextFactor> Activities { get; }

    /// <summary>Slugs of muscles that often develop trigger points with this one.</summary>
    public IReadOnlyList<string> Associated { get; }

    /// <summary>What a client can safely do at home.</summary>
    public string SelfCare { get; }

    /// <summary>Where the referral pattern comes from.</summary>
    public IReadOnlyList<SourceCitation> Sources { get; }

    /// <summary>
    /// Slugs this muscle had before it was renamed. Released slugs are permanent: an old one keeps resolving to
    /// this muscle (and <c>OLD/POINT</c> to its trigger points).
    /// </summary>
    public IReadOnlyList<string> FormerSlugs { get; init; } = [];

    /// <inheritdoc />
    public override string ToString() => Slug;
}

/// <summary>A name people use for several muscles together: "rotator cuff", "IT band".</summary>
public sealed record MuscleGroup(string Slug, string Name, IReadOnlyList<string> Aliases, IReadOnlyList<Muscle> Members, string? Note);
