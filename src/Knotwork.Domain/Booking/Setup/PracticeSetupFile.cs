using System.Text.Json;
using NodaTime;
using NodaTime.Text;

namespace Knotwork.Domain.Booking.Setup;

/// <summary>The outcome of reading a practice setup file: the setup, or every problem found, each naming its field.</summary>
/// <param name="Setup">The setup; null when <paramref name="Problems"/> is not empty.</param>
/// <param name="Problems">What is wrong, in words for the owner; empty when the setup is ready to take bookings.</param>
public sealed record PracticeSetupReadResult(PracticeSetup? Setup, IReadOnlyList<SetupProblem> Problems)
{
    /// <summary>Whether the file gave a valid setup.</summary>
    public bool Succeeded => Setup is not null && Problems.Count == 0;
}

/// <summary>
/// The practice setup file: the whole of a <see cref="PracticeSetup"/> as one JSON document, for export, import and
/// the sample practice. Times are ISO text in the practice's time zone (<c>"09:00"</c>, <c>"2027-03-09T09:00"</c>),
/// durations are hours and minutes (<c>"24:00"</c> is 24 hours), amounts are US dollars. Reading reports every
/// problem at once, each with the field it is in (<c>therapists[maria].weeklyHours[0].start</c>), and then checks
/// the setup with <see cref="PracticeSetup.Validate"/>.
/// </summary>
public static class PracticeSetupFile
{
    /// <summary>The version of the format this code writes and reads.</summary>
    public const int CurrentFormatVersion = 1;

    /// <summary>The largest file read (a practice's setup is a few kilobytes; this refuses a mistaken upload).</summary>
    public const int MaxLength = 1_000_000;

    private static readonly LocalTimePattern TimePattern = LocalTimePattern.CreateWithInvariantCulture("HH:mm");
    private static readonly LocalDateTimePattern DateTimePattern = LocalDateTimePattern.CreateWithInvariantCulture("uuuu-MM-dd'T'HH:mm");
    private static readonly DurationPattern HoursPattern = DurationPattern.CreateWithInvariantCulture("H:mm");

    /// <summary>The setup as an indented JSON document that <see cref="Read"/> reads back to an equal setup.</summary>
    public static string Write(PracticeSetup setup)
    {
        ArgumentNullException.ThrowIfNull(setup);
        var document = new PracticeSetupDocument
        {
            FormatVersion = CurrentFormatVersion,
            TimeZone = setup.TimeZone.Id,
            Services = [.. setup.Services.Select(s => new ServiceDocument { Id = s.Id, Name = s.Name, Kind = KindText(s.Kind), Minutes = s.Minutes, Description = s.Description.Length == 0 ? null : s.Description })],
            Areas = [.. setup.Areas.Select(a => new AreaDocument { Id = a.Id, Name = a.Name, Zips = [.. a.Zips] })],
            Pricing = WritePricing(setup.Pricing),
            Therapists = [.. setup.Therapists.Select(t => new TherapistDocument
            {
                Id = t.Id,
                Name = t.Name,
                HomeZip = t.HomeZip,
                WeeklyHours = [.. t.WeeklyHours.Select(h => new HoursDocument { Day = DayText(h.Day), Start = TimePattern.Format(h.Start), End = TimePattern.Format(h.End) })],
                TimeOff = t.TimeOff.Count == 0 ? null : [.. t.TimeOff.Select(o => new TimeOffDocument { Start = DateTimePattern.Format(o.Start), End = DateTimePattern.Format(o.End), Note = o.Note.Length == 0 ? null : o.Note })],
                SetupMinutes = t.SetupMinutes,
                PackUpMinutes = t.PackUpMinutes,
                ServiceIds = [.. t.ServiceIds],
                AreaIds = [.. t.AreaIds],
            })],
            Policies = new PoliciesDocument
            {
                HorizonDays = setup.Policies.HorizonDays,
                MinimumNotice = HoursPattern.Format(setup.Policies.MinimumNotice),
                SlotStepMinutes = setup.Policies.SlotStepMinutes,
                CancellationWindow = HoursPattern.Format(setup.Policies.CancellationWindow),
                LateCancellationFee = setup.Policies.LateCancellationFee,
            },
            Travel = new TravelDocument
            {
                RoadFactor = setup.Travel.RoadFactor,
                AverageSpeedMph = setup.Travel.AverageSpeedMph,
                ParkingMinutes = setup.Travel.ParkingMinutes,
                Overrides = setup.Travel.Overrides.Count == 0 ? null : [.. setup.Travel.Overrides.Select(o => new TravelOverrideDocument { AreaA = o.AreaA, AreaB = o.AreaB, Minutes = o.Minutes })],
            },
            ChairEvents = setup.ChairEvents is not { } events ? null : new ChairEventsDocument
            {
                HourlyRates = events.HourlyRates.DistinctBy(r => r.AreaId, StringComparer.Ordinal).ToDictionary(r => r.AreaId, r => r.Amount, StringComparer.Ordinal),
                MinimumHours = events.MinimumHours == Duration.Zero ? null : HoursPattern.Format(events.MinimumHours),
            },
        };
        return JsonSerializer.Serialize(document, PracticeSetupJsonContext.Default.PracticeSetupDocument) + "\n";
    }

