using System.Security.Claims;
using Knotwork.Data;
using Knotwork.Data.Entities;
using Knotwork.Domain.Anatomy;
using Knotwork.Domain.Sessions;
using Knotwork.Web.Accounts;
using Knotwork.Web.Pages.Clients;
using NodaTime;

namespace Knotwork.Web.Pages.Treatment;

/// <summary>Who may see and chart which visits, and the chart's words as the API and pages spell them.</summary>
internal static class VisitAccess
{
    /// <summary>
    /// The visits of the clients <paramref name="user"/> may see (<see cref="ClientQueries.VisibleTo"/>): the owner all,
    /// a therapist those of their assigned clients, a client their own.
    /// </summary>
    public static IQueryable<VisitRecord> VisibleTo(this IQueryable<VisitRecord> visits, KnotworkDbContext db, ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(db);
        var clients = db.Clients.VisibleTo(user).Select(c => c.Id);
        return visits.Where(v => clients.Contains(v.ClientId));
    }

    /// <summary>Whether <paramref name="user"/> is staff, who chart (a client reads their aftercare, never the chart itself).</summary>
    public static bool IsStaff(this ClaimsPrincipal user) => user.IsInRole(Roles.Owner) || user.IsInRole(Roles.Therapist);

    /// <summary>The names of <see cref="Signs"/> in the API and the page's form, in chart order.</summary>
    public static readonly IReadOnlyList<(Signs Sign, string Code, string Label)> SignCodes =
    [
        (Signs.TautBand, "taut-band", "Taut band"),
        (Signs.TenderSpot, "tender-spot", "Tender spot"),
        (Signs.RecognisedPain, "recognised-pain", "Client knows this pain"),
        (Signs.ReferredPain, "referred-pain", "Refers pain"),
        (Signs.LocalTwitch, "local-twitch", "Twitch"),
    ];

    /// <summary>The names of <see cref="FollowUpWork"/> in the API and the page's form.</summary>
    public static readonly IReadOnlyList<(FollowUpWork Work, string Code, string Label)> FollowUpCodes =
    [
        (FollowUpWork.Stroking, "stroking", "Stroking"),
        (FollowUpWork.Kneading, "kneading", "Kneading"),
        (FollowUpWork.CrossFibre, "cross-fibre", "Cross-fibre"),
        (FollowUpWork.Stretch, "stretch", "Stretch"),
        (FollowUpWork.ActiveMovement, "active-movement", "Active movement"),
        (FollowUpWork.Heat, "heat", "Heat"),
    ];

    public static string Code(Side side) => side switch { Side.Left => "left", Side.Right => "right", _ => "midline" };

    public static Side? ParseSide(string? text) => text switch { "left" => Side.Left, "right" => Side.Right, "midline" => Side.Midline, _ => null };

    public static Signs? ParseSigns(IEnumerable<string> codes)
    {
        var signs = Signs.None;
        foreach (var code in codes)
        {
            var match = SignCodes.FirstOrDefault(s => s.Code == code);
            if (match.Code is null)
                return null;
            signs |= match.Sign;
        }

        return signs;
    }

    public static IEnumerable<string> Codes(Signs signs) => SignCodes.Where(s => signs.HasFlag(s.Sign)).Select(s => s.Code);

    public static List<FollowUpWork>? ParseFollowUp(IEnumerable<string> codes)
    {
        var list = new List<FollowUpWork>();
        foreach (var code in codes)
        {
            var match = FollowUpCodes.FirstOrDefault(f => f.Code == code);
            if (match.Code is null)
                return null;
            if (!list.Contains(match.Work))
                list.Add(match.Work);
        }

        return list;
    }

    public static string Code(FollowUpWork work) => FollowUpCodes.First(f => f.Work == work).Code;

    public static string Label(FollowUpWork work) => FollowUpCodes.First(f => f.Work == work).Label;

    /// <summary>A release from the wire: seconds held and whether it softened; null for none.</summary>
    public static ReleaseOutcome? Release(double? seconds, bool? softened) => seconds is { } s
        ? softened == true ? new ReleaseOutcome.Released(Duration.FromSeconds(s)) : new ReleaseOutcome.DidNotRelease(Duration.FromSeconds(s))
        : null;
}
