using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Microsoft.Extensions.DependencyInjection;

namespace Knotwork.Data.Protection;

/// <summary>Gives a <see cref="KnotworkDbContext"/> the key its sensitive columns are sealed with.</summary>
public static class ColumnEncryptionExtensions
{
    /// <summary>
    /// Seals the sensitive columns with <paramref name="key"/>. The EF model holds the column converters, and EF caches
    /// a model per cache key: Knotwork's cache key includes the key's <see cref="MasterKey.Id"/>, so two apps with
    /// different keys in one process each get a model whose converters use their own key.
    /// </summary>
    public static DbContextOptionsBuilder<TContext> UseColumnEncryption<TContext>(this DbContextOptionsBuilder<TContext> builder, MasterKey key)
        where TContext : KnotworkDbContext
    {
        ((DbContextOptionsBuilder)builder).UseColumnEncryption(key);
        return builder;
    }

    /// <inheritdoc cref="UseColumnEncryption{TContext}(DbContextOptionsBuilder{TContext}, MasterKey)"/>
    public static DbContextOptionsBuilder UseColumnEncryption(this DbContextOptionsBuilder builder, MasterKey key)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(key);
        ((IDbContextOptionsBuilderInfrastructure)builder).AddOrUpdateExtension(new ColumnEncryptionOptionsExtension(key));
        builder.ReplaceService<IModelCacheKeyFactory, KeyedModelCacheKeyFactory>();
        return builder;
    }
}

/// <summary>The master key, carried in the context's options (one options object per app, so per key).</summary>
internal sealed class ColumnEncryptionOptionsExtension(MasterKey key) : IDbContextOptionsExtension
{
    private DbContextOptionsExtensionInfo? _info;

    public MasterKey Key { get; } = key;

    public DbContextOptionsExtensionInfo Info => _info ??= new ExtensionInfo(this);

    public void ApplyServices(IServiceCollection services)
    {
    }

    public void Validate(IDbContextOptions options)
    {
    }

    private sealed class ExtensionInfo(ColumnEncryptionOptionsExtension extension) : DbContextOptionsExtensionInfo(extension)
    {
        public override bool IsDatabaseProvider => false;

        public override string LogFragment => "ColumnEncryption ";

        // The key adds no EF services, so every key can share EF's internal service provider; the model is told
        // apart by KeyedModelCacheKeyFactory.
        public override int GetServiceProviderHashCode() => 0;

        public override bool ShouldUseSameServiceProvider(DbContextOptionsExtensionInfo other) => other is ExtensionInfo;

        public override void PopulateDebugInfo(IDictionary<string, string> debugInfo) =>
            debugInfo["Knotwork:ColumnEncryption:KeyId"] = ((ColumnEncryptionOptionsExtension)Extension).Key.Id;
    }
}

/// <summary>One EF model per context type and master key (the model's converters hold the key's cipher).</summary>
internal sealed class KeyedModelCacheKeyFactory : IModelCacheKeyFactory
{
    public object Create(DbContext context, bool designTime) =>
        (context.GetType(), designTime, (context as KnotworkDbContext)?.EncryptionKey.Id);
}

/// <summary>A string column stored sealed; nulls stay null (EF never passes them to a converter).</summary>
internal sealed class SealedStringConverter(FieldCipher cipher)
    : ValueConverter<string, string>(v => cipher.Encrypt(v), v => cipher.Decrypt(v));

/// <summary>A date stored sealed as its ISO text (yyyy-MM-dd, as SQLite stored dates before sealing).</summary>
internal sealed class SealedDateConverter(FieldCipher cipher)
    : ValueConverter<DateOnly, string>(
        v => cipher.Encrypt(v.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        v => DateOnly.ParseExact(cipher.Decrypt(v), "yyyy-MM-dd", CultureInfo.InvariantCulture));
