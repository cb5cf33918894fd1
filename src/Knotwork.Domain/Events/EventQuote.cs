using Knotwork.Domain.Booking;
using NodaTime;

namespace Knotwork.Domain.Events;

/// <summary>
/// The price of a chair massage event, quoted from the practice's setup before the employer sends the request, or why
/// it cannot be quoted.
/// </summary>
/// <remarks>
/// The rule: each chair has its own therapist for the whole event, billed for the event's length or the setup's
/// <see cref="ChairEventPricing.MinimumHours"/>, whichever is longer, at the hourly rate of the area holding the
/// workplace's ZIP. Total = chairs x billed hours x rate, rounded once to whole cents (half a cent up). So 3 chairs from
/// 10:00 to 13:30 in Palmdale at $95 an hour cost 3 x 3.5 x 95 = $997.50, and 1 chair for an hour with a two-hour
/// minimum costs 2 x the rate. Setup, pack-up and travel are the practice's own and not billed separately. The length
/// follows the clocks on the days they change (see <see cref="EventTimes"/>).
/// </remarks>
public abstract record EventQuote
{
    private EventQuote()
    {
    }

    /// <summary>The price of the event.</summary>
    /// <param name="Area">The area the workplace is in.</param>
    /// <param name="Chairs">How many chairs (and therapists).</param>
    /// <param name="HourlyRate">The area's rate per therapist hour, in US dollars.</param>
    /// <param name="Length">How long the event lasts.</param>
    /// <param name="BilledPerChair">The time billed per chair: the length, or the minimum when that is longer.</param>
    /// <param name="Total">Chairs x billed hours x rate, in whole cents.</param>
    public sealed record Offered(ServiceArea Area, int Chairs, decimal HourlyRate, Duration Length, Duration BilledPerChair, decimal Total) : EventQuote;

    /// <summary>The event cannot be quoted, and why, for the employer.</summary>
    /// <param name="Reason">Why: events not offered, ZIP outside the areas, times that do not make an event...</param>
    public sealed record NotOffered(string Reason) : EventQuote;

    /// <summary>The quote for <paramref name="request"/>'s ZIP, times and chairs (other details are not needed for a price).</summary>
    public static EventQuote For(PracticeSetup setup, EventRequest request)
    {
        ArgumentNullException.ThrowIfNull(setup);
        ArgumentNullException.ThrowIfNull(request);
        return EventTimes.TryResolve(setup.TimeZone, request.Date, request.Start, request.End, out var times, out var problem)
            ? For(setup, request.Zip, times.Duration, request.Chairs)
            : new NotOffered(problem);
    }

    /// <summary>The quote for <paramref name="chairs"/> chairs for <paramref name="length"/> at <paramref name="zip"/>.</summary>
    public static EventQuote For(PracticeSetup setup, string zip, Duration length, int chairs)
    {
        ArgumentNullException.ThrowIfNull(setup);
        if (setup.ChairEvents is not { } pricing)
            return new NotOffered("We do not offer chair massage events at the moment.");
        if (chairs is < 1 or > EventRequest.MaxChairs)
            return new NotOffered($"An event has 1 to {EventRequest.MaxChairs} chairs.");
        if (length <= Duration.Zero)
            return new NotOffered("The event must end after it starts.");
        var normalized = ZipCodes.Normalize(zip);
        if (normalized is null)
            return new NotOffered($"'{zip?.Trim()}' is not a ZIP code: a US ZIP code has five digits, such as 93534.");
        var area = setup.AreaOf(normalized);
        if (area is null || pricing.RateIn(area.Id) is not { } rate)
            return new NotOffered($"We do not bring chair massage to ZIP {normalized} yet.");

        var billed = length < pricing.MinimumHours ? pricing.MinimumHours : length;
        var hours = (decimal)billed.BclCompatibleTicks / NodaConstants.TicksPerHour;
        var total = Math.Round(chairs * hours * rate, 2, MidpointRounding.AwayFromZero);
        return new Offered(area, chairs, rate, length, billed, total);
    }
}
