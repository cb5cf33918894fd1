using System.Security.Cryptography;
using System.Text;

namespace Knotwork.Data.Protection;

/// <summary>
/// Seals text with AES-256-GCM under one sub-key of the <see cref="MasterKey"/>: a fresh random 12-byte nonce per
/// value, a 16-byte tag, stored as <c>kw1:</c> + base64(nonce | ciphertext | tag). The prefix names the format and
/// key generation, so a later key can be introduced beside this one (<c>kw2:</c>) and values re-sealed over time.
/// Text without the prefix is taken as written before encryption existed and is returned as it is.
/// </summary>
public sealed class FieldCipher
{
    /// <summary>The prefix of every sealed value (version 1: AES-256-GCM under the master key's sub-key).</summary>
    public const string Prefix = "kw1:";

    private const int NonceSize = 12;
    private const int TagSize = 16;

    private readonly byte[] _key;

    /// <param name="key">32 bytes.</param>
    public FieldCipher(ReadOnlySpan<byte> key)
    {
        if (key.Length != MasterKey.Length)
        {
            throw new ArgumentException($"An AES-256 key is {MasterKey.Length} bytes, not {key.Length}.", nameof(key));
        }

        _key = key.ToArray();
    }

    /// <summary>
    /// The longest stored text for a plain text of <paramref name="plainLength"/> UTF-16 characters (each at most 3
    /// UTF-8 bytes), so a column's length limit can hold the sealed form of the longest allowed value.
    /// </summary>
    public static int SealedLength(int plainLength) => Prefix.Length + (4 * ((NonceSize + TagSize + (3 * plainLength) + 2) / 3));

    /// <summary>True when <paramref name="stored"/> is a sealed value (as opposed to plain text written before encryption).</summary>
    public static bool IsSealed(string stored) => stored.StartsWith(Prefix, StringComparison.Ordinal);

    /// <summary>Seals <paramref name="plain"/>; the same text sealed twice gives different results.</summary>
    public string Encrypt(string plain)
    {
        ArgumentNullException.ThrowIfNull(plain);
        var plainBytes = Encoding.UTF8.GetBytes(plain);
        var sealedBytes = new byte[NonceSize + plainBytes.Length + TagSize];
        var nonce = sealedBytes.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using (var aes = new AesGcm(_key, TagSize))
        {
            aes.Encrypt(nonce, plainBytes, sealedBytes.AsSpan(NonceSize, plainBytes.Length), sealedBytes.AsSpan(NonceSize + plainBytes.Length));
        }

        return Prefix + Convert.ToBase64String(sealedBytes);
    }

    /// <summary>Opens a sealed value; text without the <see cref="Prefix"/> is returned unchanged.</summary>
    /// <exception cref="EncryptionKeyException">The value was sealed with another key, or altered.</exception>
    public string Decrypt(string stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        if (!IsSealed(stored))
        {
            return stored;
        }

        byte[] sealedBytes;
        try
        {
            sealedBytes = Convert.FromBase64String(stored[Prefix.Length..]);
        }
        catch (FormatException e)
        {
            throw new EncryptionKeyException("A sealed value is damaged (its text is not base64).", e);
        }

        if (sealedBytes.Length < NonceSize + TagSize)
        {
            throw new EncryptionKeyException("A sealed value is damaged (it is too short).");
        }

        var cipherLength = sealedBytes.Length - NonceSize - TagSize;
        var plainBytes = new byte[cipherLength];
        try
        {
            using var aes = new AesGcm(_key, TagSize);
            aes.Decrypt(sealedBytes.AsSpan(0, NonceSize), sealedBytes.AsSpan(NonceSize, cipherLength), sealedBytes.AsSpan(NonceSize + cipherLength), plainBytes);
        }
        catch (AuthenticationTagMismatchException e)
        {
            throw new EncryptionKeyException(
                "A sealed value does not open with this encryption key: the key was changed or lost since it was written, or the value was altered.", e);
        }

        return Encoding.UTF8.GetString(plainBytes);
    }
}

/// <summary>The encryption key is missing, malformed, or does not open the data it should.</summary>
public sealed class EncryptionKeyException : Exception
{
    public EncryptionKeyException()
    {
    }

    public EncryptionKeyException(string message)
        : base(message)
    {
    }

    public EncryptionKeyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
