using Microsoft.EntityFrameworkCore;
using Npgsql;
using Zhangjiang.Platform.Data;
using Zhangjiang.Tests.Shared;

namespace Zhangjiang.Platform.Tests;

/// <summary>
/// The bulk writer writes PostgreSQL's binary COPY format itself: every column type must read back as EF writes it, a
/// write that is not completed must leave nothing and a usable connection, and a refused row must surface as an error.
/// </summary>
public sealed class BulkWriterTests
{
    private static readonly Guid Uuid = Guid.Parse("0a1b2c3d-4e5f-4071-8293-a4b5c6d7e8f9");
    private static readonly DateTime Moment = new DateTime(2026, 11, 29, 8, 30, 15, 123, DateTimeKind.Utc).AddTicks(4567);

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Every_column_type_reads_back_as_written(string provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync(provider, migrate: false);
        await using var db = database.CreateContext();
        var postgres = db.Provider == DatabaseProvider.Postgres;
        await db.Database.ExecuteSqlRawAsync(postgres
            ? "CREATE TABLE probe (n integer PRIMARY KEY, t varchar(60), d double precision, u uuid, b boolean, day date, ts timestamptz, a integer[])"
            : "CREATE TABLE probe (n integer PRIMARY KEY, t text, d real, u text, b integer, day text, ts text)", ct);
        (string, BulkType)[] columns =
        [
            ("n", BulkType.Int), ("t", BulkType.Text), ("d", BulkType.Double), ("u", BulkType.Uuid), ("b", BulkType.Bool),
            ("day", BulkType.Date), ("ts", BulkType.Timestamp), .. postgres ? [("a", BulkType.IntArray)] : Array.Empty<(string, BulkType)>(),
        ];
        // Long enough text to cross the writer's 64 KB buffers many times over, with CJK (three UTF-8 bytes a character).
        const int rows = 5000;
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            using (var writer = BulkWriter.Start(db, "probe", columns))
            {
                for (var n = 0; n < rows; n++)
                {
                    writer.StartRow();
                    writer.Int(n - 2);
                    writer.Text(n % 7 == 0 ? null : $"张江科技{n}有限公司 Zhangjiang");
                    writer.Double(n % 5 == 0 ? null : n * -1.25e-3);
                    writer.Uuid(Uuid);
                    writer.Bool(n % 2 == 0);
                    writer.Date(n % 3 == 0 ? null : new DateOnly(1999, 12, 31).AddDays(n));
                    writer.Timestamp(Moment.AddSeconds(-n));
                    if (postgres)
                    {
                        writer.IntArray(n % 11 == 0 ? [] : [int.MinValue, -n, n, int.MaxValue]);
                    }
                    writer.EndRow();
                }
                writer.Complete();
            }
            await transaction.CommitAsync(ct);
        }

