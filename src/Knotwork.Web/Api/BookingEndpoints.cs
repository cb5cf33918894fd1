using System.Globalization;
using System.Net.Mail;
using System.Text.Json;
using System.Text.Json.Serialization;
using Knotwork.Data;
using Knotwork.Data.Booking;
using Knotwork.Data.Entities;
using Knotwork.Domain.Audit;
using Knotwork.Domain.Booking;
using Knotwork.Domain.Practice;
using Knotwork.Web.Audit;
using Knotwork.Web.Booking;
using Knotwork.Web.Mail;
using Knotwork.Web.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using NodaTime.Text;

namespace Knotwork.Web.Api;

/// <summary>
/// The public booking API (issue 9): services, areas and their prices, the times a therapist can really reach a
/// client's ZIP, booking and cancelling. The same rules as the booking pages: the scheduler in the domain decides,
/// and <see cref="BookingStore"/> books under the practice's write lock. Every error is a ProblemDetails.
/// </summary>
internal static class BookingEndpoints
{
    /// <summary>The most days one availability request may cover.</summary>
    public const int MaxDays = 92;

    private const int DefaultDays = 7;
    private const string InvalidTitle = "Invalid booking request";
    private const string NotOfferableTitle = "That cannot be booked";
    private const string ReplayedHeader = "Idempotent-Replayed";

    private static readonly LocalDatePattern DatePattern = LocalDatePattern.Iso;
    private static readonly OffsetDateTimePattern[] StartPatterns =
    [
        OffsetDateTimePattern.ExtendedIso,
        OffsetDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mmo<G>"),
    ];

    public static IEndpointRouteBuilder MapBooking(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api").WithTags("Booking").AsPublicApi();

        group.MapGet("/services", async Task<Results<Ok<ServiceDto[]>, ProblemHttpResult>> (PracticeSchedules schedules, KnotworkDbContext db, CancellationToken cancellationToken) =>
            {
                var (practice, unavailable) = await schedules.CurrentAsync(db, cancellationToken);
                return practice is null
                    ? Unavailable(unavailable!)
                    : TypedResults.Ok(practice.Setup.Services.Select(ToDto).ToArray());
            })
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithName("ListServices")
            .WithSummary("The sessions a client can book: id, name, kind, minutes and description. Trigger point work is part of deep tissue and sports sessions, never a service of its own.");

        group.MapGet("/areas", async Task<Results<Ok<AreaDto[]>, ProblemHttpResult>> (PracticeSchedules schedules, KnotworkDbContext db, CancellationToken cancellationToken) =>
            {
                var (practice, unavailable) = await schedules.CurrentAsync(db, cancellationToken);
                return practice is null
                    ? Unavailable(unavailable!)
                    : TypedResults.Ok(practice.Setup.Areas.Select(a => new AreaDto(a.Id, a.Name, a.Zips)).ToArray());
            })
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithName("ListAreas")
            .WithSummary("The areas the practice visits, each with its five-digit ZIP codes.");

        group.MapGet("/areas/{zip}", async Task<Results<Ok<AreaPricesDto>, ProblemHttpResult>> (PracticeSchedules schedules, KnotworkDbContext db, string zip, CancellationToken cancellationToken) =>
            {
                var (practice, unavailable) = await schedules.CurrentAsync(db, cancellationToken);
                if (practice is null)
                    return Unavailable(unavailable!);
                if (ZipProblem(zip) is { } malformed)
                    return Problem(StatusCodes.Status400BadRequest, "Invalid ZIP code", malformed);
                var (area, outside) = AreaOf(practice.Setup, zip);
                if (area is null)
                    return outside!;

                var prices = practice.Setup.Services
                    .Where(s => practice.Setup.Therapists.Any(t => t.ServiceIds.Contains(s.Id, StringComparer.Ordinal) && t.AreaIds.Contains(area.Id, StringComparer.Ordinal)))
                    .Select(s => (Service: s, Price: practice.Setup.Pricing.PriceOf(s.Id, area.Id)))
                    .Where(p => p.Price is not null)
                    .Select(p => new ServicePriceDto(p.Service.Id, p.Service.Name, p.Service.Minutes, Money(p.Price!.Value)))
                    .ToArray();
                return TypedResults.Ok(new AreaPricesDto(area.Id, area.Name, area.Zips, prices));
            })
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithName("AreaOfZip")
            .WithSummary("The area a ZIP code is in and the price of each session there; 422 \"we do not visit ZIP ... yet\" naming the areas served, 400 for a malformed ZIP.");

        group.MapGet("/availability", AvailabilityAsync)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithName("Availability")
            .WithSummary("The start times a therapist can really reach the client's ZIP: service=ID&zip=ZIP (required), from=YYYY-MM-DD (default today), days=1-92 (default 7).")
            .WithDescription("Times are in the practice's time zone with its offset (a 09:00 slot stays 09:00 across daylight-saving changes). " +
                "The same start may come once per therapist; book it with that therapist, or without one for whoever can come.");

        group.MapPost("/bookings", BookAsync)
            .Accepts<BookingRequestDto>("application/json")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithName("Book")
            .RequireRateLimiting(RateLimitPolicies.BookingApi)
            .WithSummary("Books a visit: {service, zip, address, start (with its offset), name, email, phone, therapist?, notes?}, with an optional Idempotency-Key header.")
            .WithDescription("201 with the booking and its private manageUrl (keep it: its token cancels the booking); the client is e-mailed the same confirmation, with the visit as a calendar invitation, as when booking on the site. " +
                "409 when the time is no longer free, with `nearest`: the nearest free times. 422 when the time was never offerable " +
                "(out of area, outside hours, too soon), or the Idempotency-Key was used for another request. 400 names each malformed field. " +
                "A retry with the same Idempotency-Key answers the first 201 again (header Idempotent-Replayed: true) and books once.");

        group.MapPost("/bookings/{id}/cancel", CancelAsync)
            .Accepts<CancelRequestDto>("application/json")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithName("CancelBooking")
            .RequireRateLimiting(RateLimitPolicies.BookingApi)
            .WithSummary("Cancels a booking: {token}, the token query parameter of its manageUrl. 200, or 409 inside the cancellation window (contact the practice); 404 for an unknown id or a wrong token alike.");
        return app;
    }

