using System.Diagnostics;

namespace Knotwork.Cli.Tests;

/// <summary>Runs the command: in-process for speed, or as the real <c>knotwork</c> executable.</summary>
internal static class CliRunner
{
    public sealed record Run(int ExitCode, string Out, string Error);

    public static Run WithStdin(string stdin, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var input = new StringReader(stdin);
        var code = KnotworkCommand.Run(args, output, error, input);
        return new Run(code, output.ToString(), error.ToString());
    }

    public static Run InProcess(params string[] args) => WithStdin(string.Empty, args);

    /// <summary>Starts knotwork.dll (built next to the tests) with dotnet, as a person would run it.</summary>
    public static Run AsProcess(params string[] args)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "knotwork.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("knotwork did not finish in 60 s");
        }

        return new Run(process.ExitCode, output.Result, error.Result);
    }
}
