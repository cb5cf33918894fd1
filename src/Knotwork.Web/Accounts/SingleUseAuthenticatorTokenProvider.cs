using System.Buffers.Binary;
using System.Security.Cryptography;
using Knotwork.Data;
using Knotwork.Data.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Knotwork.Web.Accounts;

/// <summary>
/// Authenticator-app codes (RFC 6238: HMAC-SHA1, 30-second steps, 6 digits) that each work once (ASVS 2.8.4). A code
/// is accepted within two steps either side of now, as Identity's own provider does, but only when its step is later
/// than <see cref="KnotworkUser.LastTotpStep"/>; the step is claimed with one conditional UPDATE, so of two requests
/// with the same code at the same moment exactly one passes, on SQLite and on PostgreSQL.
/// </summary>
/// <remarks>
/// Every use of a code goes through here: the second step of signing in, turning two-factor on, and re-authenticating
/// before a change to two-factor sign-in.
/// </remarks>
internal sealed class SingleUseAuthenticatorTokenProvider(KnotworkDbContext db, TimeProvider clock) : AuthenticatorTokenProvider<KnotworkUser>
{
    /// <summary>The provider's name in <see cref="TokenOptions.ProviderMap"/>.</summary>
    public const string ProviderName = "KnotworkAuthenticator";

    /// <summary>How many 30-second steps before and after now a code may come from (clocks drift; people type slowly).</summary>
    public const int Window = 2;

    public override async Task<bool> ValidateAsync(string purpose, string token, UserManager<KnotworkUser> manager, KnotworkUser user)
    {
        ArgumentNullException.ThrowIfNull(manager);
        ArgumentNullException.ThrowIfNull(user);
        var key = await manager.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key) || token is not { Length: 6 } || !int.TryParse(token, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var code))
        {
            return false;
        }

        var now = clock.GetUtcNow().ToUnixTimeSeconds() / 30;
        if (MatchingStep(Base32Decode(key), code, now) is not { } step)
        {
            return false;
        }

        // Claim the step: only one request can move LastTotpStep forward to it.
        var claimed = await db.Users
            .Where(u => u.Id == user.Id && u.LastTotpStep < step)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.LastTotpStep, step));
        if (claimed != 1)
        {
            return false;
        }

        Mirror(db, user, step);
        return true;
    }

    /// <summary>
    /// Shows a value written straight to the row on the loaded account too, without marking it changed: a change
    /// left pending would be saved by the next unrelated save of the context (an audit entry), as an UPDATE of the
    /// account that fails its concurrency check once another request has touched the row.
    /// </summary>
    internal static void Mirror(DbContext db, KnotworkUser user, long step)
    {
        var entry = db.Entry(user);
        if (entry.State == EntityState.Detached)
        {
            user.LastTotpStep = step;
            return;
        }

        var property = entry.Property(u => u.LastTotpStep);
        property.CurrentValue = step;
        property.OriginalValue = step;
        property.IsModified = false;
    }

    /// <summary>The latest step within <see cref="Window"/> of <paramref name="now"/> whose code is <paramref name="code"/>.</summary>
    internal static long? MatchingStep(byte[] key, int code, long now)
    {
        for (var step = now + Window; step >= now - Window; step--)
        {
            if (Compute(key, step) == code)
            {
                return step;
            }
        }

        return null;
    }

    /// <summary>The 6-digit code of <paramref name="step"/> (RFC 6238 over RFC 4226).</summary>
    internal static int Compute(byte[] key, long step)
    {
        Span<byte> counter = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, step);
#pragma warning disable CA5350 // RFC 6238 authenticator codes are HMAC-SHA1: it is what every authenticator app computes.
        var hash = HMACSHA1.HashData(key, counter);
#pragma warning restore CA5350
        var offset = hash[^1] & 0x0f;
        var binary = ((hash[offset] & 0x7f) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return binary % 1_000_000;
    }

    /// <summary>Decodes the RFC 4648 base-32 key Identity stores (upper case, no padding).</summary>
    internal static byte[] Base32Decode(string text)
    {
        const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var output = new List<byte>(text.Length * 5 / 8);
        int bits = 0, value = 0;
        foreach (var c in text.TrimEnd('='))
        {
            var index = Alphabet.IndexOf(char.ToUpperInvariant(c), StringComparison.Ordinal);
            if (index < 0)
            {
                throw new FormatException("The authenticator key is not base-32.");
            }

            value = (value << 5) | index;
            bits += 5;
            if (bits >= 8)
            {
                output.Add((byte)(value >> (bits - 8)));
                bits -= 8;
            }
        }

        return [.. output];
    }
}
