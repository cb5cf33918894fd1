using Knotwork.Data.Entities;
using Knotwork.Data.Sessions;
using Knotwork.Domain.Clients;
using Knotwork.Domain.Finder;
using Knotwork.Domain.Knowledge;
using Knotwork.Domain.Sessions;
using Microsoft.EntityFrameworkCore;

namespace Knotwork.Data.Tests;

/// <summary>Intakes over a real database (issue 10): a guest's intake makes one client however often it is sent, and replaces itself.</summary>
public abstract class IntakeStoreTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase>
    where TDatabase : class, ITestDatabase
{
    private static readonly DateOnly Today = new(2026, 12, 2);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    protected TDatabase Database { get; } = database;

    /// <summary>A guest booking (no client record) with a therapist whose staff account is linked.</summary>
    private async Task<(Guid Booking, Guid TherapistUser)> GuestBooking(BookingStatus status = BookingStatus.Booked)
    {
        await using var db = Database.NewContext();
        var therapistId = "t-" + Guid.NewGuid().ToString("N")[..8];
        var user = new KnotworkUser { Id = Guid.NewGuid(), UserName = therapistId, DisplayName = "Theo", CreatedAtUtc = DateTime.UtcNow };
        var start = new DateTime(2027, 1, 4, 17, 0, 0, DateTimeKind.Utc).AddDays(Random.Shared.Next(0, 3000));
        var booking = new BookingRecord
        {
            Id = Guid.NewGuid(), ServiceId = "deep-tissue-60", TherapistId = therapistId, Status = status,
            StartUtc = start, EndUtc = start.AddHours(1), Zip = "93534", Address = "1 Main St", Name = "Gwen Guest",
            Email = "gwen@example.test", Phone = "555-0101", ManageTokenHash = new string('0', 64), CreatedAtUtc = DateTime.UtcNow,
        };
        db.Users.Add(user);
        db.TherapistAccounts.Add(new TherapistAccountRecord { TherapistId = therapistId, UserId = user.Id, LinkedAtUtc = DateTime.UtcNow });
        db.Bookings.Add(booking);
        await db.SaveChangesAsync(Token);
        return (booking.Id, user.Id);
    }

    private static IntakeSubmission Submission(Guid booking, Guid? id = null, string region = "calf.l", bool swollen = true, params ScreeningItem[] items)
    {
        Assert.True(KnowledgeBase.Default.Regions.TryGet(region, out var r));
        var swelling = SafetyQuestions.All.Single(q => q.Key == "dvt-swelling");
        var answers = new IntakeAnswers
        {
            Regions = [r], Intensity = new Dictionary<Domain.Anatomy.Region, int> { [r] = 7 }, Duration = PainDuration.UnderSixWeeks,
            WorseWith = [Aggravator.Walking], WorseNote = "stairs",
            Causes = Causes.All.ToDictionary(c => c, c => c == Cause.RepetitiveMotion),
            Safety = SafetyAnswers.None.With(swelling, swollen),
        };
        var consent = new Consent(ConsentKind.Treatment, ConsentTexts.InForce(ConsentKind.Treatment, Today).Version, DateTime.UtcNow);
        return new IntakeSubmission(booking, id ?? Guid.NewGuid(), answers, new HealthScreening(items, "none", null), [consent], "{}", null);
    }

    private async Task<IntakeSaved?> Save(IntakeSubmission submission)
    {
        await using var db = Database.NewContext();
        return await db.SaveIntakeAsync(submission, DateTime.UtcNow, Today, Token);
    }

    [Fact]
    public async Task Save_ForAGuestBooking_MakesTheClient_LinksTheBooking_AssignsItsTherapist_AndMarksTheVisit()
    {
        var (booking, therapist) = await GuestBooking();

        var saved = await Save(Submission(booking, items: ScreeningItem.BloodThinners));

        Assert.NotNull(saved);
        Assert.True(saved.Created);
        Assert.True(saved.Review.NeedsAttention);
        Assert.Contains(saved.Review.RedFlags, f => f.Code == RedFlagScreen.Dvt);
        await using var db = Database.NewContext();
        var client = await db.Clients.Include(c => c.Assignments).SingleAsync(c => c.Id == saved.ClientId, Token);
        Assert.Equal("Gwen Guest", client.FullName);
        Assert.Equal([ScreeningItem.BloodThinners], client.ScreeningItems);
        Assert.NotNull(client.TreatmentConsentVersion);
        Assert.Equal(therapist, Assert.Single(client.Assignments).TherapistId);
        Assert.Equal(saved.ClientId, (await db.Bookings.SingleAsync(b => b.Id == booking, Token)).ClientId);
        var intake = await db.Intakes.SingleAsync(i => i.BookingId == booking, Token);
        Assert.True(intake.NeedsAttention);
        var stored = intake.Answers();
        Assert.Equal([RedFlagScreen.Dvt], stored.RedFlags);
        Assert.Equal([ScreeningItem.BloodThinners], stored.Precautions);
        Assert.Equal([Cause.RepetitiveMotion], stored.CausesThatApply);
        Assert.Equal("stairs", stored.WorseNote);
        var map = await db.PainMaps.SingleAsync(m => m.Id == intake.PainMapId, Token);
        Assert.Equal("calf.l", Assert.Single(map.Marks).Region);
        Assert.Null(map.RecordedById);
    }

    [Fact]
    public async Task Save_TheSameFormTwentyTimesAtOnce_StoresOneClient_OneIntake_OneMap()
    {
        var (booking, _) = await GuestBooking();
        var submission = Submission(booking);

        var saved = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => Save(submission), Token)));

        Assert.All(saved, s => Assert.NotNull(s));
        Assert.Single(saved.Select(s => s!.ClientId).Distinct());
        Assert.Single(saved, s => s!.Created);
        await using var db = Database.NewContext();
        Assert.Equal(1, await db.Intakes.CountAsync(i => i.BookingId == booking, Token));
        Assert.Equal(1, await db.PainMaps.CountAsync(m => m.ClientId == saved[0]!.ClientId, Token));
        Assert.Equal(1, await db.Clients.CountAsync(c => c.Id == saved[0]!.ClientId, Token));
    }

    [Fact]
    public async Task Save_ANewFormForTheSameBooking_ReplacesTheIntakeAndItsMap()
    {
        var (booking, _) = await GuestBooking();
        var first = await Save(Submission(booking));

        var second = await Save(Submission(booking, region: "neck-back.r", swollen: false));

        Assert.Equal(first!.ClientId, second!.ClientId);
        Assert.False(second.Created);
        Assert.False(second.Review.NeedsAttention);
        await using var db = Database.NewContext();
        var intake = await db.Intakes.SingleAsync(i => i.BookingId == booking, Token);
        Assert.False(intake.NeedsAttention);
        var map = Assert.Single(await db.PainMaps.Where(m => m.ClientId == second.ClientId).ToListAsync(Token));
        Assert.Equal("neck-back.r", Assert.Single(map.Marks).Region);
    }

    [Fact]
    public async Task Save_ForACancelledBooking_StoresNothing()
    {
        var (booking, _) = await GuestBooking(BookingStatus.Cancelled);

        Assert.Null(await Save(Submission(booking)));

        await using var db = Database.NewContext();
        Assert.False(await db.Intakes.AnyAsync(i => i.BookingId == booking, Token));
    }

    [Fact]
    public async Task Answers_AreSealed_NotReadableInTheDatabase()
    {
        var (booking, _) = await GuestBooking();
        await Save(Submission(booking));

        await using var db = Database.NewContext();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync(Token);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT \"AnswersJson\" FROM \"Intakes\"";
        await using var reader = await command.ExecuteReaderAsync(Token);
        var rows = new List<string>();
        while (await reader.ReadAsync(Token))
            rows.Add(reader.GetString(0));
        Assert.NotEmpty(rows);
        Assert.All(rows, raw => Assert.DoesNotContain("stairs", raw, StringComparison.Ordinal));
        Assert.All(rows, raw => Assert.DoesNotContain("dvt", raw, StringComparison.Ordinal));
    }
}

public sealed class SqliteIntakeStoreTests(SqliteTestDatabase database) : IntakeStoreTests<SqliteTestDatabase>(database);

public sealed class PostgresIntakeStoreTests(PostgresTestDatabase database) : IntakeStoreTests<PostgresTestDatabase>(database);
