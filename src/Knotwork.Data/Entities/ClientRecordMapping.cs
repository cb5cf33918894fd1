using Knotwork.Domain.Clients;

namespace Knotwork.Data.Entities;

/// <summary>A client record's columns as the domain's screening and consents (mapping only; the rules are in the domain).</summary>
public static class ClientRecordMapping
{
    /// <summary>The client's health screening; not taken when <see cref="ClientRecord.ScreenedAtUtc"/> is empty.</summary>
    public static HealthScreening Screening(this ClientRecord client)
    {
        ArgumentNullException.ThrowIfNull(client);
        return new HealthScreening(client.ScreeningItems, client.Medications, client.ScreeningNotes) { TakenAtUtc = client.ScreenedAtUtc };
    }

    /// <summary>The consents on the client's record: one of each kind given, none for a kind never given.</summary>
    public static IReadOnlyList<Consent> Consents(this ClientRecord client)
    {
        ArgumentNullException.ThrowIfNull(client);
        var consents = new List<Consent>(2);
        if (client is { TreatmentConsentVersion: { } treatment, TreatmentConsentAtUtc: { } treatmentAt })
        {
            consents.Add(new Consent(ConsentKind.Treatment, treatment, treatmentAt));
        }

        if (client is { PrivacyConsentVersion: { } privacy, PrivacyConsentAtUtc: { } privacyAt })
        {
            consents.Add(new Consent(ConsentKind.Privacy, privacy, privacyAt));
        }

        return consents;
    }

    /// <summary>What a therapist must know before working on the client, on <paramref name="today"/> (the practice's calendar).</summary>
    public static ClientPrecautions Precautions(this ClientRecord client, DateOnly today) =>
        ClientPrecautions.Of(client.Screening(), client.Consents(), today);
}
