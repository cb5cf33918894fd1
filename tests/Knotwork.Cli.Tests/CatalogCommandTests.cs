using System.Text.Json;
using System.Text.Json.Nodes;
using Knotwork.Domain.Knowledge;

namespace Knotwork.Cli.Tests;

public class CatalogCommandTests
{
    [Fact]
    public void Muscles_ListsAll110ByArea()
    {
        var run = CliRunner.InProcess("muscles", "--json");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(110, JsonDocument.Parse(run.Out).RootElement.GetArrayLength());
        var text = CliRunner.InProcess("muscles").Out;
        Assert.Contains("Head and jaw:", text, StringComparison.Ordinal);
        Assert.Contains("upper-trapezius", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Muscles_Slug_ShowsTriggerPointsZonesAndSources()
    {
        var run = CliRunner.InProcess("muscles", "infraspinatus");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("infraspinatus/", run.Out, StringComparison.Ordinal);
        Assert.Contains("essential:", run.Out, StringComparison.Ordinal);
        Assert.Contains("Trigger Point Manual", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Muscles_Group_AnswersWithItsMembers()
    {
        var run = CliRunner.InProcess("muscles", "rotator-cuff", "--json");

        Assert.Equal(0, run.ExitCode);
        var members = JsonDocument.Parse(run.Out).RootElement.GetProperty("members").EnumerateArray().Select(m => m.GetProperty("slug").GetString());
        Assert.Equal(["supraspinatus", "infraspinatus", "teres-minor", "subscapularis"], members);
    }

    [Fact]
    public void Muscles_Unknown_ExitsWith2AndSuggests()
    {
        var run = CliRunner.InProcess("muscles", "upper-trapezus");

        Assert.Equal(2, run.ExitCode);
        Assert.Empty(run.Out);
        Assert.Contains("upper-trapezius", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Regions_Lists163()
    {
        var run = CliRunner.InProcess("regions", "--json");

        Assert.Equal(0, run.ExitCode);
        var regions = JsonDocument.Parse(run.Out).RootElement;
        Assert.Equal(163, regions.GetArrayLength());
        Assert.Equal("vertex", regions[0].GetProperty("id").GetString());
    }

    [Fact]
    public void KbCheck_OnTheBuiltInData_IsValid()
    {
        var run = CliRunner.InProcess("kb", "check");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("110 muscles", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void KbCheck_CountsAndListsWarnings_WithoutFailing()
    {
        var run = CliRunner.InProcess("kb", "check");

        Assert.Equal(0, run.ExitCode);
        Assert.Matches(@"\d+ warning\(s\):", run.Out);
        Assert.Contains("region 'sacrum' lists 'longissimus-thoracis', which has no zone there", run.Out, StringComparison.Ordinal);
        Assert.Contains("at most 16 per muscle", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void KbCheck_Json_HasWarningsBesideProblems()
    {
        var run = CliRunner.InProcess("kb", "check", "--json");

        Assert.Equal(0, run.ExitCode);
        var report = JsonDocument.Parse(run.Out).RootElement;
        Assert.True(report.GetProperty("valid").GetBoolean());
        Assert.Equal(0, report.GetProperty("problems").GetArrayLength());
        var warnings = report.GetProperty("warnings");
        Assert.True(warnings.GetArrayLength() > 0);
        Assert.Equal(warnings.GetArrayLength(), report.GetProperty("warningCount").GetInt32());
        Assert.Equal(16, report.GetProperty("maxTriggerPointsPerMuscle").GetInt32());
    }

    [Fact]
    public void KbCheck_RegionViewTypoOnDisk_IsAnError()
    {
        var dir = Directory.CreateTempSubdirectory("knotwork-kb-");
        try
        {
            var regions = JsonNode.Parse(ReadEmbedded("regions.json"))!;
            regions["regions"]![0]!["view"] = "bak";
            File.WriteAllText(Path.Combine(dir.FullName, "regions.json"), regions.ToJsonString());

            var run = CliRunner.InProcess("kb", "check", "--data", dir.FullName);

            Assert.Equal(1, run.ExitCode);
            Assert.Contains("region 'vertex': view 'bak' is not 'front' or 'back'", run.Out, StringComparison.Ordinal);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private static string ReadEmbedded(string name)
    {
        using var stream = KnowledgeFiles.Embedded.Open(name)!;
        return new StreamReader(stream).ReadToEnd();
    }

    [Fact]
    public void KbCheck_OnBrokenDataOnDisk_ExitsWith1AndNamesTheProblem()
    {
        var dir = Directory.CreateTempSubdirectory("knotwork-kb-");
        try
        {
            Directory.CreateDirectory(Path.Combine(dir.FullName, "muscles"));
            File.WriteAllText(Path.Combine(dir.FullName, "sources.json"), """{"sources": [{"id": "ts1", "citation": "A book."}]}""");
            File.WriteAllText(Path.Combine(dir.FullName, "groups.json"), """{"groups": []}""");
            File.WriteAllText(Path.Combine(dir.FullName, "pain-guide.json"), """{"regions": {}}""");
            File.WriteAllText(Path.Combine(dir.FullName, "muscles", "x.json"), """
                {"area": "neck", "muscles": [{"slug": "upper-trapezius", "name": "Upper trapezius", "area": "neck", "summary": "s",
                  "selfCare": "c", "causes": [{"cause": "stress", "detail": "d"}], "sources": [{"ref": "ts1", "chapter": "Trapezius"}],
                  "triggerPoints": [{"id": "1", "name": "n", "palpation": "p", "location": ["shoulder-top"], "essential": ["tempel"], "spillover": []}]}]}
                """);

            var run = CliRunner.InProcess("kb", "check", "--data", dir.FullName);

            Assert.Equal(1, run.ExitCode);
            Assert.Contains("unknown region 'tempel'", run.Out, StringComparison.Ordinal);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
