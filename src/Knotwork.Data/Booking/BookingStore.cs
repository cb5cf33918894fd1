using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Knotwork.Data.Entities;
using Knotwork.Data.Events;
using Knotwork.Data.Protection;
using Knotwork.Domain.Booking;
using Knotwork.Domain.Practice;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Npgsql;

namespace Knotwork.Data.Booking;

/// <summary>A client's request to book, as the API or a page received it.</summary>
/// <param name="ServiceId">The service.</param>
/// <param name="Zip">The ZIP of the visit (five digits or ZIP+4).</param>
/// <param name="Start">The chosen start.</param>
/// <param name="Name">The client's name.</param>
/// <param name="Email">The client's e-mail address.</param>
/// <param name="Phone">The client's phone number.</param>
/// <param name="Address">The street address of the visit.</param>
/// <param name="TherapistId">The chosen therapist, or null for whoever can come.</param>
/// <param name="Notes">The client's notes, or null.</param>
/// <param name="ClientId">The client's record, when they have one.</param>
/// <param name="IdempotencyKey">The request's Idempotency-Key, or null: a retry with the same key gets the same answer and books once.</param>
/// <param name="SetupVersion">The version of the stored practice setup the scheduler was built from, or null: when given, the booking is refused (<see cref="BookingProblem.SetupChanged"/>) if the setup changed before the booking lock was taken, so time off saved meanwhile is never booked over.</param>
public sealed record BookingRequest(
    string ServiceId,
    string Zip,
    Instant Start,
    string Name,
    string Email,
    string Phone,
    string Address,
    string? TherapistId = null,
    string? Notes = null,
    Guid? ClientId = null,
    string? IdempotencyKey = null,
    int? SetupVersion = null);

/// <summary>What became of a booking request; each case maps to one HTTP answer.</summary>
public abstract record BookingOutcome
{
    private BookingOutcome()
    {
    }

    /// <summary>Booked (201), or booked before under the same Idempotency-Key (<paramref name="Replayed"/>: the same answer again).</summary>
    /// <param name="Booking">The booking.</param>
    /// <param name="ManageToken">The private token for the client's link to change or cancel it.</param>
    /// <param name="Replayed">Whether this answers a retry and nothing new was booked.</param>
    public sealed record Created(BookingRecord Booking, string ManageToken, bool Replayed) : BookingOutcome;

    /// <summary>The time could have been offered but is no longer free (409), with the nearest free times for the same service and ZIP.</summary>
    /// <param name="Rejection">Why.</param>
    /// <param name="NearestFree">Up to five free starts nearest the one asked for.</param>
    public sealed record Conflict(BookingRejection Rejection, IReadOnlyList<Slot> NearestFree) : BookingOutcome;

    /// <summary>The time was never offerable to this client (422): out of area, outside hours, too soon, malformed input...</summary>
    /// <param name="Rejection">Why.</param>
    public sealed record NotOfferable(BookingRejection Rejection) : BookingOutcome;

    /// <summary>The Idempotency-Key was used before for a different request (422).</summary>
    /// <param name="Message">What to do.</param>
    public sealed record KeyReused(string Message) : BookingOutcome;
}

/// <summary>What became of a cancellation; each case maps to one HTTP answer.</summary>
public abstract record CancellationOutcome
{
    private CancellationOutcome()
    {
    }

    /// <summary>Cancelled (200): the time is free again (also when it was cancelled before: <paramref name="AlreadyCancelled"/>).</summary>
    /// <param name="Booking">The booking.</param>
    /// <param name="AlreadyCancelled">Whether an earlier request cancelled it.</param>
    public sealed record Cancelled(BookingRecord Booking, bool AlreadyCancelled) : CancellationOutcome;

    /// <summary>Inside the cancellation window (409): the client must contact the practice.</summary>
    /// <param name="Message">What to tell the client.</param>
    /// <param name="LateCancellationFee">The fee the practice may charge (recorded, not charged).</param>
    public sealed record TooLate(string Message, decimal LateCancellationFee) : CancellationOutcome;

    /// <summary>No booking with that id and token (404): the same answer for both, so a guess learns nothing.</summary>
    public sealed record NotFound : CancellationOutcome;
}

/// <summary>What became of staff moving a booking to another therapist.</summary>
public abstract record MoveOutcome
{
    private MoveOutcome()
    {
    }

    /// <summary>Moved: <paramref name="Booking"/> now has the new therapist, at the same time and price.</summary>
    /// <param name="Booking">The booking as saved.</param>
    /// <param name="FromTherapistId">The therapist who had it before.</param>
    public sealed record Moved(BookingRecord Booking, string FromTherapistId) : MoveOutcome;

