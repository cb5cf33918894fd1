using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Extensions.DependencyInjection;

namespace Knotwork.Data.Protection;

/// <summary>
/// Seals each data-protection key (the secret that signs sign-in cookies) with the master key's key-ring sub-key
/// before it is stored in the database, so a copy of the database cannot forge a cookie.
/// </summary>
public sealed class KeyRingXmlEncryptor(MasterKey key) : IXmlEncryptor
{
    internal static readonly XName Element = XName.Get("sealed", "urn:knotwork:key-ring");

    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        ArgumentNullException.ThrowIfNull(plaintextElement);
        var sealedText = key.KeyRing.Encrypt(plaintextElement.ToString(SaveOptions.DisableFormatting));
        return new EncryptedXmlInfo(new XElement(Element, new XAttribute("keyId", key.Id), sealedText), typeof(KeyRingXmlDecryptor));
    }
}

/// <summary>
/// Opens keys sealed by <see cref="KeyRingXmlEncryptor"/>. The data-protection system creates it by type with the
/// app's service provider, from which it takes the <see cref="MasterKey"/>. Keys stored before sealing existed are
/// plain and never reach it.
/// </summary>
public sealed class KeyRingXmlDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement)
    {
        ArgumentNullException.ThrowIfNull(encryptedElement);
        if (encryptedElement.Name != KeyRingXmlEncryptor.Element || !FieldCipher.IsSealed(encryptedElement.Value))
        {
            throw new EncryptionKeyException($"A data-protection key is not in Knotwork's sealed form ({encryptedElement.Name}).");
        }

        var key = services.GetRequiredService<MasterKey>();
        return XElement.Parse(key.KeyRing.Decrypt(encryptedElement.Value));
    }
}

/// <summary>Registers the key-ring sealing.</summary>
public static class KeyRingEncryptionExtensions
{
    /// <summary>Seals new data-protection keys with the <see cref="MasterKey"/> registered in the services.</summary>
    public static IDataProtectionBuilder ProtectKeysWithMasterKey(this IDataProtectionBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<KeyManagementOptions>().Configure<MasterKey>((options, key) => options.XmlEncryptor = new KeyRingXmlEncryptor(key));
        return builder;
    }
}
