using Knotwork.Domain.Events;
using NodaTime;

namespace Knotwork.Domain.Tests.Events;

public class EventSlotsTests
{
    private static readonly DateTimeZone LosAngeles = EventPractice.LosAngeles;

    private static IReadOnlyList<EventSlot> Slots(LocalDate date, int fromHour, int toHour, int chairs, int minutes, int toMinute = 0) =>
        EventSlots.For(LosAngeles, date, new LocalTime(fromHour, 0), new LocalTime(toHour, toMinute), chairs, minutes);

    private static string[] Times(IEnumerable<EventSlot> slots, int chair = 1) =>
        [.. slots.Where(s => s.Chair == chair).Select(s => s.Start.TimeOfDay.ToString("HH:mm", null))];

    [Fact]
    public void For_TwoChairsForTwoHours_GivesEightQuarterHoursPerChair_ChairByChair()
    {
        var slots = Slots(new LocalDate(2027, 3, 10), 10, 12, 2, 15);

        Assert.Equal(16, slots.Count);
        Assert.Equal(["10:00", "10:15", "10:30", "10:45", "11:00", "11:15", "11:30", "11:45"], Times(slots, 1));
        Assert.Equal(Times(slots, 1), Times(slots, 2));
        Assert.Equal([1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2], slots.Select(s => s.Chair));
        Assert.Equal("1-1000", slots[0].Id.ToString());
        Assert.Equal("2-1145", slots[^1].Id.ToString());
        Assert.Equal(new LocalTime(12, 0), slots[^1].End.TimeOfDay);
    }

    [Fact]
    public void For_ALastPartialSlot_IsDropped()
    {
        var slots = Slots(new LocalDate(2027, 3, 10), 10, 11, 1, 20, toMinute: 50);

        Assert.Equal(["10:00", "10:20", "10:40", "11:00", "11:20"], Times(slots));
        Assert.Equal(new LocalTime(11, 40), slots[^1].End.TimeOfDay);
    }

    [Theory]
    [InlineData(2027, 3, 14)]
    [InlineData(2027, 11, 7)]
    public void For_ADayEventOnAClockChangeDay_KeepsItsLocalTimesAtThatDaysOffset(int year, int month, int day)
    {
        var date = new LocalDate(year, month, day);

        var slots = Slots(date, 9, 11, 1, 10);

        Assert.Equal(12, slots.Count);
        Assert.Equal("09:00", Times(slots)[0]);
        Assert.Equal("10:50", Times(slots)[^1]);
        var expectedOffset = month == 3 ? Offset.FromHours(-7) : Offset.FromHours(-8);
        Assert.All(slots, s => Assert.Equal(expectedOffset, s.Start.Offset));
        Assert.All(slots, s => Assert.Equal(date, s.Start.Date));
    }

    [Fact]
    public void For_ANightEventOverTheSpringForward_SkipsTheHourThatDoesNotExist()
    {
        // 00:00-04:00 on 14 March 2027 lasts three hours: 02:00 becomes 03:00.
        var slots = Slots(new LocalDate(2027, 3, 14), 0, 4, 1, 20);

        Assert.Equal(["00:00", "00:20", "00:40", "01:00", "01:20", "01:40", "03:00", "03:20", "03:40"], Times(slots));
        AssertBackToBack(slots);
    }

    [Fact]
    public void For_ANightEventOverTheFallBack_RunsThroughTheRepeatedHourWithDistinctIds()
    {
        // 00:00-04:00 on 7 November 2027 lasts five hours: 01:00-01:59 happens twice.
        var slots = Slots(new LocalDate(2027, 11, 7), 0, 4, 2, 15);

        Assert.Equal(40, slots.Count);
        Assert.Equal(20, Times(slots).Length);
        Assert.Equal(2, Times(slots).Count(t => t == "01:00"));
        Assert.Equal(slots.Count, slots.Select(s => s.Id).Distinct().Count());
        Assert.Contains(slots, s => s.Id.ToString() == "1-0100");
        Assert.Contains(slots, s => s.Id.ToString() == "1-0100-2");
        Assert.Equal(Offset.FromHours(-7), slots.Single(s => s.Id.ToString() == "1-0100").Start.Offset);
        Assert.Equal(Offset.FromHours(-8), slots.Single(s => s.Id.ToString() == "1-0100-2").Start.Offset);
        AssertBackToBack(slots.Where(s => s.Chair == 1).ToList());
    }

    private static void AssertBackToBack(IReadOnlyList<EventSlot> chair)
    {
        for (var i = 1; i < chair.Count; i++)
            Assert.Equal(chair[i - 1].End.ToInstant(), chair[i].Start.ToInstant());
    }

    [Theory]
    [InlineData("1-0900")]
    [InlineData("6-2340")]
    [InlineData("2-0130-2")]
    public void SlotId_WrittenAndRead_IsTheSame(string text)
    {
        Assert.True(EventSlotId.TryParse(text, out var id));
        Assert.Equal(text, id.ToString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("0-0900")]
    [InlineData("7-0900")]
    [InlineData("01-0900")]
    [InlineData("1-2400")]
    [InlineData("1-0960")]
    [InlineData("1-900")]
    [InlineData("1-0900-3")]
    [InlineData("1-09:00")]
    [InlineData("a-0900")]
    [InlineData("1-0900-2-2")]
    public void SlotId_AnythingElse_IsRefused(string? text)
    {
        Assert.False(EventSlotId.TryParse(text, out _));
    }

    [Fact]
    public void Free_LeavesOutTakenSlots_AndIsEmptyWhenFull()
    {
        var slots = Slots(new LocalDate(2027, 3, 10), 10, 11, 2, 20);

        var free = EventSlots.Free(slots, [slots[0].Id, slots[4].Id]);

        Assert.Equal(4, free.Count);
        Assert.DoesNotContain(slots[0], free);
        Assert.Empty(EventSlots.Free(slots, slots.Select(s => s.Id)));
    }
}
