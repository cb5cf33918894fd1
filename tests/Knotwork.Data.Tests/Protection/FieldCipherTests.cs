using Knotwork.Data.Protection;

namespace Knotwork.Data.Tests.Protection;

public class FieldCipherTests
{
    private static readonly FieldCipher Cipher = MasterKey.Generate().Columns;

    [Theory]
    [InlineData("")]
    [InlineData("warfarin 5 mg")]
    [InlineData("Zoë, 日本語, 🙂")]
    public void Sealing_RoundTrips_WithAFreshNonceEveryTime(string plain)
    {
        var first = Cipher.Encrypt(plain);
        var second = Cipher.Encrypt(plain);

        Assert.StartsWith(FieldCipher.Prefix, first, StringComparison.Ordinal);
        Assert.NotEqual(first, second);
        Assert.Equal(plain, Cipher.Decrypt(first));
        Assert.Equal(plain, Cipher.Decrypt(second));
    }

    [Fact]
    public void TextWrittenBeforeSealing_IsReadAsItIs()
    {
        Assert.Equal("ibuprofen", Cipher.Decrypt("ibuprofen"));
    }

    [Fact]
    public void AnAlteredValue_IsRefused()
    {
        var sealedText = Cipher.Encrypt("do not touch");
        var bytes = Convert.FromBase64String(sealedText[FieldCipher.Prefix.Length..]);
        bytes[^1] ^= 1;

        Assert.Throws<EncryptionKeyException>(() => Cipher.Decrypt(FieldCipher.Prefix + Convert.ToBase64String(bytes)));
        Assert.Throws<EncryptionKeyException>(() => Cipher.Decrypt(FieldCipher.Prefix + "%%%"));
        Assert.Throws<EncryptionKeyException>(() => Cipher.Decrypt(FieldCipher.Prefix + "AAAA"));
    }

    [Theory]
    [InlineData(20, "é")]
    [InlineData(4000, "語")]
    [InlineData(2000, "🙂")]
    public void TheSealedLength_HoldsTheLongestText_TheColumnAllows(int length, string unit)
    {
        var longest = string.Concat(Enumerable.Repeat(unit, length / unit.Length));

        Assert.True(Cipher.Encrypt(longest).Length <= FieldCipher.SealedLength(length));
    }
}
