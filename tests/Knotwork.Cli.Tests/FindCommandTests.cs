using System.Text.Json;

namespace Knotwork.Cli.Tests;

public class FindCommandTests
{
    [Fact]
    public void Find_PrintsARankedTableWithTheUpperTrapeziusFirst()
    {
        var run = CliRunner.InProcess("find", "temple.l", "neck-back.l");

        Assert.Equal(0, run.ExitCode);
        Assert.Empty(run.Error);
        var firstRow = run.Out.Split('\n').First(l => l.StartsWith("1 ", StringComparison.Ordinal));
        Assert.Contains("Upper trapezius", firstRow, StringComparison.Ordinal);
        Assert.Contains("left", firstRow, StringComparison.Ordinal);
        Assert.Contains("not a diagnosis", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Find_Json_FollowsTheContract()
    {
        var run = CliRunner.InProcess("find", "temple.l", "neck-back.l", "--json", "--top", "3");

        Assert.Equal(0, run.ExitCode);
        using var doc = JsonDocument.Parse(run.Out);
        var root = doc.RootElement;
        Assert.Equal(JsonValueKind.Null, root.GetProperty("id").ValueKind);
        Assert.Equal(["temple.l", "neck-back.l"], root.GetProperty("regions").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(JsonValueKind.Array, root.GetProperty("redFlags").ValueKind);
        var candidates = root.GetProperty("candidates").EnumerateArray().ToList();
        Assert.Equal(3, candidates.Count);
        var first = candidates[0];
        Assert.Equal(1, first.GetProperty("rank").GetInt32());
        Assert.Equal("upper-trapezius", first.GetProperty("muscle").GetString());
        Assert.Equal("Upper trapezius", first.GetProperty("name").GetString());
        Assert.Equal("left", first.GetProperty("side").GetString());
        Assert.InRange(first.GetProperty("score").GetDouble(), 0, 1);
        Assert.Contains(first.GetProperty("explains").EnumerateArray(),
            e => e.GetProperty("region").GetString() == "temple.l" && e.GetProperty("zone").GetString() == "essential");
        Assert.Contains(first.GetProperty("triggerPoints").EnumerateArray(), p => p.GetString() == "upper-trapezius/1");
        Assert.Equal("upper-trapezius", root.GetProperty("cover")[0].GetProperty("muscle").GetString());
        Assert.Equal("left", root.GetProperty("cover")[0].GetProperty("side").GetString());
    }

    [Fact]
    public void Find_ChestPain_PrintsTheRedFlagBeforeTheMuscles()
    {
        var run = CliRunner.InProcess("find", "chest.l");

        Assert.Equal(0, run.ExitCode);
        var flag = run.Out.IndexOf("RED FLAGS", StringComparison.Ordinal);
        var muscles = run.Out.IndexOf("Muscles worth examining", StringComparison.Ordinal);
        Assert.True(flag >= 0 && flag < muscles);
    }

    [Fact]
    public void Find_UnknownRegion_ExitsWith2AndNamesTheNearestOnStderr()
    {
        var run = CliRunner.InProcess("find", "tempel.l");

        Assert.Equal(2, run.ExitCode);
        Assert.Empty(run.Out);
        Assert.Contains("temple.l", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--tpo")]
    [InlineData("-x")]
    public void Find_UnknownOption_ExitsWith2AndListsTheValidOptions(string option)
    {
        var run = CliRunner.InProcess("find", "temple.l", option, "3");

        Assert.Equal(2, run.ExitCode);
        Assert.Empty(run.Out);
        Assert.Contains("--top", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--top", "abc")]
    [InlineData("--top", "0")]
    [InlineData("--intensity", "temple.l=11")]
    [InlineData("--intensity", "temple.l")]
    [InlineData("--context", "knitting")]
    [InlineData("--answers", "fever=maybe")]
    [InlineData("--answers", "fevr=yes")]
    [InlineData("--answers", "fever")]
    public void Find_BadValue_ExitsWith2WithAMessage(string option, string value)
    {
        var run = CliRunner.InProcess("find", "temple.l", option, value);

        Assert.Equal(2, run.ExitCode);
        Assert.Empty(run.Out);
        Assert.NotEmpty(run.Error.Trim());
    }

    [Fact]
    public void Find_NoRegions_ExitsWith2()
    {
        var run = CliRunner.InProcess("find");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("at least one region", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Find_ContextAndIntensity_AreApplied()
    {
        var run = CliRunner.InProcess("find", "calf.l", "heel.l", "--context", "running", "--intensity", "heel.l=8", "--json");

        using var doc = JsonDocument.Parse(run.Out);
        Assert.Equal(["running"], doc.RootElement.GetProperty("context").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains(doc.RootElement.GetProperty("candidates").EnumerateArray(),
            c => c.GetProperty("context").EnumerateArray().Any(k => k.GetString() == "running"));
    }

    [Fact]
    public void Find_ListsTheSafetyQuestionsTheMapBringsUp_BeforeTheMuscles()
    {
        var run = CliRunner.InProcess("find", "calf.l");

        Assert.Equal(0, run.ExitCode);
        var questions = run.Out.IndexOf("Safety questions", StringComparison.Ordinal);
        Assert.True(questions >= 0 && questions < run.Out.IndexOf("Muscles worth examining", StringComparison.Ordinal));
        Assert.Contains("? dvt-swelling:", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("RED FLAGS", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Find_Answers_RaiseTheFlagWithItsUrgency_AndTheJsonSaysWhy()
    {
        var text = CliRunner.InProcess("find", "calf.l", "--answers", "dvt-swelling=yes,dvt-breathless=yes");
        var json = CliRunner.InProcess("find", "calf.l", "--answers", "dvt-swelling=yes", "--answers", "fever=no", "--json");

        Assert.Contains("! EMERGENCY: Leg pain with a sign of a blood clot", text.Out, StringComparison.Ordinal);
        Assert.Contains("Because you answered yes to: dvt-breathless, dvt-swelling", text.Out, StringComparison.Ordinal);
        using var doc = JsonDocument.Parse(json.Out);
        var flag = doc.RootElement.GetProperty("redFlags")[0];
        Assert.Equal("dvt", flag.GetProperty("code").GetString());
        Assert.Equal("today", flag.GetProperty("urgency").GetString());
        Assert.Equal(["dvt-swelling"], flag.GetProperty("because").EnumerateArray().Select(e => e.GetString()));
        var questions = doc.RootElement.GetProperty("questions").EnumerateArray().ToList();
        Assert.Contains(questions, q => q.GetProperty("key").GetString() == "fever" && q.GetProperty("answer").GetString() == "no");
        Assert.Contains(questions, q => q.GetProperty("key").GetString() == "dvt-surgery" && q.GetProperty("answer").ValueKind == JsonValueKind.Null);
    }
}
