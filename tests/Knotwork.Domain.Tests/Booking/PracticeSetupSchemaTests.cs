using System.Text.Json;
using Knotwork.Domain.Booking;
using Knotwork.Domain.Booking.Setup;
using NodaTime;

namespace Knotwork.Domain.Tests.Booking;

/// <summary>The JSON Schema for editors and the reader agree on the file's fields.</summary>
public class PracticeSetupSchemaTests
{
    private static readonly JsonElement Schema = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "schema", "practice-setup.schema.json"))).RootElement;

    /// <summary>Every object in <paramref name="value"/> has only the schema's properties and all its required ones.</summary>
    private static void AssertFits(JsonElement value, JsonElement schema, string at, List<string> problems)
    {
        if (schema.TryGetProperty("$ref", out var reference))
            schema = Schema.GetProperty("$defs").GetProperty(reference.GetString()!["#/$defs/".Length..]);
        if (value.ValueKind == JsonValueKind.Array && schema.TryGetProperty("items", out var items))
        {
            var i = 0;
            foreach (var item in value.EnumerateArray())
                AssertFits(item, items, $"{at}[{i++}]", problems);
            return;
        }

        if (value.ValueKind != JsonValueKind.Object || !schema.TryGetProperty("properties", out var properties))
            return;
        foreach (var property in value.EnumerateObject())
        {
            if (properties.TryGetProperty(property.Name, out var declared))
                AssertFits(property.Value, declared, $"{at}.{property.Name}", problems);
            else
                problems.Add($"{at}.{property.Name} is not in the schema");
        }

        if (schema.TryGetProperty("required", out var required))
        {
            foreach (var name in required.EnumerateArray().Select(r => r.GetString()!).Where(n => !value.TryGetProperty(n, out _)))
                problems.Add($"{at}.{name} is required by the schema but not written");
        }
    }

    [Fact]
    public void EveryFieldTheWriterWrites_IsInTheSchema()
    {
        var setup = Practice.Setup(Practice.Maria with { TimeOff = [new TimeOff(new LocalDateTime(2027, 3, 9, 12, 0), new LocalDateTime(2027, 3, 10, 0, 0), "dentist")] }, Practice.Jon) with
        {
            Travel = new TravelSettings { Overrides = [new TravelOverride("lancaster", "palmdale", 25)] },
            ChairEvents = new ChairEventPricing { HourlyRates = [new ChairEventRate("lancaster", 90m)], MinimumHours = Duration.FromHours(2) },
        };
        var problems = new List<string>();

        foreach (var json in new[] { PracticeSetupFile.Write(setup), File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "samples", "practice-antelope-valley.json")) })
            AssertFits(JsonDocument.Parse(json).RootElement, Schema, "$", problems);

        Assert.Empty(problems);
    }

    [Fact]
    public void EveryFieldInTheSchema_IsReadByTheReader()
    {
        // A field the schema allows but the reader does not know would be reported as unknown: none may be.
        var defs = Schema.GetProperty("$defs");
        var unknown = new List<string>();
        foreach (var (name, fields) in new[] { ("", Schema.GetProperty("properties")) }.Concat(defs.EnumerateObject()
            .Where(d => d.Value.TryGetProperty("properties", out _))
            .Select(d => (d.Name, d.Value.GetProperty("properties")))))
        {
            foreach (var field in fields.EnumerateObject())
            {
                var result = PracticeSetupFile.Read(JsonFor(name, field.Name), ZipCodes.Default);
                if (result.Problems.Any(p => p.Message.Contains("is not a field Knotwork knows", StringComparison.Ordinal) && p.Field.EndsWith(field.Name, StringComparison.Ordinal)))
                    unknown.Add($"{(name.Length == 0 ? "" : name + ".")}{field.Name}");
            }
        }

        Assert.Empty(unknown);
    }

    /// <summary>A small document with <paramref name="field"/> (value null) in an object of kind <paramref name="def"/>.</summary>
    private static string JsonFor(string def, string field)
    {
        var f = JsonSerializer.Serialize(field);
        return def switch
        {
            "" => $$"""{ {{f}}: null }""",
            "service" => $$"""{ "services": [ { {{f}}: null } ] }""",
            "area" => $$"""{ "areas": [ { {{f}}: null } ] }""",
            "pricing" => $$"""{ "pricing": { {{f}}: null } }""",
            "therapist" => $$"""{ "therapists": [ { {{f}}: null } ] }""",
            "weeklyHours" => $$"""{ "therapists": [ { "weeklyHours": [ { {{f}}: null } ] } ] }""",
            "timeOff" => $$"""{ "therapists": [ { "timeOff": [ { {{f}}: null } ] } ] }""",
            "policies" => $$"""{ "policies": { {{f}}: null } }""",
            "travel" => $$"""{ "travel": { {{f}}: null } }""",
            "travelOverride" => $$"""{ "travel": { "overrides": [ { {{f}}: null } ] } }""",
            "chairEvents" => $$"""{ "chairEvents": { {{f}}: null } }""",
            _ => throw new ArgumentException($"No document for '{def}'.", nameof(def)),
        };
    }
}
