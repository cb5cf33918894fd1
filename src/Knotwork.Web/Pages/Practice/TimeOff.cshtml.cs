using System.Globalization;
using Knotwork.Data;
using Knotwork.Data.Booking;
using Knotwork.Domain.Audit;
using Knotwork.Domain.Booking;
using Knotwork.Web.Accounts;
using Knotwork.Web.Audit;
using Knotwork.Web.Booking;
using Knotwork.Web.Pages.Book;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;
using NodaTime.Text;
using NodaTime.TimeZones;

namespace Knotwork.Web.Pages.Practice;

/// <summary>
/// A therapist's time off: listed (upcoming first), added and removed, saved into the practice setup. A therapist
/// changes their own, the owner anyone's. A time off is refused when it ends before it starts, lies in the past, or
/// covers a booked visit (its client already holds that time). Each save names the setup version it was made from,
/// so a change made meanwhile by someone else is refused rather than overwritten. Every change is audited.
/// </summary>
[Authorize(Policy = Roles.StaffPolicy)]
internal sealed class TimeOffModel(KnotworkDbContext db, PracticeSchedules schedules, BookingStore bookings, AuditTrail audit, TimeProvider clock) : PageModel
{
    /// <summary>The longest note kept with a time off.</summary>
    public const int NoteLength = 200;

    /// <summary>What the person is told when the setup changed after they opened the page.</summary>
    public const string ChangedMeanwhile = "The practice setup was changed by someone else after you opened this page, so nothing was saved. Here is the list as it is now; make your change again.";

    private static readonly LocalDatePattern DatePattern = LocalDatePattern.Iso;
    private static readonly LocalTimePattern TimePattern = LocalTimePattern.CreateWithInvariantCulture("HH:mm");
    private static readonly LocalTimePattern TimeWithSecondsPattern = LocalTimePattern.CreateWithInvariantCulture("HH:mm:ss");
    private static readonly LocalDateTimePattern KeyPattern = LocalDateTimePattern.CreateWithInvariantCulture("uuuu-MM-dd'T'HH:mm");

    // As the scheduler reads time off: widely, so a change of clocks never shortens it.
    private static readonly ZoneLocalMappingResolver WideStart = Resolvers.CreateMappingResolver(Resolvers.ReturnEarlier, Resolvers.ReturnStartOfIntervalAfter);
    private static readonly ZoneLocalMappingResolver WideEnd = Resolvers.CreateMappingResolver(Resolvers.ReturnLater, Resolvers.ReturnStartOfIntervalAfter);

    /// <summary>The time off to add.</summary>
    [BindProperty]
    public TimeOffInput Input { get; set; } = new();

    /// <summary>Whose time off it is, or why none can be shown.</summary>
    public WhoseDay Whose { get; private set; } = null!;

    /// <summary>The setup version the page shows; a change posted from it is saved only if the setup is still this version.</summary>
    public int Version { get; private set; }

    /// <summary>The therapist's time off: upcoming (not yet ended) by start, then past ones, latest first.</summary>
    public IReadOnlyList<TimeOff> Entries { get; private set; } = [];

    /// <summary>The local time now, in the practice's time zone.</summary>
    public LocalDateTime Now { get; private set; }

    /// <summary>Why the change was refused, one line each.</summary>
    public List<string> Errors { get; } = [];

