using System.Text;
using System.Text.Json.Nodes;
using Knotwork.Domain.Knowledge;

namespace Knotwork.Domain.Tests.Knowledge;

/// <summary>Loads a copy of the embedded data with one file edited, to test what validation reports.</summary>
internal static class KnowledgeEdits
{
    private static Dictionary<string, string> EmbeddedFiles()
    {
        var files = new Dictionary<string, string>();
        foreach (var name in new[] { "regions.json", "sources.json", "groups.json", "pain-guide.json" }.Concat(KnowledgeFiles.Embedded.MuscleFiles))
        {
            using var stream = KnowledgeFiles.Embedded.Open(name)!;
            files[name] = new StreamReader(stream).ReadToEnd();
        }

        return files;
    }

    public static KnowledgeLoad Load(string name, Action<JsonNode> edit)
    {
        var files = EmbeddedFiles();
        name = files.ContainsKey(name) ? name : "muscles/" + name;
        var json = JsonNode.Parse(files[name])!;
        edit(json);
        files[name] = json.ToJsonString();
        return KnowledgeBaseLoader.Load(new KnowledgeFiles(
            n => files.TryGetValue(n, out var text) ? new MemoryStream(Encoding.UTF8.GetBytes(text)) : null,
            KnowledgeFiles.Embedded.MuscleFiles));
    }
}
