using Knotwork.Domain.Practice;

namespace Knotwork.Web.Pages.Clients;

internal static class Screening
{
    public static string Label(ScreeningItem item) => item switch
    {
        ScreeningItem.BloodThinners => "Takes blood thinners",
        ScreeningItem.RecentSurgery => "Surgery in the last few months",
        ScreeningItem.DeepVeinThrombosis => "Deep vein thrombosis, now or before",
        ScreeningItem.Pregnancy => "Pregnant",
        ScreeningItem.SkinCondition => "Skin condition, wound or infection",
        ScreeningItem.Osteoporosis => "Osteoporosis or another bone condition",
        ScreeningItem.CancerTreatment => "Cancer or cancer treatment now",
        ScreeningItem.HeartCondition => "Heart condition or uncontrolled blood pressure",
        ScreeningItem.BleedingDisorder => "Bleeding or clotting disorder",
        ScreeningItem.ReducedSensation => "Reduced feeling in an area to be worked",
        _ => item.ToString(),
    };
}
