using System.Collections.Concurrent;
using System.Text.Json;
using Json.Schema;

namespace Knotwork.Domain.Tests.Knowledge;

/// <summary>Issue 8: every data file names its JSON Schema (Data/schema/) and conforms to it.</summary>
public class DataSchemaTests
{
    private static readonly string Root = Path.Combine(AppContext.BaseDirectory, "kb-data");
    private static readonly ConcurrentDictionary<string, JsonSchema> Schemas = new(StringComparer.Ordinal);

    public static TheoryData<string> DataFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Root, "*.json", SearchOption.AllDirectories)
                     .Select(f => Path.GetRelativePath(Root, f).Replace('\\', '/'))
                     .Where(f => !f.StartsWith("schema/", StringComparison.Ordinal))
                     .Order(StringComparer.Ordinal))
        {
            data.Add(file);
        }

        return data;
    }

    private static JsonSchema Schema(string path) => Schemas.GetOrAdd(path, p =>
        JsonSchema.FromText(File.ReadAllText(p), new BuildOptions(), new Uri("https://knotwork.invalid/" + Path.GetFileName(p))));

    [Theory]
    [MemberData(nameof(DataFiles))]
    public void DataFile_ConformsToTheSchemaItNames(string file)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(Root, file)));
        var reference = document.RootElement.GetProperty("$schema").GetString()!;
        var schemaPath = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(Path.Combine(Root, file))!, reference));
        Assert.True(File.Exists(schemaPath), $"{file}: $schema '{reference}' does not exist.");

        var result = Schema(schemaPath).Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });

        var errors = (result.Details ?? []).Where(d => d.Errors is not null)
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}")).Take(10);
        Assert.True(result.IsValid, $"{file}: " + string.Join("; ", errors));
    }

    [Fact]
    public void MuscleSchema_RejectsAMisspeltRegion()
    {
        var schema = Schema(Path.Combine(Root, "schema", "muscles.schema.json"));
        using var document = JsonDocument.Parse("""
            {"area": "neck", "muscles": [{"slug": "upper-trapezius", "name": "n", "area": "neck", "summary": "s", "selfCare": "c",
              "causes": [{"cause": "stress", "detail": "d"}], "sources": [{"ref": "ts1", "chapter": "Trapezius"}],
              "triggerPoints": [{"id": "1", "name": "n", "palpation": "p", "location": ["shoulder-top"], "essential": ["tempel"]}]}]}
            """);

        Assert.False(schema.Evaluate(document.RootElement).IsValid);
    }

    [Fact]
    public void DataFiles_AreFound()
    {
        Assert.True(DataFiles().Count >= 13);
    }
}
