using System.Net;

namespace Knotwork.Web.Security;

/// <summary>
/// The reverse proxies whose <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> headers the app believes, from the
/// <c>Knotwork:Proxy</c> settings: <c>KnownProxies</c> (addresses) and <c>KnownNetworks</c> (CIDR ranges), each a
/// list (<c>Knotwork:Proxy:KnownProxies:0</c>, ...) or one value separated by commas
/// (<c>Knotwork__Proxy__KnownProxies=127.0.0.1,::1</c>). With neither, no forwarded header is believed from anyone.
/// </summary>
internal sealed class ProxySettings
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Knotwork:Proxy";

    private ProxySettings(IReadOnlyList<IPAddress> knownProxies, IReadOnlyList<IPNetwork> knownNetworks)
    {
        KnownProxies = knownProxies;
        KnownNetworks = knownNetworks;
    }

    /// <summary>The proxies' own addresses (the peer the app sees when a request comes through one).</summary>
    public IReadOnlyList<IPAddress> KnownProxies { get; }

    /// <summary>Networks whose every address is a trusted proxy.</summary>
    public IReadOnlyList<IPNetwork> KnownNetworks { get; }

    /// <summary>Whether any proxy is trusted; when not, the app adds no forwarded-headers middleware at all.</summary>
    public bool IsConfigured => KnownProxies.Count > 0 || KnownNetworks.Count > 0;

    /// <summary>Reads and checks the settings; a value that is not an address or a network stops the start-up, naming the key.</summary>
    /// <exception cref="InvalidOperationException">A value is not an IP address (KnownProxies) or a CIDR network (KnownNetworks).</exception>
    public static ProxySettings From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(Section);
        var proxies = new List<IPAddress>();
        foreach (var text in Values(section.GetSection("KnownProxies")))
        {
            proxies.Add(IPAddress.TryParse(text, out var address)
                ? address
                : throw new InvalidOperationException($"{Section}:KnownProxies has '{text}', which is not an IP address (such as 127.0.0.1 or ::1)."));
        }

        var networks = new List<IPNetwork>();
        foreach (var text in Values(section.GetSection("KnownNetworks")))
        {
            networks.Add(IPNetwork.TryParse(text, out var network)
                ? network
                : throw new InvalidOperationException($"{Section}:KnownNetworks has '{text}', which is not a network in CIDR form (such as 10.0.0.0/8 or fd00::/8)."));
        }

        return new ProxySettings(proxies, networks);
    }

    /// <summary>The values of a list setting: its own value split at commas, semicolons and spaces, and its children's.</summary>
    private static IEnumerable<string> Values(IConfigurationSection list) =>
        new[] { list.Value }.Concat(list.GetChildren().Select(c => c.Value))
            .SelectMany(v => (v ?? string.Empty).Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