    /// <summary>What was done, after a redirect.</summary>
    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? therapist, string? done, CancellationToken cancellationToken)
    {
        if (await LoadAsync(therapist, cancellationToken) is { } refused)
            return refused;
        Message = done switch
        {
            "added" => "Time off added. No times are offered to clients in it.",
            "removed" => "Time off removed. Its times are offered to clients again where the working hours allow.",
            _ => null,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAddAsync(string? therapist, CancellationToken cancellationToken)
    {
        if (await LoadAsync(therapist, cancellationToken) is { } refused)
            return refused;
        if (Whose.Therapist is not { } who)
            return Page();

        var start = Parse(Input.StartDate, Input.StartTime, "start");
        var end = Parse(Input.EndDate, Input.EndTime, "end");
        var note = (Input.Note ?? string.Empty).Trim();
        if (note.Length > NoteLength)
            Errors.Add($"Keep the note to {NoteLength} characters.");
        if (start is not { } s || end is not { } e || Errors.Count > 0)
            return Page();
        if (e <= s)
            Errors.Add("The time off must end after it starts.");
        else if (s.Date < Now.Date)
            Errors.Add("The time off starts on a day that has passed; time off can be added from today on.");
        else if (e <= Now)
            Errors.Add("The time off would already be over; give times from now on.");
        if (Errors.Count > 0)
            return Page();

        var zone = Whose.Zone;
        var from = zone.ResolveLocal(s, WideStart).ToInstant();
        var to = zone.ResolveLocal(e, WideEnd).ToInstant();
        var margin = Duration.FromHours(who.SetupMinutes + who.PackUpMinutes + 24);
        async Task<string?> Clashes(CancellationToken token)
        {
            var booked = await Whose.BookedAsync(db, User, from - margin, to + margin, token);
            var clashes = booked
                .Where(b => Instant.FromDateTimeUtc(b.StartUtc) - who.Setup < to && Instant.FromDateTimeUtc(b.EndUtc) + who.PackUp > from)
                .Select(b => $"{Visits.ShortDay(Visits.Start(b, Whose.Setup).Date)} at {Visits.Time(Visits.Start(b, Whose.Setup))} ({WhoseDay.FirstName(b.Name)})")
                .ToList();
            return clashes.Count == 0 ? null
                : $"This time off covers booked visits: {string.Join("; ", clashes)}. Their clients already hold those times: move or cancel the visits first, or choose other times.";
        }

        var off = new TimeOff(s, e, note);
        return await SaveAsync(who, t => t with { TimeOff = [.. t.TimeOff, off] }, $"time off added: {Describe(off)}", "added", cancellationToken, Clashes);
    }

    public async Task<IActionResult> OnPostRemoveAsync(string? therapist, string? start, string? end, CancellationToken cancellationToken)
    {
        if (await LoadAsync(therapist, cancellationToken) is { } refused)
            return refused;
        if (Whose.Therapist is not { } who)
            return Page();

        var match = who.TimeOff.FirstOrDefault(o => KeyPattern.Format(o.Start) == start && KeyPattern.Format(o.End) == end);
        if (match is null)
        {
            Errors.Add("That time off is no longer in the list; nothing was removed.");
            return Page();
        }

        return await SaveAsync(who, t => t with { TimeOff = Without(t.TimeOff, match) }, $"time off removed: {Describe(match)}", "removed", cancellationToken);
    }

    /// <summary>The form key of a time off's start or end.</summary>
    public static string Key(LocalDateTime at) => KeyPattern.Format(at);

    /// <summary>"Tue, Mar 9, 9:00 AM".</summary>
    public static string When(LocalDateTime at) => $"{Visits.ShortDay(at.Date)}, {at.ToString("h:mm tt", CultureInfo.InvariantCulture)}";

    /// <summary>The list less the first entry equal to <paramref name="off"/> (the stored setup is read afresh, so compared by value).</summary>
    private static List<TimeOff> Without(IReadOnlyList<TimeOff> list, TimeOff off)
    {
        var left = list.ToList();
        left.Remove(off);
        return left;
    }

    private static string Describe(TimeOff off) => $"{Key(off.Start)} to {Key(off.End)}";

    /// <summary>Resolves whose time off this is; a result when the request must be refused (another's, for a therapist).</summary>
    private async Task<IActionResult?> LoadAsync(string? therapist, CancellationToken cancellationToken)
    {
        Whose = await WhoseDay.ResolveAsync(db, schedules, User, therapist, cancellationToken);
        if (Whose.Refused)
        {
            await audit.RecordAsync(AuditAction.ReadRefused, AuditSubject.Therapist, Whose.AskedFor, "time off", cancellationToken);
            return Forbid();
        }

        if (Whose.Therapist is not { } who)
            return null;
        Now = Instant.FromDateTimeOffset(clock.GetUtcNow()).InZone(Whose.Zone).LocalDateTime;
        Version = (await db.GetPracticeSetupAsync(cancellationToken))?.Version ?? 0;
        var now = Now;
        Entries = [.. who.TimeOff.Where(o => o.End > now).OrderBy(o => o.Start), .. who.TimeOff.Where(o => o.End <= now).OrderByDescending(o => o.Start)];
        return null;
    }

    /// <summary>
    /// Saves the setup with <paramref name="change"/> made to <paramref name="who"/>, if the stored setup is still the
    /// version the form was made from (<see cref="TimeOffInput.Version"/>) and no one saves in between. The check for
    /// booked visits it would cover (<paramref name="clashes"/>) and the save run under the booking lock, so a visit is
    /// never booked in between; a booking that read the setup before this save is refused and asked to choose again.
    /// </summary>
    private async Task<IActionResult> SaveAsync(Therapist who, Func<Therapist, Therapist> change, string detail, string done, CancellationToken cancellationToken, Func<CancellationToken, Task<string?>>? clashes = null)
    {
        var problem = await bookings.UnderBookingLockAsync(async token =>
        {
            if (clashes is not null && await clashes(token) is { } clash)
                return clash;
            var stored = await db.GetPracticeSetupAsync(token);
            var read = stored?.Read(ZipCodes.Default);
            if (stored is null || read is not { Succeeded: true } || stored.Version != Input.Version)
                return read is { Succeeded: false } ? "The practice setup has problems, so it cannot be changed here; the owner can fix it on the setup page." : ChangedMeanwhile;
            var setup = read.Setup!;
            if (setup.FindTherapist(who.Id) is null)
                return ChangedMeanwhile;
            var updated = setup with { Therapists = [.. setup.Therapists.Select(t => t.Id == who.Id ? change(t) : t)] };
            return await db.SavePracticeSetupAsync(updated, stored.Version, clock.GetUtcNow().UtcDateTime, token) is null ? ChangedMeanwhile : null;
        }, cancellationToken);
        if (problem is not null)
        {
            Errors.Add(problem);
            Version = (await db.GetPracticeSetupAsync(cancellationToken))?.Version ?? 0;
            return Page();
        }

        await audit.RecordAsync(AuditAction.Update, AuditSubject.Therapist, who.Id, detail, cancellationToken);
        return Redirect($"/practice/time-off?done={done}{Whose.TherapistQuery}");
    }

    /// <summary>A local date and time from the form's date and time fields, or null with an error added.</summary>
    private LocalDateTime? Parse(string? date, string? time, string which)
    {
        var d = DatePattern.Parse(date?.Trim() ?? string.Empty);
        var text = time?.Trim() ?? string.Empty;
        var t = TimePattern.Parse(text) is { Success: true } hm ? hm : TimeWithSecondsPattern.Parse(text);
        if (!d.Success || d.Value.Year is < 2000 or > 2999)
        {
            Errors.Add($"Give the {which} day, such as {DatePattern.Format(Now.Date)}.");
            return null;
        }

        if (!t.Success)
        {
            Errors.Add($"Give the {which} time, such as 09:00.");
            return null;
        }

        return d.Value + t.Value.With(TimeAdjusters.TruncateToMinute);
    }
}

/// <summary>The form for adding a time off, in the practice's local time.</summary>
internal sealed class TimeOffInput
{
    /// <summary>The first day off (yyyy-MM-dd).</summary>
    public string? StartDate { get; set; }

    /// <summary>The first moment off on that day (HH:mm).</summary>
    public string? StartTime { get; set; }

    /// <summary>The day back (yyyy-MM-dd).</summary>
    public string? EndDate { get; set; }

    /// <summary>The first moment back at work (HH:mm).</summary>
    public string? EndTime { get; set; }

    /// <summary>Why, for the owner; never shown to clients.</summary>
    public string? Note { get; set; }

    /// <summary>The setup version the form was made from.</summary>
    public int Version { get; set; }
}
