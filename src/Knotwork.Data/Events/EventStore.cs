using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Knotwork.Data.Booking;
using Knotwork.Data.Entities;
using Knotwork.Data.Protection;
using Knotwork.Domain.Booking;
using Knotwork.Domain.Events;
using Knotwork.Domain.Practice;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Npgsql;

namespace Knotwork.Data.Events;

/// <summary>
/// Stores chair massage events (issue 11) and the slots employees take at them; the rules are the domain's
/// (<see cref="EventRequest"/>, <see cref="EventQuote"/>, <see cref="EventConfirmation"/>, <see cref="EventSlots"/>,
/// <see cref="WaitingList"/>, <see cref="EventSummary"/>). Confirming runs under the same serialized transaction as
/// <see cref="BookingStore"/> (so a visit and an event are never booked over each other at once). Slots are taken and
/// freed under a lock on the event (PostgreSQL: its row, FOR UPDATE; SQLite: the write lock), so two employees asking
/// for the last slot at once never both get it; a unique index over the booked rows is the last word.
/// </summary>
public sealed class EventStore
{
    private readonly KnotworkDbContext _db;
    private readonly byte[] _tokenKey;

    public EventStore(KnotworkDbContext db, MasterKey key)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(key);
        _db = db;
        _tokenKey = key.BookingTokenKey();
    }

    /// <summary>
    /// Stores <paramref name="request"/> as <see cref="ChairEventStatus.Requested"/> with its quote, when it has no
    /// <see cref="EventRequest.Problems"/> as of <paramref name="now"/> and can be quoted.
    /// </summary>
    public async Task<EventRequestOutcome> RequestAsync(EventRequest request, PracticeSetup setup, ZipCodes zips, Instant now, string? contactPhone = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(setup);
        ArgumentNullException.ThrowIfNull(zips);
        var problems = request.Problems(setup, zips, now).ToList();
        var phone = string.IsNullOrWhiteSpace(contactPhone) ? null : contactPhone.Trim();
        if (phone is not null && (phone.Length > FieldLimits.Phone || phone.Any(char.IsControl)))
            problems.Add(new EventRequestProblem("contactPhone", $"Write the phone number on one line, in at most {FieldLimits.Phone} characters."));
        if (problems.Count > 0)
            return new EventRequestOutcome.Invalid(problems);
        if (EventQuote.For(setup, request) is not EventQuote.Offered quote)
            return new EventRequestOutcome.NotOffered(((EventQuote.NotOffered)EventQuote.For(setup, request)).Reason);

        var times = EventTimes.Resolve(setup.TimeZone, request.Date, request.Start, request.End);
        var record = new ChairEventRecord
        {
            Id = Guid.NewGuid(),
            Status = ChairEventStatus.Requested,
            Company = request.Company.Trim(),
            ContactName = request.ContactName.Trim(),
            ContactEmail = request.ContactEmail.Trim(),
            ContactPhone = phone,
            Address = request.Address.Trim(),
            Zip = ZipCodes.Normalize(request.Zip)!,
            TimeZone = setup.TimeZone.Id,
            Date = request.Date.ToDateOnly(),
            Start = request.Start.ToTimeOnly(),
            End = request.End.ToTimeOnly(),
            StartUtc = times.Start.ToDateTimeUtc(),
            EndUtc = times.End.ToDateTimeUtc(),
            Chairs = request.Chairs,
            SlotMinutes = request.SlotMinutes,
            Notes = string.IsNullOrWhiteSpace(request.Notes) ? null : request.Notes.Trim(),
            QuotedPrice = quote.Total,
            CreatedAtUtc = now.ToDateTimeUtc(),
        };
        _db.ChairEvents.Add(record);
        await _db.SaveChangesAsync(cancellationToken);
        _db.Entry(record).State = EntityState.Detached;
        return new EventRequestOutcome.Requested(record, quote);
    }

    /// <summary>The event with its therapists, or null.</summary>
    public Task<ChairEventRecord?> GetAsync(Guid eventId, CancellationToken cancellationToken = default) =>
        _db.ChairEvents.AsNoTracking().Include(e => e.Therapists).SingleOrDefaultAsync(e => e.Id == eventId, cancellationToken);

    /// <summary>
    /// Confirms requested event <paramref name="eventId"/> with <paramref name="therapistIds"/> (chair 1 first, one
    /// per chair) as of <paramref name="now"/>, unless <see cref="EventConfirmation.Conflicts"/> finds a conflict with
    /// the visits and confirmed events stored at that moment. Checked and saved under the booking lock, so no visit can
    /// be booked into the therapists' time meanwhile. On success the employees' and the roster tokens are made and
    /// returned once.
    /// </summary>
    public async Task<EventConfirmOutcome> ConfirmAsync(Guid eventId, IReadOnlyList<string> therapistIds, PracticeSetup setup, ZipCodes zips, ITravelTimes travel, Instant now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(therapistIds);
        ArgumentNullException.ThrowIfNull(setup);
        ArgumentNullException.ThrowIfNull(zips);
        ArgumentNullException.ThrowIfNull(travel);

        await using var transaction = await BookingStore.BeginSerializedAsync(_db, cancellationToken);
        var record = await _db.ChairEvents.Include(e => e.Therapists).SingleOrDefaultAsync(e => e.Id == eventId, cancellationToken);
        if (record is null)
            return new EventConfirmOutcome.NotFound();
        if (record.Status != ChairEventStatus.Requested)
            return new EventConfirmOutcome.NotRequested(record.Status);
        if (therapistIds.Count != record.Chairs)
        {
            return new EventConfirmOutcome.Refused(
                [new EventConflict(EventConflictKind.Unassigned, null, null, $"The event has {record.Chairs} chairs: assign one therapist to each.", [])]);
        }

        var proposed = ToDomain(record, therapistIds);
        var start = Instant.FromDateTimeUtc(record.StartUtc);
        var existing = await _db.BusyTimeAroundAsync(start, Instant.FromDateTimeUtc(record.EndUtc), cancellationToken);
        var conflicts = EventConfirmation.Conflicts(proposed, setup, zips, travel, existing, now);
        if (conflicts.Count > 0)
            return new EventConfirmOutcome.Refused(conflicts);

        var employeeToken = NewToken();
        var rosterToken = NewToken();
        record.Therapists.AddRange(therapistIds.Select((t, i) => new EventTherapistRecord { EventId = record.Id, Chair = i + 1, TherapistId = t }));
        record.Status = ChairEventStatus.Confirmed;
        record.ConfirmedAtUtc = now.ToDateTimeUtc();
        record.EmployeeTokenHash = Hash(employeeToken);
        record.RosterTokenHash = Hash(rosterToken);
        await _db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        _db.ChangeTracker.Clear();
        return new EventConfirmOutcome.Confirmed(record, employeeToken, rosterToken);
    }

    /// <summary>Declines requested event <paramref name="eventId"/>.</summary>
    public async Task<EventDeclineOutcome> DeclineAsync(Guid eventId, Instant now, CancellationToken cancellationToken = default)
    {
        var record = await _db.ChairEvents.SingleOrDefaultAsync(e => e.Id == eventId, cancellationToken);
        if (record is null)
            return new EventDeclineOutcome.NotFound();
        if (record.Status != ChairEventStatus.Requested)
            return new EventDeclineOutcome.NotRequested(record.Status);
        record.Status = ChairEventStatus.Declined;
        record.DecidedAtUtc = now.ToDateTimeUtc();
        await _db.SaveChangesAsync(cancellationToken);
        _db.Entry(record).State = EntityState.Detached;
        return new EventDeclineOutcome.Declined(record);
    }

    /// <summary>
    /// Calls off confirmed event <paramref name="eventId"/> as of <paramref name="now"/>, unless it has started: under
    /// the event's lock (no slot is taken meanwhile) it becomes <see cref="ChairEventStatus.Cancelled"/>, which frees
    /// the therapists' time, closes the employees' link and stops the slot reminders. Returns the employees booked
    /// then, so they can be told; their slot rows are left as they were.
    /// </summary>
    public async Task<EventCancelOutcome> CancelEventAsync(Guid eventId, Instant now, CancellationToken cancellationToken = default)
    {
        await using var transaction = await BeginEventLockAsync(eventId, cancellationToken);
        var record = await _db.ChairEvents.Include(e => e.Therapists).SingleOrDefaultAsync(e => e.Id == eventId, cancellationToken);
        if (record is null)
            return new EventCancelOutcome.NotFound();
        if (record.Status != ChairEventStatus.Confirmed)
            return new EventCancelOutcome.NotConfirmed(record.Status);
        if (Instant.FromDateTimeUtc(record.StartUtc) <= now)
            return new EventCancelOutcome.Started();

        record.Status = ChairEventStatus.Cancelled;
        record.DecidedAtUtc = now.ToDateTimeUtc();
        await _db.SaveChangesAsync(cancellationToken);
        var booked = await SlotBookingsAsync(eventId, cancellationToken);
        var waiting = await WaitingAsync(eventId, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        _db.ChangeTracker.Clear();
        return new EventCancelOutcome.Cancelled(record, booked, [.. waiting.OrderBy(w => w.JoinedAtUtc)]);
    }

    /// <summary>
    /// Closes confirmed event <paramref name="eventId"/> once it has ended as of <paramref name="now"/>: it becomes
    /// <see cref="ChairEventStatus.Closed"/>, so attendance and the summary no longer change (it stays the therapists'
    /// busy time, as it was held).
    /// </summary>
    public async Task<EventCloseOutcome> CloseEventAsync(Guid eventId, Instant now, CancellationToken cancellationToken = default)
    {
        await using var transaction = await BeginEventLockAsync(eventId, cancellationToken);
        var record = await _db.ChairEvents.SingleOrDefaultAsync(e => e.Id == eventId, cancellationToken);
        if (record is null)
            return new EventCloseOutcome.NotFound();
        if (record.Status != ChairEventStatus.Confirmed)
            return new EventCloseOutcome.NotConfirmed(record.Status);
        if (Instant.FromDateTimeUtc(record.EndUtc) > now)
            return new EventCloseOutcome.NotOver();

        record.Status = ChairEventStatus.Closed;
        record.DecidedAtUtc = now.ToDateTimeUtc();
        await _db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        _db.Entry(record).State = EntityState.Detached;
        return new EventCloseOutcome.Closed(record);
    }

    /// <summary>The event behind employee link (<paramref name="eventId"/>, <paramref name="employeeToken"/>) with its free slots as of <paramref name="now"/>, or null.</summary>
    public async Task<EventForEmployees?> ForEmployeesAsync(Guid eventId, string employeeToken, Instant now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(employeeToken);
        var record = await _db.ChairEvents.AsNoTracking().Include(e => e.Therapists).SingleOrDefaultAsync(e => e.Id == eventId, cancellationToken);
        if (!IsEmployeeLink(record, employeeToken))
            return null;
        var slots = ToDomain(record!).Slots(Zone(record!));
        var taken = await TakenSlotIdsAsync(eventId, cancellationToken);
        return new EventForEmployees(record!, EventSlots.Free(slots, taken), ClosedMessage(record!, now));
    }

    /// <summary>
    /// Gives slot <paramref name="slotId"/> of event <paramref name="eventId"/> to the employee holding the event's
    /// <paramref name="employeeToken"/>, as of <paramref name="now"/>, if it is free, the sign-up is open and their
    /// e-mail address has no other slot there.
    /// </summary>
    public async Task<SlotBookingOutcome> BookSlotAsync(Guid eventId, string employeeToken, string slotId, string name, string email, EventScreening screening, Instant now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(employeeToken);
        ArgumentNullException.ThrowIfNull(screening);
        if (InvalidPerson(name, email) is { } invalid)
            return new SlotBookingOutcome.Invalid(invalid);
        if (screening.Note is { } note && (note.Length > EventScreening.MaxNote || note.Any(c => char.IsControl(c) && c is not '\n' and not '\r' and not '\t')))
            return new SlotBookingOutcome.Invalid($"Keep the note to the therapist under {EventScreening.MaxNote} characters of plain text.");
        if (!EventSlotId.TryParse(slotId, out var id))
            return new SlotBookingOutcome.Invalid("Choose one of the free slots.");

        await using var transaction = await BeginEventLockAsync(eventId, cancellationToken);
        var record = await _db.ChairEvents.AsNoTracking().Include(e => e.Therapists).SingleOrDefaultAsync(e => e.Id == eventId, cancellationToken);
        if (!IsEmployeeLink(record, employeeToken))
            return new SlotBookingOutcome.NotFound();
        if (ClosedMessage(record!, now) is { } closed)
            return new SlotBookingOutcome.Closed(closed);
        var slots = ToDomain(record!).Slots(Zone(record!));
        var slot = slots.FirstOrDefault(s => s.Id == id);
        if (slot is null)
            return new SlotBookingOutcome.Invalid("The event has no such slot; choose one of the free slots.");

        var active = await ActiveAsync(eventId, cancellationToken);
        var trimmedEmail = email.Trim();
        if (active.FirstOrDefault(b => string.Equals(b.Email.Trim(), trimmedEmail, StringComparison.OrdinalIgnoreCase)) is { } mine)
            return new SlotBookingOutcome.AlreadyBooked(mine.SlotId);
        var free = EventSlots.Free(slots, active.Select(b => Parse(b.SlotId)));
        if (!free.Contains(slot))
            return free.Count == 0 ? new SlotBookingOutcome.EventFull() : new SlotBookingOutcome.SlotTaken(free);

        var booking = NewSlotBooking(eventId, slot, name.Trim(), trimmedEmail, screening with { Note = string.IsNullOrWhiteSpace(screening.Note) ? null : screening.Note.Trim() }, now);
        _db.EventSlotBookings.Add(booking);
        try
        {
            await _db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (IsUniqueViolation(e))
        {
            // Another path took the slot without the lock; the unique index refused this one.
            _db.ChangeTracker.Clear();
            free = EventSlots.Free(slots, (await TakenSlotIdsAsync(eventId, cancellationToken)).Append(slot.Id));
            return free.Count == 0 ? new SlotBookingOutcome.EventFull() : new SlotBookingOutcome.SlotTaken(free);
        }

        await transaction.CommitAsync(cancellationToken);
        _db.Entry(booking).State = EntityState.Detached;
        return new SlotBookingOutcome.Booked(booking, slot, CancelTokenFor(booking.Id));
    }

    /// <summary>
    /// Puts the employee on the waiting list of full event <paramref name="eventId"/> (once per e-mail address; asking
    /// again gives their place).
    /// </summary>
    public async Task<WaitingListOutcome> JoinWaitingListAsync(Guid eventId, string employeeToken, string name, string email, Instant now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(employeeToken);
        if (InvalidPerson(name, email) is { } invalid)
            return new WaitingListOutcome.Invalid(invalid);

        await using var transaction = await BeginEventLockAsync(eventId, cancellationToken);
        var record = await _db.ChairEvents.AsNoTracking().Include(e => e.Therapists).SingleOrDefaultAsync(e => e.Id == eventId, cancellationToken);
        if (!IsEmployeeLink(record, employeeToken))
            return new WaitingListOutcome.NotFound();
        if (ClosedMessage(record!, now) is { } closed)
            return new WaitingListOutcome.Closed(closed);

        var trimmedEmail = email.Trim();
        var active = await ActiveAsync(eventId, cancellationToken);
        if (active.FirstOrDefault(b => string.Equals(b.Email.Trim(), trimmedEmail, StringComparison.OrdinalIgnoreCase)) is { } mine)
            return new WaitingListOutcome.AlreadyBooked(mine.SlotId);
        var free = EventSlots.Free(ToDomain(record!).Slots(Zone(record!)), active.Select(b => Parse(b.SlotId)));
        if (free.Count > 0)
            return new WaitingListOutcome.HasFreeSlots(free);

        var waiting = await WaitingAsync(eventId, cancellationToken);
        var entry = waiting.FirstOrDefault(w => string.Equals(w.Email.Trim(), trimmedEmail, StringComparison.OrdinalIgnoreCase));
        if (entry is null)
        {
            entry = new EventWaitRecord { Id = Guid.NewGuid(), EventId = eventId, Name = name.Trim(), Email = trimmedEmail, JoinedAtUtc = now.ToDateTimeUtc() };
            _db.EventWaitingList.Add(entry);
            await _db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            _db.Entry(entry).State = EntityState.Detached;
            waiting.Add(entry);
        }

        var order = WaitingList.InOrder(waiting.Select(ToEntry));
        var position = order.Select((e, i) => (e, i)).First(x => x.e.Id == entry.Id.ToString()).i + 1;
        return new WaitingListOutcome.Joined(entry, position);
    }

    /// <summary>
    /// Cancels the slot booking whose cancel link holds <paramref name="cancelToken"/>, unless the slot has started,
    /// and gives the freed slot to whoever has waited longest (see <see cref="WaitingList.NextFor"/>) while the sign-up
    /// is open, returning them so they can be told.
    /// </summary>
    public async Task<SlotCancellationOutcome> CancelSlotAsync(string cancelToken, Instant now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cancelToken);
        var hash = Hash(cancelToken);
        var found = await _db.EventSlotBookings.AsNoTracking().Where(b => b.CancelTokenHash == hash).Select(b => new { b.Id, b.EventId }).SingleOrDefaultAsync(cancellationToken);
        if (found is null)
            return new SlotCancellationOutcome.NotFound();

        await using var transaction = await BeginEventLockAsync(found.EventId, cancellationToken);
        var booking = await _db.EventSlotBookings.SingleAsync(b => b.Id == found.Id, cancellationToken);
        if (booking.Status == EventSlotStatus.Cancelled)
            return new SlotCancellationOutcome.AlreadyCancelled(booking);
        if (Instant.FromDateTimeUtc(booking.StartUtc) <= now)
            return new SlotCancellationOutcome.TooLate();
        var record = await _db.ChairEvents.AsNoTracking().Include(e => e.Therapists).SingleAsync(e => e.Id == booking.EventId, cancellationToken);
        if (record.Status == ChairEventStatus.Cancelled)
            return new SlotCancellationOutcome.EventCalledOff();

        booking.Status = EventSlotStatus.Cancelled;
        booking.CancelledAtUtc = now.ToDateTimeUtc();
        await _db.SaveChangesAsync(cancellationToken); // before the slot is booked again: the unique index sees one booked row at a time

        PromotedWaiter? promoted = null;
        if (ClosedMessage(record, now) is null)
        {
            var slot = ToDomain(record).Slots(Zone(record)).Single(s => s.Id.ToString() == booking.SlotId);
            var waiting = await WaitingAsync(record.Id, cancellationToken);
            var active = await ActiveAsync(record.Id, cancellationToken);
            if (WaitingList.NextFor(slot, waiting.Select(ToEntry), active.Select(b => b.Email), now) is { } next)
            {
                var entry = waiting.Single(w => w.Id.ToString() == next.Id);
                var given = NewSlotBooking(record.Id, slot, entry.Name, entry.Email, null, now);
                given.FromWaitingListId = entry.Id;
                _db.EventSlotBookings.Add(given);
                _db.EventWaitingList.Attach(entry);
                entry.PromotedSlotId = booking.SlotId;
                entry.PromotedBookingId = given.Id;
                entry.PromotedAtUtc = now.ToDateTimeUtc();
                await _db.SaveChangesAsync(cancellationToken);
                promoted = new PromotedWaiter(entry, given, slot, CancelTokenFor(given.Id));
            }
        }

        await transaction.CommitAsync(cancellationToken);
        _db.ChangeTracker.Clear();
        return new SlotCancellationOutcome.Cancelled(booking, promoted);
    }

    /// <summary>
    /// Records the screening answers of the slot booking whose cancel link holds <paramref name="cancelToken"/> (for
    /// someone given a slot from the waiting list, who has not answered yet, or who wants to change an answer). False
    /// when there is no such booked slot.
    /// </summary>
    public async Task<bool> AnswerScreeningAsync(string cancelToken, EventScreening screening, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cancelToken);
        ArgumentNullException.ThrowIfNull(screening);
        if (screening.Note?.Length > EventScreening.MaxNote)
            return false;
        var hash = Hash(cancelToken);
        var booking = await _db.EventSlotBookings.SingleOrDefaultAsync(b => b.CancelTokenHash == hash && b.Status == EventSlotStatus.Booked, cancellationToken);
        if (booking is null)
            return false;
        booking.Screening = screening;
        await _db.SaveChangesAsync(cancellationToken);
        _db.Entry(booking).State = EntityState.Detached;
        return true;
    }

    /// <summary>The slot booking whose cancel link holds <paramref name="cancelToken"/> and its event (for the cancel page to show), or null.</summary>
    public async Task<(EventSlotBookingRecord Booking, ChairEventRecord Event)?> SlotByCancelTokenAsync(string cancelToken, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cancelToken);
        var hash = Hash(cancelToken);
        var booking = await _db.EventSlotBookings.AsNoTracking().SingleOrDefaultAsync(b => b.CancelTokenHash == hash, cancellationToken);
        if (booking is null)
            return null;
        var record = await _db.ChairEvents.AsNoTracking().SingleAsync(e => e.Id == booking.EventId, cancellationToken);
        return (booking, record);
    }

    /// <summary>Closes the sign-up of the event whose roster link holds <paramref name="rosterToken"/> as of <paramref name="now"/> (again: no change). False when there is no such event.</summary>
    public async Task<bool> CloseSignUpAsync(string rosterToken, Instant now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rosterToken);
        var hash = Hash(rosterToken);
        var record = await _db.ChairEvents.SingleOrDefaultAsync(e => e.RosterTokenHash == hash, cancellationToken);
        if (record is null)
            return false;
        record.SignUpClosedAtUtc ??= now.ToDateTimeUtc();
        await _db.SaveChangesAsync(cancellationToken);
        _db.Entry(record).State = EntityState.Detached;
        return true;
    }

    /// <summary>
    /// The roster of the event whose roster link holds <paramref name="rosterToken"/>: the booked slots with the
    /// employees' names and times only (never their e-mail addresses or screening answers); null when there is no such
    /// event.
    /// </summary>
    public async Task<EventRoster?> RosterAsync(string rosterToken, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rosterToken);
        var hash = Hash(rosterToken);
        var record = await _db.ChairEvents.AsNoTracking().Include(e => e.Therapists).SingleOrDefaultAsync(e => e.RosterTokenHash == hash, cancellationToken);
        if (record is null || record.Therapists.Count == 0)
            return null;
        var zone = Zone(record);
        var rows = await _db.EventSlotBookings.AsNoTracking()
            .Where(b => b.EventId == record.Id && b.Status == EventSlotStatus.Booked)
            .Select(b => new { b.Chair, b.SlotId, b.StartUtc, b.EndUtc, b.Name })
            .ToListAsync(cancellationToken);
        var lines = rows
            .Select(b => new RosterLine(b.Chair, b.SlotId, Instant.FromDateTimeUtc(b.StartUtc).InZone(zone), Instant.FromDateTimeUtc(b.EndUtc).InZone(zone), b.Name))
            .OrderBy(l => l.Start.ToInstant()).ThenBy(l => l.Chair)
            .ToList();
        return new EventRoster(
            record.Id, record.Company, LocalDate.FromDateOnly(record.Date), LocalTime.FromTimeOnly(record.Start), LocalTime.FromTimeOnly(record.End),
            ToDomain(record).Slots(zone).Count, record.SignUpClosedAtUtc is not null, lines, record.Status == ChairEventStatus.Cancelled);
    }

    /// <summary>
    /// Records whether the employee of slot booking <paramref name="slotBookingId"/> came (<see cref="Attendance.NotRecorded"/>
    /// clears it), once the slot has started as of <paramref name="now"/>. With <paramref name="therapistId"/>, only a
    /// booking at that therapist's chair is found (a therapist records their own chair; the owner passes null).
    /// </summary>
    public async Task<AttendanceOutcome> RecordAttendanceAsync(Guid slotBookingId, Attendance attendance, Instant now, string? therapistId = null, CancellationToken cancellationToken = default)
    {
        var booking = await _db.EventSlotBookings.SingleOrDefaultAsync(b => b.Id == slotBookingId, cancellationToken);
        if (booking is null)
            return new AttendanceOutcome.NotFound();
        if (therapistId is not null
            && !await _db.EventTherapists.AnyAsync(t => t.EventId == booking.EventId && t.Chair == booking.Chair && t.TherapistId == therapistId, cancellationToken))
        {
            return new AttendanceOutcome.NotFound();
        }

        if (booking.Status == EventSlotStatus.Cancelled)
            return new AttendanceOutcome.Cancelled();
        var eventStatus = await _db.ChairEvents.Where(e => e.Id == booking.EventId).Select(e => e.Status).SingleAsync(cancellationToken);
        if (eventStatus != ChairEventStatus.Confirmed)
            return new AttendanceOutcome.EventOver(eventStatus);
        if (Instant.FromDateTimeUtc(booking.StartUtc) > now)
            return new AttendanceOutcome.NotYet();
        booking.Attendance = attendance == Attendance.NotRecorded ? null : attendance;
        await _db.SaveChangesAsync(cancellationToken);
        _db.Entry(booking).State = EntityState.Detached;
        return new AttendanceOutcome.Recorded(booking);
    }

    /// <summary>The booked slots of event <paramref name="eventId"/> with the employees' names, e-mail addresses and screening answers, for the therapists and the owner.</summary>
    public Task<List<EventSlotBookingRecord>> SlotBookingsAsync(Guid eventId, CancellationToken cancellationToken = default) =>
        _db.EventSlotBookings.AsNoTracking()
            .Where(b => b.EventId == eventId && b.Status == EventSlotStatus.Booked)
            .OrderBy(b => b.StartUtc).ThenBy(b => b.Chair)
            .ToListAsync(cancellationToken);

    /// <summary>The figures of confirmed event <paramref name="eventId"/> (see <see cref="EventSummary.For"/>), or null when there is no such confirmed event.</summary>
    public async Task<EventSummary?> SummaryAsync(Guid eventId, PracticeSetup setup, ITravelTimes travel, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(setup);
        ArgumentNullException.ThrowIfNull(travel);
        var record = await GetAsync(eventId, cancellationToken);
        if (record is null || record.Therapists.Count == 0)
            return null;
        var taken = await _db.EventSlotBookings.AsNoTracking()
            .Where(b => b.EventId == eventId && b.Status == EventSlotStatus.Booked)
            .Select(b => new { b.SlotId, b.Attendance })
            .ToListAsync(cancellationToken);
        var domain = ToDomain(record);
        var zone = Zone(record);

        // The slot grid comes from the event as stored (its own time zone), as the employees saw it.
        return EventSummary.For(domain, setup with { TimeZone = zone }, travel, taken.Select(t => new TakenSlot(Parse(t.SlotId), t.Attendance ?? Attendance.NotRecorded)));
    }

    /// <summary>The confirmed (or held and closed) events that overlap <paramref name="from"/> to <paramref name="to"/>, as the domain sees them, in time order.</summary>
    public async Task<IReadOnlyList<ChairEvent>> ConfirmedBetweenAsync(Instant from, Instant to, CancellationToken cancellationToken = default)
    {
        var rows = await _db.ConfirmedBetween(from, to).ToListAsync(cancellationToken);
        return [.. rows.OrderBy(e => e.StartUtc).Select(e => ToDomain(e))];
    }

    /// <summary>Whether <paramref name="token"/> is the token whose hash is <paramref name="storedHash"/> (compared in constant time).</summary>
    public static bool TokenMatches(string? storedHash, string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return storedHash is not null && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(token)), Encoding.ASCII.GetBytes(storedHash));
    }

    /// <summary>
    /// The cancel token of slot booking <paramref name="slotBookingId"/>: HMAC-SHA256 under the master key's
    /// booking-token key (apart from visits' tokens), base64url. It can be made again from the id (for a reminder's
    /// link) but not without the master key; only its hash is stored.
    /// </summary>
    public string CancelTokenFor(Guid slotBookingId)
    {
        byte[] message = [.. "chair-event-slot:"u8, .. slotBookingId.ToByteArray()];
        return Base64Url.EncodeToString(HMACSHA256.HashData(_tokenKey, message));
    }

    /// <summary>The event as the domain sees it, with <paramref name="therapistIds"/> at the chairs (its stored therapists by default).</summary>
    internal static ChairEvent ToDomain(ChairEventRecord record, IReadOnlyList<string>? therapistIds = null) => new()
    {
        Id = record.Id.ToString(),
        Zip = record.Zip,
        Date = LocalDate.FromDateOnly(record.Date),
        Start = LocalTime.FromTimeOnly(record.Start),
        End = LocalTime.FromTimeOnly(record.End),
        SlotMinutes = record.SlotMinutes,
        TherapistIds = therapistIds ?? [.. record.Therapists.OrderBy(t => t.Chair).Select(t => t.TherapistId)],
    };

    private static DateTimeZone Zone(ChairEventRecord record) =>
        DateTimeZoneProviders.Tzdb.GetZoneOrNull(record.TimeZone) ?? throw new InvalidOperationException($"Event {record.Id} has an unknown time zone '{record.TimeZone}'.");

    private static bool IsEmployeeLink(ChairEventRecord? record, string token) =>
        record is not null && record.Therapists.Count > 0 && record.Status is ChairEventStatus.Confirmed or ChairEventStatus.Closed or ChairEventStatus.Cancelled
        && TokenMatches(record.EmployeeTokenHash, token);

    /// <summary>Why employees can no longer book or wait for a slot of <paramref name="record"/> as of <paramref name="now"/>, or null while they can.</summary>
    private static string? ClosedMessage(ChairEventRecord record, Instant now) =>
        record.Status == ChairEventStatus.Cancelled ? "This event has been called off."
        : record.Status != ChairEventStatus.Confirmed ? "This event has already taken place."
        : record.SignUpClosedAtUtc is not null ? "The sign-up for this event is closed."
        : Instant.FromDateTimeUtc(record.StartUtc) <= now ? "This event has started; slots can no longer be booked."
        : null;

    private static string? InvalidPerson(string? name, string? email)
    {
        if (string.IsNullOrWhiteSpace(name) || string.IsNullOrWhiteSpace(email))
            return "Give your name and e-mail address.";
        if (name.Length > FieldLimits.Name || email.Length > FieldLimits.Email)
            return $"A name may have {FieldLimits.Name} characters and an e-mail address {FieldLimits.Email}.";
        if (name.Any(char.IsControl) || email.Any(char.IsControl))
            return "Write your name and e-mail address on one line.";
        var e = email.Trim();
        var at = e.IndexOf('@', StringComparison.Ordinal);
        var dot = e.LastIndexOf('.');
        return at <= 0 || at != e.LastIndexOf('@') || dot < at + 2 || dot == e.Length - 1 || e.Any(char.IsWhiteSpace)
            ? $"'{e}' is not an e-mail address; write it as name@example.com."
            : null;
    }

    private EventSlotBookingRecord NewSlotBooking(Guid eventId, EventSlot slot, string name, string email, EventScreening? screening, Instant now)
    {
        var id = Guid.NewGuid();
        return new EventSlotBookingRecord
        {
            Id = id,
            EventId = eventId,
            SlotId = slot.Id.ToString(),
            Chair = slot.Chair,
            StartUtc = slot.Start.ToInstant().ToDateTimeUtc(),
            EndUtc = slot.End.ToInstant().ToDateTimeUtc(),
            Name = name,
            Email = email,
            Screening = screening,
            CancelTokenHash = Hash(CancelTokenFor(id)),
            Status = EventSlotStatus.Booked,
            CreatedAtUtc = now.ToDateTimeUtc(),
        };
    }

    private Task<List<EventSlotBookingRecord>> ActiveAsync(Guid eventId, CancellationToken cancellationToken) =>
        _db.EventSlotBookings.AsNoTracking().Where(b => b.EventId == eventId && b.Status == EventSlotStatus.Booked).ToListAsync(cancellationToken);

    private async Task<List<EventSlotId>> TakenSlotIdsAsync(Guid eventId, CancellationToken cancellationToken) =>
        [.. (await _db.EventSlotBookings.AsNoTracking()
            .Where(b => b.EventId == eventId && b.Status == EventSlotStatus.Booked)
            .Select(b => b.SlotId)
            .ToListAsync(cancellationToken)).Select(Parse)];

    private Task<List<EventWaitRecord>> WaitingAsync(Guid eventId, CancellationToken cancellationToken) =>
        _db.EventWaitingList.AsNoTracking().Where(w => w.EventId == eventId && w.PromotedBookingId == null).ToListAsync(cancellationToken);

    private static WaitingEntry ToEntry(EventWaitRecord w) => new(w.Id.ToString(), w.Email, Instant.FromDateTimeUtc(w.JoinedAtUtc));

    private static EventSlotId Parse(string slotId) =>
        EventSlotId.TryParse(slotId, out var id) ? id : throw new InvalidOperationException($"A stored slot id '{slotId}' does not read.");

    /// <summary>A transaction no other change to the slots of event <paramref name="eventId"/> runs beside.</summary>
    private Task<SerializedTransaction> BeginEventLockAsync(Guid eventId, CancellationToken cancellationToken) =>
        SerializedTransaction.BeginAsync(_db, $"SELECT 1 FROM \"ChairEvents\" WHERE \"Id\" = {eventId} FOR UPDATE", cancellationToken);

    private static bool IsUniqueViolation(DbUpdateException e) => e.InnerException switch
    {
        PostgresException p => p.SqlState == PostgresErrorCodes.UniqueViolation,
        SqliteException s => s.SqliteErrorCode == 19, // SQLITE_CONSTRAINT
        _ => false,
    };

    private static string NewToken() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    private static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}

