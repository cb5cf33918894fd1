using Knotwork.Data;
using Knotwork.Data.Booking;
using Knotwork.Domain.Booking;

namespace Knotwork.Web.Booking;

/// <summary>The practice's booking setup as the endpoints use it: the setup, and a scheduler over it.</summary>
/// <param name="Setup">The setup, valid.</param>
/// <param name="Scheduler">Availability and checks for <paramref name="Setup"/>.</param>
internal sealed record PracticeSchedule(PracticeSetup Setup, Scheduler Scheduler)
{
    /// <summary>The stored setup's version this was read at: bookings pass it on, so a change saved meanwhile refuses them.</summary>
    public int Version { get; init; }
}

/// <summary>
/// Reads the stored practice setup for each request (so a change by the owner, or by another app server, applies at
/// once) and keeps the scheduler built from it while the stored text stays the same: parsing and checking the setup
/// and building the travel table are paid once per change, not once per request.
/// </summary>
internal sealed partial class PracticeSchedules(ILogger<PracticeSchedules> logger)
{
    /// <summary>What a client is told when the practice has no setup: booking is not open yet.</summary>
    public const string NotSetUp = "The practice has not set up booking yet. Please call or e-mail the practice to book a visit.";

    /// <summary>What a client is told when the stored setup does not read (the owner must fix it).</summary>
    public const string SetupBroken = "Online booking is closed while the practice fixes its booking setup. Please call or e-mail the practice to book a visit.";

    private Cached? _cached;

    /// <summary>The current schedule, or null with the reason to give a client (<see cref="NotSetUp"/> or <see cref="SetupBroken"/>).</summary>
    public async Task<(PracticeSchedule? Schedule, string? Unavailable)> CurrentAsync(KnotworkDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var stored = await db.GetPracticeSetupAsync(cancellationToken);
        if (stored is null)
            return (null, NotSetUp);

        var cached = Volatile.Read(ref _cached);
        if (cached is not null && string.Equals(cached.Json, stored.Json, StringComparison.Ordinal))
            return (cached.Schedule is { } same ? same with { Version = stored.Version } : null, cached.Schedule is null ? SetupBroken : null);

        var read = stored.Read(ZipCodes.Default);
        PracticeSchedule? schedule = null;
        if (read.Succeeded)
        {
            schedule = new PracticeSchedule(read.Setup!, new Scheduler(read.Setup!, ZipCodes.Default, StraightLineTravel.For(read.Setup!)));
        }
        else
        {
            LogBrokenSetup(logger, stored.Version, read.Problems.Count, string.Join("; ", read.Problems.Take(5).Select(p => $"{p.Field}: {p.Message}")));
        }

        Volatile.Write(ref _cached, new Cached(stored.Json, schedule));
        return (schedule is null ? null : schedule with { Version = stored.Version }, schedule is null ? SetupBroken : null);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The stored practice setup (version {Version}) has {Count} problems, so booking is closed: {Problems}")]
    private static partial void LogBrokenSetup(ILogger logger, int version, int count, string problems);

    private sealed record Cached(string Json, PracticeSchedule? Schedule);
}
