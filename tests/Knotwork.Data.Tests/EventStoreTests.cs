using System.Globalization;
using System.Text.Json;
using Knotwork.Data.Booking;
using Knotwork.Data.Entities;
using Knotwork.Data.Events;
using Knotwork.Domain.Booking;
using Knotwork.Domain.Events;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using static Knotwork.Data.Tests.SamplePractice;

namespace Knotwork.Data.Tests;

/// <summary>Chair massage events over a real database (issue 11): requests, confirmation against the calendar, slots taken once, the waiting list, the roster, sealed details.</summary>
public abstract class EventStoreTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase>
    where TDatabase : class, ITestDatabase
{
    private static readonly EventScreening NothingToReport = new(false, false, false);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    protected TDatabase Database { get; } = database;

    private static EventRequest Request(int day, int startHour, int startMinute, int endHour, int endMinute, int chairs, int slotMinutes = 20, string zip = "93534", string contact = "Pat Lee") => new()
    {
        Company = "Acme Aerospace",
        ContactName = contact,
        ContactEmail = "pat@acme.example",
        Address = "1 Hangar Way",
        Zip = zip,
        Date = new LocalDate(2027, 3, day),
        Start = new LocalTime(startHour, startMinute),
        End = new LocalTime(endHour, endMinute),
        Chairs = chairs,
        SlotMinutes = slotMinutes,
        Notes = "Room B, park in visitor spaces",
    };

    private EventStore Store(KnotworkDbContext db) => new(db, Database.Key);

    private async Task<EventRequestOutcome> Ask(EventRequest request, string? phone = null)
    {
        await using var db = Database.NewContext();
        return await Store(db).RequestAsync(request, Setup, ZipCodes.Default, Now, phone, Token);
    }

    private async Task<ChairEventRecord> Requested(EventRequest request) =>
        Assert.IsType<EventRequestOutcome.Requested>(await Ask(request)).Event;

    private async Task<EventConfirmOutcome> Confirm(Guid id, params string[] therapists)
    {
        await using var db = Database.NewContext();
        return await Store(db).ConfirmAsync(id, therapists, Setup, ZipCodes.Default, Travel, Now, Token);
    }

    private async Task<EventConfirmOutcome.Confirmed> Confirmed(EventRequest request, params string[] therapists) =>
        Assert.IsType<EventConfirmOutcome.Confirmed>(await Confirm((await Requested(request)).Id, therapists));

    private async Task<SlotBookingOutcome> BookSlot(EventConfirmOutcome.Confirmed ev, string slot, string name, EventScreening? screening = null, Instant? now = null)
    {
        await using var db = Database.NewContext();
        var email = name.Replace(' ', '.').ToLowerInvariant() + "@acme.example";
        return await Store(db).BookSlotAsync(ev.Event.Id, ev.EmployeeToken, slot, name, email, screening ?? NothingToReport, now ?? Now, Token);
    }

    private async Task<WaitingListOutcome> Wait(EventConfirmOutcome.Confirmed ev, string name, Instant now)
    {
        await using var db = Database.NewContext();
        return await Store(db).JoinWaitingListAsync(ev.Event.Id, ev.EmployeeToken, name, name.Replace(' ', '.').ToLowerInvariant() + "@acme.example", now, Token);
    }

    private async Task<SlotCancellationOutcome> CancelSlot(string token)
    {
        await using var db = Database.NewContext();
        return await Store(db).CancelSlotAsync(token, Now, Token);
    }

    private async Task<EventRoster?> Roster(string token)
    {
        await using var db = Database.NewContext();
        return await Store(db).RosterAsync(token, Token);
    }

    private async Task<BookingOutcome> BookVisit(Instant start, string therapist = "maria")
    {
        await using var db = Database.NewContext();
        var request = new BookingRequest("deep-tissue-60", "93534", start, "Dana Reyes", "dana@example.test", "+1 661 555 0100", "44 Cedar Ave", therapist);
        return await new BookingStore(db, Database.Key).BookAsync(NewScheduler(), request, Now, Token);
    }

    private async Task<StaffCancellationOutcome> CancelVisitsOf(int day)
    {
        await using var db = Database.NewContext();
        var from = At(day, 0).ToDateTimeUtc();
        var to = At(day, 23).ToDateTimeUtc();
        var id = await db.Bookings.Where(b => b.StartUtc >= from && b.StartUtc < to).Select(b => b.Id).SingleAsync(Token);
        return await new BookingStore(db, Database.Key).CancelByStaffAsync(id, Setup.Policies, Now, Token);
    }

    [Fact]
    public async Task ARequest_IsStoredAsRequested_WithTheQuote_AndABadOneStoresNothing()
    {
        // Palmdale at $95 an hour: 3 chairs x 3.5 hours x 95 = 997.50.
        var outcome = Assert.IsType<EventRequestOutcome.Requested>(await Ask(Request(2, 10, 0, 13, 30, chairs: 3, zip: "93550"), phone: "+1 661 555 0199"));
        var invalid = Assert.IsType<EventRequestOutcome.Invalid>(await Ask(Request(2, 10, 0, 9, 0, chairs: 9, contact: " ")));

        Assert.Equal(997.50m, outcome.Quote.Total);
        await using var db = Database.NewContext();
        var stored = await db.ChairEvents.AsNoTracking().SingleAsync(e => e.Id == outcome.Event.Id, Token);
        Assert.Equal((ChairEventStatus.Requested, 997.50m, "Pat Lee", "+1 661 555 0199", "93550"), (stored.Status, stored.QuotedPrice, stored.ContactName, stored.ContactPhone, stored.Zip));
        Assert.Equal((At(2, 10).ToDateTimeUtc(), At(2, 13, 30).ToDateTimeUtc()), (stored.StartUtc, stored.EndUtc));
        Assert.Null(stored.EmployeeTokenHash);
        Assert.Contains(invalid.Problems, p => p.Field == "contactName");
        Assert.Contains(invalid.Problems, p => p.Field == "end");
        Assert.Contains(invalid.Problems, p => p.Field == "chairs");
        Assert.Equal(1, await db.ChairEvents.CountAsync(e => e.Date == new DateOnly(2027, 3, 2), Token));
    }

    [Fact]
    public async Task Confirming_OverAVisit_OrOverAnotherEvent_IsRefusedWithTheConflict()
    {
        var visit = Assert.IsType<BookingOutcome.Created>(await BookVisit(At(3, 10, 30))); // Wednesday: Maria at 10:30 in Lancaster
        var first = await Requested(Request(3, 10, 0, 12, 0, chairs: 1));

        var overVisit = Assert.IsType<EventConfirmOutcome.Refused>(await Confirm(first.Id, "maria"));
        var withAna = Assert.IsType<EventConfirmOutcome.Confirmed>(await Confirm(first.Id, "ana"));
        var second = await Requested(Request(3, 11, 0, 12, 0, chairs: 1));
        var overEvent = Assert.IsType<EventConfirmOutcome.Refused>(await Confirm(second.Id, "ana"));

        var visitConflict = Assert.Single(overVisit.Conflicts);
        Assert.Equal((EventConflictKind.Taken, 1, "maria"), (visitConflict.Kind, visitConflict.Chair, visitConflict.TherapistId));
        Assert.Contains(visit.Booking.Id.ToString(), visitConflict.BookingIds);
        var eventConflict = Assert.Single(overEvent.Conflicts);
        Assert.Equal(EventConflictKind.Taken, eventConflict.Kind);
        Assert.Contains(ChairEvent.BusyTimeId(withAna.Event.Id.ToString(), "ana"), eventConflict.BookingIds);
        await using var db = Database.NewContext();
        Assert.Equal(ChairEventStatus.Requested, await db.ChairEvents.Where(e => e.Id == second.Id).Select(e => e.Status).SingleAsync(Token));
        Assert.False(await db.EventTherapists.AnyAsync(t => t.EventId == second.Id, Token));
    }

    [Fact]
    public async Task Confirming_AssignsTheTherapists_AndGivesTokensStoredOnlyAsHashes()
    {
        var ev = await Confirmed(Request(10, 10, 0, 12, 0, chairs: 2), "maria", "ana"); // Wednesday

        await using var db = Database.NewContext();
        var stored = await db.ChairEvents.AsNoTracking().Include(e => e.Therapists).SingleAsync(e => e.Id == ev.Event.Id, Token);
        Assert.Equal(ChairEventStatus.Confirmed, stored.Status);
        Assert.Equal([(1, "maria"), (2, "ana")], stored.Therapists.OrderBy(t => t.Chair).Select(t => (t.Chair, t.TherapistId)));
        Assert.True(ev.EmployeeToken.Length >= 40 && ev.RosterToken.Length >= 40);
        Assert.NotEqual(ev.EmployeeToken, ev.RosterToken);
        Assert.True(EventStore.TokenMatches(stored.EmployeeTokenHash, ev.EmployeeToken));
        Assert.True(EventStore.TokenMatches(stored.RosterTokenHash, ev.RosterToken));
        Assert.False(EventStore.TokenMatches(stored.EmployeeTokenHash, ev.RosterToken));
        Assert.DoesNotContain(ev.EmployeeToken, stored.EmployeeTokenHash!, StringComparison.Ordinal);
        Assert.IsType<EventConfirmOutcome.NotRequested>(await Confirm(ev.Event.Id, "maria", "ana"));
        await using var declineDb = Database.NewContext();
        Assert.IsType<EventDeclineOutcome.NotRequested>(await Store(declineDb).DeclineAsync(ev.Event.Id, Now, Token));
        Assert.Null(await Store(declineDb).ForEmployeesAsync(ev.Event.Id, ev.RosterToken, Now, Token));
        Assert.Equal(12, (await Store(declineDb).ForEmployeesAsync(ev.Event.Id, ev.EmployeeToken, Now, Token))!.Free.Count);
    }

    [Fact]
    public async Task ManyEmployeesAtOnce_ForTheLastFreeSlot_ExactlyOneGetsIt()
    {
        var ev = await Confirmed(Request(17, 10, 0, 10, 40, chairs: 1), "maria"); // Wednesday: slots 1-1000 and 1-1020
        Assert.IsType<SlotBookingOutcome.Booked>(await BookSlot(ev, "1-1000", "First Employee"));

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() => BookSlot(ev, "1-1020", $"Employee {i}"), Token)));

        Assert.Single(outcomes.OfType<SlotBookingOutcome.Booked>());
        Assert.All(outcomes, o => Assert.True(o is SlotBookingOutcome.Booked or SlotBookingOutcome.EventFull or SlotBookingOutcome.SlotTaken, o.ToString()));
        await using var db = Database.NewContext();
        Assert.Equal(1, await db.EventSlotBookings.CountAsync(b => b.EventId == ev.Event.Id && b.SlotId == "1-1020" && b.Status == EventSlotStatus.Booked, Token));
    }

    [Fact]
    public async Task AFullEvent_OffersTheWaitingList_AndACancellationGoesToTheEarliestWaiter()
    {
        var ev = await Confirmed(Request(24, 10, 0, 10, 20, chairs: 1), "maria"); // Wednesday: one slot
        var first = Assert.IsType<SlotBookingOutcome.Booked>(await BookSlot(ev, "1-1000", "Slot Holder"));

        Assert.IsType<SlotBookingOutcome.EventFull>(await BookSlot(ev, "1-1000", "Too Late"));
        var late = Assert.IsType<WaitingListOutcome.Joined>(await Wait(ev, "Late Waiter", Now + Duration.FromMinutes(5)));
        var early = Assert.IsType<WaitingListOutcome.Joined>(await Wait(ev, "Early Waiter", Now));
        var again = Assert.IsType<WaitingListOutcome.Joined>(await Wait(ev, "Late Waiter", Now + Duration.FromMinutes(9)));
        Assert.IsType<WaitingListOutcome.AlreadyBooked>(await Wait(ev, "Slot Holder", Now));
        Assert.IsType<SlotCancellationOutcome.NotFound>(await CancelSlot("not-a-token"));

        var cancelled = Assert.IsType<SlotCancellationOutcome.Cancelled>(await CancelSlot(first.CancelToken));

        // Late joined first, alone; Early joined later but earlier in time, so goes ahead of them.
        Assert.Equal((1, 1, 2), (late.Position, early.Position, again.Position));
        Assert.Equal(late.Entry.Id, again.Entry.Id);
        var promoted = cancelled.Promoted!;
        Assert.Equal(("Early Waiter", "early.waiter@acme.example", "1-1000"), (promoted.Entry.Name, promoted.Entry.Email, promoted.Booking.SlotId));
        Assert.Equal(["Early Waiter"], (await Roster(ev.RosterToken))!.Lines.Select(l => l.Name));
        Assert.IsType<SlotCancellationOutcome.AlreadyCancelled>(await CancelSlot(first.CancelToken));

        var next = Assert.IsType<SlotCancellationOutcome.Cancelled>(await CancelSlot(promoted.CancelToken));
        Assert.Equal("Late Waiter", next.Promoted!.Entry.Name);
        Assert.Equal(["Late Waiter"], (await Roster(ev.RosterToken))!.Lines.Select(l => l.Name));
    }

    [Fact]
    public async Task AClosedSignUp_RefusesBookingsAndTheWaitingList_AndAWrongLinkFindsNothing()
    {
        var ev = await Confirmed(Request(31, 10, 0, 11, 0, chairs: 1), "maria"); // Wednesday
        await using var db = Database.NewContext();

        Assert.False(await Store(db).CloseSignUpAsync(ev.EmployeeToken, Now, Token));
        Assert.True(await Store(db).CloseSignUpAsync(ev.RosterToken, Now, Token));

        Assert.IsType<SlotBookingOutcome.Closed>(await BookSlot(ev, "1-1000", "After Closing"));
        Assert.IsType<WaitingListOutcome.Closed>(await Wait(ev, "After Closing", Now));
        Assert.IsType<SlotBookingOutcome.NotFound>(await BookSlot(ev with { EmployeeToken = ev.RosterToken }, "1-1000", "Wrong Link"));
        Assert.IsType<SlotBookingOutcome.NotFound>(await BookSlot(ev with { Event = new ChairEventRecord { Id = Guid.NewGuid() } }, "1-1000", "Wrong Event"));
        Assert.True((await Roster(ev.RosterToken))!.SignUpClosed);
        Assert.Null(await Roster(ev.EmployeeToken));
    }

    [Fact]
    public async Task TheRoster_HasNamesAndTimes_ButNeverScreeningAnswersOrEmails()
    {
        var ev = await Confirmed(Request(9, 10, 0, 11, 0, chairs: 1), "maria"); // Tuesday
        var marker = Guid.NewGuid().ToString("N")[..10];
        Assert.IsType<SlotBookingOutcome.Booked>(await BookSlot(ev, "1-1020", "Sam Ortiz", new EventScreening(true, true, true, "Shoulder surgery " + marker)));
        Assert.IsType<SlotBookingOutcome.Booked>(await BookSlot(ev, "1-1000", "Kim Yu"));

        var roster = (await Roster(ev.RosterToken))!;

        Assert.Equal([("Kim Yu", "1-1000", new LocalTime(10, 0)), ("Sam Ortiz", "1-1020", new LocalTime(10, 20))], roster.Lines.Select(l => (l.Name, l.SlotId, l.Start.TimeOfDay)));
        Assert.Equal(3, roster.SlotsOffered);
        var shown = JsonSerializer.Serialize(roster);
        Assert.DoesNotContain(marker, shown, StringComparison.Ordinal);
        Assert.DoesNotContain("surgery", shown, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("@", shown, StringComparison.Ordinal);
        await using var db = Database.NewContext();
        var forTherapist = await Store(db).SlotBookingsAsync(ev.Event.Id, Token);
        Assert.Equal("Shoulder surgery " + marker, forTherapist.Single(b => b.Name == "Sam Ortiz").Screening!.Note);
    }

    [Fact]
    public async Task EmployeeNamesEmailsScreeningAndContactDetails_AreNotStoredInClearText()
    {
        var marker = Guid.NewGuid().ToString("N")[..10];
        var ev = await Confirmed(Request(11, 10, 0, 10, 20, chairs: 1, contact: "Contact " + marker) with { Address = "Street " + marker, Notes = "Notes " + marker }, "maria"); // Thursday
        var booked = Assert.IsType<SlotBookingOutcome.Booked>(await BookSlot(ev, "1-1000", "Employee " + marker, new EventScreening(true, false, false, "Note " + marker)));
        Assert.IsType<WaitingListOutcome.Joined>(await Wait(ev, "Waiter " + marker, Now));

        await using var db = Database.NewContext();
        var cells = new List<string>();
        foreach (var table in new[] { "ChairEvents", "EventSlotBookings", "EventWaitingList" })
            cells.AddRange(await RawCells(db, $"SELECT * FROM \"{table}\""));

        Assert.Contains(cells, c => c == "Acme Aerospace"); // the raw read works: the company's name is plain
        Assert.DoesNotContain(cells, c => c.Contains(marker, StringComparison.Ordinal));
        Assert.DoesNotContain(cells, c => c.Contains(ev.EmployeeToken, StringComparison.Ordinal) || c.Contains(ev.RosterToken, StringComparison.Ordinal) || c.Contains(booked.CancelToken, StringComparison.Ordinal));
        var stored = await db.EventSlotBookings.AsNoTracking().SingleAsync(b => b.Id == booked.Booking.Id, Token);
        Assert.Equal(("Employee " + marker, new EventScreening(true, false, false, "Note " + marker)), (stored.Name, stored.Screening));
    }

    [Fact]
    public async Task AVisit_CannotBeBookedOverAConfirmedEvent()
    {
        var requested = await Requested(Request(16, 11, 30, 13, 30, chairs: 1)); // Tuesday
        Assert.IsType<BookingOutcome.Created>(await BookVisit(At(16, 12))); // still free: the event is only asked for
        Assert.IsType<StaffCancellationOutcome.Cancelled>(await CancelVisitsOf(16));
        Assert.IsType<EventConfirmOutcome.Confirmed>(await Confirm(requested.Id, "maria"));

        var over = Assert.IsType<BookingOutcome.Conflict>(await BookVisit(At(16, 12)));
        var after = await BookVisit(At(16, 15));

        Assert.Equal(BookingProblem.Taken, over.Rejection.Problem);
        Assert.DoesNotContain(over.NearestFree, s => s.Start.ToInstant() < At(16, 13, 30) + Duration.FromMinutes(30) && s.End.ToInstant() > At(16, 11, 30) - Duration.FromMinutes(30));
        Assert.IsType<BookingOutcome.Created>(after);
    }

    [Fact]
    public async Task Attendance_IsRecordedAfterTheSlotStarts_ByTheChairsTherapist_AndCountsInTheSummary()
    {
        var ev = await Confirmed(Request(18, 10, 0, 11, 0, chairs: 1), "maria"); // Thursday: three slots
        var came = Assert.IsType<SlotBookingOutcome.Booked>(await BookSlot(ev, "1-1000", "Came Along"));
        var missed = Assert.IsType<SlotBookingOutcome.Booked>(await BookSlot(ev, "1-1020", "Stayed Away"));
        await using var db = Database.NewContext();
        var store = Store(db);

        Assert.IsType<AttendanceOutcome.NotYet>(await store.RecordAttendanceAsync(came.Booking.Id, Attendance.Came, Now, "maria", Token));
        Assert.IsType<AttendanceOutcome.NotFound>(await store.RecordAttendanceAsync(came.Booking.Id, Attendance.Came, At(18, 11), "jon", Token));
        Assert.IsType<AttendanceOutcome.Recorded>(await store.RecordAttendanceAsync(came.Booking.Id, Attendance.Came, At(18, 11), "maria", Token));
        Assert.IsType<AttendanceOutcome.Recorded>(await store.RecordAttendanceAsync(missed.Booking.Id, Attendance.NoShow, At(18, 11), null, Token));

        var summary = (await store.SummaryAsync(ev.Event.Id, Setup, Travel, Token))!;
        Assert.Equal((3, 2, 1, 1), (summary.SlotsOffered, summary.SlotsTaken, summary.Attended, summary.NoShows));
        Assert.Equal(Duration.FromHours(1), summary.ChairTime);
        Assert.Equal(Duration.FromMinutes(90), summary.TherapistTime); // Maria: 15 minutes' setup, the hour, 15 to pack up
    }

    [Fact]
    public async Task CallingOff_FreesTheTherapistsTime_ClosesTheEmployeesLink_StopsReminders_AndReturnsWhoBooked()
    {
        var ev = await Confirmed(Request(23, 11, 30, 13, 30, chairs: 1), "maria"); // Tuesday
        var booked = Assert.IsType<SlotBookingOutcome.Booked>(await BookSlot(ev, "1-1130", "Booked Before"));
        Assert.IsType<BookingOutcome.Conflict>(await BookVisit(At(23, 12)));
        await using var db = Database.NewContext();
        var store = Store(db);

        var cancelled = Assert.IsType<EventCancelOutcome.Cancelled>(await store.CancelEventAsync(ev.Event.Id, Now, Token));

        Assert.Equal([("Booked Before", "booked.before@acme.example", booked.Booking.Id)], cancelled.Booked.Select(b => (b.Name, b.Email, b.Id)));
        Assert.Empty(cancelled.Waiting); // the event was far from full
        Assert.IsType<SlotCancellationOutcome.EventCalledOff>(await store.CancelSlotAsync(booked.CancelToken, Now, Token)); // nothing to free
        Assert.Equal(EventSlotStatus.Booked, (await db.EventSlotBookings.AsNoTracking().SingleAsync(b => b.Id == booked.Booking.Id, Token)).Status); // kept as it was, for the record
        Assert.Empty(await db.ChairEventBusyTimeAsync(At(23, 0), At(23, 23), Token));
        Assert.IsType<BookingOutcome.Created>(await BookVisit(At(23, 12))); // Maria's time is free again
        var closed = Assert.IsType<SlotBookingOutcome.Closed>(await BookSlot(ev, "1-1150", "Too Late"));
        Assert.Contains("called off", closed.Message, StringComparison.Ordinal);
        Assert.IsType<WaitingListOutcome.Closed>(await Wait(ev, "Too Late", Now));
        var view = (await store.ForEmployeesAsync(ev.Event.Id, ev.EmployeeToken, Now, Token))!;
        Assert.Equal((false, "This event has been called off."), (view.Open, view.ClosedReason));
        Assert.True((await Roster(ev.RosterToken))!.CalledOff);
        Assert.DoesNotContain(await db.SlotReminderCandidatesAsync(At(23, 11).ToDateTimeUtc(), TimeSpan.FromDays(1), Token), c => c.BookingId == booked.Booking.Id);
        var stored = await db.ChairEvents.AsNoTracking().SingleAsync(e => e.Id == ev.Event.Id, Token);
        Assert.Equal((ChairEventStatus.Cancelled, Now.ToDateTimeUtc()), (stored.Status, stored.DecidedAtUtc));
        Assert.Equal(new EventCancelOutcome.NotConfirmed(ChairEventStatus.Cancelled), await store.CancelEventAsync(ev.Event.Id, Now, Token));
        Assert.Equal(new EventCloseOutcome.NotConfirmed(ChairEventStatus.Cancelled), await store.CloseEventAsync(ev.Event.Id, At(23, 14), Token));
        Assert.IsType<EventCancelOutcome.NotFound>(await store.CancelEventAsync(Guid.NewGuid(), Now, Token));
    }

    [Fact]
    public async Task AnEventThatStarted_CannotBeCalledOff_NorClosedBeforeItEnds_AndClosingMakesAttendanceFinal()
    {
        var ev = await Confirmed(Request(25, 10, 0, 11, 0, chairs: 1), "maria"); // Thursday
        var came = Assert.IsType<SlotBookingOutcome.Booked>(await BookSlot(ev, "1-1000", "Came Along"));
        await using var db = Database.NewContext();
        var store = Store(db);

        Assert.IsType<EventCancelOutcome.Started>(await store.CancelEventAsync(ev.Event.Id, At(25, 10), Token));
        Assert.IsType<EventCloseOutcome.NotOver>(await store.CloseEventAsync(ev.Event.Id, At(25, 10, 59), Token));
        Assert.IsType<AttendanceOutcome.Recorded>(await store.RecordAttendanceAsync(came.Booking.Id, Attendance.Came, At(25, 10, 30), "maria", Token));

        Assert.IsType<EventCloseOutcome.Closed>(await store.CloseEventAsync(ev.Event.Id, At(25, 11), Token));

        Assert.Equal(ChairEventStatus.Closed, (await store.GetAsync(ev.Event.Id, Token))!.Status);
        Assert.Equal(new AttendanceOutcome.EventOver(ChairEventStatus.Closed), await store.RecordAttendanceAsync(came.Booking.Id, Attendance.NoShow, At(25, 12), "maria", Token));
        Assert.Equal(1, (await store.SummaryAsync(ev.Event.Id, Setup, Travel, Token))!.Attended);
        Assert.Single(await db.ChairEventBusyTimeAsync(At(25, 0), At(25, 23), Token)); // held: still Maria's busy time
        Assert.IsType<EventCancelOutcome.NotConfirmed>(await store.CancelEventAsync(ev.Event.Id, Now, Token));
    }

    [Fact]
    public async Task SlotReminders_AreDueForBookedSlotsOfConfirmedEvents_StartingWithinTheLead_NotForCancelledOnes()
    {
        var thursday = await Confirmed(Request(4, 10, 0, 11, 0, chairs: 1), "maria"); // three slots
        var kept = Assert.IsType<SlotBookingOutcome.Booked>(await BookSlot(thursday, "1-1000", "Kept Slot"));
        var dropped = Assert.IsType<SlotBookingOutcome.Booked>(await BookSlot(thursday, "1-1020", "Dropped Slot"));
        Assert.IsType<SlotCancellationOutcome.Cancelled>(await CancelSlot(dropped.CancelToken));
        var friday = await Confirmed(Request(5, 10, 0, 10, 20, chairs: 1), "maria"); // one slot, sign-up closed after it is taken
        var nextDay = Assert.IsType<SlotBookingOutcome.Booked>(await BookSlot(friday, "1-1000", "Next Day"));
        await using var db = Database.NewContext();
        Assert.True(await Store(db).CloseSignUpAsync(friday.RosterToken, Now, Token));
        var lead = TimeSpan.FromDays(1);

        // Thursday 4 March, 9:00: Thursday's kept slot is within the day; Friday's starts an hour too late; the cancelled one never.
        var morning = await db.SlotReminderCandidatesAsync(At(4, 9).ToDateTimeUtc(), lead, Token);
        // Thursday 10:10: the kept slot has started; Friday's (closed sign-up, still on) is now within the day.
        var started = await db.SlotReminderCandidatesAsync(At(4, 10, 10).ToDateTimeUtc(), lead, Token);

        var due = Assert.Single(morning);
        Assert.Equal((kept.Booking.Id, "Kept Slot", "kept.slot@acme.example", At(4, 10).ToDateTimeUtc()), (due.BookingId, due.Name, due.Email, due.StartUtc));
        Assert.Equal(("Acme Aerospace", "1 Hangar Way", "America/Los_Angeles"), (due.Company, due.Address, due.TimeZone));
        Assert.Equal([nextDay.Booking.Id], started.Select(c => c.BookingId));
        Assert.True(await db.ClaimSlotReminderAsync(kept.Booking.Id, At(4, 9).ToDateTimeUtc(), Token));
        Assert.Empty(await db.SlotReminderCandidatesAsync(At(4, 9).ToDateTimeUtc(), lead, Token)); // reminded: no longer due
    }

    [Fact]
    public async Task ASlotReminder_IsClaimedOnce_EvenWhenManySweepsClaimItAtOnce_AndACancelledSlotsNever()
    {
        var ev = await Confirmed(Request(30, 10, 0, 11, 0, chairs: 1), "maria"); // Tuesday: three slots
        var once = Assert.IsType<SlotBookingOutcome.Booked>(await BookSlot(ev, "1-1000", "Claimed Twice"));
        var raced = Assert.IsType<SlotBookingOutcome.Booked>(await BookSlot(ev, "1-1020", "Claimed At Once"));
        var cancelled = Assert.IsType<SlotBookingOutcome.Booked>(await BookSlot(ev, "1-1040", "Cancelled Before"));
        Assert.IsType<SlotCancellationOutcome.Cancelled>(await CancelSlot(cancelled.CancelToken));
        var sweep = At(29, 11).ToDateTimeUtc();

        async Task<bool> Claim(Guid id)
        {
            await using var db = Database.NewContext();
            return await db.ClaimSlotReminderAsync(id, sweep, Token);
        }

        var first = await Claim(once.Booking.Id);
        var second = await Claim(once.Booking.Id);
        var claims = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Run(() => Claim(raced.Booking.Id), Token)));

        Assert.Equal((true, false), (first, second));
        Assert.Single(claims, c => c);
        Assert.False(await Claim(cancelled.Booking.Id));
        await using var check = Database.NewContext();
        var sent = await check.EventSlotBookings.AsNoTracking().Where(b => b.EventId == ev.Event.Id).ToDictionaryAsync(b => b.Id, b => b.ReminderSentAtUtc, Token);
        Assert.Equal(sweep, sent[once.Booking.Id]);
        Assert.Equal(sweep, sent[raced.Booking.Id]);
        Assert.Null(sent[cancelled.Booking.Id]);
    }

    private static async Task<List<string>> RawCells(KnotworkDbContext db, string sql)
    {
        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open)
            await connection.OpenAsync(Token);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var cells = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(Token);
        while (await reader.ReadAsync(Token))
        {
            for (var i = 0; i < reader.FieldCount; i++)
                cells.Add(Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture)!);
        }

        return cells;
    }
}

public sealed class SqliteEventStoreTests(SqliteTestDatabase database) : EventStoreTests<SqliteTestDatabase>(database);

public sealed class PostgresEventStoreTests(PostgresTestDatabase database) : EventStoreTests<PostgresTestDatabase>(database);
