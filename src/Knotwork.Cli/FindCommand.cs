using System.Buffers;
using System.CommandLine;
using System.Runtime.CompilerServices;
using System.Text;
using System.Globalization;
using System.Text.Json;
using Knotwork.Domain.Contract;
using Knotwork.Domain.Finder;
using Knotwork.Domain.Knowledge;

namespace Knotwork.Cli;

/// <summary><c>knotwork find</c>: the pain source finder, one query or a batch file of JSON lines.</summary>
internal static class FindCommand
{
    public static Command Build(Io io, PainSourceFinder finder)
    {
        var regions = new Argument<string[]>("REGION")
        {
            Description = "Regions where it hurts, e.g. temple.l neck-back.l (the client's own left/right), or group:forearm.r.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var top = new Option<int>("--top")
        {
            Description = $"How many muscles to list (1-{FinderQuery.MaxTop}).",
            DefaultValueFactory = _ => FinderQuery.DefaultTop,
        };
        var json = new Option<bool>("--json") { Description = "Write the answer as one JSON object." };
        var batch = new Option<string?>("--batch")
        {
            Description = "Answer every line of FILE (one JSON object a line: {\"id\": ..., \"regions\": [...]}); '-' reads stdin. Writes one JSON line per input line.",
            HelpName = "FILE",
        };
        var context = new Option<string[]>("--context")
        {
            Description = "Causes and activities, e.g. desk-work, running, stress (repeat or separate with commas).",
            AllowMultipleArgumentsPerToken = false,
        };
        var intensity = new Option<string[]>("--intensity")
        {
            Description = "Pain intensity 1-10 for a marked region, as REGION=N (repeatable), e.g. temple.l=7.",
        };
        var answers = new Option<string[]>("--answers")
        {
            Description = "Answers to the safety questions the marked regions bring up, as KEY=yes|no (repeat or separate with commas), e.g. dvt-swelling=no,fever=no. The questions are listed under the answer.",
            HelpName = "KEY=yes|no",
        };

        var command = new Command("find", "Suggest muscles whose trigger points may refer pain to the marked regions. Red flags come first; this is not a diagnosis.")
        {
            regions, top, json, batch, context, intensity, answers,
        };
        command.SetAction(parse =>
        {
            var tokens = parse.GetValue(regions) ?? [];
            var stray = tokens.FirstOrDefault(t => t.StartsWith('-'));
            if (stray is not null)
            {
                return io.UsageError($"Unknown option '{stray}'. Valid options for 'knotwork find': --top, --json, --batch, --context, --intensity, --answers, --help.");
            }

            var topValue = parse.GetValue(top);
            var batchFile = parse.GetValue(batch);
            if (batchFile is not null)
            {
                if (tokens.Length > 0)
                {
                    return io.UsageError("Give either REGION arguments or --batch FILE, not both.");
                }

                return RunBatch(io, finder, batchFile, parse.GetResult(top) is { Implicit: false } ? topValue : null);
            }

            var intensities = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
            foreach (var pair in parse.GetValue(intensity) ?? [])
            {
                var parts = pair.Split('=', 2);
                if (parts.Length != 2 || !int.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
                {
                    return io.UsageError($"--intensity '{pair}' must be REGION=N with N from 1 to 10, e.g. temple.l=7.");
                }

                intensities[parts[0].Trim()] = value;
            }

            var answerPairs = new List<KeyValuePair<string, string>>();
            foreach (var pair in (parse.GetValue(answers) ?? []).SelectMany(a => a.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
            {
                var parts = pair.Split(['=', ':'], 2);
                if (parts.Length != 2)
                {
                    return io.UsageError($"--answers '{pair}' must be KEY=yes or KEY=no, e.g. dvt-swelling=no.");
                }

                answerPairs.Add(new(parts[0].Trim(), parts[1].Trim()));
            }

            var contextKeys = (parse.GetValue(context) ?? []).SelectMany(c => c.Split(',')).ToArray();
            var query = FinderQuery.Parse(tokens, intensities, contextKeys, topValue, answers: answerPairs);
            if (!query.Succeeded)
            {
                return io.UsageError(query.Error!);
            }

            var result = finder.Find(query.Query!);
            if (parse.GetValue(json))
            {
                io.Out.WriteLine(ToJson(finder, result, null));
            }
            else
            {
                WriteTable(io.Out, result);
            }

            return KnotworkCommand.Ok;
        });
        return command;
    }

    private static int RunBatch(Io io, PainSourceFinder finder, string path, int? top)
    {
        TextReader reader;
        if (path == "-")
        {
            reader = io.In;
        }
        else if (!File.Exists(path))
        {
            return io.UsageError($"Batch file '{path}' does not exist.");
        }
        else
        {
            reader = new StreamReader(path);
        }

        using (reader == io.In ? null : reader)
        {
            var number = 0;
            while (reader.ReadLine() is { } line)
            {
                number++;
                if (string.IsNullOrWhiteSpace(line))
                {
                    continue;
                }

                io.Out.WriteLine(AnswerLine(finder, line, number, top));
            }
        }

        return KnotworkCommand.Ok;
    }

    /// <summary>The JSON answer to one batch line: the finder's result, or an error line; never throws on bad input.</summary>
    internal static string AnswerLine(PainSourceFinder finder, string line, int number, int? top)
    {
        FinderRequest? request;
        try
        {
            request = JsonSerializer.Deserialize(line, ContractJson.Default.FinderRequest);
        }
        catch (JsonException e)
        {
            return Error(IdOf(line), $"Line {number} is not a valid request: {e.Message} " +
                "Expected {\"id\": ..., \"regions\": [\"temple.l\", ...], \"intensity\": {\"temple.l\": 7}, \"context\": [\"desk-work\"], \"answers\": {\"fever\": \"no\"}}.");
        }

        if (request is null)
        {
            return Error(null, $"Line {number} is null; expected a JSON object.");
        }

        var query = FinderContract.ToQuery(request, top);
        if (!query.Succeeded)
        {
            return Error(request.Id, query.Error!);
        }

        return ToJson(finder, finder.Find(query.Query!), request.Id);
    }

    private static readonly ConditionalWeakTable<PainSourceFinder, FinderJsonWriter> Writers = [];

    private static string ToJson(PainSourceFinder finder, FinderResult result, JsonElement? id)
    {
        var writer = Writers.GetValue(finder, f => new FinderJsonWriter(f.KnowledgeBase));
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var json = new Utf8JsonWriter(buffer))
        {
            writer.Write(json, result, id);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static string Error(JsonElement? id, string message) =>
        JsonSerializer.Serialize(new FinderErrorLine(id, message), ContractJson.Default.FinderErrorLine);

    private static JsonElement? IdOf(string line)
    {
        try
        {
            using var doc = JsonDocument.Parse(line);
            return doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("id", out var id) ? id.Clone() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static void WriteTable(TextWriter output, FinderResult result)
    {
        output.WriteLine($"Marked: {string.Join(", ", result.Regions.Select(r => r.Id.Value))}");
        if (result.Context.Count > 0)
        {
            output.WriteLine($"Context: {string.Join(", ", result.Context.Select(f => f.Key))}");
        }

        output.WriteLine();
        if (result.RedFlags.Count > 0)
        {
            output.WriteLine("RED FLAGS - read these before anything else:");
            foreach (var flag in result.RedFlags)
            {
                output.WriteLine($"  ! {UrgencyLabel(flag.Urgency)}: {flag.Title} [{flag.Code}]");
                if (flag.Because.Count > 0)
                {
                    output.WriteLine($"    Because you answered yes to: {string.Join(", ", flag.Because.Select(q => q.Key))}");
                }

                foreach (var line in Wrap(flag.Advice, 92))
                {
                    output.WriteLine($"    {line}");
                }

                foreach (var line in Wrap("Source: " + flag.Source, 92))
                {
                    output.WriteLine($"    {line}");
                }
            }

            output.WriteLine();
        }

        WriteQuestions(output, result.Questions);

        if (result.Candidates.Count == 0)
        {
            output.WriteLine("No muscle in the knowledge base refers pain to these regions.");
            return;
        }

        output.WriteLine("Muscles worth examining (a suggestion, not a diagnosis):");
        var table = new TextTable("#", "Muscle", "Side", "Score", "Explains (* essential, ~ spillover)", "Trigger points");
        foreach (var c in result.Candidates)
        {
            table.Add(
                c.Rank.ToString(CultureInfo.InvariantCulture),
                c.Muscle.Name + (c.ContextMatches.Count > 0 ? " +" : string.Empty),
                FinderContract.SideText(c.Side),
                c.Score.ToString("0.00", CultureInfo.InvariantCulture),
                string.Join(" ", c.Explains.Select(e => e.Region.Id.Value + (e.Zone == ZoneKind.Essential ? "*" : "~"))),
                string.Join(" ", c.TriggerPoints.Select(p => p.FullId)));
        }

        table.Write(output);
        if (result.Candidates.Any(c => c.ContextMatches.Count > 0))
        {
            output.WriteLine("+ raised a little because your context is known to overload this muscle.");
        }

        output.WriteLine();
        output.WriteLine("Together these explain the marked regions: " +
            string.Join(", ", result.Cover.Select(c => $"{c.Muscle.Name} ({FinderContract.SideText(c.Side)})")));
        if (result.Unexplained.Count > 0)
        {
            output.WriteLine($"No muscle explains: {string.Join(", ", result.Unexplained.Select(r => r.Id.Value))}.");
        }
    }

    private static void WriteQuestions(TextWriter output, IReadOnlyList<AskedQuestion> questions)
    {
        var open = questions.Where(q => q.Answer is null).ToArray();
        if (open.Length > 0)
        {
            output.WriteLine("Safety questions: a yes raises a red flag (answer with --answers KEY=yes|no):");
            foreach (var asked in open)
            {
                output.WriteLine($"  ? {asked.Question.Key}: {asked.Question.Text}");
            }

            output.WriteLine();
        }

        var answered = questions.Where(q => q.Answer is not null).ToArray();
        if (answered.Length > 0)
        {
            output.WriteLine("Answered: " + string.Join(", ", answered.Select(q => $"{q.Question.Key}={FinderContract.AnswerText(q.Answer)}")));
            output.WriteLine();
        }
    }

    private static string UrgencyLabel(Urgency urgency) => urgency switch
    {
        Urgency.Emergency => "EMERGENCY",
        Urgency.Today => "TODAY",
        _ => "BEFORE MASSAGE",
    };

    internal static IEnumerable<string> Wrap(string text, int width)
    {
        var line = new System.Text.StringBuilder();
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > width)
            {
                yield return line.ToString();
                line.Clear();
            }

            line.Append(line.Length > 0 ? " " : string.Empty).Append(word);
        }

        if (line.Length > 0)
        {
            yield return line.ToString();
        }
    }
}
