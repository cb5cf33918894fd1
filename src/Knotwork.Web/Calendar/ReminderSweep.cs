using Knotwork.Data;
using Knotwork.Data.Booking;
using Knotwork.Data.Entities;
using Knotwork.Domain.Booking;
using Knotwork.Domain.Booking.Calendar;
using Knotwork.Web.Mail;
using Knotwork.Web.Security;
using Microsoft.Extensions.Options;
using NodaTime;
using NodaTime.Text;

namespace Knotwork.Web.Calendar;

/// <summary>Reminder settings (<c>Knotwork:Reminders</c>).</summary>
internal sealed class ReminderOptions
{
    /// <summary>Whether this app server sweeps at all (every server may: the claim keeps sending to once).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How long before a visit the client is reminded, in hours (default 24).</summary>
    public double LeadHours { get; set; } = Reminders.DefaultLead.TotalHours;

    /// <summary>How often to look for due reminders, in seconds (default 60).</summary>
    public double IntervalSeconds { get; set; } = 60;

    public Duration Lead => Duration.FromTimeSpan(TimeSpan.FromHours(LeadHours));

    public TimeSpan Interval => TimeSpan.FromSeconds(IntervalSeconds);
}

/// <summary>
/// One pass over the bookings whose reminder is due: each is claimed in the database
/// (<see cref="ReminderQueries.ClaimReminderAsync"/>) before its e-mail goes out, so two app servers, two overlapping
/// sweeps or a restart never remind a client twice. A send that fails after its claim is logged and not retried:
/// a missed reminder is the price of never sending two.
/// </summary>
internal sealed partial class ReminderSweep(
    KnotworkDbContext db, IMailer mailer, BookingStore store, PublicLinks links, TimeProvider clock, IOptions<ReminderOptions> options, ILogger<ReminderSweep> logger)
{
    private static readonly LocalDateTimePattern WhenPattern = LocalDateTimePattern.CreateWithInvariantCulture("dddd d MMMM uuuu 'at' HH:mm");

    [LoggerMessage(Level = LogLevel.Information, Message = "Reminder sent for booking {BookingId}")]
    private static partial void LogSent(ILogger logger, Guid bookingId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Reminder for booking {BookingId} was claimed but could not be sent; it will not be retried")]
    private static partial void LogFailed(ILogger logger, Exception exception, Guid bookingId);

    /// <summary>Sends every reminder due now that no one has sent; returns how many this pass sent.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var nowUtc = clock.GetUtcNow().UtcDateTime;
        var now = Instant.FromDateTimeUtc(nowUtc);
        var lead = options.Value.Lead;
        var candidates = await db.ReminderCandidatesAsync(nowUtc, lead.ToTimeSpan(), cancellationToken);
        if (candidates.Count == 0)
            return 0;

        var setup = (await db.GetPracticeSetupAsync(cancellationToken))?.Read(ZipCodes.Default).Setup;
        var sent = 0;
        foreach (var booking in candidates)
        {
            var decision = Reminders.Decide(
                Instant.FromDateTimeUtc(booking.StartUtc), Instant.FromDateTimeUtc(booking.CreatedAtUtc), booking.Status == BookingStatus.Cancelled, now, lead);
            if (decision is not ReminderDecision.Due || !await db.ClaimReminderAsync(booking.Id, nowUtc, cancellationToken))
                continue;

            try
            {
                await mailer.SendAsync(booking.Email, Message(booking, setup, ManageLink(booking.Id)), cancellationToken);
                LogSent(logger, booking.Id);
                sent++;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(logger, e, booking.Id);
            }
        }

        return sent;
    }

    /// <summary>The booking's private manage link, its token made again from the id (as the confirmation gave it).</summary>
    private string ManageLink(Guid id) => links.ToWithoutRequest(Pages.Book.IndexModel.ManagePath(id, store.TokenFor(id)));

    private static MailText Message(BookingRecord booking, PracticeSetup? setup, string manageLink)
    {
        var zone = setup?.TimeZone ?? DateTimeZone.Utc;
        var when = WhenPattern.Format(Instant.FromDateTimeUtc(booking.StartUtc).InZone(zone).LocalDateTime);
        var service = setup?.FindService(booking.ServiceId)?.Name ?? "massage";
        var therapist = setup?.FindTherapist(booking.TherapistId)?.Name;
        return MailTemplates.Reminder(booking.Name, service, when, booking.Address, therapist, manageLink);
    }
}

/// <summary>Runs <see cref="ReminderSweep"/>, <see cref="CheckInSweep"/> and <see cref="EventReminderSweep"/> now and then every <see cref="ReminderOptions.IntervalSeconds"/> on the app's clock.</summary>
internal sealed partial class ReminderService(IServiceScopeFactory scopes, TimeProvider clock, IOptions<ReminderOptions> options, ILogger<ReminderService> logger) : BackgroundService
{
    [LoggerMessage(Level = LogLevel.Error, Message = "The reminder sweep failed; it runs again at the next interval")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
            return;

        using var timer = new PeriodicTimer(options.Value.Interval, clock);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<ReminderSweep>().RunAsync(stoppingToken);
                await scope.ServiceProvider.GetRequiredService<CheckInSweep>().RunAsync(stoppingToken);
                await scope.ServiceProvider.GetRequiredService<EventReminderSweep>().RunAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogSweepFailed(logger, e); // the database may be briefly away; the next tick tries again
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}

/// <summary>Registers the reminder sweep and its background service.</summary>
internal static class ReminderExtensions
{
    public static IServiceCollection AddReminders(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ReminderOptions>()
            .Bind(configuration.GetSection("Knotwork:Reminders"))
            .Validate(o => o.LeadHours > 0 && o.IntervalSeconds > 0, "Knotwork:Reminders:LeadHours and IntervalSeconds must be positive.")
            .ValidateOnStart();
        services.AddScoped<ReminderSweep>();
        services.AddScoped<CheckInSweep>();
        services.AddScoped<EventReminderSweep>();
        services.AddHostedService<ReminderService>();
        return services;
    }
}
