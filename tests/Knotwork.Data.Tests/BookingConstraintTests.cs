using Knotwork.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Knotwork.Data.Tests;

/// <summary>
/// PostgreSQL itself refuses overlapping bookings for one therapist (issue 9: "the database guarantees it"), even
/// when they are written without BookingStore's lock.
/// </summary>
public sealed class PostgresBookingConstraintTests(PostgresTestDatabase database) : IClassFixture<PostgresTestDatabase>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static readonly DateTime Ten = new(2027, 3, 3, 18, 0, 0, DateTimeKind.Utc);

    private static BookingRecord Visit(string therapist, DateTime start, int minutes = 60, BookingStatus status = BookingStatus.Booked) => new()
    {
        Id = Guid.NewGuid(),
        ServiceId = "deep-tissue-60",
        TherapistId = therapist,
        Status = status,
        StartUtc = start,
        EndUtc = start.AddMinutes(minutes),
        Zip = "93534",
        Address = "1 Main St",
        Name = "Client",
        Email = "client@example.test",
        Phone = "555",
        ManageTokenHash = new string('0', 64),
        CreatedAtUtc = Ten.AddDays(-2),
    };

    private async Task Save(BookingRecord booking)
    {
        await using var db = database.NewContext();
        db.Bookings.Add(booking);
        await db.SaveChangesAsync(Token);
    }

    [Fact]
    public async Task AnOverlappingBookingForTheSameTherapist_IsRefusedByTheDatabase()
    {
        await Save(Visit("maria", Ten));

        var overlap = await Assert.ThrowsAsync<DbUpdateException>(() => Save(Visit("maria", Ten.AddMinutes(30))));

        var postgres = Assert.IsType<PostgresException>(overlap.InnerException);
        Assert.Equal(PostgresErrorCodes.ExclusionViolation, postgres.SqlState);
        Assert.Equal(PostgresKnotworkDbContext.BookingOverlapConstraint, postgres.ConstraintName);
    }

    [Fact]
    public async Task BackToBack_AnotherTherapist_OrACancelledBooking_AreAllowed()
    {
        var start = Ten.AddDays(1);
        await Save(Visit("jon", start));

        await Save(Visit("jon", start.AddMinutes(60)));           // starts as the other ends
        await Save(Visit("ana", start));                          // someone else
        await Save(Visit("jon", start, status: BookingStatus.Cancelled)); // does not hold the time

        await using var db = database.NewContext();
        Assert.Equal(4, await db.Bookings.CountAsync(b => b.StartUtc >= start && b.StartUtc < start.AddDays(1), Token));
    }
}
