namespace Knotwork.Domain;

/// <summary>Reads the data files embedded in this assembly (the taxonomy and the knowledge base).</summary>
internal static class EmbeddedData
{
    private const string Prefix = "Knotwork.Data/";

    public static Stream Open(string name) =>
        typeof(EmbeddedData).Assembly.GetManifestResourceStream(Prefix + name)
        ?? throw new InvalidOperationException($"Embedded data file '{name}' is missing from {typeof(EmbeddedData).Assembly.GetName().Name}.");

    /// <summary>The names (relative to the data folder) of the embedded files under <paramref name="folder"/>.</summary>
    public static IEnumerable<string> List(string folder)
    {
        var start = Prefix + folder.TrimEnd('/') + "/";
        return typeof(EmbeddedData).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(start, StringComparison.Ordinal))
            .Select(n => n[Prefix.Length..])
            .Order(StringComparer.Ordinal);
    }
}