/// <summary>Queries over events that the booking side shares: confirmed events as the scheduler's busy time.</summary>
public static class ChairEventQueries
{
    // Busy time around a visit or an event (setup, pack-up, the drive) stays inside one working day: three days either
    // side, as BookingStore reads visits.
    private static readonly Duration Neighbourhood = Duration.FromDays(3);

    /// <summary>
    /// The busy time of the confirmed (and held) events overlapping <paramref name="from"/> to <paramref name="to"/>:
    /// one booking per therapist per event, with the id <see cref="ChairEvent.BusyTimeId"/>, from the event's start to
    /// its end as stored (what <see cref="ChairEvent.BusyTime"/> gives for the time zone it was confirmed in). Give it
    /// to the scheduler beside the visits.
    /// </summary>
    public static async Task<List<ExistingBooking>> ChairEventBusyTimeAsync(this KnotworkDbContext db, Instant from, Instant to, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var rows = await db.ConfirmedBetween(from, to).ToListAsync(cancellationToken);
        return
        [
            .. rows.SelectMany(e => e.Therapists.OrderBy(t => t.Chair).Select(t => t.TherapistId).Distinct(StringComparer.Ordinal)
                .Select(t => new ExistingBooking(ChairEvent.BusyTimeId(e.Id.ToString(), t), t, e.Zip, Instant.FromDateTimeUtc(e.StartUtc), Instant.FromDateTimeUtc(e.EndUtc)))),
        ];
    }

