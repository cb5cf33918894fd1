using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Knotwork.Domain.Booking.Calendar;

/// <summary>
/// The secret in a therapist's feed URL. The URL is the only key (calendar apps cannot log in), so it is long and
/// random, only its hash is stored, and renewing it revokes every copy of the old URL.
/// </summary>
public static class FeedToken
{
    /// <summary>Random bytes in a token: 256 bits.</summary>
    public const int Bytes = 32;

    /// <summary>A new token: 32 random bytes as unpadded base64url, 43 characters safe in a URL path or query.</summary>
    public static string Create() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(Bytes));

    /// <summary>What to store for <paramref name="token"/>: its SHA-256 as lower-case hex (64 characters).</summary>
    public static string Hash(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
    }

    /// <summary>
    /// Whether <paramref name="presented"/> is the token whose hash is <paramref name="storedHash"/>, comparing in
    /// constant time so response times do not leak how much of it matched. False for null, empty or malformed input.
    /// </summary>
    public static bool Matches(string? storedHash, string? presented)
    {
        if (string.IsNullOrEmpty(storedHash) || string.IsNullOrEmpty(presented) || storedHash.Length != 64)
            return false;
        Span<byte> stored = stackalloc byte[32];
        if (Convert.FromHexString(storedHash, stored, out _, out var written) != System.Buffers.OperationStatus.Done || written != 32)
            return false;
        var actual = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        return CryptographicOperations.FixedTimeEquals(stored, actual);
    }
}
