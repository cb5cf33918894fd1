using System.Globalization;
using Knotwork.Data.Booking;
using Knotwork.Data.Entities;
using Knotwork.Domain.Booking;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using static Knotwork.Data.Tests.SamplePractice;

namespace Knotwork.Data.Tests;

/// <summary>Booking and cancelling over a real database (issue 9): no double bookings, replays, freed times, sealed contact details.</summary>
public abstract class BookingStoreTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase>
    where TDatabase : class, ITestDatabase
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    protected TDatabase Database { get; } = database;

    private static BookingRequest Request(Instant start, string? key = null, string therapist = "maria", string zip = "93534", string name = "Dana Reyes") =>
        new("deep-tissue-60", zip, start, name, "dana@example.test", "+1 661 555 0100", "44 Cedar Ave", therapist, "Gate code 1234", IdempotencyKey: key);

    private async Task<BookingOutcome> Book(BookingRequest request, Instant? now = null)
    {
        await using var db = Database.NewContext();
        return await new BookingStore(db, Database.Key).BookAsync(NewScheduler(), request, now ?? Now, Token);
    }

    private async Task<CancellationOutcome> Cancel(Guid id, string token, Instant? now = null)
    {
        await using var db = Database.NewContext();
        return await new BookingStore(db, Database.Key).CancelAsync(id, token, Setup.Policies, now ?? Now, Token);
    }

    private async Task<MoveOutcome> Move(Guid id, string therapist, Instant? now = null)
    {
        await using var db = Database.NewContext();
        return await new BookingStore(db, Database.Key).MoveAsync(id, therapist, NewScheduler(), now ?? Now, cancellationToken: Token);
    }

    private async Task<StaffCancellationOutcome> CancelByStaff(Guid id, Instant? now = null)
    {
        await using var db = Database.NewContext();
        return await new BookingStore(db, Database.Key).CancelByStaffAsync(id, Setup.Policies, now ?? Now, Token);
    }

    private async Task<string> TherapistOf(Guid id)
    {
        await using var db = Database.NewContext();
        return await db.Bookings.Where(b => b.Id == id).Select(b => b.TherapistId).SingleAsync(Token);
    }

    private async Task<int> BookedAt(Instant start)
    {
        await using var db = Database.NewContext();
        var utc = start.ToDateTimeUtc();
        return await db.Bookings.CountAsync(b => b.StartUtc == utc && b.Status == BookingStatus.Booked, Token);
    }

    [Theory]
    [InlineData(20, 3)] // Wednesday
    [InlineData(200, 17)] // the figure, on another Wednesday
    public async Task ConcurrentAttempts_AtOneSlot_BookExactlyOnce(int count, int day)
    {
        var start = At(day, 10);

        // At most 30 attempts at once, fewer than the pool's 40 connections: they all still race for the slot, but the
        // rest wait here rather than in the pool, whose 60 s wait a busy machine could outlast (bookings go one at a time).
        using var gate = new SemaphoreSlim(30);
        var attempts = Enumerable.Range(0, count).Select(i => Task.Run(async () =>
        {
            await gate.WaitAsync(Token);
            try
            {
                return await Book(Request(start, name: $"Client {i}"));
            }
            finally
            {
                gate.Release();
            }
        }, Token));

        var outcomes = await Task.WhenAll(attempts);

        Assert.Single(outcomes.OfType<BookingOutcome.Created>());
        var conflicts = outcomes.OfType<BookingOutcome.Conflict>().ToList();
        Assert.Equal(count - 1, conflicts.Count);
        Assert.All(conflicts, c => Assert.Equal(BookingProblem.Taken, c.Rejection.Problem));
        Assert.Equal(1, await BookedAt(start));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task ConcurrentAttempts_AtNearbySlotsInDifferentTowns_LeaveAFeasibleDay(int seed)
    {
        // Maria, from Lancaster, across her day in five towns: whatever wins, she can drive between every visit.
        var day = 23 + seed; // Wed 24, Thu 25, Fri 26 March
        var zips = new[] { "93534", "93536", "93550", "93560", "93561" };
        var random = new Random(seed);
        var requests = Enumerable.Range(0, 40)
            .Select(i => Request(At(day, 9 + random.Next(0, 6), 15 * random.Next(0, 4)), zip: zips[random.Next(zips.Length)], name: $"Client {i}"))
            .ToList();

        // Two visits at home in Lancaster (9:45 and 13:30) are booked before the race, so the day always holds several visits
        // whichever request wins first (a lone far-away winner at midday could otherwise leave no room for another).
        Assert.IsType<BookingOutcome.Created>(await Book(Request(At(day, 9, 45), zip: "93534", name: "First of the day")));
        Assert.IsType<BookingOutcome.Created>(await Book(Request(At(day, 13, 30), zip: "93534", name: "Early afternoon")));

        var outcomes = await Task.WhenAll(requests.Select(r => Task.Run(() => Book(r), Token)));

        var booked = outcomes.OfType<BookingOutcome.Created>().Select(c => c.Booking).ToList();
        Assert.All(outcomes, o => Assert.True(o is BookingOutcome.Created or BookingOutcome.Conflict or BookingOutcome.NotOfferable, o.ToString()));
        await using var db = Database.NewContext();
        var from = At(day, 0).ToDateTimeUtc();
        var to = At(day + 1, 0).ToDateTimeUtc();
        var stored = (await db.Bookings.AsNoTracking().Where(b => b.TherapistId == "maria" && b.StartUtc >= from && b.StartUtc < to && b.Status == BookingStatus.Booked).ToListAsync(Token))
            .Select(b => (Row: b, Existing: new ExistingBooking(b.Id.ToString(), b.TherapistId, b.Zip, Instant.FromDateTimeUtc(b.StartUtc), Instant.FromDateTimeUtc(b.EndUtc))))
            .ToList();
        Assert.Equal(booked.Count + 2, stored.Count);
        foreach (var (row, existing) in stored)
        {
            var others = stored.Where(s => s.Row.Id != row.Id).Select(s => s.Existing);
            var check = NewScheduler().Check(new BookingProposal(row.ServiceId, row.Zip, existing.Start, row.TherapistId), Now, others);
            Assert.True(check is SlotCheck.Free, $"The visit at {existing.Start} in {row.Zip} does not fit beside the others: {check}");
        }
    }

    [Fact]
    public async Task ATimeTaken_IsAConflict_WithTheNearestFreeTimes()
    {
        var start = At(4, 11); // Thursday
        Assert.IsType<BookingOutcome.Created>(await Book(Request(start)));

        var conflict = Assert.IsType<BookingOutcome.Conflict>(await Book(Request(start)));

        Assert.NotEmpty(conflict.NearestFree);
        Assert.All(conflict.NearestFree, s => Assert.Equal("maria", s.TherapistId));
        Assert.DoesNotContain(conflict.NearestFree, s => s.Start.ToInstant() == start);
        var nearest = conflict.NearestFree.Min(s => Math.Abs((s.Start.ToInstant() - start).TotalMinutes));
        Assert.True(nearest <= 120, $"The nearest free time is {nearest} minutes away.");
    }

    [Fact]
    public async Task ABookingCheckedAgainstTheSetupReadBeforeTimeOffWasSaved_WaitsForTheSave_ThenIsRefused_AsIsAMove()
    {
        var start = At(12, 10); // Friday
        await using var db = Database.NewContext();
        var read = await db.SavePracticeSetupAsync(Setup, expectedVersion: null, Now.ToDateTimeUtc(), Token);
        var store = new BookingStore(db, Database.Key);
        Task<BookingOutcome>? booking = null;

        // Time off is checked and saved under the booking lock; a client books meanwhile with the setup read before.
        var saved = await store.UnderBookingLockAsync(async token =>
        {
            booking = Task.Run(() => Book(Request(start) with { SetupVersion = read }), token);
            await Task.Delay(300, token);
            Assert.False(booking.IsCompleted); // it waits for the lock
            return await db.SavePracticeSetupAsync(Setup, read, Now.ToDateTimeUtc(), token);
        }, Token);

        var refused = Assert.IsType<BookingOutcome.Conflict>(await booking!);
        Assert.Equal(BookingProblem.SetupChanged, refused.Rejection.Problem);
        Assert.Equal(0, await BookedAt(start));
        var booked = Assert.IsType<BookingOutcome.Created>(await Book(Request(start) with { SetupVersion = saved })); // read again, it books

        // Moving a visit with the setup read before a save is refused the same way.
        var move = await store.MoveAsync(booked.Booking.Id, "jon", NewScheduler(), Now, setupVersion: read, Token);
        Assert.Equal(BookingProblem.SetupChanged, Assert.IsType<MoveOutcome.Conflict>(move).Rejection.Problem);
    }

    [Fact]
    public async Task ATimeNeverOffered_IsNotOfferable_AndBooksNothing()
    {
        var mojave = Assert.IsType<BookingOutcome.NotOfferable>(await Book(Request(At(5, 10), zip: "93501")));
        var sunday = Assert.IsType<BookingOutcome.NotOfferable>(await Book(Request(At(7, 10))));
        var tooLong = Assert.IsType<BookingOutcome.NotOfferable>(await Book(Request(At(5, 10), name: new string('x', 5000))));

        Assert.Equal(BookingProblem.OutOfArea, mojave.Rejection.Problem);
        Assert.Equal(BookingProblem.OutsideWorkingHours, sunday.Rejection.Problem);
        Assert.Equal(BookingProblem.InvalidRequest, tooLong.Rejection.Problem);
        Assert.Equal(0, await BookedAt(At(5, 10)));
    }

    [Fact]
    public async Task ARetryWithTheSameIdempotencyKey_GetsTheSameAnswer_AndBooksOnce()
    {
        var start = At(8, 10); // Monday
        var key = "retry-" + Guid.NewGuid().ToString("N");

        var first = Assert.IsType<BookingOutcome.Created>(await Book(Request(start, key)));
        var retries = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => Task.Run(() => Book(Request(start, key)), Token)));
        var other = await Book(Request(At(8, 13), key));

        Assert.False(first.Replayed);
        Assert.All(retries, r =>
        {
            var again = Assert.IsType<BookingOutcome.Created>(r);
            Assert.True(again.Replayed);
            Assert.Equal(first.Booking.Id, again.Booking.Id);
            Assert.Equal(first.ManageToken, again.ManageToken);
        });
        Assert.IsType<BookingOutcome.KeyReused>(other);
        await using var db = Database.NewContext();
        Assert.Equal(1, await db.Bookings.CountAsync(b => b.IdempotencyKey == key, Token));
    }

    [Fact]
    public async Task Cancelling_FreesTheTime_ForTheNextClient()
    {
        var start = At(9, 10); // Tuesday
        var booked = Assert.IsType<BookingOutcome.Created>(await Book(Request(start)));
        Assert.IsType<BookingOutcome.Conflict>(await Book(Request(start)));

        Assert.IsType<CancellationOutcome.NotFound>(await Cancel(booked.Booking.Id, "not-the-token"));
        var cancelled = Assert.IsType<CancellationOutcome.Cancelled>(await Cancel(booked.Booking.Id, booked.ManageToken));
        var again = Assert.IsType<CancellationOutcome.Cancelled>(await Cancel(booked.Booking.Id, booked.ManageToken));

        Assert.False(cancelled.AlreadyCancelled);
        Assert.True(again.AlreadyCancelled);
        Assert.Equal(Now.ToDateTimeUtc(), cancelled.Booking.CancelledAtUtc);
        Assert.IsType<BookingOutcome.Created>(await Book(Request(start, name: "Next Client")));
        Assert.Equal(1, await BookedAt(start));
    }

    [Fact]
    public async Task CancellingInsideTheWindow_IsRefused_WithTheFee_AndKeepsTheTime()
    {
        var start = At(10, 14); // Wednesday
        var booked = Assert.IsType<BookingOutcome.Created>(await Book(Request(start)));

        var late = Assert.IsType<CancellationOutcome.TooLate>(await Cancel(booked.Booking.Id, booked.ManageToken, start - Duration.FromHours(23)));

        Assert.Contains("contact", late.Message.Replace("call or e-mail", "contact", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Equal(40.00m, late.LateCancellationFee);
        Assert.Equal(1, await BookedAt(start));
        Assert.IsType<CancellationOutcome.Cancelled>(await Cancel(booked.Booking.Id, booked.ManageToken, start - Duration.FromHours(25)));
    }

    [Fact]
    public async Task ContactDetailsAddressAndNotes_AreNotStoredInClearText()
    {
        var marker = Guid.NewGuid().ToString("N")[..10];
        var start = At(11, 10); // Thursday
        var request = Request(start) with
        {
            Name = "Name" + marker,
            Email = $"mail{marker}@example.test",
            Phone = "+1 661 " + marker,
            Address = "12 Street " + marker,
            Notes = "Notes " + marker,
        };
        var booked = Assert.IsType<BookingOutcome.Created>(await Book(request));

        await using var db = Database.NewContext();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync(Token);
        await using var command = connection.CreateCommand();
        command.CommandText = """SELECT "Name", "Email", "Phone", "Address", "Notes", "Zip", "ManageTokenHash" FROM "Bookings" WHERE "Zip" = '93534'""";
        var cells = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync(Token))
        {
            while (await reader.ReadAsync(Token))
            {
                for (var i = 0; i < reader.FieldCount; i++)
                    cells.Add(Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture)!);
            }
        }

        Assert.NotEmpty(cells);
        Assert.DoesNotContain(cells, c => c.Contains(marker, StringComparison.Ordinal));
        Assert.DoesNotContain(cells, c => c.Contains(booked.ManageToken, StringComparison.Ordinal));
        var stored = await db.Bookings.AsNoTracking().SingleAsync(b => b.Id == booked.Booking.Id, Token);
        Assert.Equal((request.Name, request.Email, request.Phone, request.Address, request.Notes), (stored.Name, stored.Email, stored.Phone, stored.Address, stored.Notes));
        Assert.True(BookingStore.TokenMatches(stored, booked.ManageToken));
    }

    [Fact]
    public async Task MovingToATherapistWhoCanReachIt_Moves_EvenInsideTheClientsNotice_AndFreesTheFirstTherapist()
    {
        var start = At(16, 13); // Tuesday: Jon works 10:00-18:00 and can drive up from Santa Clarita by then
        var booked = Assert.IsType<BookingOutcome.Created>(await Book(Request(start)));

        // Three hours before the visit: a client could no longer book it (12 hours' notice), but staff may hand it over.
        var moved = Assert.IsType<MoveOutcome.Moved>(await Move(booked.Booking.Id, "jon", start - Duration.FromHours(3)));

        Assert.Equal("maria", moved.FromTherapistId);
        Assert.Equal("jon", moved.Booking.TherapistId);
        await using var db = Database.NewContext();
        var stored = await db.Bookings.AsNoTracking().SingleAsync(b => b.Id == booked.Booking.Id, Token);
        Assert.Equal(("jon", booked.Booking.Price, booked.Booking.StartUtc, BookingStatus.Booked), (stored.TherapistId, stored.Price, stored.StartUtc, stored.Status));
        Assert.IsType<BookingOutcome.Created>(await Book(Request(start, name: "Maria's next client")));
    }

    [Fact]
    public async Task MovingToATherapistWhoCannotDriveThereFromTheirLastVisit_IsAConflict_AndChangesNothing()
    {
        // Thursday: Jon finishes in Valencia at 14:00 (14:15 packed up); Lancaster, due at 14:35, is about an hour's drive away.
        Assert.IsType<BookingOutcome.Created>(await Book(Request(At(18, 13), therapist: "jon", zip: "91355")));
        var lancaster = Assert.IsType<BookingOutcome.Created>(await Book(Request(At(18, 14, 45))));

        var refused = Assert.IsType<MoveOutcome.Conflict>(await Move(lancaster.Booking.Id, "jon"));

        Assert.Equal(BookingProblem.Unreachable, refused.Rejection.Problem);
        Assert.Contains("cannot get there", refused.Rejection.Message, StringComparison.Ordinal);
        Assert.Equal("maria", await TherapistOf(lancaster.Booking.Id));
    }

    [Fact]
    public async Task MovingToATherapistBusyThen_IsAConflict()
    {
        var start = At(23, 13); // Tuesday
        Assert.IsType<BookingOutcome.Created>(await Book(Request(start, therapist: "jon", name: "Jon's client")));
        var maria = Assert.IsType<BookingOutcome.Created>(await Book(Request(start)));

        var refused = Assert.IsType<MoveOutcome.Conflict>(await Move(maria.Booking.Id, "jon"));

        Assert.Equal(BookingProblem.Taken, refused.Rejection.Problem);
        Assert.Equal("maria", await TherapistOf(maria.Booking.Id));
    }

    [Fact]
    public async Task MovingToATherapistWhoLacksTheServiceOrTheArea_OrDoesNotWorkThen_IsNotOfferable()
    {
        var prenatal = Assert.IsType<BookingOutcome.Created>(await Book(Request(At(30, 10)) with { ServiceId = "prenatal-60" })); // Tuesday
        var tehachapi = Assert.IsType<BookingOutcome.Created>(await Book(Request(At(30, 14), zip: "93561")));
        var monday = Assert.IsType<BookingOutcome.Created>(await Book(Request(At(29, 13)))); // Jon does not work on Mondays

        var noService = Assert.IsType<MoveOutcome.NotOfferable>(await Move(prenatal.Booking.Id, "jon"));
        var noArea = Assert.IsType<MoveOutcome.NotOfferable>(await Move(tehachapi.Booking.Id, "jon"));
        var dayOff = Assert.IsType<MoveOutcome.NotOfferable>(await Move(monday.Booking.Id, "jon"));
        var nobody = Assert.IsType<MoveOutcome.NotOfferable>(await Move(monday.Booking.Id, "nobody"));

        Assert.Equal(BookingProblem.TherapistDoesNotOffer, noService.Rejection.Problem);
        Assert.Contains("Prenatal", noService.Rejection.Message, StringComparison.Ordinal);
        Assert.Equal(BookingProblem.TherapistDoesNotOffer, noArea.Rejection.Problem);
        Assert.Contains("Tehachapi", noArea.Rejection.Message, StringComparison.Ordinal);
        Assert.Equal(BookingProblem.OutsideWorkingHours, dayOff.Rejection.Problem);
        Assert.Equal(BookingProblem.UnknownTherapist, nobody.Rejection.Problem);
        Assert.Equal(["maria", "maria", "maria"], [await TherapistOf(prenatal.Booking.Id), await TherapistOf(tehachapi.Booking.Id), await TherapistOf(monday.Booking.Id)]);
    }

    [Fact]
    public async Task AVisitThatHasStarted_OrWasCancelled_OrDoesNotExist_CannotBeMoved()
    {
        var start = At(31, 13); // Wednesday
        var started = Assert.IsType<BookingOutcome.Created>(await Book(Request(start)));
        var cancelled = Assert.IsType<BookingOutcome.Created>(await Book(Request(At(31, 10), name: "Cancelled client")));
        Assert.IsType<StaffCancellationOutcome.Cancelled>(await CancelByStaff(cancelled.Booking.Id));

        var late = Assert.IsType<MoveOutcome.NotOfferable>(await Move(started.Booking.Id, "jon", start + Duration.FromMinutes(5)));

        Assert.Equal(BookingProblem.TooSoon, late.Rejection.Problem);
        Assert.IsType<MoveOutcome.Cancelled>(await Move(cancelled.Booking.Id, "jon"));
        Assert.IsType<MoveOutcome.NotFound>(await Move(Guid.NewGuid(), "jon"));
        Assert.Equal("maria", await TherapistOf(cancelled.Booking.Id));
    }

    [Fact]
    public async Task StaffMayCancelInsideTheWindow_WhichIsReportedWithTheFee_AndTheTimeIsFreed()
    {
        var early = Assert.IsType<BookingOutcome.Created>(await Book(Request(At(15, 10)))); // Monday
        var late = Assert.IsType<BookingOutcome.Created>(await Book(Request(At(15, 14))));

        var outside = Assert.IsType<StaffCancellationOutcome.Cancelled>(await CancelByStaff(early.Booking.Id));
        var inside = Assert.IsType<StaffCancellationOutcome.Cancelled>(await CancelByStaff(late.Booking.Id, At(15, 9)));

        Assert.Equal((false, 0m), (outside.InsideWindow, outside.LateCancellationFee));
        Assert.Equal((true, 40.00m), (inside.InsideWindow, inside.LateCancellationFee));
        Assert.Equal(At(15, 9).ToDateTimeUtc(), inside.Booking.CancelledAtUtc);
        Assert.IsType<StaffCancellationOutcome.AlreadyCancelled>(await CancelByStaff(late.Booking.Id));
        Assert.IsType<StaffCancellationOutcome.NotFound>(await CancelByStaff(Guid.NewGuid()));
        Assert.Equal(0, await BookedAt(At(15, 14)));
        Assert.IsType<BookingOutcome.Created>(await Book(Request(At(15, 14), name: "Next client")));
    }

    [Fact]
    public async Task ThePracticeSetup_IsStoredWithAVersion_AndAStaleSaveIsRefused()
    {
        await using var db = Database.NewContext();
        var existing = await db.GetPracticeSetupAsync(Token);
        var first = await db.SavePracticeSetupAsync(Setup, expectedVersion: null, DateTime.UtcNow, Token);
        var changed = Setup with { Policies = Setup.Policies with { HorizonDays = 30 } };

        var second = await db.SavePracticeSetupAsync(changed, expectedVersion: first, DateTime.UtcNow, Token);
        var stale = await db.SavePracticeSetupAsync(Setup, expectedVersion: first, DateTime.UtcNow, Token);

        Assert.Equal((existing?.Version ?? 0) + 1, first);
        Assert.Equal(first + 1, second);
        Assert.Null(stale);
        var stored = await db.GetPracticeSetupAsync(Token);
        Assert.Equal(second, stored!.Version);
        Assert.Equal(30, stored.Read(ZipCodes.Default).Setup!.Policies.HorizonDays);
    }
}

public sealed class SqliteBookingStoreTests(SqliteTestDatabase database) : BookingStoreTests<SqliteTestDatabase>(database);

public sealed class PostgresBookingStoreTests(PostgresTestDatabase database) : BookingStoreTests<PostgresTestDatabase>(database);
