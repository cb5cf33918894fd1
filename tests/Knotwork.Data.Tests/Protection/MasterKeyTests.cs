using Knotwork.Data.Protection;
using Microsoft.Extensions.Configuration;

namespace Knotwork.Data.Tests.Protection;

public sealed class MasterKeyTests : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("knotwork-key-");

    public void Dispose() => _root.Delete(recursive: true);

    private static IConfiguration Settings(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => KeyValuePair.Create(v.Key, (string?)v.Value))).Build();

    [Fact]
    public void FirstRun_CreatesTheKeyFile_0600_InA0700FolderApartFromTheData_AndLaterRunsReadTheSameKey()
    {
        var created = MasterKey.Load(Settings(), _root.FullName);
        var file = Path.Combine(_root.FullName, "keys", "knotwork.key");

        Assert.Equal(file, created.CreatedFile);
        Assert.Equal(MasterKey.Length, new FileInfo(file).Length);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(PrivateFiles.FolderMode, File.GetUnixFileMode(Path.GetDirectoryName(file)!));
            Assert.Equal(PrivateFiles.FileMode, File.GetUnixFileMode(file));
        }

        var again = MasterKey.Load(Settings(), _root.FullName);
        Assert.Null(again.CreatedFile);
        Assert.Equal(created.Id, again.Id);
        Assert.Equal(created.AuditChainKey(), again.AuditChainKey());
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(file)!, "*.tmp"));
    }

    [Fact]
    public void AKeyFileOpenToOthers_IsTightenedTo0600()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Skip("Unix file modes");
            return;
        }

        var file = Path.Combine(_root.FullName, "open.key");
        File.WriteAllBytes(file, new byte[MasterKey.Length]);
        File.SetUnixFileMode(file, PrivateFiles.FileMode | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        MasterKey.LoadOrCreateFile(file);

        Assert.Equal(PrivateFiles.FileMode, File.GetUnixFileMode(file));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(31)]
    [InlineData(33)]
    [InlineData(200)]
    public void AMalformedKeyFile_IsRefusedWithAClearMessage_AndLeftAlone(int length)
    {
        var file = Path.Combine(_root.FullName, "bad.key");
        var bytes = Enumerable.Range(0, length).Select(i => (byte)(200 + (i % 50))).ToArray();
        File.WriteAllBytes(file, bytes);

        var refused = Assert.Throws<EncryptionKeyException>(() => MasterKey.Load(Settings((MasterKey.KeyFileKey, file)), _root.FullName));

        Assert.Contains("malformed", refused.Message, StringComparison.Ordinal);
        Assert.Contains(file, refused.Message, StringComparison.Ordinal);
        Assert.Equal(bytes, File.ReadAllBytes(file));
    }

    [Theory]
    [InlineData("junk\n")]
    [InlineData("c2hvcnQ=")]
    public void AKeyFileHoldingTextThatIsNotA32ByteKey_IsRefusedAsMalformed(string text)
    {
        var file = Path.Combine(_root.FullName, "text.key");
        File.WriteAllText(file, text);

        var refused = Assert.Throws<EncryptionKeyException>(() => MasterKey.LoadOrCreateFile(file));

        Assert.Contains($"The key file {file} is malformed", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AKeyFileHoldingBase64_IsRead()
    {
        var key = System.Security.Cryptography.RandomNumberGenerator.GetBytes(MasterKey.Length);
        var file = Path.Combine(_root.FullName, "text.key");
        File.WriteAllText(file, Convert.ToBase64String(key) + "\n");

        Assert.Equal(MasterKey.FromBytes(key).Id, MasterKey.LoadOrCreateFile(file).Id);
    }

    [Fact]
    public void TheConfiguredKey_WinsOverTheKeyFile_AndNoFileIsMade()
    {
        var key = System.Security.Cryptography.RandomNumberGenerator.GetBytes(MasterKey.Length);

        var loaded = MasterKey.Load(Settings((MasterKey.ConfigurationKey, Convert.ToBase64String(key))), _root.FullName);

        Assert.Equal(MasterKey.FromBytes(key).Id, loaded.Id);
        Assert.False(Directory.Exists(Path.Combine(_root.FullName, "keys")));
    }

    [Theory]
    [InlineData("not base64 at all!")]
    [InlineData("c2hvcnQ=")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public void AConfiguredKeyThatIsNot32Bytes_IsRefused(string configured)
    {
        var refused = Assert.Throws<EncryptionKeyException>(() => MasterKey.Load(Settings((MasterKey.ConfigurationKey, configured)), _root.FullName));

        Assert.Contains(MasterKey.ConfigurationKey, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SubKeys_DifferPerPurpose_AndPerMasterKey()
    {
        var key = MasterKey.Generate();
        var sealedForColumns = key.Columns.Encrypt("for the columns only");

        Assert.Throws<EncryptionKeyException>(() => key.KeyRing.Decrypt(sealedForColumns));
        Assert.Throws<EncryptionKeyException>(() => MasterKey.Generate().Columns.Decrypt(sealedForColumns));
        Assert.Equal(MasterKey.Length, key.AuditChainKey().Length);
        Assert.NotEqual(key.AuditChainKey(), MasterKey.Generate().AuditChainKey());
    }
}
