using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Knotwork.Domain.Anatomy;
using Knotwork.Domain.Contract;
using Knotwork.Domain.Knowledge;

namespace Knotwork.Cli;

/// <summary><c>knotwork muscles</c>, <c>knotwork regions</c> and <c>knotwork kb check</c>: reading the knowledge base.</summary>
internal static class CatalogCommands
{
    public static Command Muscles(Io io)
    {
        var slug = new Argument<string?>("SLUG")
        {
            Description = "A muscle (e.g. upper-trapezius) or a group name (e.g. rotator-cuff, it-band); omit to list all muscles.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var json = new Option<bool>("--json") { Description = "Write JSON." };
        var command = new Command("muscles", "List the muscles of the knowledge base, or show one muscle or group in full.") { slug, json };
        command.SetAction(parse =>
        {
            var kb = KnowledgeBase.Default;
            var name = parse.GetValue(slug);
            var asJson = parse.GetValue(json);
            if (string.IsNullOrWhiteSpace(name))
            {
                if (asJson)
                {
                    io.Out.WriteLine(JsonSerializer.Serialize(kb.Muscles.Select(KnowledgeContract.ToSummary).ToArray(), ContractJson.Default.MuscleSummaryDtoArray));
                    return KnotworkCommand.Ok;
                }

                foreach (var (area, label) in BodyAreas.All)
                {
                    io.Out.WriteLine($"{label}:");
                    var table = new TextTable("  Slug", "Name", "Trigger points");
                    foreach (var m in kb.Muscles.Where(m => m.Area == area))
                    {
                        table.Add("  " + m.Slug, m.Name, m.TriggerPoints.Count.ToString(CultureInfo.InvariantCulture));
                    }

                    table.Write(io.Out);
                    io.Out.WriteLine();
                }

                io.Out.WriteLine($"Groups: {string.Join(", ", kb.Groups.Select(g => g.Slug))}");
                return KnotworkCommand.Ok;
            }

            if (kb.TryGetMuscle(name, out var muscle))
            {
                if (asJson)
                {
                    io.Out.WriteLine(JsonSerializer.Serialize(KnowledgeContract.ToDto(muscle, kb), ContractJson.Default.MuscleDto));
                }
                else
                {
                    WriteMuscle(io.Out, muscle, kb);
                }

                return KnotworkCommand.Ok;
            }

            if (kb.TryGetGroup(name, out var group))
            {
                if (asJson)
                {
                    io.Out.WriteLine(JsonSerializer.Serialize(KnowledgeContract.ToDto(group, kb), ContractJson.Default.MuscleGroupDto));
                    return KnotworkCommand.Ok;
                }

                io.Out.WriteLine($"{group.Name} (group): {string.Join(", ", group.Members.Select(m => m.Slug))}");
                if (group.Note is not null)
                {
                    io.Out.WriteLine(group.Note);
                }

                foreach (var member in group.Members)
                {
                    io.Out.WriteLine();
                    WriteMuscle(io.Out, member, kb);
                }

                return KnotworkCommand.Ok;
            }

            return io.UsageError($"Unknown muscle or group '{name.Trim()}'. Nearest: {string.Join(", ", kb.NearestSlugs(name, 3))}. List them all with 'knotwork muscles'.");
        });
        return command;
    }

    public static Command Regions(Io io)
    {
        var json = new Option<bool>("--json") { Description = "Write JSON." };
        var command = new Command("regions", $"List the {BodyRegions.Default.Count} body regions (identifiers use the client's own left and right).") { json };
        command.SetAction(parse =>
        {
            var regions = BodyRegions.Default;
            if (parse.GetValue(json))
            {
                io.Out.WriteLine(JsonSerializer.Serialize(regions.All.Select(KnowledgeContract.ToDto).ToArray(), ContractJson.Default.RegionDtoArray));
                return KnotworkCommand.Ok;
            }

            var table = new TextTable("Region", "Label", "View", "Group");
            foreach (var r in regions.All)
            {
                table.Add(r.Id.Value, r.Label, r.View == BodyView.Front ? "front" : "back", r.Group);
            }

            table.Write(io.Out);
            return KnotworkCommand.Ok;
        });
        return command;
    }

    public static Command Kb(Io io)
    {
        var data = new Option<string?>("--data")
        {
            Description = "Check the data files in DIR (regions.json, sources.json, groups.json, pain-guide.json, muscles/*.json) instead of the copy built into knotwork.",
            HelpName = "DIR",
        };
        var json = new Option<bool>("--json") { Description = "Write the report as JSON." };
        var check = new Command("check", "Validate the knowledge base: regions.json, unknown regions or muscles, muscles without trigger points, zones or sources, too many trigger points, the pain guide and its sources, duplicates. Warns about pain-guide entries the finder cannot use.") { data, json };
        check.SetAction(parse =>
        {
            var dir = parse.GetValue(data);
            KnowledgeFiles files;
            if (dir is null)
            {
                files = KnowledgeFiles.Embedded;
            }
            else if (!Directory.Exists(dir))
            {
                return io.UsageError($"Data folder '{dir}' does not exist.");
            }
            else
            {
                var root = Path.GetFullPath(dir);
                var muscleDir = Path.Combine(root, "muscles");
                var muscleFiles = Directory.Exists(muscleDir)
                    ? Directory.GetFiles(muscleDir, "*.json").Select(f => "muscles/" + Path.GetFileName(f)).Order(StringComparer.Ordinal).ToArray()
                    : [];
                files = new KnowledgeFiles(name =>
                {
                    var path = Path.Combine(root, name);
                    return File.Exists(path) ? File.OpenRead(path) : null;
                }, muscleFiles);
            }

            var load = KnowledgeBaseLoader.Load(files);
            var kb = load.KnowledgeBase;
            var report = new KnowledgeCheckDto(load.IsValid, kb?.Muscles.Count ?? 0, kb?.TriggerPoints.Count() ?? 0, kb?.Groups.Count ?? 0, load.Problems, load.Warnings,
                KnowledgeBaseLoader.MaxTriggerPointsPerMuscle);
            if (parse.GetValue(json))
            {
                io.Out.WriteLine(JsonSerializer.Serialize(report, ContractJson.Default.KnowledgeCheckDto));
            }
            else
            {
                if (load.IsValid)
                {
                    io.Out.WriteLine($"The knowledge base is valid: {report.Muscles} muscles, {report.TriggerPoints} trigger points " +
                        $"(at most {report.MaxTriggerPointsPerMuscle} per muscle, the most in one muscle {kb!.Muscles.Max(m => m.TriggerPoints.Count)}), " +
                        $"{report.Groups} groups, {kb.Sources.Count} sources, a pain guide for {kb.PainGuideStems.Count()} region stems.");
                }
                else
                {
                    io.Out.WriteLine($"The knowledge base has {load.Problems.Count} problem(s):");
                    foreach (var problem in load.Problems)
                    {
                        io.Out.WriteLine($"  - {problem}");
                    }
                }

                io.Out.WriteLine($"{load.Warnings.Count} warning(s){(load.Warnings.Count > 0 ? ":" : ".")}");
                foreach (var warning in load.Warnings)
                {
                    io.Out.WriteLine($"  - {warning}");
                }
            }

            return load.IsValid ? KnotworkCommand.Ok : KnotworkCommand.Failed;
        });
        return new Command("kb", "Work with the knowledge-base data.") { check };
    }

    private static void WriteMuscle(TextWriter output, Muscle muscle, KnowledgeBase kb)
    {
        output.WriteLine($"{muscle.Name} ({muscle.Slug}) - {BodyAreas.Label(muscle.Area)}");
        if (muscle.Aliases.Count > 0)
        {
            output.WriteLine($"Also called: {string.Join(", ", muscle.Aliases)}");
        }

        var groups = kb.Groups.Where(g => g.Members.Contains(muscle)).Select(g => g.Name).ToArray();
        if (groups.Length > 0)
        {
            output.WriteLine($"Part of: {string.Join(", ", groups)}");
        }

        foreach (var line in FindCommand.Wrap(muscle.Summary, 96))
        {
            output.WriteLine(line);
        }

        output.WriteLine();
        output.WriteLine("Trigger points:");
        foreach (var point in muscle.TriggerPoints)
        {
            output.WriteLine($"  {point.FullId}: {point.Name}");
            output.WriteLine($"    lies at:   {string.Join(", ", point.Location)}");
            output.WriteLine($"    essential: {string.Join(", ", point.Essential)}");
            if (point.Spillover.Count > 0)
            {
                output.WriteLine($"    spillover: {string.Join(", ", point.Spillover)}");
            }

            foreach (var line in FindCommand.Wrap("find it: " + point.Palpation, 90))
            {
                output.WriteLine($"    {line}");
            }
        }

        output.WriteLine("  (a region without suffix is on the muscle's own side; .both = both sides; .opposite = the other side only)");
        output.WriteLine();
        Section(output, "Symptoms", muscle.Symptoms);
        Section(output, "Often mistaken for", muscle.LookAlikes);
        Section(output, "Causes", muscle.Causes.Select(c => $"{c.Cause.Label()}: {c.Detail}").ToArray());
        Section(output, "Associated muscles", muscle.Associated);
        output.WriteLine("Self-care:");
        foreach (var line in FindCommand.Wrap(muscle.SelfCare, 94))
        {
            output.WriteLine($"  {line}");
        }

        Section(output, "Sources", muscle.Sources.Select(s => s.Describe()).ToArray());
    }

    private static void Section(TextWriter output, string title, IReadOnlyList<string> items)
    {
        if (items.Count == 0)
        {
            return;
        }

        output.WriteLine($"{title}:");
        foreach (var item in items)
        {
            var first = true;
            foreach (var line in FindCommand.Wrap(item, 92))
            {
                output.WriteLine((first ? "  - " : "    ") + line);
                first = false;
            }
        }
    }
}
