using Knotwork.Domain.Booking;
using Knotwork.Domain.Events;
using NodaTime;

namespace Knotwork.Domain.Tests.Events;

public class EventSummaryTests
{
    /// <summary>Maria (Lancaster) and Jon (Valencia) at two chairs in Palmdale, 10:00-12:00, 15-minute slots.</summary>
    private static readonly ChairEvent Event = new()
    {
        Id = "ev1", Zip = EventPractice.Palmdale, Date = new LocalDate(2027, 3, 10),
        Start = new LocalTime(10, 0), End = new LocalTime(12, 0), SlotMinutes = 15, TherapistIds = ["maria", "jon"],
    };

    private static EventSlotId Id(string text) => EventSlotId.TryParse(text, out var id) ? id : throw new ArgumentException(text);

    [Fact]
    public void For_CountsOfferedTakenAttendedAndNoShows()
    {
        var setup = EventPractice.Setup();
        TakenSlot[] taken =
        [
            new(Id("1-1000"), Attendance.Came), new(Id("1-1015"), Attendance.Came), new(Id("2-1000"), Attendance.Came),
            new(Id("2-1015"), Attendance.NoShow), new(Id("2-1030")),
            new(Id("2-1030")), // the same slot twice counts once
            new(Id("3-1000"), Attendance.Came), // not a slot of this event
        ];

        var summary = EventSummary.For(Event, setup, StraightLineTravel.For(setup), taken);

        Assert.Equal(16, summary.SlotsOffered);
        Assert.Equal(5, summary.SlotsTaken);
        Assert.Equal(3, summary.Attended);
        Assert.Equal(1, summary.NoShows);
        Assert.Equal(1, summary.NotRecorded);
    }

    [Fact]
    public void For_TheOwnersHoursAndDriveTime_CountEachTherapistsSetupPackUpAndRoundTrip()
    {
        var setup = EventPractice.Setup();
        var travel = StraightLineTravel.For(setup);

        var summary = EventSummary.For(Event, setup, travel, []);

        Assert.Equal(Duration.FromHours(4), summary.ChairTime);
        Assert.Equal(Duration.FromHours(5), summary.TherapistTime); // 2 x (15 min + 2 h + 15 min)
        var expected = travel.Between(EventPractice.Lancaster, EventPractice.Palmdale) + travel.Between(EventPractice.Palmdale, EventPractice.Lancaster)
            + travel.Between(EventPractice.Valencia, EventPractice.Palmdale) + travel.Between(EventPractice.Palmdale, EventPractice.Valencia);
        Assert.Equal(expected, summary.DriveTime);
        Assert.True(summary.DriveTime > Duration.FromMinutes(60));
    }

    [Fact]
    public void For_ATherapistNoLongerInTheSetup_MakesTheDriveTimeUnknown()
    {
        var setup = EventPractice.Setup(EventPractice.Maria);

        var summary = EventSummary.For(Event, setup, StraightLineTravel.For(setup), []);

        Assert.Null(summary.DriveTime);
        Assert.Equal(Duration.FromMinutes(30 + 240), summary.TherapistTime);
    }
}
