using Knotwork.Domain.Booking.Calendar;
using NodaTime;
using static Knotwork.Domain.Tests.Booking.Practice;

namespace Knotwork.Domain.Tests.Booking.Calendar;

// In 2027 the clocks in Los Angeles go forward on Sunday 14 March (02:00 PST -> 03:00 PDT) and back on Sunday
// 7 November (02:00 PDT -> 01:00 PST).
public class ICalendarWriterTests
{
    private static readonly Instant Stamp = Instant.FromUtc(2027, 3, 1, 17, 0);
    private static readonly CalendarPerson PracticeDesk = new("Antelope Valley Mobile Massage", "bookings@example.com");
    private static readonly CalendarPerson Anna = new("Anna", "anna@example.com");

    private static ZonedDateTime Local(int year, int month, int day, int hour, int minute = 0) =>
        LosAngeles.AtStrictly(new LocalDateTime(year, month, day, hour, minute));

    private static CalendarEvent Visit(ZonedDateTime start, string uid = "booking-1@knotwork") => new()
    {
        Uid = uid,
        Start = start,
        End = start.PlusHours(1),
        Summary = "Deep tissue, 60 minutes",
        Location = "Lancaster",
        Stamp = Stamp,
        Organizer = PracticeDesk,
        Attendees = [Anna],
    };

    private static string Invite(params CalendarEvent[] events) =>
        ICalendarWriter.Write(new CalendarFile { Method = CalendarMethod.Request, Events = events });

    [Theory]
    [InlineData(2027, 3, 14, -7)] // the spring-forward Sunday
    [InlineData(2027, 11, 7, -8)] // the fall-back Sunday
    [InlineData(2027, 1, 12, -8)]
    [InlineData(2027, 7, 6, -7)]
    public void AVisitAtNine_IsNineLocal_WhenACalendarLooksUpTheTzid(int year, int month, int day, int offsetHours)
    {
        var ics = Invite(Visit(Local(year, month, day, 9)));

        var parsed = Assert.Single(Ics.Parse(ics).Events);

        Assert.Equal("America/Los_Angeles", parsed.DtStart!.TzId);
        Assert.Equal(new DateTime(year, month, day, 9, 0, 0), parsed.DtStart.Value);
        Assert.Equal(new DateTime(year, month, day, 9 - offsetHours, 0, 0), parsed.DtStart.AsUtc);
        Assert.Equal(new DateTime(year, month, day, 10, 0, 0), parsed.DtEnd!.Value);
    }

    [Fact]
    public void VisitsAcrossBothChangesAndIntoNextYear_AreNineLocal_WhenReadByTheFilesOwnVTimeZone_AsOutlookDoes()
    {
        ZonedDateTime[] starts =
        [
            Local(2027, 1, 4, 9), Local(2027, 3, 13, 9), Local(2027, 3, 14, 9), Local(2027, 3, 15, 9),
            Local(2027, 11, 6, 9), Local(2027, 11, 7, 9), Local(2027, 11, 8, 9), Local(2028, 3, 12, 9), Local(2028, 12, 31, 9),
        ];
        var ics = Invite([.. starts.Select((s, i) => Visit(s, $"booking-{i}@knotwork"))]);

        var calendar = Ics.Parse(ics);

        Assert.Equal(starts.Length, calendar.Events.Count);
        foreach (var (start, parsed) in starts.Zip(calendar.Events.OrderBy(e => e.DtStart!.AsUtc)))
        {
            var local = LocalDateTime.FromDateTime(parsed.DtStart!.Value);
            Assert.Equal(new LocalTime(9, 0), local.TimeOfDay);
            Assert.Equal(start.ToInstant(), Ics.ByOwnTimeZone(calendar, parsed.DtStart.TzId!, local));
        }
    }

    [Fact]
    public void TheVTimeZone_NamesPacificStandardAndDaylightTime_WithTheirOffsets()
    {
        var calendar = Ics.Parse(Invite(Visit(Local(2027, 6, 1, 9))));

        var zone = Assert.Single(calendar.TimeZones);
        Assert.Equal("America/Los_Angeles", zone.TzId);
        var daylight = Assert.Single(zone.TimeZoneInfos, o => o.Name == "DAYLIGHT" && o.DtStart!.Value.Year == 2027);
        Assert.Equal(new DateTime(2027, 3, 14, 2, 0, 0), daylight.DtStart!.Value);
        Assert.Equal(TimeSpan.FromHours(-8), daylight.OffsetFrom!.Offset);
        Assert.Equal(TimeSpan.FromHours(-7), daylight.OffsetTo!.Offset);
        Assert.Equal("PDT", daylight.TimeZoneName);
        var standard = Assert.Single(zone.TimeZoneInfos, o => o.Name == "STANDARD" && o.DtStart!.Value.Year == 2027);
        Assert.Equal(new DateTime(2027, 11, 7, 2, 0, 0), standard.DtStart!.Value);
        Assert.Equal("PST", standard.TimeZoneName);
    }

