using Knotwork.Domain.Events;
using NodaTime;

namespace Knotwork.Domain.Tests.Events;

public class WaitingListTests
{
    private static readonly EventSlot Freed = EventSlots.For(EventPractice.LosAngeles, new LocalDate(2027, 3, 10), new LocalTime(10, 0), new LocalTime(12, 0), 1, 15)[3];
    private static readonly Instant Now = EventPractice.At(2027, 3, 9, 12);

    private static WaitingEntry Entry(string id, string email, int minute) => new(id, email, EventPractice.At(2027, 3, 8, 9, minute));

    [Fact]
    public void NextFor_GivesTheFreedSlotToWhoeverJoinedFirst()
    {
        WaitingEntry[] waiting = [Entry("w3", "carol@acme.example", 30), Entry("w1", "alice@acme.example", 5), Entry("w2", "bob@acme.example", 10)];

        Assert.Equal("w1", WaitingList.NextFor(Freed, waiting, [], Now)?.Id);
    }

    [Fact]
    public void NextFor_TwoWhoJoinedAtOnce_GoesByTheirIds()
    {
        WaitingEntry[] waiting = [Entry("w2", "bob@acme.example", 5), Entry("w1", "alice@acme.example", 5)];

        Assert.Equal(["w1", "w2"], WaitingList.InOrder(waiting).Select(e => e.Id));
        Assert.Equal("w1", WaitingList.NextFor(Freed, waiting, [], Now)?.Id);
    }

    [Fact]
    public void NextFor_SkipsSomeoneWhoMeanwhileGotASlot_WhateverTheCaseOfTheirAddress()
    {
        WaitingEntry[] waiting = [Entry("w1", "Alice@Acme.example", 5), Entry("w2", "bob@acme.example", 10)];

        Assert.Equal("w2", WaitingList.NextFor(Freed, waiting, ["alice@acme.example "], Now)?.Id);
    }

    [Fact]
    public void NextFor_NobodyWaiting_GivesItToNobody()
    {
        Assert.Null(WaitingList.NextFor(Freed, [], [], Now));
        Assert.Null(WaitingList.NextFor(Freed, [Entry("w1", "alice@acme.example", 5)], ["alice@acme.example"], Now));
    }

    [Fact]
    public void NextFor_ASlotThatHasStarted_GoesToNobody()
    {
        Assert.Null(WaitingList.NextFor(Freed, [Entry("w1", "alice@acme.example", 5)], [], Freed.Start.ToInstant()));
    }
}
