using System.CommandLine;
using Knotwork.Domain.Finder;
using Knotwork.Domain.Knowledge;

namespace Knotwork.Cli;

/// <summary>The <c>knotwork</c> command: its tree of subcommands and how errors become exit codes.</summary>
internal static class KnotworkCommand
{
    /// <summary>Success.</summary>
    public const int Ok = 0;

    /// <summary>The command ran and found a problem (e.g. the knowledge base is invalid).</summary>
    public const int Failed = 1;

    /// <summary>Bad input: an unknown region, option or value. Nothing is written to stdout.</summary>
    public const int Usage = 2;

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, TextReader stdin)
    {
        var io = new Io(stdout, stderr, stdin);
        var root = Build(io);
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                stderr.WriteLine($"knotwork: {error.Message}");
            }

            var command = parse.CommandResult.Command;
            var options = command.Options.Where(o => !o.Hidden).Select(o => o.Name).ToArray();
            var subcommands = command.Subcommands.Where(c => !c.Hidden).Select(c => c.Name).ToArray();
            if (subcommands.Length > 0)
            {
                stderr.WriteLine($"Valid commands for '{CommandPath(parse.CommandResult)}': {string.Join(", ", subcommands)}.");
            }

            if (options.Length > 0)
            {
                stderr.WriteLine($"Valid options for '{CommandPath(parse.CommandResult)}': {string.Join(", ", options)}.");
            }

            stderr.WriteLine($"Run '{CommandPath(parse.CommandResult)} --help' for usage.");
            return Usage;
        }

        return parse.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr });
    }

    private static string CommandPath(System.CommandLine.Parsing.CommandResult result)
    {
        var names = new List<string>();
        for (var current = result; current is not null; current = current.Parent as System.CommandLine.Parsing.CommandResult)
        {
            names.Add(current.Command is RootCommand ? "knotwork" : current.Command.Name);
        }

        names.Reverse();
        return string.Join(' ', names);
    }

    private static RootCommand Build(Io io)
    {
        var root = new RootCommand(
            "Knotwork: where a pain may really come from. Suggests muscles whose trigger points refer pain to the " +
            "regions you mark (not a diagnosis), and browses the referral knowledge base.");
        root.Subcommands.Add(FindCommand.Build(io, Finder));
        root.Subcommands.Add(CatalogCommands.Muscles(io));
        root.Subcommands.Add(CatalogCommands.Regions(io));
        root.Subcommands.Add(CatalogCommands.Kb(io));
        root.Subcommands.Add(DatabaseCommands.Db(io));
        root.Subcommands.Add(AuditCommands.Audit(io));
        root.Subcommands.Add(PracticeCommands.Practice(io));
        return root;
    }

    private static PainSourceFinder Finder => LazyFinder.Value;

    private static readonly Lazy<PainSourceFinder> LazyFinder = new(() => new PainSourceFinder(KnowledgeBase.Default));
}

/// <summary>The streams a command writes to and reads from.</summary>
internal sealed record Io(TextWriter Out, TextWriter Error, TextReader In)
{
    /// <summary>Writes a message for people to stderr and returns the usage exit code.</summary>
    public int UsageError(string message)
    {
        Error.WriteLine($"knotwork: {message}");
        return KnotworkCommand.Usage;
    }
}