    /// <summary>The new therapist gives the service there and works then, but is busy: another visit, the drive, or time off.</summary>
    /// <param name="Rejection">Why, in the scheduler's words.</param>
    public sealed record Conflict(BookingRejection Rejection) : MoveOutcome;

    /// <summary>The new therapist could never take it: they do not give the service or visit the area, do not work then, or the visit has started.</summary>
    /// <param name="Rejection">Why, in the scheduler's words.</param>
    public sealed record NotOfferable(BookingRejection Rejection) : MoveOutcome;

    /// <summary>No booking with that id.</summary>
    public sealed record NotFound : MoveOutcome;

    /// <summary>The booking was cancelled: there is no visit to move.</summary>
    public sealed record Cancelled : MoveOutcome;
}

/// <summary>What became of staff cancelling a booking.</summary>
public abstract record StaffCancellationOutcome
{
    private StaffCancellationOutcome()
    {
    }

    /// <summary>Cancelled: the time is free again.</summary>
    /// <param name="Booking">The booking as saved.</param>
    /// <param name="InsideWindow">
    /// Whether it was cancelled inside <see cref="BookingPolicies.CancellationWindow"/> of its start (or after it), when
    /// the client could no longer have cancelled online and the late-cancellation fee may apply. No column keeps this:
    /// the caller records it in the audit entry.
    /// </param>
    /// <param name="LateCancellationFee">The fee that may be recorded when <paramref name="InsideWindow"/>, else 0.</param>
    public sealed record Cancelled(BookingRecord Booking, bool InsideWindow, decimal LateCancellationFee) : StaffCancellationOutcome;

    /// <summary>It was cancelled before; nothing changed.</summary>
    /// <param name="Booking">The booking.</param>
    public sealed record AlreadyCancelled(BookingRecord Booking) : StaffCancellationOutcome;

    /// <summary>No booking with that id.</summary>
    public sealed record NotFound : StaffCancellationOutcome;
}

/// <summary>
/// Books and cancels visits. A booking is checked with <see cref="Scheduler.Check"/> against the bookings stored
/// at that moment, inside a transaction that serializes every booking of the practice, so two requests for the same
/// therapist and time never both succeed and the travel between visits is re-checked with the last word: SQLite
/// takes the database's write lock before reading (BEGIN IMMEDIATE); PostgreSQL takes a transaction-scoped advisory
/// lock. The unique Idempotency-Key is looked up under the same lock, so a retried request finds its booking.
/// </summary>
public sealed class BookingStore
{
    /// <summary>The advisory lock every booking transaction on PostgreSQL takes (an arbitrary constant: "knotwork booking").</summary>
    internal const long PostgresBookingLock = 0x4B6E6F74_426F6F6B;

    private const int NearestCount = 5;

    private readonly KnotworkDbContext _db;
    private readonly byte[] _tokenKey;

