using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Knotwork.Domain.Anatomy;
using Knotwork.Domain.Knowledge;
using Microsoft.AspNetCore.Html;

namespace Knotwork.Web.BodyMap;

/// <summary>Renders body-map figures as inline SVG: the interactive map of the finder, and referral diagrams.</summary>
internal static class BodyMapHtml
{
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Default;

    /// <summary>
    /// The shared SVG definitions (the hatch pattern that marks spillover zones, so colour is never the only
    /// signal). Render once per page that shows diagrams.
    /// </summary>
    public static IHtmlContent Definitions { get; } = new HtmlString(
        """<svg class="defs" aria-hidden="true" focusable="false" width="0" height="0"><defs>""" +
        """<pattern id="hatch" width="4" height="4" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">""" +
        """<rect width="4" height="4" class="hatch-bg"/><line x1="0" y1="0" x2="0" y2="4" class="hatch-line"/></pattern>""" +
        """</defs></svg>""");

    /// <summary>
    /// The finder's map figure: every region is a link that toggles it (so the map works without JavaScript),
    /// announced as a checkbox with its label; marked regions are <c>aria-checked="true"</c>.
    /// </summary>
    public static IHtmlContent Interactive(BodyFigure figure, IReadOnlySet<Region> selected, Func<Region, string> toggleHref)
    {
        var html = new StringBuilder(16_384);
        OpenFigure(html, figure, "map-figure", $"{figure.Label}: tap a place to mark or unmark it", role: "group");
        foreach (var shape in figure.Shapes)
        {
            var on = selected.Contains(shape.Region);
            var label = Encoder.Encode(shape.Region.Label);
            html.Append("<a class=\"region\" href=\"").Append(Encoder.Encode(toggleHref(shape.Region)))
                .Append("\" data-region=\"").Append(shape.Region.Id.Value)
                .Append("\" role=\"checkbox\" aria-checked=\"").Append(on ? "true" : "false")
                .Append("\" aria-label=\"").Append(label).Append("\"><title>").Append(label).Append("</title><path d=\"")
                .Append(shape.Path).Append("\"/></a>");
        }

        CloseFigure(html, figure);
        return new HtmlString(html.ToString());
    }

    /// <summary>
    /// A referral diagram: essential zone solid, spillover hatched and lighter, the trigger point's own area
    /// outlined with a dot. Static, described by <paramref name="description"/> for screen readers.
    /// </summary>
    public static IHtmlContent Diagram(BodyFigure figure, IReadOnlySet<Region> essential, IReadOnlySet<Region> spillover,
        IReadOnlySet<Region> location, string description)
    {
        var html = new StringBuilder(8_192);
        OpenFigure(html, figure, "diagram-figure", description, role: "img", Crop(figure, essential, spillover, location));
        foreach (var shape in figure.Shapes)
        {
            var kind = essential.Contains(shape.Region) ? "zone-essential"
                : spillover.Contains(shape.Region) ? "zone-spillover"
                : "zone-none";
            var at = location.Contains(shape.Region) ? " tp-location" : string.Empty;
            html.Append("<path class=\"").Append(kind).Append(at).Append("\" data-region=\"").Append(shape.Region.Id.Value)
                .Append("\" d=\"").Append(shape.Path).Append("\"/>");
        }

        foreach (var shape in figure.Shapes.Where(s => location.Contains(s.Region)))
        {
            html.Append("<circle class=\"tp-marker\" r=\"3\" cx=\"").Append(shape.AnchorX.ToString(CultureInfo.InvariantCulture))
                .Append("\" cy=\"").Append(shape.AnchorY.ToString(CultureInfo.InvariantCulture)).Append("\"/>");
        }

        CloseFigure(html, figure);
        return new HtmlString(html.ToString());
    }

    /// <summary>The figures needed to show a trigger point's location and zones, in display order.</summary>
    public static IReadOnlyList<BodyFigure> FiguresFor(BodyMapArt art, IEnumerable<Region> regions)
    {
        var set = regions.ToHashSet();
        return art.Figures.Where(f => f.DrawsAny(set)).ToArray();
    }

    /// <summary>A trigger point's zones resolved to one side.</summary>
    public static (HashSet<Region> Essential, HashSet<Region> Spillover, HashSet<Region> Location) Zones(
        TriggerPoint point, BodyRegions regions, Side side)
    {
        ArgumentNullException.ThrowIfNull(point);
        var essential = point.Essential.SelectMany(z => z.Resolve(regions, side)).ToHashSet();
        var spillover = point.Spillover.SelectMany(z => z.Resolve(regions, side)).Where(r => !essential.Contains(r)).ToHashSet();
        var location = point.Location.SelectMany(z => z.Resolve(regions, side)).ToHashSet();
        return (essential, spillover, location);
    }

    /// <summary>
    /// The part of a whole-body figure worth showing for a diagram: the marked shapes with a margin, at least a
    /// third of the figure's height so the body stays recognisable. Insets are small already and shown whole.
    /// </summary>
    private static string Crop(BodyFigure figure, IReadOnlySet<Region> essential, IReadOnlySet<Region> spillover, IReadOnlySet<Region> location)
    {
        var whole = Bounds.FromViewBox(figure.ViewBox);
        var marked = figure.Shapes.Where(s => essential.Contains(s.Region) || spillover.Contains(s.Region) || location.Contains(s.Region)).ToList();
        if (marked.Count == 0 || whole.Height < 2 * whole.Width)
        {
            return figure.ViewBox;
        }

        var box = marked.Select(s => s.Bounds).Aggregate((a, b) => a.Union(b));
        var height = Math.Clamp(box.Height + 40, whole.Height / 3, whole.Height);
        var width = Math.Clamp(Math.Max(box.Width + 40, height * 0.75), 0, whole.Width);
        height = Math.Max(height, width * 0.9);
        var cx = (box.MinX + box.MaxX) / 2;
        var cy = (box.MinY + box.MaxY) / 2;
        var x = Math.Clamp(cx - (width / 2), whole.MinX, whole.MaxX - width);
        var y = Math.Clamp(cy - (height / 2), whole.MinY, Math.Max(whole.MinY, whole.MaxY - height));
        return new Bounds(x, y, x + width, y + Math.Min(height, whole.Height)).ToViewBox();
    }

    private static void OpenFigure(StringBuilder html, BodyFigure figure, string cssClass, string label, string role, string? viewBox = null)
    {
        html.Append("<figure class=\"").Append(cssClass).Append(" fig-").Append(figure.Name).Append("\">")
            .Append("<svg viewBox=\"").Append(viewBox ?? figure.ViewBox).Append("\" role=\"").Append(role)
            .Append("\" aria-label=\"").Append(Encoder.Encode(label)).Append("\" class=\"bodymap\">");
        if (figure.Outlines.Count > 0)
        {
            html.Append("<g class=\"outline\" aria-hidden=\"true\">");
            foreach (var outline in figure.Outlines)
            {
                html.Append("<path d=\"").Append(outline).Append("\"/>");
            }

            html.Append("</g>");
        }
    }

    private static void CloseFigure(StringBuilder html, BodyFigure figure)
    {
        html.Append("</svg><figcaption>").Append(Encoder.Encode(figure.Label));
        html.Append(figure.FacesViewer ? " <span class=\"side-note\">(left is on the right)</span>" : " <span class=\"side-note\">(left is on the left)</span>");
        html.Append("</figcaption></figure>");
    }
}
