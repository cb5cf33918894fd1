namespace Knotwork.Domain.Clients;

/// <summary>Where one kind of a client's consent stands against the text in force.</summary>
/// <param name="Kind">What the consent is to.</param>
/// <param name="Status">Current, outdated or missing.</param>
/// <param name="InForce">The text the client must have agreed to.</param>
/// <param name="Given">The consent on record, if any.</param>
public sealed record ConsentCheck(ConsentKind Kind, ConsentStatus Status, ConsentText InForce, Consent? Given);

/// <summary>
/// What a therapist must know before working on a client: the screening items that need a doctor's clearance, the
/// precautions that change the work, what is good to know, and where the client's consents stand. The one place
/// intake, the client's record and charting ask; it reads the screening and consents it is given and nothing else.
/// </summary>
public sealed record ClientPrecautions
{
    private ClientPrecautions()
    {
    }

    /// <summary>Whether the client has filled in a health screening at all.</summary>
    public required bool Screened { get; init; }

    /// <summary>Items that are contraindications for deep and trigger point work until a doctor clears them.</summary>
    public required IReadOnlyList<ScreeningGuide> NeedingClearance { get; init; }

    /// <summary>Items that change the work: an area to avoid, lighter pressure, another position.</summary>
    public required IReadOnlyList<ScreeningGuide> Precautions { get; init; }

    /// <summary>Items that change nothing in the work but the therapist should know.</summary>
    public required IReadOnlyList<ScreeningGuide> ToKnow { get; init; }

    /// <summary>Each kind of consent (in <see cref="ConsentKind"/> order) and where it stands.</summary>
    public required IReadOnlyList<ConsentCheck> Consents { get; init; }

    /// <summary>The worst of <see cref="Consents"/>: missing before outdated before current.</summary>
    public ConsentStatus ConsentStatus => Consents.Max(c => c.Status);

    /// <summary>Where the consent to treatment stands.</summary>
    public ConsentStatus TreatmentConsent => Consents.Single(c => c.Kind == ConsentKind.Treatment).Status;

    /// <summary>
    /// Whether trigger point work may go ahead today: the client has been screened, nothing on the screening needs
    /// a doctor's clearance, and their consent to treatment covers the text in force. Precautions still apply. (A
    /// clearance received is not recorded yet, so an item needing one keeps this false until the item is removed.)
    /// </summary>
    public bool ClearForTriggerPointWork => Screened && NeedingClearance.Count == 0 && TreatmentConsent == ConsentStatus.Current;

    /// <summary>The precautions for a client with <paramref name="screening"/> and <paramref name="consents"/>, on <paramref name="today"/>.</summary>
    /// <param name="screening">The client's health screening (<see cref="HealthScreening.None"/> when never taken).</param>
    /// <param name="consents">The consents on record, at most one of each kind.</param>
    /// <param name="today">Today in the practice's calendar: which consent texts are in force.</param>
    public static ClientPrecautions Of(HealthScreening screening, IEnumerable<Consent> consents, DateOnly today) =>
        Of(screening, consents, today, ConsentTexts.All);

    /// <summary>As <see cref="Of(HealthScreening, IEnumerable{Consent}, DateOnly)"/>, over a given list of consent texts.</summary>
    internal static ClientPrecautions Of(HealthScreening screening, IEnumerable<Consent> consents, DateOnly today, IReadOnlyList<ConsentText> texts)
    {
        ArgumentNullException.ThrowIfNull(screening);
        ArgumentNullException.ThrowIfNull(consents);
        var given = consents.ToList();
        if (given.GroupBy(c => c.Kind).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new ArgumentException($"More than one {twice.Key} consent given.", nameof(consents));
        }

        var guides = screening.Items.Distinct().Select(ScreeningGuide.For).ToList();
        return new ClientPrecautions
        {
            Screened = screening.Taken,
            NeedingClearance = [.. guides.Where(g => g.Concern == ScreeningConcern.NeedsClearance)],
            Precautions = [.. guides.Where(g => g.Concern == ScreeningConcern.Precaution)],
            ToKnow = [.. guides.Where(g => g.Concern == ScreeningConcern.ToKnow)],
            Consents =
            [
                .. Enum.GetValues<ConsentKind>().Select(kind =>
                {
                    var mine = given.SingleOrDefault(c => c.Kind == kind);
                    return new ConsentCheck(kind, ConsentTexts.StatusOf(texts, mine, kind, today), ConsentTexts.InForce(texts, kind, today), mine);
                }),
            ],
        };
    }
}
