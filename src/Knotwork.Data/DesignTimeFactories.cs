using Knotwork.Data.Protection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Knotwork.Data;

// Used only by `dotnet ef migrations add`, which needs a context without starting the web host. The model's shape
// does not depend on the key (only the converters' secrets do), so a throwaway key builds the same model.

internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteKnotworkDbContext>
{
    public SqliteKnotworkDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteKnotworkDbContext>().UseSqlite("Data Source=design-time.db").UseColumnEncryption(MasterKey.Generate()).Options);
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresKnotworkDbContext>
{
    public PostgresKnotworkDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresKnotworkDbContext>().UseNpgsql("Host=localhost;Database=knotwork_design").UseColumnEncryption(MasterKey.Generate()).Options);
}
