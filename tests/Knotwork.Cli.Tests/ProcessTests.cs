namespace Knotwork.Cli.Tests;

/// <summary>The real executable: exit codes and the split between stdout and stderr, as scripts see them.</summary>
public class ProcessTests
{
    [Fact]
    public void Executable_Find_WritesTheAnswerToStdoutAndExits0()
    {
        var run = CliRunner.AsProcess("find", "temple.l", "neck-back.l", "--json");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("\"muscle\":\"upper-trapezius\"", run.Out, StringComparison.Ordinal);
        Assert.Empty(run.Error);
    }

    [Fact]
    public void Executable_BadRegion_WritesOnlyToStderrAndExits2()
    {
        var run = CliRunner.AsProcess("find", "nowhere.l");

        Assert.Equal(2, run.ExitCode);
        Assert.Empty(run.Out);
        Assert.Contains("Unknown region 'nowhere.l'", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Executable_Help_DescribesTheCommands()
    {
        var run = CliRunner.AsProcess("--help");

        Assert.Equal(0, run.ExitCode);
        foreach (var command in new[] { "find", "muscles", "regions", "kb" })
        {
            Assert.Contains(command, run.Out, StringComparison.Ordinal);
        }
    }
}
