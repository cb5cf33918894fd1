using Knotwork.Data;
using Knotwork.Data.Entities;
using Knotwork.Domain.Audit;
using Knotwork.Domain.Booking;
using Knotwork.Domain.Knowledge;
using Knotwork.Web.Accounts;
using Knotwork.Web.Audit;
using Knotwork.Web.Booking;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Knotwork.Web.Pages.Practice;

/// <summary>
/// A therapist's day on the road, for a phone: the visits in order with address, maps link, phone, the drive from
/// the previous place, the client's notes and latest pain map, and leave-home, home-by and total times at the top. A
/// therapist sees their own day, the owner any therapist's. It shows client data, so every view is audited.
/// </summary>
[Authorize(Policy = Roles.StaffPolicy)]
internal sealed class DayModel(KnotworkDbContext db, PracticeSchedules schedules, AuditTrail audit, TimeProvider clock, KnowledgeBase kb) : PageModel
{
    /// <summary>Whose day it is, or why none can be shown.</summary>
    public WhoseDay Whose { get; private set; } = null!;

    public LocalDate Date { get; private set; }

    public LocalDate Today { get; private set; }

    /// <summary>The day planned; null when there is no therapist to show.</summary>
    public DayPlan? Plan { get; private set; }

    /// <summary>The bookings of the day by id (as <see cref="DayVisit.Id"/>).</summary>
    public IReadOnlyDictionary<string, BookingRecord> Bookings { get; private set; } = new Dictionary<string, BookingRecord>();

    /// <summary>The chair massage events of the day by their id in the plan (as <see cref="DayEvent.VisitId"/>).</summary>
    public IReadOnlyDictionary<string, DayEvent> Events { get; private set; } = new Dictionary<string, DayEvent>();

    /// <summary>The latest pain map of each client booked today who has a record: when, and the regions marked.</summary>
    public IReadOnlyDictionary<Guid, LatestPainMap> PainMaps { get; private set; } = new Dictionary<Guid, LatestPainMap>();

    /// <summary>The intakes the clients sent for these bookings, by booking id (only bookings the reader may see).</summary>
    public Dictionary<Guid, Treatment.IntakeSummary> Intakes { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string? date, string? therapist, CancellationToken cancellationToken)
    {
        Whose = await WhoseDay.ResolveAsync(db, schedules, User, therapist, cancellationToken);
        if (Whose.Refused)
        {
            await audit.RecordAsync(AuditAction.ReadRefused, AuditSubject.Booking, Whose.AskedFor, "day", cancellationToken);
            return Forbid();
        }

        if (Whose.Therapist is not { } who)
            return Page();

        var zone = Whose.Zone;
        Today = Instant.FromDateTimeOffset(clock.GetUtcNow()).InZone(zone).Date;
        if (WhoseDay.ParseDate(date, Today) is not { } day)
            return BadRequest("Give the day as yyyy-MM-dd, such as 2027-03-09.");
        Date = day;

        var booked = await Whose.BookedAsync(db, User, zone.AtStartOfDay(day).ToInstant(), zone.AtStartOfDay(day.PlusDays(1)).ToInstant(), cancellationToken);
        Bookings = booked.ToDictionary(b => b.Id.ToString());
        var events = await Whose.EventsAsync(db, zone.AtStartOfDay(day).ToInstant(), zone.AtStartOfDay(day.PlusDays(1)).ToInstant(), cancellationToken);
        Events = events.ToDictionary(e => e.VisitId);
        var setup = Whose.Setup;
        Plan = DayPlan.For(setup, who, day, [.. booked.Select(WhoseDay.ToVisit), .. events.Select(WhoseDay.ToVisit)], StraightLineTravel.For(setup), ZipCodes.Default);
        PainMaps = await LatestPainMapsAsync(booked, cancellationToken);
        Intakes = await Treatment.IntakeSummary.ForBookingsAsync(db, kb, [.. booked.Select(b => b.Id)], cancellationToken);
        await audit.RecordAsync(AuditAction.Read, AuditSubject.Booking, who.Id, WhoseDay.DateValue(day), cancellationToken);
        return Page();
    }

    /// <summary>
    /// The latest pain map of each client with a record among <paramref name="booked"/>: only bookings the signed-in
    /// person may see reach here, so no other client's map is read.
    /// </summary>
    private async Task<Dictionary<Guid, LatestPainMap>> LatestPainMapsAsync(List<BookingRecord> booked, CancellationToken cancellationToken)
    {
        var result = new Dictionary<Guid, LatestPainMap>();
        foreach (var clientId in booked.Select(b => b.ClientId).OfType<Guid>().Distinct())
        {
            var map = await db.PainMaps.AsNoTracking().Where(p => p.ClientId == clientId).OrderByDescending(p => p.RecordedAtUtc).FirstOrDefaultAsync(cancellationToken);
            if (map is null)
                continue;
            var regions = map.Marks.Select(m => (kb.Regions.TryGet(m.Region, out var r) ? r.Label : m.Region) + (m.Intensity is { } i ? $" ({i}/10)" : "")).ToList();
            result[clientId] = new LatestPainMap(Instant.FromDateTimeUtc(DateTime.SpecifyKind(map.RecordedAtUtc, DateTimeKind.Utc)).InZone(Whose.Zone).Date, regions, map.Note);
        }

        return result;
    }

    /// <summary>The Google Maps search link for an address.</summary>
    public static string MapsLink(string address, string zip) =>
        "https://www.google.com/maps/search/?api=1&query=" + Uri.EscapeDataString($"{address}, {zip}");

    /// <summary>A tel: link for a phone number as the client wrote it (digits and a leading + only).</summary>
    public static string PhoneLink(string phone) =>
        "tel:" + new string([.. (phone ?? string.Empty).Where((c, i) => char.IsAsciiDigit(c) || (c == '+' && i == 0))]);

    /// <summary>A place as the day names it: "Lancaster (93534)", or "home (93534)".</summary>
    public string Place(string zip, bool home) =>
        home ? $"home ({zip})" : Whose.Setup.AreaOf(zip) is { } area ? $"{area.Name} ({zip})" : zip;
}

/// <summary>A client's latest pain map as the day shows it.</summary>
/// <param name="Recorded">The day it was recorded, in the practice's time zone.</param>
/// <param name="Regions">The regions marked, with their intensity.</param>
/// <param name="Note">The note saved with it, or null.</param>
internal sealed record LatestPainMap(LocalDate Recorded, IReadOnlyList<string> Regions, string? Note);
