using System.Globalization;
using System.Xml.Linq;
using Knotwork.Domain.Anatomy;

namespace Knotwork.Web.BodyMap;

/// <summary>One drawing of the body map: a whole figure (front, back) or an enlarged inset (head, hands, feet).</summary>
/// <param name="Name">The figure's key, e.g. <c>front</c>, <c>hands-back</c>.</param>
/// <param name="Label">A caption for people.</param>
/// <param name="ViewBox">The SVG viewBox of the drawing.</param>
/// <param name="FacesViewer">True when the body faces the viewer, so the client's left is on the viewer's right.</param>
/// <param name="Outlines">Non-interactive silhouette paths.</param>
/// <param name="Shapes">The regions drawn in this figure and their paths.</param>
internal sealed record BodyFigure(
    string Name, string Label, string ViewBox, bool FacesViewer, IReadOnlyList<string> Outlines, IReadOnlyList<RegionShape> Shapes)
{
    /// <summary>Whether the figure draws any of <paramref name="regions"/>.</summary>
    public bool DrawsAny(IEnumerable<Region> regions) => regions.Any(r => Shapes.Any(s => s.Region == r));
}

/// <summary>A region's shape: its SVG path, an anchor point inside it (for markers) and its bounding box.</summary>
internal sealed record RegionShape(Region Region, string Path, double AnchorX, double AnchorY, Bounds Bounds);

