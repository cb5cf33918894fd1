using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Knotwork.Data;

// Used only by `dotnet ef migrations add`, which needs a context without starting the web host.

internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteKnotworkDbContext>
{
    public SqliteKnotworkDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteKnotworkDbContext>().UseSqlite("Data Source=design-time.db").Options);
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresKnotworkDbContext>
{
    public PostgresKnotworkDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresKnotworkDbContext>().UseNpgsql("Host=localhost;Database=knotwork_design").Options);
}