    /// <summary>The visits and events' busy time near <paramref name="start"/> to <paramref name="end"/> (three days either side), as the scheduler sees them.</summary>
    internal static async Task<List<ExistingBooking>> BusyTimeAroundAsync(this KnotworkDbContext db, Instant start, Instant end, CancellationToken cancellationToken)
    {
        var from = start - Neighbourhood;
        var to = end + Neighbourhood;
        var fromUtc = from.ToDateTimeUtc();
        var toUtc = to.ToDateTimeUtc();
        var rows = await db.Bookings.AsNoTracking()
            .Where(b => b.Status == BookingStatus.Booked && b.StartUtc < toUtc && b.EndUtc > fromUtc)
            .Select(b => new { b.Id, b.TherapistId, b.Zip, b.StartUtc, b.EndUtc })
            .ToListAsync(cancellationToken);
        return
        [
            .. rows.Select(b => new ExistingBooking(b.Id.ToString(), b.TherapistId, b.Zip, Instant.FromDateTimeUtc(b.StartUtc), Instant.FromDateTimeUtc(b.EndUtc))),
            .. await db.ChairEventBusyTimeAsync(from, to, cancellationToken),
        ];
    }

    internal static IQueryable<ChairEventRecord> ConfirmedBetween(this KnotworkDbContext db, Instant from, Instant to)
    {
        var fromUtc = from.ToDateTimeUtc();
        var toUtc = to.ToDateTimeUtc();
        return db.ChairEvents.AsNoTracking().Include(e => e.Therapists)
            .Where(e => (e.Status == ChairEventStatus.Confirmed || e.Status == ChairEventStatus.Closed) && e.StartUtc < toUtc && e.EndUtc > fromUtc);
    }
}