    public BookingStore(KnotworkDbContext db, MasterKey key)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(key);
        _db = db;
        _tokenKey = key.BookingTokenKey();
    }

    /// <summary>Books <paramref name="request"/> as of <paramref name="now"/> if <paramref name="scheduler"/> finds the time free.</summary>
    public async Task<BookingOutcome> BookAsync(Scheduler scheduler, BookingRequest request, Instant now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scheduler);
        ArgumentNullException.ThrowIfNull(request);
        if (Invalid(request) is { } invalid)
            return new BookingOutcome.NotOfferable(new BookingRejection(BookingProblem.InvalidRequest, invalid));

        await using var transaction = await BeginSerializedAsync(cancellationToken);
        if (request.IdempotencyKey is { } key)
        {
            var earlier = await _db.Bookings.AsNoTracking().SingleOrDefaultAsync(b => b.IdempotencyKey == key, cancellationToken);
            if (earlier is not null)
            {
                return SameRequest(earlier, request)
                    ? new BookingOutcome.Created(earlier, TokenFor(earlier.Id), Replayed: true)
                    : new BookingOutcome.KeyReused("This Idempotency-Key was used for another booking; send a new key for a new request.");
            }
        }

        if (request.SetupVersion is { } version && await CurrentSetupVersionAsync(cancellationToken) != version)
            return new BookingOutcome.Conflict(new BookingRejection(BookingProblem.SetupChanged, SetupChangedMessage), []);

        var existing = await BookedAroundAsync(request.Start, cancellationToken);
        var proposal = new BookingProposal(request.ServiceId, request.Zip, request.Start, request.TherapistId);
        switch (scheduler.Check(proposal, now, existing))
        {
            case SlotCheck.Free(var slot):
                var id = Guid.NewGuid();
                var token = TokenFor(id);
                var booking = new BookingRecord
                {
                    Id = id,
                    ServiceId = request.ServiceId,
                    TherapistId = slot.TherapistId,
                    ClientId = request.ClientId,
                    Status = BookingStatus.Booked,
                    StartUtc = slot.Start.ToInstant().ToDateTimeUtc(),
                    EndUtc = slot.End.ToInstant().ToDateTimeUtc(),
                    Zip = ZipCodes.Normalize(request.Zip)!,
                    Address = request.Address.Trim(),
                    Name = request.Name.Trim(),
                    Email = request.Email.Trim(),
                    Phone = request.Phone.Trim(),
                    Notes = string.IsNullOrWhiteSpace(request.Notes) ? null : request.Notes.Trim(),
                    Price = slot.Price,
                    ManageTokenHash = Hash(token),
                    IdempotencyKey = request.IdempotencyKey,
                    CreatedAtUtc = now.ToDateTimeUtc(),
                };
                _db.Bookings.Add(booking);
                try
                {
                    await _db.SaveChangesAsync(cancellationToken);
                }
                catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.ExclusionViolation })
                {
                    // Another path wrote an overlapping booking without the lock; the database refused this one.
                    _db.ChangeTracker.Clear();
                    return new BookingOutcome.Conflict(new BookingRejection(BookingProblem.Taken, "That time has just been booked."), Nearest(scheduler, request, now, existing));
                }

                await transaction.CommitAsync(cancellationToken);
                _db.Entry(booking).State = EntityState.Detached;
                return new BookingOutcome.Created(booking, token, Replayed: false);
            case SlotCheck.Rejected(var rejection) when rejection.IsConflict:
                return new BookingOutcome.Conflict(rejection, Nearest(scheduler, request, now, existing));
            case SlotCheck.Rejected(var rejection):
                return new BookingOutcome.NotOfferable(rejection);
            default:
                throw new InvalidOperationException("Unknown slot check.");
        }
    }

    /// <summary>
    /// Cancels booking <paramref name="id"/> for the holder of its manage <paramref name="token"/>, unless it starts
    /// within <see cref="BookingPolicies.CancellationWindow"/> of <paramref name="now"/>.
    /// </summary>
    public async Task<CancellationOutcome> CancelAsync(Guid id, string token, BookingPolicies policies, Instant now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(token);
        ArgumentNullException.ThrowIfNull(policies);
        var booking = await _db.Bookings.SingleOrDefaultAsync(b => b.Id == id, cancellationToken);
        if (booking is null || !TokenMatches(booking, token))
            return new CancellationOutcome.NotFound();
        if (booking.Status == BookingStatus.Cancelled)
            return new CancellationOutcome.Cancelled(booking, AlreadyCancelled: true);

        if (OnlineCancellation.Refusal(policies, Instant.FromDateTimeUtc(booking.StartUtc), now) is { } refusal)
            return new CancellationOutcome.TooLate(refusal, policies.LateCancellationFee);

        booking.Status = BookingStatus.Cancelled;
        booking.CancelledAtUtc = now.ToDateTimeUtc();
        await _db.SaveChangesAsync(cancellationToken);
        return new CancellationOutcome.Cancelled(booking, AlreadyCancelled: false);
    }

    /// <summary>
    /// Moves booking <paramref name="id"/> to therapist <paramref name="newTherapistId"/> at the same time, if
    /// <see cref="Scheduler.CheckHandover"/> finds that they can take it beside their other visits that day (the drive
    /// to and from them, working hours, time off), ignoring the booking itself. Checked and saved under the same
    /// serialized transaction as <see cref="BookAsync"/>, so a client cannot book the new therapist's time meanwhile.
    /// Staff are not bound by the client's minimum notice (a visit can be handed over the same morning), but a visit
    /// that has started cannot be moved. The price stays the one quoted to the client.
    /// </summary>
    /// <remarks>
    /// With <paramref name="setupVersion"/> (the stored setup version <paramref name="scheduler"/> was built from), the
    /// move is refused with <see cref="BookingProblem.SetupChanged"/> when the setup changed since: time off saved
    /// meanwhile is never moved onto.
    /// </remarks>
    public async Task<MoveOutcome> MoveAsync(Guid id, string newTherapistId, Scheduler scheduler, Instant now, int? setupVersion = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(newTherapistId);
        ArgumentNullException.ThrowIfNull(scheduler);
        if (newTherapistId.Length is 0 or > FieldLimits.SetupId)
            return new MoveOutcome.NotOfferable(new BookingRejection(BookingProblem.UnknownTherapist, "Choose a therapist."));

        await using var transaction = await BeginSerializedAsync(cancellationToken);
        var booking = await _db.Bookings.SingleOrDefaultAsync(b => b.Id == id, cancellationToken);
        if (booking is null)
            return new MoveOutcome.NotFound();
        if (booking.Status == BookingStatus.Cancelled)
            return new MoveOutcome.Cancelled();
        var from = booking.TherapistId;
        if (string.Equals(from, newTherapistId, StringComparison.Ordinal))
            return new MoveOutcome.NotOfferable(new BookingRejection(BookingProblem.InvalidRequest, "The visit is already with that therapist."));

        if (setupVersion is { } version && await CurrentSetupVersionAsync(cancellationToken) != version)
            return new MoveOutcome.Conflict(new BookingRejection(BookingProblem.SetupChanged, SetupChangedMessage));

        var start = Instant.FromDateTimeUtc(booking.StartUtc);
        var others = (await BookedAroundAsync(start, cancellationToken)).Where(b => b.Id != booking.Id.ToString()).ToList();
        switch (scheduler.CheckHandover(new BookingProposal(booking.ServiceId, booking.Zip, start, newTherapistId), now, others))
        {
            case SlotCheck.Free(var slot) when slot.End.ToInstant() == Instant.FromDateTimeUtc(booking.EndUtc):
                booking.TherapistId = slot.TherapistId;
                try
                {
                    await _db.SaveChangesAsync(cancellationToken);
                }
                catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.ExclusionViolation })
                {
                    _db.ChangeTracker.Clear();
                    return new MoveOutcome.Conflict(new BookingRejection(BookingProblem.Taken, "That therapist has just been booked at that time."));
                }

                await transaction.CommitAsync(cancellationToken);
                _db.Entry(booking).State = EntityState.Detached;
                return new MoveOutcome.Moved(booking, from);
            case SlotCheck.Free:
                // The service's length changed in the setup since it was booked: the visit as booked is not what the check passed.
                return new MoveOutcome.NotOfferable(new BookingRejection(BookingProblem.InvalidRequest, "The session's length has changed since this visit was booked; cancel it and book it again."));
            case SlotCheck.Rejected(var rejection) when rejection.IsConflict:
                return new MoveOutcome.Conflict(rejection);
            case SlotCheck.Rejected(var rejection):
                return new MoveOutcome.NotOfferable(rejection);
            default:
                throw new InvalidOperationException("Unknown slot check.");
        }
    }

    /// <summary>
    /// Cancels booking <paramref name="id"/> for staff, at any time (also inside the cancellation window, when a client
    /// must ask the practice), and says whether it was inside <see cref="BookingPolicies.CancellationWindow"/> of the
    /// start as of <paramref name="now"/>, with the late-cancellation fee that may then be recorded.
    /// </summary>
    public async Task<StaffCancellationOutcome> CancelByStaffAsync(Guid id, BookingPolicies policies, Instant now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(policies);
        var booking = await _db.Bookings.SingleOrDefaultAsync(b => b.Id == id, cancellationToken);
        if (booking is null)
            return new StaffCancellationOutcome.NotFound();
        if (booking.Status == BookingStatus.Cancelled)
            return new StaffCancellationOutcome.AlreadyCancelled(booking);

        var inside = OnlineCancellation.Refusal(policies, Instant.FromDateTimeUtc(booking.StartUtc), now) is not null;
        booking.Status = BookingStatus.Cancelled;
        booking.CancelledAtUtc = now.ToDateTimeUtc();
        await _db.SaveChangesAsync(cancellationToken);
        _db.Entry(booking).State = EntityState.Detached;
        return new StaffCancellationOutcome.Cancelled(booking, inside, inside ? policies.LateCancellationFee : 0m);
    }

    /// <summary>Whether <paramref name="token"/> is the manage token of <paramref name="booking"/> (compared in constant time).</summary>
    public static bool TokenMatches(BookingRecord booking, string token)
    {
        ArgumentNullException.ThrowIfNull(booking);
        ArgumentNullException.ThrowIfNull(token);
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(token)), Encoding.ASCII.GetBytes(booking.ManageTokenHash));
    }

    /// <summary>
    /// The bookings that still hold their time near <paramref name="start"/>, and the busy time of confirmed chair
    /// events there (see <see cref="Events.ChairEventQueries.ChairEventBusyTimeAsync"/>), as the scheduler sees them.
    /// </summary>
    private Task<List<ExistingBooking>> BookedAroundAsync(Instant start, CancellationToken cancellationToken) =>
        _db.BusyTimeAroundAsync(start, start, cancellationToken);

    /// <summary>The free starts nearest the one asked for, on its day and the days either side.</summary>
    private static List<Slot> Nearest(Scheduler scheduler, BookingRequest request, Instant now, List<ExistingBooking> existing)
    {
        // The UTC date is within a day of the practice's local date: two days either side cover the local day and its neighbours.
        var day = request.Start.InUtc().Date.PlusDays(-2);
        var offered = scheduler.Availability(new AvailabilityRequest(request.ServiceId, request.Zip, day, 5), now, existing);
        return [.. offered.Slots
            .Where(s => request.TherapistId is null || s.TherapistId == request.TherapistId)
            .OrderBy(s => Math.Abs((s.Start.ToInstant() - request.Start).TotalMinutes))
            .ThenBy(s => s.Start.ToInstant())
            .Take(NearestCount)];
    }

    /// <summary>
    /// Runs <paramref name="work"/> in the booking transaction, so no visit is booked while it runs, and commits what it
    /// saved: for changes to the practice setup that must not race a booking (time off checked against the visits,
    /// then saved). Bookings made with the setup version read before such a change are refused (see
    /// <see cref="BookingRequest.SetupVersion"/>).
    /// </summary>
    public async Task<T> UnderBookingLockAsync<T>(Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        await using var transaction = await BeginSerializedAsync(cancellationToken);
        var result = await work(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    /// <summary>What a client is told when the setup changed while they booked.</summary>
    public const string SetupChangedMessage = "The practice changed its hours or services just now, so this time has to be checked again. Please choose it again.";

    private Task<int?> CurrentSetupVersionAsync(CancellationToken cancellationToken) =>
        _db.PracticeSetups.AsNoTracking().Where(p => p.Id == PracticeSetupRecord.CurrentId).Select(p => (int?)p.Version).SingleOrDefaultAsync(cancellationToken);

    /// <summary>A transaction no other booking transaction of this practice runs beside; rolled back unless committed.</summary>
    private Task<SerializedTransaction> BeginSerializedAsync(CancellationToken cancellationToken) => BeginSerializedAsync(_db, cancellationToken);

    /// <summary>The booking transaction on <paramref name="db"/>: chair events are confirmed under it too, so a visit and an event are never booked over each other at once.</summary>
    internal static Task<SerializedTransaction> BeginSerializedAsync(KnotworkDbContext db, CancellationToken cancellationToken) =>
        SerializedTransaction.BeginAsync(db, $"SELECT pg_advisory_xact_lock({PostgresBookingLock})", cancellationToken);

    private static bool SameRequest(BookingRecord earlier, BookingRequest request) =>
        earlier.ServiceId == request.ServiceId
        && earlier.Zip == ZipCodes.Normalize(request.Zip)
        && Instant.FromDateTimeUtc(earlier.StartUtc) == request.Start
        && (request.TherapistId is null || earlier.TherapistId == request.TherapistId);

    private static string? Invalid(BookingRequest r)
    {
        static bool Missing(string? s) => string.IsNullOrWhiteSpace(s);
        if (Missing(r.Name) || Missing(r.Email) || Missing(r.Phone) || Missing(r.Address))
            return "Give your name, e-mail address, phone number and the street address of the visit.";
        if (r.Name.Length > FieldLimits.Name || r.Email.Length > FieldLimits.Email || r.Phone.Length > FieldLimits.Phone
            || r.Address.Length > FieldLimits.AddressLine || r.Notes?.Length > FieldLimits.BookingNotes)
        {
            return $"A field is too long: a name may have {FieldLimits.Name} characters, an e-mail address {FieldLimits.Email}, a phone number {FieldLimits.Phone}, an address {FieldLimits.AddressLine} and the notes {FieldLimits.BookingNotes}.";
        }

        if (r.IdempotencyKey is { } key && (key.Length is 0 or > FieldLimits.IdempotencyKey))
            return $"An Idempotency-Key has 1 to {FieldLimits.IdempotencyKey} characters.";
        if (r.ServiceId.Length > FieldLimits.SetupId || r.TherapistId?.Length > FieldLimits.SetupId)
            return "No service or therapist has an id that long.";
        return null;
    }

    /// <summary>
    /// The manage token of booking <paramref name="id"/>: HMAC-SHA256 under the master key's booking-token key, base64url.
    /// It can be made again from the id (for a reminder's link) but not without the master key.
    /// </summary>
    public string TokenFor(Guid id) => Base64Url.EncodeToString(HMACSHA256.HashData(_tokenKey, id.ToByteArray()));

    private static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

}
