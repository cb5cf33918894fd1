using Knotwork.Data;
using Knotwork.Data.Sessions;
using Knotwork.Domain.Clients;
using Knotwork.Domain.Finder;
using Knotwork.Domain.Knowledge;
using Knotwork.Domain.Sessions;
using Microsoft.EntityFrameworkCore;

namespace Knotwork.Web.Pages.Treatment;

/// <summary>
/// A client's intake as the therapist reads it (brief, day view, dashboard): flags first, then the map in words, how
/// long, what makes it worse and the causes that apply. Built only for bookings the reader may see.
/// </summary>
/// <param name="SentAtUtc">When the client sent it.</param>
/// <param name="NeedsAttention">Whether it marks the visit for the therapist's attention.</param>
/// <param name="RedFlags">The red flags it raised, with their advice.</param>
/// <param name="Contraindications">Screening items needing a doctor's clearance.</param>
/// <param name="Precautions">Screening items that change the work.</param>
/// <param name="ConsentCurrent">Whether consent to treatment covered the text in force.</param>
/// <param name="Places">The marked places with their intensity, in words.</param>
/// <param name="Duration">How long it has hurt.</param>
/// <param name="WorseWith">What makes it worse, in words (the pick list and the client's note).</param>
/// <param name="Causes">The causes the client answered "yes" to.</param>
internal sealed record IntakeSummary(
    DateTime SentAtUtc, bool NeedsAttention, IReadOnlyList<RedFlagDefinition> RedFlags, IReadOnlyList<ScreeningGuide> Contraindications,
    IReadOnlyList<ScreeningGuide> Precautions, bool ConsentCurrent, string Places, PainDuration Duration, IReadOnlyList<string> WorseWith,
    IReadOnlyList<Cause> Causes)
{
    /// <summary>The intakes of <paramref name="bookingIds"/> (those that have one), by booking id.</summary>
    public static async Task<Dictionary<Guid, IntakeSummary>> ForBookingsAsync(KnotworkDbContext db, KnowledgeBase kb, IReadOnlyCollection<Guid> bookingIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(kb);
        var intakes = await db.Intakes.AsNoTracking().Where(i => bookingIds.Contains(i.BookingId)).ToListAsync(cancellationToken);
        var mapIds = intakes.Select(i => i.PainMapId).ToList();
        var maps = await db.PainMaps.AsNoTracking().Where(m => mapIds.Contains(m.Id)).ToDictionaryAsync(m => m.Id, cancellationToken);
        return intakes.ToDictionary(i => i.BookingId, i =>
        {
            var answers = i.Answers();
            var places = maps.TryGetValue(i.PainMapId, out var map)
                ? string.Join(", ", map.Marks.Select(m => (kb.Regions.TryGet(m.Region, out var r) ? r.Label : m.Region) + (m.Intensity is { } n ? $" {n}/10" : "")))
                : "";
            return new IntakeSummary(
                i.SubmittedAtUtc, i.NeedsAttention,
                [.. answers.RedFlags.Select(code => RedFlagScreen.Definitions.Single(d => d.Code == code))],
                [.. answers.Contraindications.Select(ScreeningGuide.For)], [.. answers.Precautions.Select(ScreeningGuide.For)],
                answers.ConsentCurrent, places, answers.Duration,
                [.. answers.WorseWith.Select(w => w.Label()), .. answers.WorseNote is { } note ? [note] : Array.Empty<string>()],
                answers.CausesThatApply);
        });
    }
}
