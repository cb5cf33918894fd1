using Knotwork.Domain.Booking;
using NodaTime;

namespace Knotwork.Domain.Tests.Booking;

public class OnlineCancellationTests
{
    private static readonly Instant Start = Instant.FromUtc(2027, 3, 10, 17, 0);

    [Fact]
    public void Refusal_OutsideTheWindow_IsNull()
    {
        Assert.Null(OnlineCancellation.Refusal(new BookingPolicies(), Start, Start - Duration.FromHours(24)));
    }

    [Fact]
    public void Refusal_InsideTheWindow_AsksTheClientToContactThePractice_AndNamesTheFee()
    {
        var policies = new BookingPolicies { CancellationWindow = Duration.FromHours(48), LateCancellationFee = 40m };

        var refusal = OnlineCancellation.Refusal(policies, Start, Start - Duration.FromHours(47));

        Assert.Equal("Your visit starts in less than 48 hours, so it can no longer be cancelled online: please call or e-mail the practice. A late-cancellation fee of $40.00 may apply.", refusal);
    }

    [Fact]
    public void Refusal_WithNoFee_DoesNotMentionOne()
    {
        var refusal = OnlineCancellation.Refusal(new BookingPolicies { CancellationWindow = Duration.FromMinutes(90) }, Start, Start - Duration.FromMinutes(30));

        Assert.Equal("Your visit starts in less than 90 minutes, so it can no longer be cancelled online: please call or e-mail the practice.", refusal);
    }
}
