using Zhangjiang.Platform.Data;

namespace Zhangjiang.Platform.Tests;

/// <summary>等保 8.1.4.7 / 8.1.4.8: outside Development the web host will not reach PostgreSQL on another machine in plain text.</summary>
public sealed class DatabaseConnectionSecurityTests
{
    [Theory]
    [InlineData("Host=db.zone.internal;Database=zj;Username=zj", true)]                         // Npgsql's default is Prefer: may fall back to plain text
    [InlineData("Host=10.20.1.5;Database=zj;Username=zj;SSL Mode=Prefer", true)]
    [InlineData("Host=10.20.1.5;Database=zj;Username=zj;SSL Mode=Disable", true)]
    [InlineData("Host=127.0.0.1,db.zone.internal;Database=zj;Username=zj", true)]               // one remote host is enough to need TLS
    [InlineData("Host=db.zone.internal;Database=zj;Username=zj;SSL Mode=Require", false)]
    [InlineData("Host=db.zone.internal;Database=zj;Username=zj;SSL Mode=VerifyFull;Root Certificate=/etc/zj/ca.pem", false)]
    [InlineData("Host=localhost;Database=zj;Username=zj", false)]
    [InlineData("Host=127.0.0.1;Database=zj;Username=zj;SSL Mode=Disable", false)]
    [InlineData("Host=::1;Database=zj;Username=zj", false)]
    [InlineData("Host=/var/run/postgresql;Database=zj;Username=zj", false)]                      // a Unix socket stays on this machine
    public void PostgreSQL_on_another_machine_needs_enforced_TLS(string connectionString, bool refused)
    {
        var options = new DatabaseOptions { Provider = DatabaseProvider.Postgres, ConnectionString = connectionString };
        var problem = options.UnencryptedConnectionProblem();
        Assert.Equal(refused, problem is not null);
        if (refused)
        {
            Assert.Contains("SSL Mode=VerifyFull", problem, StringComparison.Ordinal);
            Assert.Contains("Database:AllowUnencryptedConnection", problem, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_operator_can_accept_a_plain_connection_over_a_network_protected_another_way_and_SQLite_is_never_refused()
    {
        Assert.Null(new DatabaseOptions
        {
            Provider = DatabaseProvider.Postgres, ConnectionString = "Host=10.20.1.5;Database=zj;Username=zj", AllowUnencryptedConnection = true,
        }.UnencryptedConnectionProblem());
        Assert.Null(new DatabaseOptions { Provider = DatabaseProvider.Sqlite, ConnectionString = "Data Source=/srv/zj/zj.db" }.UnencryptedConnectionProblem());
    }
}
