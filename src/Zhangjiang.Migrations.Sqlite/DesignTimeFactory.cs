using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Zhangjiang.Platform.Data;

namespace Zhangjiang.Migrations.Sqlite;

/// <summary>Lets dotnet-ef build the model for SQLite without booting the web host.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<ZjDbContext>
{
    public ZjDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<ZjDbContext>();
        DatabaseSetup.Configure(builder, new DatabaseOptions { Provider = DatabaseProvider.Sqlite, ConnectionString = "Data Source=design-time.db" }, Directory.GetCurrentDirectory());
        return new ZjDbContext(builder.Options);
    }
}
