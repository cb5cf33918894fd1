using Knotwork.Domain.Booking;
using NodaTime;

namespace Knotwork.Domain.Events;

/// <summary>A problem with an event request, for the form field it is about.</summary>
/// <param name="Field">The field (<c>company</c>, <c>contactEmail</c>, <c>zip</c>, <c>date</c>, <c>start</c>, <c>end</c>, <c>chairs</c>, <c>slotMinutes</c>...), or "" for the request as a whole.</param>
/// <param name="Message">What is wrong and how to put it right, for the employer.</param>
public sealed record EventRequestProblem(string Field, string Message);

/// <summary>
/// What an employer asks for: chair massage at their workplace on one day, from a start to an end time (local to the
/// practice), with some chairs (one therapist each) and employees booking slots of 10, 15 or 20 minutes. No account is
/// needed to ask. A plain value: <see cref="Problems"/> says what is wrong with it.
/// </summary>
public sealed record EventRequest
{
    /// <summary>The most chairs one event may have.</summary>
    public const int MaxChairs = 6;

    /// <summary>The longest event, start to end.</summary>
    public static readonly Duration MaxLength = Duration.FromHours(10);

    /// <summary>How far ahead an event may be asked for, in days.</summary>
    public const int MaxDaysAhead = 366;

    /// <summary>The slot lengths employees can book, in minutes.</summary>
    public static IReadOnlyList<int> SlotLengths { get; } = [10, 15, 20];

    /// <summary>The company's name.</summary>
    public required string Company { get; init; }

    /// <summary>The contact person's name.</summary>
    public required string ContactName { get; init; }

    /// <summary>The contact person's e-mail address.</summary>
    public required string ContactEmail { get; init; }

    /// <summary>The workplace's street address.</summary>
    public required string Address { get; init; }

    /// <summary>The workplace's ZIP (five digits or ZIP+4).</summary>
    public required string Zip { get; init; }

    /// <summary>The day of the event, in the practice's time zone.</summary>
    public required LocalDate Date { get; init; }

    /// <summary>When the first slot starts, local time.</summary>
    public required LocalTime Start { get; init; }

    /// <summary>When the last slot ends at the latest, local time, the same day.</summary>
    public required LocalTime End { get; init; }

    /// <summary>How many chairs, each with its own therapist: 1 to <see cref="MaxChairs"/>.</summary>
    public required int Chairs { get; init; }

    /// <summary>The length of each employee's slot in minutes: one of <see cref="SlotLengths"/>.</summary>
    public required int SlotMinutes { get; init; }

    /// <summary>Anything the therapists should know: the room, parking.</summary>
    public string Notes { get; init; } = "";