    /// <summary>
    /// Reads a setup file and checks the setup against <paramref name="zips"/>: the setup, or every problem with it
    /// (malformed JSON, missing or unknown fields, unknown time zone, bad times, then <see cref="PracticeSetup.Validate"/>'s
    /// problems such as an unknown service id in a therapist).
    /// </summary>
    public static PracticeSetupReadResult Read(string json, ZipCodes zips)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(zips);
        if (json.Length > MaxLength)
            return Failed(new SetupProblem("", $"The file is {json.Length:N0} characters long; a practice setup is at most {MaxLength:N0}."));

        PracticeSetupDocument? document;
        try
        {
            document = JsonSerializer.Deserialize(json, PracticeSetupJsonContext.Default.PracticeSetupDocument);
        }
        catch (JsonException e)
        {
            return Failed(Describe(e));
        }

        if (document is null)
            return Failed(new SetupProblem("", "The file holds 'null'; it should hold one JSON object with the practice's setup."));

        var reader = new DocumentReader();
        var setup = reader.Read(document);
        if (setup is null || reader.Problems.Count > 0)
            return new PracticeSetupReadResult(null, reader.Problems);
        var problems = setup.Validate(zips);
        return new PracticeSetupReadResult(problems.Count == 0 ? setup : null, problems);
    }

    private static PracticeSetupReadResult Failed(SetupProblem problem) => new(null, [problem]);

    private static SetupProblem Describe(JsonException e)
    {
        var field = FieldOf(e.Path);
        var where = e.LineNumber is { } line ? $"Line {line + 1}: " : "";
        var message = e.Message;
        var expected =
            message.Contains("System.Int32", StringComparison.Ordinal) ? "a whole number, such as 60" :
            message.Contains("System.Decimal", StringComparison.Ordinal) ? "an amount in dollars, such as 120.00" :
            message.Contains("System.Double", StringComparison.Ordinal) ? "a number, such as 1.3" :
            message.Contains("System.String", StringComparison.Ordinal) ? "text in double quotes" :
            message.Contains("List`1", StringComparison.Ordinal) ? "a list in square brackets [ ]" :
            message.Contains("Dictionary`2", StringComparison.Ordinal) || message.Contains("Document", StringComparison.Ordinal) ? "an object in curly braces { }" :
            null;
        return expected is not null
            ? new SetupProblem(field, $"{where}this should be {expected}.")
            : new SetupProblem(field, $"{where}the file is not valid JSON ({FirstSentence(message)}).");

        static string FirstSentence(string text)
        {
            var end = text.IndexOf(". ", StringComparison.Ordinal);
            return (end < 0 ? text : text[..end]).TrimEnd('.');
        }
    }

    /// <summary><c>$.services[0].minutes</c> → <c>services[0].minutes</c>.</summary>
    private static string FieldOf(string? path) =>
        path is null or "$" ? "" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');

    private static PricingDocument WritePricing(Pricing pricing) => pricing switch
    {
        PricePerArea p => new PricingDocument
        {
            Mode = PricingModes.PerArea,
            Prices = p.Prices.GroupBy(x => x.ServiceId, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => (Dictionary<string, decimal>?)g.ToDictionary(x => x.AreaId, x => x.Amount, StringComparer.Ordinal), StringComparer.Ordinal),
        },
        BasePlusTripCharge b => new PricingDocument
        {
            Mode = PricingModes.BasePlusTrip,
            BasePrices = b.BasePrices.ToDictionary(x => x.ServiceId, x => x.Amount, StringComparer.Ordinal),
            TripCharges = b.TripCharges.ToDictionary(x => x.AreaId, x => x.Amount, StringComparer.Ordinal),
        },
        _ => throw new ArgumentException($"Unknown pricing {pricing.GetType().Name}.", nameof(pricing)),
    };

    internal static string KindText(ServiceKind kind) => kind switch
    {
        ServiceKind.DeepTissue => "deep-tissue",
        ServiceKind.Sports => "sports",
        ServiceKind.Swedish => "swedish",
        ServiceKind.Prenatal => "prenatal",
        ServiceKind.CorporateChair => "corporate-chair",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    internal static string DayText(IsoDayOfWeek day) => day.ToString().ToLowerInvariant();

    private static class PricingModes
    {
        public const string PerArea = "per-area";
        public const string BasePlusTrip = "base-plus-trip";
    }

    /// <summary>Turns the document into a setup, collecting every problem on the way.</summary>
    private sealed class DocumentReader
    {
        private static readonly string[] Kinds = [.. Enum.GetValues<ServiceKind>().Select(KindText)];
        private static readonly string[] Days = [.. Enum.GetValues<IsoDayOfWeek>().Where(d => d != IsoDayOfWeek.None).Select(DayText)];

        public List<SetupProblem> Problems { get; } = [];

        private void Add(string field, string message) => Problems.Add(new SetupProblem(field, message));

        public PracticeSetup? Read(PracticeSetupDocument d)
        {
            Unknown("", d.Extra, "$schema, formatVersion, timeZone, services, areas, pricing, therapists, policies, travel, chairEvents");
            if (d.FormatVersion is { } version && version != CurrentFormatVersion)
                Add("formatVersion", $"This file is format version {version}; this Knotwork reads version {CurrentFormatVersion}. Export it again from the Knotwork that wrote it, or update Knotwork.");

            DateTimeZone? zone = null;
            if (string.IsNullOrWhiteSpace(d.TimeZone))
                Add("timeZone", "Give the practice's time zone, such as \"America/Los_Angeles\".");
            else if ((zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(d.TimeZone)) is null)
                Add("timeZone", $"'{d.TimeZone}' is not a time zone Knotwork knows; use an IANA time zone id such as \"America/Los_Angeles\" or \"America/Denver\".");

            var services = List(d.Services, "services", (s, at) => ReadService(s, at), s => s.Id);
            var areas = List(d.Areas, "areas", (a, at) => ReadArea(a, at), a => a.Id);
            var pricing = ReadPricing(d.Pricing);
            var therapists = List(d.Therapists, "therapists", (t, at) => ReadTherapist(t, at), t => t.Id);
            var policies = ReadPolicies(d.Policies);
            var travel = ReadTravel(d.Travel);
            var chairEvents = ReadChairEvents(d.ChairEvents);

            if (Problems.Count > 0 || zone is null || services is null || areas is null || pricing is null || therapists is null)
                return null;
            return new PracticeSetup
            {
                TimeZone = zone,
                Services = services,
                Areas = areas,
                Pricing = pricing,
                Therapists = therapists,
                Policies = policies,
                Travel = travel,
                ChairEvents = chairEvents,
            };
        }

        /// <summary>Each item read at <c>field[id]</c> (or <c>field[index]</c> while its id is unknown).</summary>
        private List<T>? List<TDoc, T>(List<TDoc?>? items, string field, Func<TDoc, string, T?> read, Func<TDoc, string?> id)
            where TDoc : class
            where T : class
        {
            if (items is null)
            {
                Add(field, $"The '{field}' list is missing; add \"{field}\": [ ... ].");
                return null;
            }

            var result = new List<T>(items.Count);
            for (var i = 0; i < items.Count; i++)
            {
                if (items[i] is not { } item)
                {
                    Add($"{field}[{i}]", "This entry is empty (null); remove it or fill it in.");
                    continue;
                }

                var at = string.IsNullOrWhiteSpace(id(item)) ? $"{field}[{i}]" : $"{field}[{id(item)}]";
                if (read(item, at) is { } value)
                    result.Add(value);
            }

            return result;
        }

        private Service? ReadService(ServiceDocument s, string at)
        {
            Unknown(at, s.Extra, "id, name, kind, minutes, description");
            var id = Required(s.Id, at + ".id", "an id such as \"deep-tissue-60\"");
            var name = Required(s.Name, at + ".name", "the name clients see");
            var minutes = Required(s.Minutes, at + ".minutes", "how many minutes the session lasts");
            ServiceKind? kind = null;
            if (Required(s.Kind, at + ".kind", $"one of {string.Join(", ", Kinds)}") is { } kindText)
            {
                var index = Array.IndexOf(Kinds, kindText.Trim().ToLowerInvariant());
                if (index < 0)
                    Add(at + ".kind", $"'{kindText}' is not a kind of session Knotwork knows; use one of {string.Join(", ", Kinds)}. (Trigger point work is part of deep-tissue and sports sessions, not a kind of its own.)");
                else
                    kind = Enum.GetValues<ServiceKind>()[index];
            }

            return id is null || name is null || minutes is null || kind is null
                ? null
                : new Service { Id = id, Name = name, Kind = kind.Value, Minutes = minutes.Value, Description = s.Description ?? "" };
        }

        private ServiceArea? ReadArea(AreaDocument a, string at)
        {
            Unknown(at, a.Extra, "id, name, zips");
            var id = Required(a.Id, at + ".id", "an id such as \"lancaster\"");
            var name = Required(a.Name, at + ".name", "the name clients see, such as a town");
            var zips = Strings(a.Zips, at + ".zips", "its five-digit ZIP codes");
            return id is null || name is null || zips is null ? null : new ServiceArea { Id = id, Name = name, Zips = zips };
        }

        private Pricing? ReadPricing(PricingDocument? p)
        {
            if (p is null)
            {
                Add("pricing", $"The pricing is missing; add \"pricing\": {{ \"mode\": \"{PricingModes.PerArea}\", \"prices\": {{ ... }} }}.");
                return null;
            }

            Unknown("pricing", p.Extra, "mode, prices, basePrices, tripCharges");
            switch (p.Mode)
            {
                case PricingModes.PerArea:
                    if (p.BasePrices is not null || p.TripCharges is not null)
                        Add("pricing", $"With \"mode\": \"{PricingModes.PerArea}\" give \"prices\" only; \"basePrices\" and \"tripCharges\" belong to \"{PricingModes.BasePlusTrip}\".");
                    if (p.Prices is null)
                    {
                        Add("pricing.prices", "Give a price for each service in each area: \"prices\": { \"SERVICE-ID\": { \"AREA-ID\": 120.00, ... } }.");
                        return null;
                    }

                    var prices = new List<AreaPrice>();
                    foreach (var (serviceId, byArea) in p.Prices)
                    {
                        if (byArea is null)
                        {
                            Add($"pricing.prices.{serviceId}", "This service's prices are empty (null); give { \"AREA-ID\": amount, ... }.");
                            continue;
                        }

                        prices.AddRange(byArea.Select(x => new AreaPrice(serviceId, x.Key, x.Value)));
                    }

                    return new PricePerArea { Prices = prices };
                case PricingModes.BasePlusTrip:
                    if (p.Prices is not null)
                        Add("pricing.prices", $"With \"mode\": \"{PricingModes.BasePlusTrip}\" give \"basePrices\" and \"tripCharges\"; \"prices\" belongs to \"{PricingModes.PerArea}\".");
                    if (p.BasePrices is null)
                        Add("pricing.basePrices", "Give each service's base price: \"basePrices\": { \"SERVICE-ID\": 110.00, ... }.");
                    if (p.TripCharges is null)
                        Add("pricing.tripCharges", "Give each area's trip charge (0 for none): \"tripCharges\": { \"AREA-ID\": 15.00, ... }.");
                    return p.BasePrices is null || p.TripCharges is null
                        ? null
                        : new BasePlusTripCharge
                        {
                            BasePrices = [.. p.BasePrices.Select(x => new ServicePrice(x.Key, x.Value))],
                            TripCharges = [.. p.TripCharges.Select(x => new TripCharge(x.Key, x.Value))],
                        };
                case null:
                    Add("pricing.mode", $"Say how sessions are priced: \"mode\": \"{PricingModes.PerArea}\" (a price per service and area) or \"{PricingModes.BasePlusTrip}\" (a base price plus each area's trip charge).");
                    return null;
                default:
                    Add("pricing.mode", $"'{p.Mode}' is not a pricing mode; use \"{PricingModes.PerArea}\" or \"{PricingModes.BasePlusTrip}\".");
                    return null;
            }
        }

        private Therapist? ReadTherapist(TherapistDocument t, string at)
        {
            Unknown(at, t.Extra, "id, name, homeZip, weeklyHours, timeOff, setupMinutes, packUpMinutes, serviceIds, areaIds");
            var id = Required(t.Id, at + ".id", "an id such as \"maria\"");
            var name = Required(t.Name, at + ".name", "the name clients see");
            var homeZip = Required(t.HomeZip, at + ".homeZip", "the five-digit ZIP of their home base");
            var serviceIds = Strings(t.ServiceIds, at + ".serviceIds", "the ids of the services they give");
            var areaIds = Strings(t.AreaIds, at + ".areaIds", "the ids of the areas they visit");

            var hours = new List<WorkingHours>();
            if (t.WeeklyHours is null)
                Add(at + ".weeklyHours", "Give their working hours: \"weeklyHours\": [ { \"day\": \"monday\", \"start\": \"09:00\", \"end\": \"17:00\" }, ... ].");
            for (var i = 0; i < (t.WeeklyHours?.Count ?? 0); i++)
            {
                var field = $"{at}.weeklyHours[{i}]";
                if (t.WeeklyHours![i] is not { } h)
                {
                    Add(field, "This entry is empty (null); remove it or fill it in.");
                    continue;
                }

                Unknown(field, h.Extra, "day, start, end");
                IsoDayOfWeek? day = null;
                if (Required(h.Day, field + ".day", $"one of {string.Join(", ", Days)}") is { } dayText)
                {
                    var index = Array.IndexOf(Days, dayText.Trim().ToLowerInvariant());
                    if (index < 0)
                        Add(field + ".day", $"'{dayText}' is not a day of the week; use one of {string.Join(", ", Days)}.");
                    else
                        day = (IsoDayOfWeek)(index + 1);
                }

                var start = Time(h.Start, field + ".start");
                var end = Time(h.End, field + ".end");
                if (day is { } d && start is { } s && end is { } e)
                    hours.Add(new WorkingHours(d, s, e));
            }

            var timeOff = new List<TimeOff>();
            for (var i = 0; i < (t.TimeOff?.Count ?? 0); i++)
            {
                var field = $"{at}.timeOff[{i}]";
                if (t.TimeOff![i] is not { } o)
                {
                    Add(field, "This entry is empty (null); remove it or fill it in.");
                    continue;
                }

                Unknown(field, o.Extra, "start, end, note");
                var start = DateTime(o.Start, field + ".start");
                var end = DateTime(o.End, field + ".end");
                if (start is { } s && end is { } e)
                    timeOff.Add(new TimeOff(s, e, o.Note ?? ""));
            }

            if (id is null || name is null || homeZip is null || serviceIds is null || areaIds is null || t.WeeklyHours is null)
                return null;
            var defaults = new Therapist { Id = id, Name = name, HomeZip = homeZip, WeeklyHours = hours, ServiceIds = serviceIds, AreaIds = areaIds };
            return defaults with
            {
                TimeOff = timeOff,
                SetupMinutes = t.SetupMinutes ?? defaults.SetupMinutes,
                PackUpMinutes = t.PackUpMinutes ?? defaults.PackUpMinutes,
            };
        }

        private BookingPolicies ReadPolicies(PoliciesDocument? p)
        {
            var defaults = new BookingPolicies();
            if (p is null)
                return defaults;
            Unknown("policies", p.Extra, "horizonDays, minimumNotice, slotStepMinutes, cancellationWindow, lateCancellationFee");
            return new BookingPolicies
            {
                HorizonDays = p.HorizonDays ?? defaults.HorizonDays,
                MinimumNotice = Hours(p.MinimumNotice, "policies.minimumNotice") ?? defaults.MinimumNotice,
                SlotStepMinutes = p.SlotStepMinutes ?? defaults.SlotStepMinutes,
                CancellationWindow = Hours(p.CancellationWindow, "policies.cancellationWindow") ?? defaults.CancellationWindow,
                LateCancellationFee = p.LateCancellationFee ?? defaults.LateCancellationFee,
            };
        }

        private TravelSettings ReadTravel(TravelDocument? t)
        {
            var defaults = new TravelSettings();
            if (t is null)
                return defaults;
            Unknown("travel", t.Extra, "roadFactor, averageSpeedMph, parkingMinutes, overrides");
            var overrides = new List<TravelOverride>();
            for (var i = 0; i < (t.Overrides?.Count ?? 0); i++)
            {
                var field = $"travel.overrides[{i}]";
                if (t.Overrides![i] is not { } o)
                {
                    Add(field, "This entry is empty (null); remove it or fill it in.");
                    continue;
                }

                Unknown(field, o.Extra, "areaA, areaB, minutes");
                var a = Required(o.AreaA, field + ".areaA", "one area's id");
                var b = Required(o.AreaB, field + ".areaB", "the other area's id (the same id for the time within one area)");
                var minutes = Required(o.Minutes, field + ".minutes", "the door-to-door minutes");
                if (a is not null && b is not null && minutes is not null)
                    overrides.Add(new TravelOverride(a, b, minutes.Value));
            }

            return new TravelSettings
            {
                RoadFactor = t.RoadFactor ?? defaults.RoadFactor,
                AverageSpeedMph = t.AverageSpeedMph ?? defaults.AverageSpeedMph,
                ParkingMinutes = t.ParkingMinutes ?? defaults.ParkingMinutes,
                Overrides = overrides,
            };
        }

        private ChairEventPricing? ReadChairEvents(ChairEventsDocument? c)
        {
            if (c is null)
                return null;
            Unknown("chairEvents", c.Extra, "hourlyRates, minimumHours");
            if (c.HourlyRates is null)
            {
                Add("chairEvents.hourlyRates", "Give the rate per therapist hour in each area where chair events are offered: \"hourlyRates\": { \"AREA-ID\": 90.00, ... }.");
                return null;
            }

            return new ChairEventPricing
            {
                HourlyRates = [.. c.HourlyRates.Select(x => new ChairEventRate(x.Key, x.Value))],
                MinimumHours = Hours(c.MinimumHours, "chairEvents.minimumHours") ?? Duration.Zero,
            };
        }

        private string? Required(string? value, string field, string what)
        {
            if (!string.IsNullOrWhiteSpace(value))
                return value;
            Add(field, $"'{LastName(field)}' is missing; give {what}.");
            return null;
        }

        private int? Required(int? value, string field, string what)
        {
            if (value is null)
                Add(field, $"'{LastName(field)}' is missing; give {what}.");
            return value;
        }

        private List<string>? Strings(List<string?>? values, string field, string what)
        {
            if (values is null)
            {
                Add(field, $"'{LastName(field)}' is missing; give {what} as a list: [ \"...\", ... ].");
                return null;
            }

            var result = new List<string>(values.Count);
            for (var i = 0; i < values.Count; i++)
            {
                if (string.IsNullOrWhiteSpace(values[i]))
                    Add($"{field}[{i}]", "This entry is empty; remove it or fill it in.");
                else
                    result.Add(values[i]!);
            }

            return result;
        }

        private LocalTime? Time(string? text, string field)
        {
            if (Required(text, field, "a time of day such as \"09:00\"") is not { } value)
                return null;
            var parsed = TimePattern.Parse(value.Trim());
            if (parsed.Success)
                return parsed.Value;
            Add(field, $"'{value}' is not a time of day; write it as 24-hour HH:mm, such as \"09:00\" or \"17:30\".");
            return null;
        }

        private LocalDateTime? DateTime(string? text, string field)
        {
            if (Required(text, field, "a local date and time such as \"2027-03-09T09:00\"") is not { } value)
                return null;
            var parsed = DateTimePattern.Parse(value.Trim());
            if (parsed.Success)
                return parsed.Value;
            Add(field, $"'{value}' is not a date and time; write it as YYYY-MM-DDTHH:mm in the practice's time zone, such as \"2027-03-09T09:00\".");
            return null;
        }

        private Duration? Hours(string? text, string field)
        {
            if (text is null)
                return null;
            var parsed = HoursPattern.Parse(text.Trim());
            if (parsed.Success)
                return parsed.Value;
            Add(field, $"'{text}' is not a length of time; write hours and minutes, such as \"24:00\" for a day or \"0:30\" for half an hour.");
            return null;
        }

        private void Unknown(string at, Dictionary<string, JsonElement>? extra, string known)
        {
            if (extra is null)
                return;
            foreach (var name in extra.Keys)
            {
                var field = at.Length == 0 ? name : $"{at}.{name}";
                Add(field, $"'{name}' is not a field Knotwork knows here; the fields are: {known}. Check its spelling.");
            }
        }

        private static string LastName(string field)
        {
            var dot = field.LastIndexOf('.');
            return dot < 0 ? field : field[(dot + 1)..];
        }
    }
}
