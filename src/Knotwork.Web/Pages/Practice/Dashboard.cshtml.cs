using Knotwork.Data;
using Knotwork.Data.Entities;
using Knotwork.Data.Sessions;
using Knotwork.Domain.Anatomy;
using Knotwork.Domain.Audit;
using Knotwork.Domain.Knowledge;
using Knotwork.Domain.Sessions;
using Knotwork.Web.Accounts;
using Knotwork.Web.Audit;
using Knotwork.Web.Booking;
using Knotwork.Web.Pages.Clients;
using Knotwork.Web.Pages.Treatment;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Knotwork.Web.Pages.Practice;

/// <summary>A visit on today's list: the booking, its visit once started, and the client's intake if sent.</summary>
internal sealed record TodayVisit(BookingRecord Booking, ZonedDateTime Start, Guid? VisitId, bool BriefRead, IntakeSummary? Intake);

/// <summary>An answered check-in on the dashboard.</summary>
internal sealed record AnsweredCheckIn(Guid ClientId, string ClientName, DateTime AnsweredAtUtc, CheckInAnswers Answers);

/// <summary>A chronic point of a client: active at three visits or more.</summary>
internal sealed record ChronicPoint(Guid ClientId, string ClientName, string Point, Side Side, int ActiveVisits);

/// <summary>
/// The therapist's dashboard: today's visits (and whether their brief was read), check-ins answered in the last two
/// weeks, and chronic points among their clients. Everything through the usual scope rules (a therapist their linked
/// bookings and assigned clients, the owner all); reading it is audited.
/// </summary>
[Authorize(Policy = Roles.StaffPolicy)]
internal sealed class DashboardModel(KnotworkDbContext db, KnowledgeBase kb, PracticeSchedules schedules, AuditTrail audit, TimeProvider clock) : PageModel
{
    private static readonly TimeSpan CheckInWindow = TimeSpan.FromDays(14);

    public IReadOnlyList<TodayVisit> Today { get; private set; } = [];

    public IReadOnlyList<AnsweredCheckIn> CheckIns { get; private set; } = [];

    public IReadOnlyList<ChronicPoint> Chronic { get; private set; } = [];

    /// <summary>For the owner: chair massage events employers asked for that still wait for an answer (0 for therapists).</summary>
    public int EventRequestsWaiting { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var me = User.UserId()!.Value;
        var zone = (await schedules.CurrentAsync(db, cancellationToken)).Schedule?.Setup.TimeZone ?? DateTimeZone.Utc;
        var now = clock.GetUtcNow().UtcDateTime;
        var today = Instant.FromDateTimeUtc(now).InZone(zone).Date;
        var from = zone.AtStartOfDay(today).ToInstant().ToDateTimeUtc();
        var to = zone.AtStartOfDay(today.PlusDays(1)).ToInstant().ToDateTimeUtc();

        if (User.IsInRole(Roles.Owner))
            EventRequestsWaiting = await db.ChairEvents.CountAsync(e => e.Status == ChairEventStatus.Requested && e.EndUtc > now, cancellationToken);

        var bookings = await (await db.BookingsVisibleToAsync(User, cancellationToken)).AsNoTracking()
            .Where(b => b.Status == BookingStatus.Booked && b.StartUtc >= from && b.StartUtc < to).ToListAsync(cancellationToken);
        var bookingIds = bookings.Select(b => (Guid?)b.Id).ToList();
        var visits = await db.Visits.AsNoTracking().Where(v => bookingIds.Contains(v.BookingId)).ToDictionaryAsync(v => v.BookingId!.Value, v => v.Id, cancellationToken);
        var visitKeys = visits.Values.Select(v => v.ToString()).ToList();
        var (visitCode, readCode) = (AuditSubject.Visit.Code(), AuditAction.Read.Code());
        var read = await db.AuditLog.AsNoTracking()
            .Where(e => e.UserId == me && e.EntityType == visitCode && e.Action == readCode && e.Detail == BriefModel.AuditDetail && visitKeys.Contains(e.EntityId!))
            .Select(e => e.EntityId!).Distinct().ToListAsync(cancellationToken);
        var intakes = await IntakeSummary.ForBookingsAsync(db, kb, [.. bookings.Select(b => b.Id)], cancellationToken);
        Today = [.. bookings.OrderBy(b => b.StartUtc).Select(b =>
        {
            var visit = visits.TryGetValue(b.Id, out var v) ? v : (Guid?)null;
            return new TodayVisit(b, Instant.FromDateTimeUtc(b.StartUtc).InZone(zone), visit, visit is { } id && read.Contains(id.ToString()), intakes.GetValueOrDefault(b.Id));
        })];

        var clients = await db.Clients.AsNoTracking().VisibleTo(User).Select(c => new { c.Id, c.FullName }).ToDictionaryAsync(c => c.Id, c => c.FullName, cancellationToken);
        var clientIds = clients.Keys.ToList();
        var since = now - CheckInWindow;
        var answered = await (from c in db.CheckIns.AsNoTracking()
                              join v in db.Visits on c.VisitId equals v.Id
                              where c.AnsweredAtUtc != null && c.AnsweredAtUtc >= since && clientIds.Contains(v.ClientId)
                              select new { v.ClientId, c }).ToListAsync(cancellationToken);
        CheckIns = [.. answered.Select(a => new AnsweredCheckIn(a.ClientId, clients[a.ClientId], a.c.AnsweredAtUtc!.Value, a.c.Answers()!)).OrderByDescending(a => a.AnsweredAtUtc)];

        var recent = await db.Visits.AsNoTracking().Where(v => clientIds.Contains(v.ClientId) && v.StartedAtUtc >= now.AddDays(-365))
            .Select(v => new { v.Id, v.ClientId, v.StartedAtUtc }).ToListAsync(cancellationToken);
        var chronic = new List<ChronicPoint>();
        foreach (var client in recent.GroupBy(v => v.ClientId))
        {
            var charted = new List<(LocalDate, ChartEntry)>();
            foreach (var visit in client)
                charted.AddRange((await db.ChartOfAsync(visit.Id, cancellationToken)).Select(e => (LocalDate.FromDateTime(visit.StartedAtUtc), e)));

            chronic.AddRange(PointProgress.Courses(charted).Where(c => c.Value.IsChronic)
                .Select(c => new ChronicPoint(client.Key, clients[client.Key], NoteText.PointName(kb, c.Key.TriggerPointId), c.Key.Side, c.Value.ActiveVisits)));
        }

        Chronic = [.. chronic.OrderByDescending(c => c.ActiveVisits)];
        await audit.RecordAsync(AuditAction.Read, AuditSubject.Visit, null, $"dashboard: {Today.Count} today, {CheckIns.Count} check-ins, {Chronic.Count} chronic points", cancellationToken);
    }
}