    /// <summary>
    /// Every problem with the request as of <paramref name="now"/>, in the order of the form: missing or overlong
    /// details, an e-mail address that cannot be one, a ZIP that is unknown or outside the practice's areas (or in an
    /// area without events), a day that has passed or is too soon (the practice's minimum notice) or more than a year
    /// ahead, an end not after the start, a time that does not exist that day, an event longer than
    /// <see cref="MaxLength"/> or shorter than one slot, a slot length not offered, and more chairs than allowed or than
    /// the practice has therapists. Empty when it can be sent.
    /// </summary>
    public IReadOnlyList<EventRequestProblem> Problems(PracticeSetup setup, ZipCodes zips, Instant now)
    {
        ArgumentNullException.ThrowIfNull(setup);
        ArgumentNullException.ThrowIfNull(zips);
        var problems = new List<EventRequestProblem>();
        void Add(string field, string message) => problems.Add(new EventRequestProblem(field, message));

        if (setup.ChairEvents is null)
            Add("", "We do not offer chair massage events at the moment.");

        Text(Company, "company", "the company's name", 200, Add);
        Text(ContactName, "contactName", "your name", 200, Add);
        if (Text(ContactEmail, "contactEmail", "your e-mail address", 254, Add) && !LooksLikeEmail(ContactEmail.Trim()))
            Add("contactEmail", $"'{ContactEmail.Trim()}' is not an e-mail address; write it as name@example.com.");
        Text(Address, "address", "the workplace's street address", 300, Add);
        if ((Notes ?? "").Length > 2000)
            Add("notes", "Keep the notes under 2,000 characters.");
        else if ((Notes ?? "").Any(c => char.IsControl(c) && c is not '\n' and not '\r' and not '\t'))
            Add("notes", "The notes contain characters that cannot be shown; please retype them.");

        if (!zips.TryGet(Zip, out _, out var zipProblem))
        {
            Add("zip", zipProblem);
        }
        else
        {
            var zip = ZipCodes.Normalize(Zip)!;
            var area = setup.AreaOf(zip);
            var offeredIn = setup.Areas.Where(a => setup.ChairEvents?.RateIn(a.Id) is not null).Select(a => a.Name).ToList();
            var where = offeredIn.Count == 0 ? "" : $" We bring chair massage to {string.Join(", ", offeredIn)}.";
            if (area is null)
                Add("zip", $"We do not visit ZIP {zip} yet.{where}");
            else if (setup.ChairEvents is { } events && events.RateIn(area.Id) is null)
                Add("zip", $"We do not bring chair massage to {area.Name} yet.{where}");
        }

        var zone = setup.TimeZone;
        var today = now.InZone(zone).Date;
        if (Date < today)
            Add("date", $"{EventTimes.Day(Date)} has passed; choose a day from today on.");
        else if (Date > today.PlusDays(MaxDaysAhead))
            Add("date", "Events can be asked for up to a year ahead.");

        if (!EventTimes.TryResolve(zone, Date, Start, End, out var times, out var timeProblem))
        {
            Add(End <= Start ? "end" : "start", timeProblem);
        }
        else
        {
            var length = times.Duration;
            if (length > MaxLength)
                Add("end", $"An event lasts at most {MaxLength.TotalHours:0} hours; this one lasts {Hours(length)}. Ask for two events on two days instead.");
            else if (SlotLengths.Contains(SlotMinutes) && length < Duration.FromMinutes(SlotMinutes))
                Add("end", $"The event is shorter than one {SlotMinutes}-minute slot.");
            if (Date >= today && times.Start < now + setup.Policies.MinimumNotice)
            {
                Add("date", times.Start <= now
                    ? "That time has passed; choose a later day or time."
                    : $"Events must be asked for at least {Hours(setup.Policies.MinimumNotice)} ahead.");
            }
        }

        if (!SlotLengths.Contains(SlotMinutes))
            Add("slotMinutes", $"Slots last {string.Join(", ", SlotLengths.Take(SlotLengths.Count - 1))} or {SlotLengths[^1]} minutes, not {SlotMinutes}.");

        var staffable = Math.Min(MaxChairs, setup.Therapists.Count);
        if (Chairs < 1)
            Add("chairs", "Ask for at least one chair.");
        else if (Chairs > MaxChairs)
            Add("chairs", $"An event has at most {MaxChairs} chairs.");
        else if (Chairs > staffable)
            Add("chairs", $"We have {setup.Therapists.Count} {(setup.Therapists.Count == 1 ? "therapist" : "therapists")}, one for each chair, so we can bring at most {staffable} {(staffable == 1 ? "chair" : "chairs")}.");

        return problems;
    }

    /// <summary>Whether <paramref name="value"/> is filled in, short enough and on one line; adds the problem if not.</summary>
    private static bool Text(string? value, string field, string what, int maxLength, Action<string, string> add)
    {
        var text = value?.Trim() ?? "";
        if (text.Length == 0)
            add(field, $"Enter {what}.");
        else if (text.Length > maxLength)
            add(field, $"Keep {what} under {maxLength} characters.");
        else if (text.Any(char.IsControl))
            add(field, $"Write {what} on one line, without special characters.");
        else
            return true;
        return false;
    }

    private static bool LooksLikeEmail(string text)
    {
        var at = text.IndexOf('@', StringComparison.Ordinal);
        if (at <= 0 || at != text.LastIndexOf('@') || text.Any(char.IsWhiteSpace))
            return false;
        var domain = text[(at + 1)..];
        var dot = domain.LastIndexOf('.');
        return dot > 0 && dot < domain.Length - 1;
    }

    /// <summary>A duration as people read it: "2 hours", "1 hour 30 minutes", "45 minutes".</summary>
    internal static string Hours(Duration d)
    {
        var hours = (int)d.TotalHours;
        var minutes = (int)(d.TotalMinutes - (hours * 60));
        var h = hours == 1 ? "1 hour" : $"{hours} hours";
        return hours == 0 ? $"{minutes} minutes" : minutes == 0 ? h : $"{h} {minutes} minutes";
    }
}
