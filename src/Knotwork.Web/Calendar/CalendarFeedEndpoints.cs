using Knotwork.Data;
using Knotwork.Data.Booking;
using Knotwork.Domain.Booking;
using Knotwork.Domain.Booking.Calendar;
using NodaTime;

namespace Knotwork.Web.Calendar;

/// <summary>
/// <c>GET /calendar/{therapistId}/{token}.ics</c>: a therapist's private calendar feed, for a phone's calendar app to
/// subscribe to. The token in the URL is the only key (calendar apps cannot sign in); a wrong or renewed token, or an
/// unknown therapist, is the same 404. Visits and the drive before each are busy time, with the client's first name
/// and town only; cancelled visits are left out.
/// </summary>
internal static class CalendarFeedEndpoints
{
    /// <summary>How far back the feed reaches, so last week's visits stay in the calendar.</summary>
    private static readonly Duration History = Duration.FromDays(30);

    /// <summary>The feed's path for <paramref name="therapistId"/> and <paramref name="token"/>.</summary>
    public static string PathFor(string therapistId, string token) => $"/calendar/{Uri.EscapeDataString(therapistId)}/{token}.ics";

    public static IEndpointRouteBuilder MapCalendarFeed(this IEndpointRouteBuilder app)
    {
        app.MapGet("/calendar/{therapistId}/{token}.ics", Feed).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> Feed(string therapistId, string token, KnotworkDbContext db, TimeProvider clock, HttpContext context, CancellationToken cancellationToken)
    {
        if (!await db.FeedTokenMatchesAsync(therapistId, token, cancellationToken))
            return Results.NotFound();
        var setup = (await db.GetPracticeSetupAsync(cancellationToken))?.Read(ZipCodes.Default).Setup;
        if (setup?.FindTherapist(therapistId) is not { } therapist)
            return Results.NotFound();

        var now = Instant.FromDateTimeOffset(clock.GetUtcNow());
        var bookings = await db.FeedBookingsAsync(therapistId, (now - History).ToDateTimeUtc(), cancellationToken);
        var travel = StraightLineTravel.For(setup);
        var visits = new List<FeedVisit>();
        string? previousZip = null;
        LocalDate? previousDay = null;
        foreach (var b in bookings)
        {
            var start = Instant.FromDateTimeUtc(b.StartUtc);
            var day = start.InZone(setup.TimeZone).Date;
            // The drive is from the previous visit that day, or from home for the day's first; setup follows it.
            var from = previousDay == day && previousZip is not null ? previousZip : therapist.HomeZip;
            // A ZIP the table no longer has gives no drive estimate: the setup time alone is shown before the visit.
            var drive = (travel.TryBetween(from, b.Zip, out var between) ? between : Duration.Zero) + therapist.Setup;
            visits.Add(new FeedVisit(b.Id.ToString(), b.Name, setup.AreaOf(b.Zip)?.Name ?? b.Zip, start, Instant.FromDateTimeUtc(b.EndUtc), (int)drive.TotalMinutes));
            previousZip = b.Zip;
            previousDay = day;
        }

        // The URL is the secret: no cache or referrer should keep it, nor the client names in the answer.
        context.Response.Headers.CacheControl = "private, no-store";
        var text = TherapistFeed.Write(therapist.Name, setup.TimeZone, visits, now);
        return Results.Text(text, ICalendarWriter.MediaType + "; charset=utf-8");
    }
}