/// <summary>An axis-aligned box in a figure's coordinates.</summary>
internal readonly record struct Bounds(double MinX, double MinY, double MaxX, double MaxY)
{
    public double Width => MaxX - MinX;

    public double Height => MaxY - MinY;

    public Bounds Union(Bounds other) =>
        new(Math.Min(MinX, other.MinX), Math.Min(MinY, other.MinY), Math.Max(MaxX, other.MaxX), Math.Max(MaxY, other.MaxY));

    public static Bounds Of(IEnumerable<(double X, double Y)> points)
    {
        var list = points.ToList();
        return list.Count == 0
            ? default
            : new Bounds(list.Min(p => p.X), list.Min(p => p.Y), list.Max(p => p.X), list.Max(p => p.Y));
    }

    /// <summary>Parses an SVG viewBox "x y width height".</summary>
    public static Bounds FromViewBox(string viewBox)
    {
        var n = viewBox.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(v => double.Parse(v, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        return new Bounds(n[0], n[1], n[0] + n[2], n[1] + n[3]);
    }

    public string ToViewBox() => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"{Math.Round(MinX, 1)} {Math.Round(MinY, 1)} {Math.Round(Width, 1)} {Math.Round(Height, 1)}");
}

/// <summary>
/// The body-map artwork (<c>BodyMap/body-map.svg</c>, embedded), read once: eight figures in which every one of
/// the 163 regions is drawn exactly once as its own shape. Pages render it with <see cref="BodyMapHtml"/>.
/// </summary>
internal sealed class BodyMapArt
{
    private static readonly (string Name, string Label, bool Faces)[] Order =
    [
        ("front", "Front", true), ("back", "Back", false),
        ("head-front", "Face", true), ("head-back", "Back of the head", false),
        ("hands-front", "Palms", true), ("hands-back", "Backs of the hands", false),
        ("feet-front", "Tops of the feet", true), ("feet-back", "Heels and soles", false),
    ];

    private readonly Dictionary<Region, BodyFigure> _figureOf;

    private BodyMapArt(IReadOnlyList<BodyFigure> figures)
    {
        Figures = figures;
        _figureOf = figures.SelectMany(f => f.Shapes.Select(s => (s.Region, Figure: f))).ToDictionary(x => x.Region, x => x.Figure);
    }

    /// <summary>The figures in display order: front, back, then the insets.</summary>
    public IReadOnlyList<BodyFigure> Figures { get; }

    /// <summary>The figure that draws <paramref name="region"/>.</summary>
    public BodyFigure FigureOf(Region region) => _figureOf[region];

    /// <summary>The figure called <paramref name="name"/>.</summary>
    public BodyFigure this[string name] => Figures.Single(f => f.Name == name);

    /// <summary>Reads the embedded artwork and checks it against the taxonomy.</summary>
    public static BodyMapArt LoadEmbedded(BodyRegions regions)
    {
        using var stream = typeof(BodyMapArt).Assembly.GetManifestResourceStream("Knotwork.Web.BodyMap.body-map.svg")
            ?? throw new InvalidOperationException("The body-map artwork is not embedded.");
        return Load(stream, regions);
    }

    /// <summary>Reads artwork from <paramref name="svg"/>; throws if a region is missing, unknown or drawn twice.</summary>
    public static BodyMapArt Load(Stream svg, BodyRegions regions)
    {
        ArgumentNullException.ThrowIfNull(regions);
        var doc = XDocument.Load(svg);
        XNamespace ns = "http://www.w3.org/2000/svg";
        var seen = new HashSet<Region>();
        var figures = new List<BodyFigure>();
        foreach (var (name, label, faces) in Order)
        {
            var group = doc.Root!.Elements(ns + "g").SingleOrDefault(g => (string?)g.Attribute("data-figure") == name)
                ?? throw new InvalidDataException($"body-map.svg has no figure '{name}'.");
            var viewBox = (string?)group.Attribute("data-viewbox") ?? throw new InvalidDataException($"Figure '{name}' has no data-viewbox.");
            var outlines = group.Descendants(ns + "path").Where(p => p.Attribute("data-region") is null).Select(p => (string)p.Attribute("d")!).ToArray();
            var shapes = new List<RegionShape>();
            foreach (var path in group.Descendants(ns + "path").Where(p => p.Attribute("data-region") is not null))
            {
                var id = (string)path.Attribute("data-region")!;
                if (!regions.TryGet(id, out var region) || region.Id.Value != id)
                {
                    throw new InvalidDataException($"body-map.svg draws unknown region '{id}'.");
                }

                if (!seen.Add(region))
                {
                    throw new InvalidDataException($"body-map.svg draws '{id}' twice.");
                }

                var d = (string)path.Attribute("d")!;
                var (x, y) = PathGeometry.Anchor(d);
                shapes.Add(new RegionShape(region, d, x, y, Bounds.Of(PathGeometry.Points(d))));
            }

            figures.Add(new BodyFigure(name, label, viewBox, faces, outlines, shapes));
        }

        var missing = regions.All.Where(r => !seen.Contains(r)).Select(r => r.Id.Value).ToArray();
        if (missing.Length > 0)
        {
            throw new InvalidDataException($"body-map.svg does not draw: {string.Join(", ", missing)}.");
        }

        return new BodyMapArt(figures);
    }
}

/// <summary>Just enough SVG path parsing to find a point to mark inside a shape (the centre of its points).</summary>
internal static class PathGeometry
{
    /// <summary>
    /// A point inside the shape for a marker: on the horizontal line through the area centroid, the middle of the
    /// widest stretch that lies inside the outline (the centroid alone can fall outside a concave shape, such as
    /// two fingers drawn as one region).
    /// </summary>
    public static (double X, double Y) Anchor(string d)
    {
        var points = Points(d).ToList();
        if (points.Count < 3)
        {
            return points.Count == 0 ? (0, 0) : (points[0].X, points[0].Y);
        }

        double area = 0, cx = 0, cy = 0;
        for (var i = 0; i < points.Count; i++)
        {
            var (x0, y0) = points[i];
            var (x1, y1) = points[(i + 1) % points.Count];
            var cross = (x0 * y1) - (x1 * y0);
            area += cross;
            cx += (x0 + x1) * cross;
            cy += (y0 + y1) * cross;
        }

        var y = Math.Abs(area) < 1e-9 ? points.Average(p => p.Y) : cy / (3 * area);
        var crossings = new List<double>();
        for (var i = 0; i < points.Count; i++)
        {
            var (x0, y0) = points[i];
            var (x1, y1) = points[(i + 1) % points.Count];
            if ((y0 <= y && y < y1) || (y1 <= y && y < y0))
            {
                crossings.Add(x0 + ((y - y0) / (y1 - y0) * (x1 - x0)));
            }
        }

        crossings.Sort();
        var x = Math.Abs(area) < 1e-9 ? points.Average(p => p.X) : cx / (3 * area);
        var widest = -1.0;
        for (var i = 0; i + 1 < crossings.Count; i += 2)
        {
            if (crossings[i + 1] - crossings[i] > widest)
            {
                widest = crossings[i + 1] - crossings[i];
                x = (crossings[i] + crossings[i + 1]) / 2;
            }
        }

        return (Math.Round(x, 1), Math.Round(y, 1));
    }

    /// <summary>The end points of a path's segments, in absolute coordinates (control points are skipped).</summary>
    public static IEnumerable<(double X, double Y)> Points(string d)
    {
        var tokens = Tokenize(d).ToList();
        double x = 0, y = 0, startX = 0, startY = 0;
        var command = 'M';
        var i = 0;
        while (i < tokens.Count)
        {
            if (tokens[i] is string letter)
            {
                command = letter[0];
                i++;
                if (command is 'Z' or 'z')
                {
                    (x, y) = (startX, startY);
                    continue;
                }
            }

            var relative = char.IsLower(command);
            double Next() => (double)tokens[i++];
            switch (char.ToUpperInvariant(command))
            {
                case 'M':
                case 'L':
                case 'T':
                    {
                        var nx = Next();
                        var ny = Next();
                        (x, y) = relative ? (x + nx, y + ny) : (nx, ny);
                        if (char.ToUpperInvariant(command) == 'M')
                        {
                            (startX, startY) = (x, y);
                            command = relative ? 'l' : 'L';
                        }

                        break;
                    }

                case 'H':
                    {
                        var nx = Next();
                        x = relative ? x + nx : nx;
                        break;
                    }

                case 'V':
                    {
                        var ny = Next();
                        y = relative ? y + ny : ny;
                        break;
                    }

                case 'C':
                    i += 4;
                    (x, y) = End(relative, x, y, Next(), Next());
                    break;
                case 'S':
                case 'Q':
                    i += 2;
                    (x, y) = End(relative, x, y, Next(), Next());
                    break;
                case 'A':
                    i += 5;
                    (x, y) = End(relative, x, y, Next(), Next());
                    break;
                default:
                    yield break;
            }

            yield return (x, y);
        }
    }

    private static (double, double) End(bool relative, double x, double y, double nx, double ny) =>
        relative ? (x + nx, y + ny) : (nx, ny);

    private static IEnumerable<object> Tokenize(string d)
    {
        var i = 0;
        while (i < d.Length)
        {
            var c = d[i];
            if (char.IsLetter(c) && c is not 'e' and not 'E')
            {
                yield return c.ToString();
                i++;
            }
            else if (c is '-' or '+' or '.' || char.IsDigit(c))
            {
                var start = i;
                i++;
                var seenDot = c == '.';
                while (i < d.Length)
                {
                    var n = d[i];
                    if (char.IsDigit(n))
                    {
                        i++;
                    }
                    else if (n == '.' && !seenDot)
                    {
                        seenDot = true;
                        i++;
                    }
                    else if ((n is 'e' or 'E') && i + 1 < d.Length)
                    {
                        i += d[i + 1] is '-' or '+' ? 2 : 1;
                    }
                    else
                    {
                        break;
                    }
                }

                yield return double.Parse(d.AsSpan(start, i - start), NumberStyles.Float, CultureInfo.InvariantCulture);
            }
            else
            {
                i++;
            }
        }
    }
}
