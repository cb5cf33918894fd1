using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Knotwork.Web.Security;

/// <summary>
/// A rate limit per client address: each IPv4 address, or each IPv6 /64 (what one household or phone is given),
/// has its own limiter. Local clients (loopback, or no IP address at all) are left alone when
/// <paramref name="exemptLoopback"/> is set, and otherwise share one limiter per address ("unknown" without one).
/// </summary>
/// <param name="limiter">Makes the limiter for a new client.</param>
/// <param name="exemptLoopback">Whether local clients are never limited.</param>
/// <param name="attemptsOnly">Whether only form posts count, not GET or HEAD (for sign-in and registration pages).</param>
internal sealed class ClientAddressPolicy(Func<string, RateLimiter> limiter, bool exemptLoopback, bool attemptsOnly)
    : IRateLimiterPolicy<string>
{
    private static readonly RateLimitPartition<string> Unlimited = RateLimitPartition.GetNoLimiter(string.Empty);

    /// <summary>The rejection is written by the limiter options' <c>OnRejected</c>, the same for every policy.</summary>
    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => null;

    public RateLimitPartition<string> GetPartition(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (attemptsOnly && (HttpMethods.IsGet(httpContext.Request.Method) || HttpMethods.IsHead(httpContext.Request.Method)))
        {
            return Unlimited;
        }

        var address = httpContext.Connection.RemoteIpAddress;
        if (address is not null && address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (exemptLoopback && (address is null || IPAddress.IsLoopback(address)))
        {
            return Unlimited;
        }

        return RateLimitPartition.Get(ClientKey(address), limiter);
    }

    /// <summary>The partition key: the IPv4 address, the IPv6 /64 prefix, or "unknown".</summary>
    private static string ClientKey(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        bytes[8..].Clear();
        return new IPAddress(bytes).ToString() + "/64";
    }
}
