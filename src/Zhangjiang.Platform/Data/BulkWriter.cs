using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Zhangjiang.Platform.Data;

/// <summary>The column types <see cref="BulkWriter"/> writes.</summary>
public enum BulkType
{
    Text,
    Int,
    Double,
    Uuid,
    Bool,
    Date,
    Timestamp,
}

/// <summary>
/// Writes many rows into one table inside the context's current transaction, for imports at national scale where
/// EF's change tracker would be the bottleneck: PostgreSQL binary COPY, or one prepared INSERT on SQLite. Values are
/// written in the same storage formats EF uses, so EF reads the rows back unchanged. (COPY in CSV form, passing clean
/// number text through, was measured too: no faster on two cores, because the server then parses the numbers.) Nothing is visible to
/// others before the transaction commits; a failure or a killed process leaves nothing behind.
/// </summary>
public abstract class BulkWriter : IDisposable
{
    private readonly BulkType[] _types;
    private int _column;

    private protected BulkWriter(BulkType[] types) => _types = types;

    public long Rows { get; private set; }

    public static BulkWriter Start(ZjDbContext db, string table, IReadOnlyList<(string Name, BulkType Type)> columns)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(columns);
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("Bulk writes run inside the caller's transaction.");
        }
        db.Database.OpenConnection();
        var names = string.Join(", ", columns.Select(c => $"\"{c.Name}\""));
        var types = columns.Select(c => c.Type).ToArray();
        return db.Provider == DatabaseProvider.Postgres
            ? new PostgresWriter((NpgsqlConnection)db.Database.GetDbConnection(), $"COPY \"{table}\" ({names}) FROM STDIN (FORMAT BINARY)", types)
            : new SqliteWriter(db, $"INSERT INTO \"{table}\" ({names}) VALUES ({string.Join(", ", columns.Select((_, i) => "$p" + i))})", types);
    }

    public void StartRow()
    {
        _column = 0;
        BeginRow();
    }

    public void Text(string? value)
    {
        Expect(BulkType.Text);
        if (value is null) WriteNull(); else WriteText(value);
    }

    public void Int(int value)
    {
        Expect(BulkType.Int);
        WriteInt(value);
    }

    public void Double(double? value)
    {
        Expect(BulkType.Double);
        if (value is { } v) WriteDouble(v); else WriteNull();
    }

    public void Uuid(Guid value)
    {
        Expect(BulkType.Uuid);
        WriteUuid(value);
    }

    public void Bool(bool value)
    {
        Expect(BulkType.Bool);
        WriteBool(value);
    }

    public void Date(DateOnly? value)
    {
        Expect(BulkType.Date);
        if (value is { } v) WriteDate(v); else WriteNull();
    }

    public void Timestamp(DateTime? value)
    {
        Expect(BulkType.Timestamp);
        if (value is { } v) WriteTimestamp(DateTime.SpecifyKind(v, DateTimeKind.Utc)); else WriteNull();
    }

    public void EndRow()
    {
        if (_column != _types.Length)
        {
            throw new InvalidOperationException($"A row needs {_types.Length} values; {_column} were written.");
        }
        FinishRow();
        Rows++;
    }

    /// <summary>Ends the write; the rows become part of the transaction (PostgreSQL checks them now).</summary>
    public abstract void Complete();

    public abstract void Dispose();

    private void Expect(BulkType type)
    {
        if (_column >= _types.Length || _types[_column] != type)
        {
            throw new InvalidOperationException($"Column {_column} is {(_column < _types.Length ? _types[_column] : "past the end")}, not {type}.");
        }
        _column++;
    }

    private protected int Column => _column - 1;
    private protected abstract void BeginRow();
    private protected abstract void FinishRow();
    private protected abstract void WriteNull();
    private protected abstract void WriteText(string value);
    private protected abstract void WriteInt(int value);
    private protected abstract void WriteDouble(double value);
    private protected abstract void WriteUuid(Guid value);
    private protected abstract void WriteBool(bool value);
    private protected abstract void WriteDate(DateOnly value);
    private protected abstract void WriteTimestamp(DateTime value);

    private sealed class PostgresWriter(NpgsqlConnection connection, string copy, BulkType[] types) : BulkWriter(types)
    {
        private readonly NpgsqlBinaryImporter _importer = connection.BeginBinaryImport(copy);

        private protected override void BeginRow() => _importer.StartRow();
        private protected override void FinishRow() { }
        private protected override void WriteNull() => _importer.WriteNull();
        private protected override void WriteText(string value) => _importer.Write(value, NpgsqlDbType.Varchar);
        private protected override void WriteInt(int value) => _importer.Write(value, NpgsqlDbType.Integer);
        private protected override void WriteDouble(double value) => _importer.Write(value, NpgsqlDbType.Double);
        private protected override void WriteUuid(Guid value) => _importer.Write(value, NpgsqlDbType.Uuid);
        private protected override void WriteBool(bool value) => _importer.Write(value, NpgsqlDbType.Boolean);
        private protected override void WriteDate(DateOnly value) => _importer.Write(value, NpgsqlDbType.Date);
        private protected override void WriteTimestamp(DateTime value) => _importer.Write(value, NpgsqlDbType.TimestampTz);

        public override void Complete() => _importer.Complete();

        public override void Dispose() => _importer.Dispose();
    }

    private sealed class SqliteWriter : BulkWriter
    {
        private readonly SqliteCommand _command;
        private readonly SqliteParameter[] _parameters;

        public SqliteWriter(ZjDbContext db, string insert, BulkType[] types) : base(types)
        {
            var connection = (SqliteConnection)db.Database.GetDbConnection();
            _command = connection.CreateCommand();
            _command.CommandText = insert;
            _command.Transaction = (SqliteTransaction)db.Database.CurrentTransaction!.GetDbTransaction();
            _parameters = types.Select((_, i) => _command.Parameters.Add("$p" + i, SqliteType.Text)).ToArray();
            _command.Prepare();
        }

        private protected override void BeginRow() { }
        private protected override void FinishRow() => _command.ExecuteNonQuery();
        private protected override void WriteNull() => Set(DBNull.Value, SqliteType.Text);
        private protected override void WriteText(string value) => Set(value, SqliteType.Text);
        private protected override void WriteInt(int value) => Set(value, SqliteType.Integer);
        private protected override void WriteDouble(double value) => Set(value, SqliteType.Real);
        // EF Core's SQLite mappings: GUIDs as upper-case text, dates and times as ISO text.
        private protected override void WriteUuid(Guid value) => Set(value.ToString().ToUpperInvariant(), SqliteType.Text);
        private protected override void WriteBool(bool value) => Set(value ? 1 : 0, SqliteType.Integer);
        private protected override void WriteDate(DateOnly value) => Set(value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), SqliteType.Text);
        private protected override void WriteTimestamp(DateTime value) => Set(value.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture), SqliteType.Text);

        private void Set(object value, SqliteType type)
        {
            var parameter = _parameters[Column];
            parameter.SqliteType = type;
            parameter.Value = value;
        }

        public override void Complete() { }

        public override void Dispose() => _command.Dispose();
    }
}

/// <summary>Recognising a unique-key violation on either provider (two writers raced for the same row).</summary>
public static class DatabaseErrors
{
    public static bool IsUniqueViolation(Exception e) => e switch
    {
        PostgresException pg => pg.SqlState == PostgresErrorCodes.UniqueViolation,
        SqliteException sqlite => sqlite.SqliteErrorCode == 19 && sqlite.SqliteExtendedErrorCode is 1555 or 2067,
        DbUpdateException { InnerException: { } inner } => IsUniqueViolation(inner),
        _ => false,
    };
}
