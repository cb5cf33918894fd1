namespace Knotwork.Domain.Booking;

/// <summary>A point on the Earth in decimal degrees (WGS84).</summary>
public readonly record struct GeoPoint
{
    /// <summary>The mean radius of the Earth in statute miles (6,371.0088 km), as used for great-circle distances.</summary>
    public const double EarthRadiusMiles = 3958.7613;

    /// <summary>Degrees north of the equator, -90 to 90.</summary>
    public double Latitude { get; }

    /// <summary>Degrees east of Greenwich, -180 to 180.</summary>
    public double Longitude { get; }

    /// <summary>A point; throws for coordinates outside the globe (a programmer error).</summary>
    public GeoPoint(double latitude, double longitude)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Math.Abs(latitude), 90, nameof(latitude));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Math.Abs(longitude), 180, nameof(longitude));
        Latitude = latitude;
        Longitude = longitude;
    }

    /// <summary>The great-circle ("as the crow flies") distance to <paramref name="other"/> in miles (haversine formula).</summary>
    public double MilesTo(GeoPoint other)
    {
        const double radians = Math.PI / 180;
        var dLat = (other.Latitude - Latitude) * radians;
        var dLon = (other.Longitude - Longitude) * radians;
        var a = Math.Sin(dLat / 2) * Math.Sin(dLat / 2)
              + Math.Cos(Latitude * radians) * Math.Cos(other.Latitude * radians) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2);
        return 2 * EarthRadiusMiles * Math.Asin(Math.Min(1, Math.Sqrt(a)));
    }
}
