using System.CommandLine;
using System.Text;
using Knotwork.Data.Booking;
using Knotwork.Domain.Booking;
using Knotwork.Domain.Booking.Setup;

namespace Knotwork.Cli;

/// <summary><c>knotwork practice export|import</c>: the practice's booking setup as one JSON file.</summary>
internal static class PracticeCommands
{
    public static Command Practice(Io io)
    {
        return new Command("practice", "Export or import the practice's booking setup (services, areas, prices, therapists, policies, travel) as one JSON file; see the README for its fields.")
        {
            Export(io), Import(io), FeedTokenCommand(io),
        };
    }

    private static Command Export(Io io)
    {
        var file = new Argument<string?>("FILE") { Description = "Where to write the setup (a new file); without one, it is written to stdout.", Arity = ArgumentArity.ZeroOrOne };
        var access = new DatabaseAccess();
        var export = new Command("export", "Write the practice's current booking setup as JSON. Exit 1 when no setup has been saved yet.") { file };
        access.AddTo(export);
        export.SetAction(async (parse, cancellationToken) =>
        {
            var target = parse.GetValue(file);
            if (target is not null && File.Exists(target))
                return io.UsageError($"'{target}' already exists; choose a new file name.");
            if (target is not null && Path.GetDirectoryName(Path.GetFullPath(target)) is { } directory && !Directory.Exists(directory))
                return io.UsageError($"The folder '{directory}' does not exist.");

            var (db, exitCode) = await access.OpenAsync(parse, io, cancellationToken);
            if (db is null)
                return exitCode;
            await using (db)
            {
                var stored = await db.GetPracticeSetupAsync(cancellationToken);
                if (stored is null)
                {
                    io.Error.WriteLine("knotwork: no practice setup has been saved yet. Start from the sample: knotwork practice import samples/practice-antelope-valley.json");
                    return KnotworkCommand.Failed;
                }

                if (target is null)
                {
                    io.Out.Write(stored.Json);
                    return KnotworkCommand.Ok;
                }

                await File.WriteAllTextAsync(target, stored.Json, new UTF8Encoding(false), cancellationToken);
                io.Out.WriteLine($"Exported the practice setup (version {stored.Version}, saved {stored.UpdatedAtUtc:yyyy-MM-dd HH:mm} UTC) to {Path.GetFullPath(target)}.");
                return KnotworkCommand.Ok;
            }
        });
        return export;
    }

    private static Command FeedTokenCommand(Io io)
    {
        var therapist = new Argument<string>("THERAPIST") { Description = "The therapist's id in the practice setup." };
        var baseUrl = new Option<string?>("--base-url") { Description = "The app's public address (Knotwork:PublicBaseUrl), such as https://book.example.com; without it, the path alone is printed." };
        var access = new DatabaseAccess();
        var command = new Command("feed-token", "Make a new private calendar feed URL for a therapist and print it, once; the old URL stops working at once. Exit 1 for a therapist the setup does not have.") { therapist, baseUrl };
        access.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var id = parse.GetValue(therapist)!;
            var address = parse.GetValue(baseUrl)?.TrimEnd('/');
            if (address is not null && !(Uri.TryCreate(address, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http"))
                return io.UsageError($"'{address}' is not an http(s) address such as https://book.example.com.");

            var (db, exitCode) = await access.OpenAsync(parse, io, cancellationToken);
            if (db is null)
                return exitCode;
            await using (db)
            {
                var setup = (await db.GetPracticeSetupAsync(cancellationToken))?.Read(ZipCodes.Default).Setup;
                if (setup?.FindTherapist(id) is null)
                {
                    var known = setup is null ? "no practice setup has been saved yet" : "the setup's therapists are " + string.Join(", ", setup.Therapists.Select(t => t.Id));
                    io.Error.WriteLine($"knotwork: no therapist '{id}' ({known}).");
                    return KnotworkCommand.Failed;
                }

                var token = await db.RenewFeedTokenAsync(id, DateTime.UtcNow, cancellationToken);
                io.Out.WriteLine($"{address}/calendar/{Uri.EscapeDataString(id)}/{token}.ics");
                io.Error.WriteLine("Give this URL to the therapist to subscribe to; it is shown only now. Any earlier URL no longer works.");
                return KnotworkCommand.Ok;
            }
        });
        return command;
    }

    private static Command Import(Io io)
    {
        var file = new Argument<string>("FILE") { Description = "The setup file to import ('-' reads stdin)." };
        var access = new DatabaseAccess();
        var import = new Command("import", "Check a practice setup file and make it the practice's booking setup. Exit 1, changing nothing, when the file has problems (each is listed with its field).") { file };
        access.AddTo(import);
        import.SetAction(async (parse, cancellationToken) =>
        {
            var source = parse.GetValue(file)!;
            string json;
            if (source == "-")
            {
                json = await io.In.ReadToEndAsync(cancellationToken);
            }
            else if (!File.Exists(source))
            {
                return io.UsageError($"No file at '{source}'.");
            }
            else
            {
                json = await File.ReadAllTextAsync(source, cancellationToken);
            }

            var read = PracticeSetupFile.Read(json, ZipCodes.Default);
            if (!read.Succeeded)
            {
                io.Out.WriteLine($"The practice setup in {(source == "-" ? "stdin" : source)} has {read.Problems.Count} problem(s); nothing was imported:");
                foreach (var problem in read.Problems)
                    io.Out.WriteLine(problem.Field.Length == 0 ? $"  - {problem.Message}" : $"  - {problem.Field}: {problem.Message}");
                return KnotworkCommand.Failed;
            }

            var (db, exitCode) = await access.OpenAsync(parse, io, cancellationToken);
            if (db is null)
                return exitCode;
            await using (db)
            {
                var setup = read.Setup!;
                var version = await db.SavePracticeSetupAsync(setup, expectedVersion: null, DateTime.UtcNow, cancellationToken);
                if (version is null)
                {
                    io.Error.WriteLine("knotwork: the setup was changed by someone else while importing; nothing was imported. Try again.");
                    return KnotworkCommand.Failed;
                }

                io.Out.WriteLine(
                    $"Imported the practice setup (version {version}): {setup.Services.Count} services, {setup.Areas.Count} areas " +
                    $"({setup.Areas.Sum(a => a.Zips.Count)} ZIP codes), {setup.Therapists.Count} therapists, time zone {setup.TimeZone.Id}.");
                return KnotworkCommand.Ok;
            }
        });
        return import;
    }
}