    private static async Task<Results<Ok<AvailabilityDto>, ValidationProblem, ProblemHttpResult>> AvailabilityAsync(
        PracticeSchedules schedules, KnotworkDbContext db, TimeProvider clock, string? service, string? zip, string? from, string? days, CancellationToken cancellationToken)
    {
        var (practice, unavailable) = await schedules.CurrentAsync(db, cancellationToken);
        if (practice is null)
            return Unavailable(unavailable!);

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(service))
            errors["service"] = ["Give the service's id (see /api/services)."];
        else if (service.Length > FieldLimits.SetupId)
            errors["service"] = ["No service has an id that long."];
        if (ZipProblem(zip) is { } zipProblem)
            errors["zip"] = [zipProblem];
        LocalDate? fromDate = null;
        if (!string.IsNullOrEmpty(from))
        {
            var parsed = DatePattern.Parse(from);
            if (parsed.Success)
                fromDate = parsed.Value;
            else
                errors["from"] = [$"from is '{Shorten(from)}'; give a date as YYYY-MM-DD, such as 2027-03-09."];
        }

        var dayCount = DefaultDays;
        if (!string.IsNullOrEmpty(days) && (!int.TryParse(days, NumberStyles.None, CultureInfo.InvariantCulture, out dayCount) || dayCount is < 1 or > MaxDays))
            errors["days"] = [$"days is '{Shorten(days)}'; give a whole number from 1 to {MaxDays}."];
        if (errors.Count > 0)
            return Invalid(errors);

        var setup = practice.Setup;
        var now = Now(clock);
        var today = now.InZone(setup.TimeZone).Date;
        // Days before today are never offered, and after the horizon none are: clamp, so no date arithmetic can overflow.
        var first = LocalDate.Min(LocalDate.Max(fromDate ?? today, today), today.PlusDays(setup.Policies.HorizonDays + 1));
        var window = new Interval(
            setup.TimeZone.AtStartOfDay(first).ToInstant() - Duration.FromDays(2),
            setup.TimeZone.AtStartOfDay(first.PlusDays(dayCount)).ToInstant() + Duration.FromDays(2));
        var booked = await db.BookedBetweenAsync(window.Start, window.End, cancellationToken);
        var result = practice.Scheduler.Availability(new AvailabilityRequest(service!.Trim(), zip!, first, dayCount), now, booked);
        if (result.Rejection is { } rejection)
            return Rejected(rejection, setup);