        var connection = db.Database.GetDbConnection();
        await using var command = connection.CreateCommand();
        command.CommandText = postgres ? "SELECT n, t, d, u, b, day, ts, a FROM probe ORDER BY n" : "SELECT n, t, d, u, b, day, ts FROM probe ORDER BY n";
        await using var reader = await command.ExecuteReaderAsync(ct);
        var read = 0;
        while (await reader.ReadAsync(ct))
        {
            var n = read++;
            Assert.Equal(n - 2, reader.GetInt32(0));
            Assert.Equal(n % 7 == 0 ? null : $"张江科技{n}有限公司 Zhangjiang", reader.IsDBNull(1) ? null : reader.GetString(1));
            Assert.Equal(n % 5 == 0 ? (double?)null : n * -1.25e-3, reader.IsDBNull(2) ? null : reader.GetDouble(2));
            Assert.Equal(Uuid, postgres ? reader.GetGuid(3) : Guid.Parse(reader.GetString(3)));
            Assert.Equal(n % 2 == 0, postgres ? reader.GetBoolean(4) : reader.GetInt64(4) == 1);
            DateOnly? day = reader.IsDBNull(5) ? null
                : postgres ? reader.GetFieldValue<DateOnly>(5) : DateOnly.Parse(reader.GetString(5), System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(n % 3 == 0 ? null : new DateOnly(1999, 12, 31).AddDays(n), day);
            var moment = postgres ? reader.GetFieldValue<DateTime>(6) : DateTime.Parse(reader.GetString(6), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal);
            // PostgreSQL keeps microseconds: the tick below them is dropped.
            Assert.Equal(Moment.AddSeconds(-n).AddTicks(postgres ? -(Moment.Ticks % 10) : 0), moment);
            if (postgres)
            {
                Assert.Equal(n % 11 == 0 ? [] : [int.MinValue, -n, n, int.MaxValue], reader.GetFieldValue<int[]>(7));
            }
        }
        Assert.Equal(rows, read);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task An_abandoned_write_leaves_nothing_and_the_connection_works_on(string provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync(provider, migrate: false);
        await using var db = database.CreateContext();
        await db.Database.ExecuteSqlRawAsync("CREATE TABLE probe (n integer PRIMARY KEY, t text)", ct);
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            using (var writer = BulkWriter.Start(db, "probe", [("n", BulkType.Int), ("t", BulkType.Text)]))
            {
                for (var n = 0; n < 20_000; n++)
                {
                    writer.StartRow();
                    writer.Int(n);
                    writer.Text("行");
                    writer.EndRow();
                }
                // No Complete: a bad row later in the file, the importer stops writing.
            }
            await transaction.RollbackAsync(ct);
        }
        Assert.Equal(0, await db.Database.SqlQueryRaw<int>("SELECT COUNT(*) AS \"Value\" FROM probe").SingleAsync(ct));
    }

    [Fact]
    public async Task A_row_the_server_refuses_fails_the_write_at_completion()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync("Postgres", migrate: false);
        await using var db = database.CreateContext();
        await db.Database.ExecuteSqlRawAsync("CREATE TABLE probe (n integer PRIMARY KEY)", ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        using var writer = BulkWriter.Start(db, "probe", [("n", BulkType.Int)]);
        foreach (var n in new[] { 1, 2, 2 })
        {
            writer.StartRow();
            writer.Int(n);
            writer.EndRow();
        }
        var error = Assert.Throws<PostgresException>(writer.Complete);
        Assert.Equal(PostgresErrorCodes.UniqueViolation, error.SqlState);
        Assert.True(DatabaseErrors.IsUniqueViolation(error));
    }

    [Fact(Timeout = 120_000)]
    public async Task A_connection_lost_mid_write_fails_the_writer_instead_of_hanging()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync("Postgres", migrate: false);
        await using var db = database.CreateContext();
        await db.Database.ExecuteSqlRawAsync("CREATE TABLE probe (n integer, t text)", ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var backend = await db.Database.SqlQueryRaw<int>("SELECT pg_backend_pid() AS \"Value\"").SingleAsync(ct);
        var writer = BulkWriter.Start(db, "probe", [("n", BulkType.Int), ("t", BulkType.Text)]);
        var error = Assert.ThrowsAny<NpgsqlException>(() =>
        {
            for (var n = 0; n < 20_000_000; n++)
            {
                if (n == 50_000)
                {
                    // The server ends the session (an administrator, a restart, a network cut) while rows are queued.
                    using var admin = new NpgsqlConnection(database.Options.ConnectionString);
                    admin.Open();
                    using var terminate = new NpgsqlCommand($"SELECT pg_terminate_backend({backend})", admin);
                    terminate.ExecuteScalar();
                }
                writer.StartRow();
                writer.Int(n);
                writer.Text("张江高新区园区治理平台 Zhangjiang governance platform row");
                writer.EndRow();
            }
            writer.Complete();
        });
        Assert.NotNull(error);
        writer.Dispose(); // returns: nothing left to wait for
    }
}
