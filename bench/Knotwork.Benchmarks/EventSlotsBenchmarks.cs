using BenchmarkDotNet.Attributes;
using Knotwork.Domain.Events;
using NodaTime;

namespace Knotwork.Benchmarks;

/// <summary>
/// The employees' page of the largest event a request allows (6 chairs, 10 hours, 10-minute slots: 360 slots) computes
/// its slot grid and the free slots on every view, with nearly all taken (the busiest moment, when a company's e-mail
/// has gone out). Also the grid on the autumn clock-change day, whose repeated hour gives the slots a second id form.
/// </summary>
[MemoryDiagnoser]
public class EventSlotsBenchmarks
{
    private static readonly DateTimeZone LosAngeles = DateTimeZoneProviders.Tzdb["America/Los_Angeles"];
    private List<EventSlotId> _taken = null!;

    [Params(0, 300, 359)]
    public int Taken { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var slots = Grid(new LocalDate(2027, 3, 9));
        var random = new Random(11);
        _taken = [.. slots.Select(s => s.Id).OrderBy(_ => random.Next()).Take(Taken)];
    }

    [Benchmark]
    public int FreeSlots() => EventSlots.Free(Grid(new LocalDate(2027, 3, 9)), _taken).Count;

    [Benchmark]
    public int FreeSlotsOnTheClockChangeDay() => EventSlots.Free(Grid(new LocalDate(2027, 11, 7)), _taken).Count;

    private static IReadOnlyList<EventSlot> Grid(LocalDate day) =>
        EventSlots.For(LosAngeles, day, new LocalTime(0, 30), new LocalTime(10, 30), EventRequest.MaxChairs, 10);
}