        return TypedResults.Ok(new AvailabilityDto(setup.TimeZone.Id, [.. result.Slots.Select(ToDto)]));
    }

    private static async Task<Results<Created<BookingDto>, ValidationProblem, ProblemHttpResult>> BookAsync(
        HttpContext http, PracticeSchedules schedules, KnotworkDbContext db, BookingStore store, AuditTrail audit, TimeProvider clock, PublicLinks links,
        IMailer mailer, IConfiguration configuration,
        [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, CancellationToken cancellationToken)
    {
        var (practice, unavailable) = await schedules.CurrentAsync(db, cancellationToken);
        if (practice is null)
            return Unavailable(unavailable!);

        var (body, unreadable) = await ReadAsync(http.Request, BookingJson.Default.BookingRequestDto,
            "{\"service\": \"deep-tissue-60\", \"zip\": \"93534\", \"address\": \"...\", \"start\": \"2027-03-09T09:00:00-08:00\", \"name\": \"...\", \"email\": \"...\", \"phone\": \"...\"}",
            cancellationToken);
        if (body is null)
            return unreadable!;

        var errors = Validate(body, idempotencyKey, out var start);
        if (errors.Count > 0)
            return Invalid(errors);

        var setup = practice.Setup;
        var now = Now(clock);
        // Decided here, before the store reads the bookings around the start, so no time is too far off to compute with.
        if (start < now)
            return Rejected(new BookingRejection(BookingProblem.TooSoon, "That time has passed; choose a time from /api/availability."), setup);
        if (start > now + Duration.FromDays(setup.Policies.HorizonDays + 2))
            return Rejected(new BookingRejection(BookingProblem.BeyondHorizon, $"Sessions can be booked up to {setup.Policies.HorizonDays} days ahead."), setup);

        var request = new BookingRequest(
            body.Service!.Trim(), body.Zip!, start, body.Name!, body.Email!, body.Phone!, body.Address!,
            string.IsNullOrWhiteSpace(body.Therapist) ? null : body.Therapist.Trim(), body.Notes, IdempotencyKey: idempotencyKey, SetupVersion: practice.Version);
        switch (await store.BookAsync(practice.Scheduler, request, now, cancellationToken))
        {
            case BookingOutcome.Created(var booking, var token, var replayed):
                var dto = ToDto(booking, setup, ManageUrl(links, http.Request, booking.Id, token));
                if (replayed)
                {
                    http.Response.Headers[ReplayedHeader] = "true";
                }
                else
                {
                    await audit.RecordAsync(AuditAction.Create, AuditSubject.Booking, booking.Id.ToString(),
                        $"booked {booking.ServiceId} at {dto.Start.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture)} with {booking.TherapistId} for {booking.Price.ToString("0.00", CultureInfo.InvariantCulture)} through the public API",
                        CancellationToken.None);
                    await ConfirmationMail.SendAsync(mailer, configuration, booking, setup, dto.ManageUrl, links.To(http.Request, Pages.Treatment.IntakeModel.PathFor(booking.Id, token)), now);
                }

                return TypedResults.Created((string?)null, dto);
            case BookingOutcome.Conflict(var rejection, var nearest):
                return Problem(StatusCodes.Status409Conflict, "That time is no longer free",
                    nearest.Count > 0 ? rejection.Message + " The nearest free times are in 'nearest'."
                    : rejection.Problem == BookingProblem.SetupChanged ? rejection.Message
                    : rejection.Message + " Nothing is free near it; try other days.",
                    new Dictionary<string, object?> { ["reason"] = Code(rejection.Problem), ["nearest"] = nearest.Select(ToDto).ToArray() });
            case BookingOutcome.NotOfferable(var rejection):
                return Rejected(rejection, setup);
            case BookingOutcome.KeyReused(var message):
                return Problem(StatusCodes.Status422UnprocessableEntity, "Idempotency-Key already used", message);
            default:
                throw new InvalidOperationException("Unknown booking outcome.");
        }
    }

    private static async Task<Results<Ok<BookingDto>, ValidationProblem, ProblemHttpResult>> CancelAsync(
        HttpContext http, PracticeSchedules schedules, KnotworkDbContext db, BookingStore store, AuditTrail audit, TimeProvider clock, PublicLinks links,
        string id, CancellationToken cancellationToken)
    {
        var (practice, unavailable) = await schedules.CurrentAsync(db, cancellationToken);
        if (practice is null)
            return Unavailable(unavailable!);

        var (body, unreadable) = await ReadAsync(http.Request, BookingJson.Default.CancelRequestDto, "{\"token\": \"...\"}", cancellationToken);
        if (body is null)
            return unreadable!;
        if (string.IsNullOrWhiteSpace(body.Token))
            return Invalid(new Dictionary<string, string[]>(StringComparer.Ordinal) { ["token"] = ["Give the token from your booking's manage link (its token query parameter)."] });

        // An id that is not one, a token far too long and a wrong token all get the same answer as an unknown booking.
        if (!Guid.TryParse(id, out var bookingId) || body.Token.Length > 200)
            return NoSuchBooking();
        switch (await store.CancelAsync(bookingId, body.Token, practice.Setup.Policies, Now(clock), cancellationToken))
        {
            case CancellationOutcome.Cancelled(var booking, var already):
                if (!already)
                {
                    await audit.RecordAsync(AuditAction.Cancel, AuditSubject.Booking, booking.Id.ToString(),
                        "cancelled by the client with the manage link, through the public API", CancellationToken.None);
                }

                return TypedResults.Ok(ToDto(booking, practice.Setup, ManageUrl(links, http.Request, booking.Id, body.Token)));
            case CancellationOutcome.TooLate(var message, var fee):
                return Problem(StatusCodes.Status409Conflict, "Too late to cancel online", message,
                    new Dictionary<string, object?> { ["lateCancellationFee"] = Money(fee) });
            case CancellationOutcome.NotFound:
                return NoSuchBooking();
            default:
                throw new InvalidOperationException("Unknown cancellation outcome.");
        }
    }

    private static Dictionary<string, string[]> Validate(BookingRequestDto body, string? idempotencyKey, out Instant start)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        start = default;
        void Required(string field, string? value, int limit, string what)
        {
            if (string.IsNullOrWhiteSpace(value))
                errors[field] = [$"Give {what}."];
            else if (value.Length > limit)
                errors[field] = [$"{Capital(what)} has at most {limit} characters."];
            else if (value.Any(char.IsControl))
                errors[field] = [$"{Capital(what)} cannot hold control characters such as line breaks."];
        }

        Required("service", body.Service, FieldLimits.SetupId, "the service's id (see /api/services)");
        if (ZipProblem(body.Zip) is { } zipProblem)
            errors["zip"] = [zipProblem];
        Required("address", body.Address, FieldLimits.AddressLine, "the street address of the visit");
        Required("name", body.Name, FieldLimits.Name, "your name");
        Required("email", body.Email, FieldLimits.Email, "your e-mail address");
        if (!errors.ContainsKey("email") && body.Email is { } email && !(MailAddress.TryCreate(email.Trim(), out var address) && address.Address == email.Trim()))
            errors["email"] = ["That is not an e-mail address, such as name@example.com."];
        Required("phone", body.Phone, FieldLimits.Phone, "your phone number");
        if (!errors.ContainsKey("phone") && body.Phone is { } phone && (phone.Count(char.IsAsciiDigit) < 7 || phone.Any(c => !char.IsAsciiDigit(c) && " +-().".IndexOf(c, StringComparison.Ordinal) < 0)))
            errors["phone"] = ["Give a phone number of digits, such as (661) 555-0123."];
        if (body.Therapist is { Length: > FieldLimits.SetupId })
            errors["therapist"] = ["No therapist has an id that long."];
        if (body.Notes is { Length: > FieldLimits.BookingNotes })
            errors["notes"] = [$"The notes have at most {FieldLimits.BookingNotes} characters."];
        if (idempotencyKey is not null && (idempotencyKey.Length is 0 or > FieldLimits.IdempotencyKey || idempotencyKey.Any(c => c is < '!' or > '~')))
            errors["Idempotency-Key"] = [$"An Idempotency-Key has 1 to {FieldLimits.IdempotencyKey} visible ASCII characters, such as a UUID."];

        if (string.IsNullOrWhiteSpace(body.Start))
        {
            errors["start"] = ["Give the start time with its offset, as /api/availability gives it: 2027-03-09T09:00:00-08:00."];
        }
        else
        {
            var parsed = StartPatterns.Select(p => p.Parse(body.Start.Trim())).FirstOrDefault(r => r.Success);
            if (parsed is null)
                errors["start"] = [$"start is '{Shorten(body.Start)}'; give a time with its offset, as /api/availability gives it: 2027-03-09T09:00:00-08:00."];
            else
                start = parsed.Value.ToInstant();
        }

        return errors;

        static string Capital(string s) => char.ToUpperInvariant(s[0]) + s[1..];
    }

    /// <summary>The body as <typeparamref name="T"/>, or the 400 saying why it cannot be read.</summary>
    private static async Task<(T? Body, ProblemHttpResult? Problem)> ReadAsync<T>(HttpRequest request, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type, string example, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            var body = await JsonSerializer.DeserializeAsync(request.Body, type, cancellationToken);
            return body is null
                ? (null, Problem(StatusCodes.Status400BadRequest, InvalidTitle, "The body is empty; send a JSON object such as " + example + "."))
                : (body, null);
        }
        catch (JsonException e)
        {
            var at = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "" : $" (at {e.Path})";
            return (null, Problem(StatusCodes.Status400BadRequest, InvalidTitle, $"The body is not a JSON object of the expected shape{at}. Send an object such as {example}."));
        }
        catch (BadHttpRequestException e)
        {
            return (null, Problem(e.StatusCode, InvalidTitle, "The body could not be read: " + e.Message));
        }
    }

    private static string? ZipProblem(string? zip)
    {
        if (string.IsNullOrWhiteSpace(zip))
            return "Give the ZIP code of the visit, such as 93534.";
        return ZipCodes.Normalize(zip) is null ? $"'{Shorten(zip)}' is not a ZIP code: a US ZIP code has five digits, such as 93534." : null;
    }

    /// <summary>The area holding <paramref name="zip"/> (well-formed), or the 422 saying the practice does not visit it.</summary>
    private static (ServiceArea? Area, ProblemHttpResult? Outside) AreaOf(PracticeSetup setup, string zip)
    {
        var five = ZipCodes.Normalize(zip)!;
        var area = setup.AreaOf(five);
        if (area is not null)
            return (area, null);
        var served = setup.Areas.Select(a => a.Name).ToArray();
        var detail = ZipCodes.Default.TryGet(five, out _, out var unknown)
            ? $"We do not visit ZIP {five} yet. We visit {string.Join(", ", served)}."
            : unknown + $" We visit {string.Join(", ", served)}.";
        return (null, Problem(StatusCodes.Status422UnprocessableEntity, "Outside the areas we visit", detail,
            new Dictionary<string, object?> { ["areas"] = served }));
    }

    private static ProblemHttpResult Rejected(BookingRejection rejection, PracticeSetup setup)
    {
        var status = rejection.Problem switch
        {
            BookingProblem.InvalidRequest => StatusCodes.Status400BadRequest,
            _ when rejection.IsConflict => StatusCodes.Status409Conflict,
            _ => StatusCodes.Status422UnprocessableEntity,
        };
        var extensions = new Dictionary<string, object?> { ["reason"] = Code(rejection.Problem) };
        if (rejection.Problem is BookingProblem.OutOfArea)
            extensions["areas"] = setup.Areas.Select(a => a.Name).ToArray();
        return Problem(status, status == StatusCodes.Status400BadRequest ? InvalidTitle : NotOfferableTitle, rejection.Message, extensions);
    }

    private static ValidationProblem Invalid(Dictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, title: InvalidTitle, detail: string.Join(" ", errors.Select(e => e.Value[0])));

    private static ProblemHttpResult Unavailable(string detail) =>
        Problem(StatusCodes.Status503ServiceUnavailable, "Booking is not open", detail);

    private static ProblemHttpResult NoSuchBooking() =>
        Problem(StatusCodes.Status404NotFound, "No such booking", "There is no booking with that id and token. Check the link in your confirmation e-mail.");

    private static ProblemHttpResult Problem(int status, string title, string detail, IDictionary<string, object?>? extensions = null) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: title, extensions: extensions);

    private static string Code(BookingProblem problem) => JsonNamingPolicy.KebabCaseLower.ConvertName(problem.ToString());

    private static string Shorten(string text)
    {
        var shown = text.Length <= 40 ? text : text[..40] + "…";
        return new string([.. shown.Select(c => char.IsControl(c) ? '?' : c)]);
    }

    /// <summary>An amount of dollars with two decimals (120.00), however the database or the setup stored its scale.</summary>
    private static decimal Money(decimal amount) => Math.Round(amount, 2, MidpointRounding.AwayFromZero) + 0.00m;

    private static Instant Now(TimeProvider clock) => Instant.FromDateTimeOffset(clock.GetUtcNow());

    private static string ManageUrl(PublicLinks links, HttpRequest request, Guid id, string token) =>
        links.To(request, $"/book/manage/{id}?token={Uri.EscapeDataString(token)}");

    private static ServiceDto ToDto(Service s) =>
        new(s.Id, s.Name, JsonNamingPolicy.KebabCaseLower.ConvertName(s.Kind.ToString()), s.Minutes, s.Description, s.Kind.IncludesTriggerPointWork());

    private static SlotDto ToDto(Slot s) => new(s.Start.ToDateTimeOffset(), s.End.ToDateTimeOffset(), s.TherapistId, Money(s.Price));

    private static BookingDto ToDto(BookingRecord b, PracticeSetup setup, string manageUrl) => new(
        b.Id,
        b.Status == BookingStatus.Booked ? "booked" : "cancelled",
        Instant.FromDateTimeUtc(b.StartUtc).InZone(setup.TimeZone).ToDateTimeOffset(),
        Instant.FromDateTimeUtc(b.EndUtc).InZone(setup.TimeZone).ToDateTimeOffset(),
        b.TherapistId,
        Money(b.Price),
        manageUrl);
}

