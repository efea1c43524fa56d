using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Zhangjiang.Platform.Data;

namespace Zhangjiang.Migrations.Postgres;

/// <summary>Lets dotnet-ef build the model for PostgreSQL without a server or the web host.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<ZjDbContext>
{
    public ZjDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<ZjDbContext>();
        DatabaseSetup.Configure(builder, new DatabaseOptions { Provider = DatabaseProvider.Postgres, ConnectionString = "Host=localhost;Database=zhangjiang_design" }, Directory.GetCurrentDirectory());
        return new ZjDbContext(builder.Options);
    }
}
