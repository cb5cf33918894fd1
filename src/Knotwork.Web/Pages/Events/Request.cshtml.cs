using System.Globalization;
using Knotwork.Data;
using Knotwork.Data.Events;
using Knotwork.Domain.Audit;
using Knotwork.Domain.Booking;
using Knotwork.Domain.Events;
using Knotwork.Domain.Practice;
using Knotwork.Web.Audit;
using Knotwork.Web.Booking;
using Knotwork.Web.Mail;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;
using NodaTime.Text;

namespace Knotwork.Web.Pages.Events;

/// <summary>
/// An employer asks for a chair massage event at their workplace (issue 11), no account needed: the details, then
/// "See the price" shows the quote from the practice's setup, then "Send the request" stores it for the owner and
/// e-mails the contact a summary. Plain forms, no JavaScript; every field is text checked here and by
/// <see cref="EventRequest.Problems"/>, so bad input gets the page again with a message per field and a 400.
/// </summary>
internal sealed class RequestModel(
    PracticeSchedules schedules, KnotworkDbContext db, EventStore store, AuditTrail audit, TimeProvider clock, IMailer mailer) : PageModel
{
    private static readonly LocalTimePattern TimePattern = LocalTimePattern.CreateWithInvariantCulture("HH:mm");

    /// <summary>The longest text any field takes before it is checked further (the notes' limit; others are shorter).</summary>
    private const int MaxField = 4000;

    /// <summary>Where the employer is in the request.</summary>
    public enum Step { Details, Quote, Sent }

    public Step Current { get; private set; } = Step.Details;

    [BindProperty]
    public RequestInput Input { get; set; } = new();

    /// <summary>Why events cannot be asked for now (no setup, or no chair events offered), or null.</summary>
    public string? Closed { get; private set; }

    /// <summary>What is wrong overall, shown above the form.</summary>
    public string? Error { get; private set; }

    /// <summary>Field errors of <see cref="Input"/>, by field name.</summary>
    public Dictionary<string, string> FieldErrors { get; } = new(StringComparer.Ordinal);

    /// <summary>The quote shown before sending.</summary>
    public EventQuote.Offered? Quote { get; private set; }

    /// <summary>The areas events are offered in, by name.</summary>
    public IReadOnlyList<string> Areas { get; private set; } = [];

    /// <summary>The contact's e-mail address once sent.</summary>
    public string? SentTo { get; private set; }

    /// <summary>The request as typed; every field is text, checked here.</summary>
    public sealed class RequestInput
    {
        public string? Company { get; set; }

        public string? ContactName { get; set; }

        public string? ContactEmail { get; set; }

        public string? ContactPhone { get; set; }

        public string? Address { get; set; }

        public string? Zip { get; set; }

        /// <summary>yyyy-MM-dd.</summary>
        public string? Date { get; set; }

        /// <summary>HH:mm.</summary>
        public string? Start { get; set; }

        /// <summary>HH:mm.</summary>
        public string? End { get; set; }

        public string? Chairs { get; set; }

        public string? SlotMinutes { get; set; }

        public string? Notes { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await LoadSetup(cancellationToken) is null)
            return Page();
        Input.SlotMinutes ??= "15";
        Input.Chairs ??= "1";
        return Page();
    }

    /// <summary>"See the price": the quote for the request as typed, or the form again with what to fix.</summary>
    public async Task<IActionResult> OnPostQuoteAsync(CancellationToken cancellationToken)
    {
        if (await LoadSetup(cancellationToken) is not { } setup)
            return Page();
        if (Check(setup) is not { } request)
            return Page();
        Quote = (EventQuote.Offered)EventQuote.For(setup, request);
        Current = Step.Quote;
        return Page();
    }

    /// <summary>"Change the details": the form again, as filled in.</summary>
    public async Task<IActionResult> OnPostEditAsync(CancellationToken cancellationToken)
    {
        await LoadSetup(cancellationToken);
        return Page();
    }

    /// <summary>"Send the request": stores it, e-mails the contact and says thank you.</summary>
    public async Task<IActionResult> OnPostSendAsync(CancellationToken cancellationToken)
    {
        if (await LoadSetup(cancellationToken) is not { } setup)
            return Page();
        if (Check(setup) is not { } request)
            return Page();
        switch (await store.RequestAsync(request, setup, ZipCodes.Default, Now(), Input.ContactPhone, cancellationToken))
        {
            case EventRequestOutcome.Requested(var e, var quote):
                await audit.RecordAsync(AuditAction.Create, AuditSubject.ChairEvent, e.Id.ToString(),
                    string.Create(CultureInfo.InvariantCulture, $"requested on the public page: {e.Date:yyyy-MM-dd} {e.Start:HH\\:mm}-{e.End:HH\\:mm}, {e.Chairs} chairs, ZIP {e.Zip}, quoted {e.QuotedPrice:0.00}"),
                    CancellationToken.None);
                await mailer.SendAsync(e.ContactEmail, MailTemplates.EventRequested(
                    e.ContactName, e.Company, ChairEventText.When(e), ChairEventText.Where(e), e.Chairs, e.SlotMinutes, ChairEventText.Price(quote.Total)), CancellationToken.None);
                (Current, Quote, SentTo) = (Step.Sent, quote, e.ContactEmail);
                return Page();
            case EventRequestOutcome.Invalid(var problems):
                Problems(problems);
                return Page();
            case EventRequestOutcome.NotOffered(var reason):
                Error = reason;
                Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
                return Page();
            default:
                throw new InvalidOperationException("Unknown request outcome.");
        }
    }

    /// <summary>The setup when events can be asked for; otherwise null with <see cref="Closed"/> said (503 without a setup).</summary>
    private async Task<PracticeSetup?> LoadSetup(CancellationToken cancellationToken)
    {
        var (practice, unavailable) = await schedules.CurrentAsync(db, cancellationToken);
        if (practice is null)
        {
            Closed = unavailable;
            Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return null;
        }

        var setup = practice.Setup;
        if (setup.ChairEvents is not { } events)
        {
            Closed = "We do not offer chair massage events at the moment. Please call or e-mail the practice.";
            return null;
        }

        Areas = [.. setup.Areas.Where(a => events.RateIn(a.Id) is not null).Select(a => a.Name)];
        return setup;
    }

    /// <summary>The request when every field is right; otherwise null with the field errors said and a 400.</summary>
    private EventRequest? Check(PracticeSetup setup)
    {
        string Text(string? value, string field)
        {
            if (value is { Length: > MaxField })
                FieldErrors[field] = "That is far too long; please shorten it.";
            return value is { Length: <= MaxField } ? value : "";
        }

        var date = Parse(Input.Date, "date", "Choose the day of the event.", t => t.Length == 10 ? LocalDatePattern.Iso.Parse(t) : null);
        var start = Parse(Input.Start, "start", "Give the start time, such as 09:00.", t => t.Length == 5 ? TimePattern.Parse(t) : null);
        var end = Parse(Input.End, "end", "Give the end time, such as 12:00.", t => t.Length == 5 ? TimePattern.Parse(t) : null);
        var chairs = Number(Input.Chairs, "chairs", "Give the number of chairs, such as 2.");
        var slot = Number(Input.SlotMinutes, "slotMinutes", "Choose how long each slot is.");
        if (Input.Zip is { Length: > 10 })
            FieldErrors["zip"] = "A ZIP code has five digits, such as 93534.";
        var phone = Input.ContactPhone?.Trim();
        if (phone is { Length: > 0 } && (phone.Length > FieldLimits.Phone || phone.Any(char.IsControl)))
            FieldErrors["contactPhone"] = $"Write the phone number on one line, in at most {FieldLimits.Phone} characters.";

        var request = new EventRequest
        {
            Company = Text(Input.Company, "company"),
            ContactName = Text(Input.ContactName, "contactName"),
            ContactEmail = Text(Input.ContactEmail, "contactEmail"),
            Address = Text(Input.Address, "address"),
            Zip = FieldErrors.ContainsKey("zip") ? "" : Input.Zip ?? "",
            Date = date ?? LocalDate.FromDateTime(DateTime.UnixEpoch),
            Start = start ?? new LocalTime(9, 0),
            End = end ?? new LocalTime(10, 0),
            Chairs = chairs ?? 1,
            SlotMinutes = slot ?? 15,
            Notes = Text(Input.Notes, "notes"),
        };
        var unparsed = new HashSet<string>(FieldErrors.Keys, StringComparer.Ordinal);
        if (date is null || start is null || end is null)
            unparsed.UnionWith(["date", "start", "end"]);
        Problems(request.Problems(setup, ZipCodes.Default, Now()).Where(p => !unparsed.Contains(p.Field)));
        if (FieldErrors.Count == 0 && Error is null && EventQuote.For(setup, request) is EventQuote.NotOffered notOffered)
            Problems([new EventRequestProblem("", notOffered.Reason)]);
        return FieldErrors.Count == 0 && Error is null ? request : null;
    }

    private void Problems(IEnumerable<EventRequestProblem> problems)
    {
        foreach (var problem in problems)
        {
            if (problem.Field.Length == 0)
                Error = problem.Message;
            else
                FieldErrors.TryAdd(problem.Field, problem.Message);
        }

        if (FieldErrors.Count == 0 && Error is null)
            return;
        Error ??= "Please check the details marked below.";
        Response.StatusCode = StatusCodes.Status400BadRequest;
    }

    private T? Parse<T>(string? text, string field, string message, Func<string, ParseResult<T>?> parse)
        where T : struct
    {
        var trimmed = text?.Trim() ?? "";
        if (trimmed.Length > 0 && parse(trimmed) is { Success: true } parsed)
            return parsed.Value;
        FieldErrors[field] = message;
        return null;
    }

    private int? Number(string? text, string field, string message)
    {
        var trimmed = text?.Trim() ?? "";
        if (trimmed.Length is > 0 and <= 3 && int.TryParse(trimmed, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            return n;
        FieldErrors[field] = message;
        return null;
    }

    private Instant Now() => Instant.FromDateTimeOffset(clock.GetUtcNow());
}
