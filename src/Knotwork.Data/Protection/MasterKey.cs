using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Configuration;

namespace Knotwork.Data.Protection;

/// <summary>
/// The key that protects health data and sign-in keys at rest. It is never stored in the database: it comes from
/// configuration (<c>Knotwork:EncryptionKey</c>, base64 of 32 bytes; environment <c>Knotwork__EncryptionKey</c>) or
/// from a key file (<c>Knotwork:KeyFile</c>, default <c>keys/knotwork.key</c> under the content root), which is
/// created on first run with 32 random bytes, its folder 0700 and the file 0600. Each use gets its own sub-key,
/// derived with HKDF-SHA256, so no two purposes ever share key material.
/// </summary>
public sealed class MasterKey
{
    /// <summary>Key length in bytes (AES-256).</summary>
    public const int Length = 32;

    /// <summary>The setting that gives the key as base64.</summary>
    public const string ConfigurationKey = "Knotwork:EncryptionKey";

    /// <summary>The setting that names the key file.</summary>
    public const string KeyFileKey = "Knotwork:KeyFile";

    /// <summary>The key file, relative to the content root, when <see cref="KeyFileKey"/> is not set.</summary>
    public const string DefaultKeyFile = "keys/knotwork.key";

    private const string ColumnsPurpose = "columns";
    private const string KeyRingPurpose = "key-ring";
    private const string AuditChainPurpose = "audit-chain";
    private const string IdPurpose = "key-id";
    private const string BookingTokenPurpose = "booking-manage-token";

    private readonly byte[] _key;

    private MasterKey(ReadOnlySpan<byte> key, string source, string? createdFile)
    {
        if (key.Length != Length)
        {
            throw new EncryptionKeyException($"The encryption key from {source} is {key.Length} bytes; it must be {Length}.");
        }

        _key = key.ToArray();
        Source = source;
        CreatedFile = createdFile;
        Id = Convert.ToHexStringLower(DeriveKey(IdPurpose).AsSpan(0, 8));
        Columns = new FieldCipher(DeriveKey(ColumnsPurpose));
        KeyRing = new FieldCipher(DeriveKey(KeyRingPurpose));
    }

    /// <summary>A short public fingerprint of the key (derived one-way; it reveals nothing about the key).</summary>
    public string Id { get; }

    /// <summary>Where the key came from, for messages: the setting or the key file's path.</summary>
    public string Source { get; }

    /// <summary>The key file this process created because none existed, or null.</summary>
    public string? CreatedFile { get; }

    /// <summary>Seals the sensitive database columns.</summary>
    public FieldCipher Columns { get; }

    /// <summary>Seals the data-protection key ring (the keys that sign sign-in cookies).</summary>
    public FieldCipher KeyRing { get; }

    /// <summary>The 32-byte key for chaining the audit log (an HMAC key; the same for the same master key).</summary>
    public byte[] AuditChainKey() => DeriveKey(AuditChainPurpose);

    /// <summary>
    /// The 32-byte HMAC key a booking's private manage token is derived from (token = HMAC(key, booking id)), so a
    /// retried request can be given the same link again although only the token's hash is stored.
    /// </summary>
    public byte[] BookingTokenKey() => DeriveKey(BookingTokenPurpose);

    /// <summary>A key from 32 bytes (tests, tools).</summary>
    public static MasterKey FromBytes(ReadOnlySpan<byte> key, string source = "the caller") => new(key, source, null);

    /// <summary>A fresh random key that is kept nowhere (design-time tools, tests).</summary>
    public static MasterKey Generate() => new(RandomNumberGenerator.GetBytes(Length), "a random key kept nowhere", null);

    /// <summary>The key from configuration, else from the key file (created if absent).</summary>
    /// <exception cref="EncryptionKeyException">The configured key or the key file is malformed.</exception>
    public static MasterKey Load(IConfiguration configuration, string contentRoot)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (configuration[ConfigurationKey] is { Length: > 0 } configured && !string.IsNullOrWhiteSpace(configured))
        {
            var source = $"the setting {ConfigurationKey}";
            return new MasterKey(FromBase64(configured.Trim(), source), source, null);
        }

        var file = configuration[KeyFileKey];
        return LoadOrCreateFile(Path.GetFullPath(string.IsNullOrWhiteSpace(file) ? DefaultKeyFile : file, contentRoot));
    }

    /// <summary>
    /// The key in <paramref name="file"/> (32 raw bytes, or their base64), or a new random key written there (folder
    /// 0700, file 0600; a file another process wrote first wins).
    /// </summary>
    public static MasterKey LoadOrCreateFile(string file)
    {
        file = Path.GetFullPath(file);
        var source = $"the key file {file}";
        if (File.Exists(file))
        {
            PrivateFiles.TightenIfPresent(file, mustSucceed: false);
            return new MasterKey(ReadKeyFile(file), source, null);
        }

        PrivateFiles.EnsureFolder(Path.GetDirectoryName(file)!);
        var key = RandomNumberGenerator.GetBytes(Length);
        var temporary = file + "." + Guid.NewGuid().ToString("N") + ".tmp";
        using (var stream = PrivateFiles.CreateNew(temporary))
        {
            stream.Write(key);
            stream.Flush(flushToDisk: true);
        }

        try
        {
            File.Move(temporary, file, overwrite: false);
        }
        catch (IOException) when (File.Exists(file))
        {
            // Another process created the key at the same moment: use theirs.
            File.Delete(temporary);
            return new MasterKey(ReadKeyFile(file), source, null);
        }

        return new MasterKey(key, source, file);
    }

    private static byte[] ReadKeyFile(string file)
    {
        var bytes = File.ReadAllBytes(file);
        if (bytes.Length == Length)
        {
            return bytes;
        }

        var text = Encoding.ASCII.GetString(bytes).Trim();
        var key = new byte[Length + 3];
        if (bytes.All(b => b < 128) && Convert.TryFromBase64String(text, key, out var written) && written == Length)
        {
            return key[..Length];
        }

        throw new EncryptionKeyException(
            $"The key file {file} is malformed: it must hold {Length} random bytes (or their base64) and it holds {bytes.Length} bytes. " +
            "Restore the key file from its backup; do not delete it while the database holds encrypted data, which only that key opens.");
    }

    private static byte[] FromBase64(string text, string source)
    {
        var buffer = new byte[Length + 3];
        if (!Convert.TryFromBase64String(text, buffer, out var written) || written != Length)
        {
            throw new EncryptionKeyException(
                $"The encryption key from {source} is malformed: it must be the base64 of exactly {Length} bytes (e.g. from: head -c {Length} /dev/urandom | base64).");
        }

        return buffer[..Length];
    }

    private byte[] DeriveKey(string purpose) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, _key, Length, salt: [], info: Encoding.UTF8.GetBytes("knotwork:" + purpose));
}