    [Fact]
    public void AVisitInTheRepeatedHour_SecondTime_IsWrittenInUtc_SoItIsNotReadAsTheFirst()
    {
        var secondHalfPastOne = LosAngeles.AtLeniently(new LocalDateTime(2027, 11, 7, 1, 30)).PlusHours(1);
        Assert.Equal(Offset.FromHours(-8), secondHalfPastOne.Offset);

        var parsed = Assert.Single(Ics.Parse(Invite(Visit(secondHalfPastOne))).Events);

        Assert.True(parsed.DtStart!.IsUtc);
        Assert.Equal(new DateTime(2027, 11, 7, 9, 30, 0), parsed.DtStart.AsUtc);
    }

    [Fact]
    public void TextWithCommasSemicolonsBackslashesAndLineBreaks_ReadsBackExactly()
    {
        const string notes = "Lower back, left side; avoid C:\\old injury\nBring the bolster.\r\nGate code on arrival";
        var visit = Visit(Local(2027, 3, 9, 9)) with { Summary = "Deep tissue, 60 min; trigger points", Description = notes };

        var ics = Invite(visit);
        var parsed = Assert.Single(Ics.Parse(ics).Events);

        Assert.Equal("Deep tissue, 60 min; trigger points", parsed.Summary);
        Assert.Equal(notes.Replace("\r\n", "\n", StringComparison.Ordinal), parsed.Description);
        Assert.Contains(@"SUMMARY:Deep tissue\, 60 min\; trigger points", Ics.Unfolded(ics));
    }

    [Fact]
    public void LongNonAsciiText_IsFoldedAt75Octets_WithoutSplittingACharacter_AndReadsBackWhole()
    {
        var description = string.Concat(Enumerable.Repeat("Nacken verspannt – Schulter überlastet 💆‍♀️ ", 12));
        var ics = Invite(Visit(Local(2027, 3, 9, 9)) with { Description = description });

        var lines = Ics.PhysicalLines(ics);

        Assert.All(lines, line => Assert.InRange(Ics.Octets(line), 1, 75));
        Assert.All(lines, line => Assert.DoesNotContain('\n', line));
        Assert.All(lines, line => Assert.DoesNotContain('\uFFFD', line));
        Assert.Contains(lines, line => Ics.Octets(line) >= 73 && line.StartsWith(' '));
        Assert.Equal(description, Assert.Single(Ics.Parse(ics).Events).Description);
    }

    [Fact]
    public void AnInvitation_SaysWhoItIsFrom_AndWhatItIs()
    {
        var ics = Invite(Visit(Local(2027, 3, 9, 9)));
        var lines = Ics.Unfolded(ics);

        Assert.Equal("BEGIN:VCALENDAR", lines[0]);
        Assert.Equal("END:VCALENDAR", lines[^1]);
        Assert.Contains("PRODID:-//Knotwork//Booking//EN", lines);
        Assert.Contains("VERSION:2.0", lines);
        Assert.Contains("METHOD:REQUEST", lines);
        Assert.Contains("DTSTART;TZID=America/Los_Angeles:20270309T090000", lines);
        var calendar = Ics.Parse(ics);
        Assert.Equal("REQUEST", calendar.Method);
        var parsed = Assert.Single(calendar.Events);
        Assert.Equal("booking-1@knotwork", parsed.Uid);
        Assert.Equal("CONFIRMED", parsed.Status);
        Assert.Equal("OPAQUE", parsed.Transparency);
        Assert.Equal(0, parsed.Sequence);
        Assert.Equal("mailto:bookings@example.com", parsed.Organizer!.Value!.ToString());
        Assert.Equal("Antelope Valley Mobile Massage", parsed.Organizer.CommonName);
        Assert.Equal("Anna", Assert.Single(parsed.Attendees).CommonName);
        Assert.Equal(new DateTime(2027, 3, 1, 17, 0, 0), parsed.DtStamp!.AsUtc);
    }

    [Fact]
    public void ACancellation_CarriesTheSameUid_AHigherSequence_AndCancelledStatus()
    {
        var cancelled = Visit(Local(2027, 3, 9, 9)) with { Status = EventStatus.Cancelled, Sequence = 1 };

        var calendar = Ics.Parse(ICalendarWriter.Write(new CalendarFile { Method = CalendarMethod.Cancel, Events = [cancelled] }));

        Assert.Equal("CANCEL", calendar.Method);
        var parsed = Assert.Single(calendar.Events);
        Assert.Equal("booking-1@knotwork", parsed.Uid);
        Assert.Equal("CANCELLED", parsed.Status);
        Assert.Equal(1, parsed.Sequence);
    }

    [Fact]
    public void AnInvitationWithoutOrganizer_OrACancellationOfAConfirmedVisit_IsAProgrammingError()
    {
        var visit = Visit(Local(2027, 3, 9, 9));

        Assert.Throws<ArgumentException>(() => Invite(visit with { Organizer = null }));
        Assert.Throws<ArgumentException>(() => ICalendarWriter.Write(new CalendarFile { Method = CalendarMethod.Cancel, Events = [visit] }));
        Assert.Throws<ArgumentException>(() => Invite(visit with { End = visit.Start }));
    }

    [Fact]
    public void EveryLine_EndsInCrlf()
    {
        var ics = Invite(Visit(Local(2027, 3, 9, 9)) with { Description = "one\ntwo" });

        Assert.DoesNotContain("\n", ics.Replace("\r\n", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain("\r", ics.Replace("\r\n", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }
}
