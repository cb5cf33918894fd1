using System.CommandLine;
using Knotwork.Data;

namespace Knotwork.Cli;

/// <summary><c>knotwork db backup</c>: a consistent copy of the practice's SQLite database, safe while the app runs.</summary>
internal static class DatabaseCommands
{
    public static Command Db(Io io)
    {
        var path = new Argument<string>("PATH") { Description = "Where to write the copy (a new file)." };
        var data = new Option<string?>("--data")
        {
            Description = "The app's data folder (default: $Knotwork__DataDirectory, else ./data).",
            HelpName = "DIR",
        };
        var backup = new Command("backup", "Copy the SQLite database consistently while the app keeps running (SQLite's online backup). For PostgreSQL use pg_dump (see the README).")
        {
            path, data,
        };
        backup.SetAction(parse =>
        {
            var folder = parse.GetValue(data) ?? Environment.GetEnvironmentVariable("Knotwork__DataDirectory") ?? "data";
            var source = Path.Combine(Path.GetFullPath(folder), DatabaseSettings.SqliteFileName);
            if (!File.Exists(source))
            {
                return io.UsageError($"No Knotwork database at '{source}'. Give the app's data folder with --data DIR.");
            }

            var target = parse.GetValue(path)!;
            if (File.Exists(target))
            {
                return io.UsageError($"'{target}' already exists; choose a new file name.");
            }

            var directory = Path.GetDirectoryName(Path.GetFullPath(target));
            if (directory is not null && !Directory.Exists(directory))
            {
                return io.UsageError($"The folder '{directory}' does not exist.");
            }

            KnotworkData.BackupSqlite(source, target);
            io.Out.WriteLine($"Backed up {source} to {Path.GetFullPath(target)} ({new FileInfo(target).Length:N0} bytes).");
            return KnotworkCommand.Ok;
        });
        return new Command("db", "Work with the practice database.") { backup };
    }
}
