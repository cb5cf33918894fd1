using Knotwork.Domain.Clients;

namespace Knotwork.Web.Pages.Clients;

/// <summary>A client's precautions in the short words the client pages show.</summary>
internal static class PrecautionText
{
    /// <summary>What keeps the client from trigger point work today, one short phrase each; empty when clear.</summary>
    public static IEnumerable<string> Holds(ClientPrecautions precautions)
    {
        ArgumentNullException.ThrowIfNull(precautions);
        if (!precautions.Screened)
        {
            yield return "no health screening yet";
        }

        if (precautions.NeedingClearance.Count > 0)
        {
            yield return "needs a doctor's clearance";
        }

        switch (precautions.TreatmentConsent)
        {
            case ConsentStatus.Missing:
                yield return "no consent to treatment";
                break;
            case ConsentStatus.Outdated:
                yield return "consent to treatment is outdated";
                break;
        }
    }

    /// <summary>The tags beside the client's name in the list, most pressing first; empty when nothing needs doing.</summary>
    public static IEnumerable<string> Tags(ClientPrecautions precautions)
    {
        ArgumentNullException.ThrowIfNull(precautions);
        if (precautions.NeedingClearance.Count > 0)
        {
            yield return "Needs clearance";
        }

        switch (precautions.ConsentStatus)
        {
            case ConsentStatus.Missing:
                yield return "Consent missing";
                break;
            case ConsentStatus.Outdated:
                yield return "Consent outdated";
                break;
        }

        if (!precautions.Screened)
        {
            yield return "Not screened";
        }
    }
}
