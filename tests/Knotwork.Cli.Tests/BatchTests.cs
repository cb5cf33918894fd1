using System.Text.Json;

namespace Knotwork.Cli.Tests;

public class BatchTests
{
    [Fact]
    public void Batch_AnswersEveryLineInOrder_EchoingIds_AndReportsBadLinesWithoutStopping()
    {
        var path = Path.Combine(Path.GetTempPath(), $"knotwork-batch-{Guid.NewGuid():N}.jsonl");
        File.WriteAllLines(path,
        [
            """{"id": "a", "regions": ["temple.l", "neck-back.l"]}""",
            """{"id": 2, "regions": ["tempel.l"]}""",
            "this is not json",
            "",
            """{"id": "c", "regions": ["calf.r", "heel.r"], "intensity": {"heel.r": 7}, "context": ["running"]}""",
            """{"id": "d", "regions": ["calf.l"], "answers": {"dvt-swelling": "yes", "fever": "no"}}""",
            """{"id": "e", "regions": ["calf.l"], "answers": {"dvt-swelling": "perhaps"}}""",
        ]);
        try
        {
            var run = CliRunner.InProcess("find", "--batch", path, "--top", "2");

            Assert.Equal(0, run.ExitCode);
            var lines = run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
            Assert.Equal(6, lines.Count);
            Assert.Equal("a", lines[0].GetProperty("id").GetString());
            Assert.Equal("upper-trapezius", lines[0].GetProperty("candidates")[0].GetProperty("muscle").GetString());
            Assert.Equal(2, lines[0].GetProperty("candidates").GetArrayLength());
            Assert.Equal(2, lines[1].GetProperty("id").GetInt32());
            Assert.Contains("temple.l", lines[1].GetProperty("error").GetString(), StringComparison.Ordinal);
            Assert.Equal(JsonValueKind.Null, lines[2].GetProperty("id").ValueKind);
            Assert.Contains("Line 3", lines[2].GetProperty("error").GetString(), StringComparison.Ordinal);
            Assert.Equal("c", lines[3].GetProperty("id").GetString());
            Assert.Equal("right", lines[3].GetProperty("candidates")[0].GetProperty("side").GetString());
            Assert.Equal("dvt", lines[4].GetProperty("redFlags")[0].GetProperty("code").GetString());
            Assert.Contains(lines[4].GetProperty("questions").EnumerateArray(), q => q.GetProperty("key").GetString() == "fever" && q.GetProperty("answer").GetString() == "no");
            Assert.Contains("perhaps", lines[5].GetProperty("error").GetString(), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Batch_FromStdin_Works()
    {
        var run = CliRunner.WithStdin("""{"id": "x", "regions": ["sacrum"]}""" + "\n", "find", "--batch", "-");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("x", JsonDocument.Parse(run.Out).RootElement.GetProperty("id").GetString());
    }

    [Fact]
    public void Batch_MissingFile_ExitsWith2()
    {
        var run = CliRunner.InProcess("find", "--batch", "/nonexistent/knotwork.jsonl");

        Assert.Equal(2, run.ExitCode);
        Assert.Empty(run.Out);
        Assert.Contains("does not exist", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Batch_WithRegionArguments_IsRejected()
    {
        var run = CliRunner.InProcess("find", "temple.l", "--batch", "-");

        Assert.Equal(2, run.ExitCode);
    }
}
