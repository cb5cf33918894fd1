using Knotwork.Data;
using Knotwork.Data.Booking;
using Knotwork.Data.Events;
using Knotwork.Domain.Booking;
using Knotwork.Domain.Booking.Setup;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Knotwork.Web.Booking;

/// <summary>Registers booking and seeds the sample practice on a first run.</summary>
internal static partial class BookingExtensions
{
    /// <summary>
    /// The setting (environment <c>Knotwork__Booking__SampleOnFirstRun</c>, default true) that lets a first run start
    /// with the bundled Antelope Valley sample practice, so a first-time user sees booking work at once. Set it to
    /// false on a server clients will book on before the owner has entered the real practice.
    /// </summary>
    public const string SampleOnFirstRunSetting = "Knotwork:Booking:SampleOnFirstRun";

    private const string SampleResource = "Knotwork.Web.Booking.practice-antelope-valley.json";

    [LoggerMessage(Level = LogLevel.Information, Message = "First run: booking starts with the Antelope Valley sample practice; replace it with your own setup ({Setting}=false turns this off)")]
    private static partial void LogSampleSeeded(ILogger logger, string setting);

    /// <summary>The booking and chair event stores and the schedule read from the practice setup.</summary>
    public static IServiceCollection AddBooking(this IServiceCollection services)
    {
        services.AddSingleton<PracticeSchedules>();
        services.AddScoped<BookingStore>();
        services.AddScoped<EventStore>();
        return services;
    }

    /// <summary>
    /// On a first run (no practice setup and no accounts yet), saves the bundled Antelope Valley sample as the practice
    /// setup, unless <see cref="SampleOnFirstRunSetting"/> is false. A practice that already has accounts is never given
    /// sample therapists its clients could book. Two app servers starting together save it once.
    /// </summary>
    public static async Task SeedSamplePracticeAsync(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (!app.Configuration.GetValue(SampleOnFirstRunSetting, defaultValue: true))
            return;

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KnotworkDbContext>();
        if (await db.GetPracticeSetupAsync() is not null || await db.Users.AnyAsync())
            return;

        var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        if (await db.SavePracticeSetupAsync(SamplePractice(), expectedVersion: 0, now) is not null)
            LogSampleSeeded(app.Logger, SampleOnFirstRunSetting);
    }

    /// <summary>The bundled Antelope Valley sample practice (<c>samples/practice-antelope-valley.json</c>).</summary>
    public static PracticeSetup SamplePractice()
    {
        using var stream = typeof(BookingExtensions).Assembly.GetManifestResourceStream(SampleResource)
            ?? throw new InvalidOperationException($"The sample practice '{SampleResource}' is missing from the web app.");
        using var reader = new StreamReader(stream);
        var read = PracticeSetupFile.Read(reader.ReadToEnd(), ZipCodes.Default);
        return read.Succeeded
            ? read.Setup!
            : throw new InvalidOperationException("The bundled sample practice does not read: " + string.Join("; ", read.Problems.Select(p => $"{p.Field}: {p.Message}")));
    }

    /// <summary>The bookings and confirmed chair events that hold their time between <paramref name="from"/> and <paramref name="to"/>, as the scheduler sees them.</summary>
    public static async Task<List<ExistingBooking>> BookedBetweenAsync(this KnotworkDbContext db, Instant from, Instant to, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var fromUtc = from.ToDateTimeUtc();
        var toUtc = to.ToDateTimeUtc();
        var rows = await db.Bookings.AsNoTracking()
            .Where(b => b.Status == Data.Entities.BookingStatus.Booked && b.StartUtc < toUtc && b.EndUtc > fromUtc)
            .Select(b => new { b.Id, b.TherapistId, b.Zip, b.StartUtc, b.EndUtc })
            .ToListAsync(cancellationToken);
        return
        [
            .. rows.Select(b => new ExistingBooking(b.Id.ToString(), b.TherapistId, b.Zip, Instant.FromDateTimeUtc(b.StartUtc), Instant.FromDateTimeUtc(b.EndUtc))),
            .. await db.ChairEventBusyTimeAsync(from, to, cancellationToken), // confirmed chair events hold their therapists' time too
        ];
    }
}