/// <summary>A session a client can book.</summary>
internal sealed record ServiceDto(string Id, string Name, string Kind, int Minutes, string Description, bool IncludesTriggerPointWork);

/// <summary>An area and its ZIP codes.</summary>
internal sealed record AreaDto(string Id, string Name, IReadOnlyList<string> Zips);

/// <summary>The price of a session in an area.</summary>
internal sealed record ServicePriceDto(string Service, string Name, int Minutes, decimal Price);

/// <summary>An area with the price of each session offered there.</summary>
internal sealed record AreaPricesDto(string Id, string Name, IReadOnlyList<string> Zips, IReadOnlyList<ServicePriceDto> Prices);

/// <summary>An offered time, with the practice's offset.</summary>
internal sealed record SlotDto(DateTimeOffset Start, DateTimeOffset End, string Therapist, decimal Price);

/// <summary>The offered times, in the practice's time zone.</summary>
internal sealed record AvailabilityDto(string TimeZone, IReadOnlyList<SlotDto> Slots);

/// <summary>A request to book, as a client sends it (every field read as text and checked by the endpoint).</summary>
internal sealed record BookingRequestDto(
    string? Service, string? Zip, string? Address, string? Start, string? Name, string? Email, string? Phone, string? Therapist = null, string? Notes = null);

/// <summary>A booking, as the client may see it.</summary>
internal sealed record BookingDto(Guid Id, string Status, DateTimeOffset Start, DateTimeOffset End, string Therapist, decimal Price, string ManageUrl);

/// <summary>A request to cancel: the token of the booking's manage link.</summary>
internal sealed record CancelRequestDto(string? Token);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(ServiceDto[]))]
[JsonSerializable(typeof(AreaDto[]))]
[JsonSerializable(typeof(AreaPricesDto))]
[JsonSerializable(typeof(AvailabilityDto))]
[JsonSerializable(typeof(BookingRequestDto))]
[JsonSerializable(typeof(BookingDto))]
[JsonSerializable(typeof(CancelRequestDto))]
[JsonSerializable(typeof(SlotDto[]))]
[JsonSerializable(typeof(string[]))]
[JsonSerializable(typeof(decimal))]
internal sealed partial class BookingJson : JsonSerializerContext;
