using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Data.Common;
using System.Globalization;
using System.Text;
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
    /// <summary>A list of integers: an integer[] column on PostgreSQL (not written on SQLite, which has no array type).</summary>
    IntArray,
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

    public void IntArray(IReadOnlyCollection<int> values)
    {
        Expect(BulkType.IntArray);
        WriteIntArray(values);
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
    private protected abstract void WriteIntArray(IReadOnlyCollection<int> values);

    /// <summary>
    /// PostgreSQL's binary COPY format written straight into a buffer and sent in 64 KB chunks. Npgsql's typed importer
    /// resolves a parameter for every value (about a fifth of a million-row import's client time was spent there); the
    /// format itself is simple and fixed: a signature, per row the column count, per value its length and big-endian bytes.
    /// </summary>
    private sealed class PostgresWriter : BulkWriter
    {
        private static readonly DateOnly DateEpoch = new(2000, 1, 1);
        private static readonly long TimestampEpochTicks = new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks;

        private static readonly byte[] Signature = [(byte)'P', (byte)'G', (byte)'C', (byte)'O', (byte)'P', (byte)'Y', (byte)'\n', 0xFF, (byte)'\r', (byte)'\n', 0];

        private readonly NpgsqlRawCopyStream _copy;
        private readonly short _columns;
        private const int BufferSize = 1 << 16;

        // Filled buffers wait for the sending thread (at most 16, 1 MB); sent ones come back to be filled again.
        private readonly BlockingCollection<(byte[] Buffer, int Used)> _full = new(boundedCapacity: 16);
        private readonly ConcurrentBag<byte[]> _free = [];
        // Cancelled when sending fails, so a writer waiting for room in a full queue is not left waiting for ever.
        private readonly CancellationTokenSource _sendFailed = new();
        private readonly Task _sender;
        private byte[] _buffer = new byte[BufferSize];
        private int _used;
        private bool _ended;

        public PostgresWriter(NpgsqlConnection connection, string copy, BulkType[] types) : base(types)
        {
            _columns = checked((short)types.Length);
            _copy = connection.BeginRawBinaryCopy(copy);
            _sender = Task.Factory.StartNew(SendAll, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
            Signature.CopyTo(Reserve(Signature.Length));
            BinaryPrimitives.WriteInt32BigEndian(Reserve(4), 0); // flags: no OIDs
            BinaryPrimitives.WriteInt32BigEndian(Reserve(4), 0); // header extension length
        }

        private protected override void BeginRow() => BinaryPrimitives.WriteInt16BigEndian(Reserve(2), _columns);
        private protected override void FinishRow() { }
        private protected override void WriteNull() => BinaryPrimitives.WriteInt32BigEndian(Reserve(4), -1);

        private protected override void WriteText(string value)
        {
            var span = Reserve(4 + Encoding.UTF8.GetMaxByteCount(value.Length));
            var length = Encoding.UTF8.GetBytes(value, span[4..]);
            BinaryPrimitives.WriteInt32BigEndian(span, length);
            _used -= span.Length - 4 - length;
        }

        private protected override void WriteInt(int value) => BinaryPrimitives.WriteInt32BigEndian(Value(4), value);

        private protected override void WriteDouble(double value) => BinaryPrimitives.WriteDoubleBigEndian(Value(8), value);

        private protected override void WriteUuid(Guid value) => value.TryWriteBytes(Value(16), bigEndian: true, out _);

        private protected override void WriteBool(bool value) => Value(1)[0] = value ? (byte)1 : (byte)0;

        private protected override void WriteDate(DateOnly value) => WriteInt(value.DayNumber - DateEpoch.DayNumber);

        private protected override void WriteTimestamp(DateTime value) =>
            BinaryPrimitives.WriteInt64BigEndian(Value(8), (value.Ticks - TimestampEpochTicks) / TimeSpan.TicksPerMicrosecond);

        /// <summary>Room for one value of a fixed size, after its length prefix.</summary>
        private Span<byte> Value(int length)
        {
            var span = Reserve(4 + length);
            BinaryPrimitives.WriteInt32BigEndian(span, length);
            return span[4..];
        }

        /// <summary>A one-dimensional integer[] without nulls: its size, dimensions and element type (int4), then each element as an int4 value.</summary>
        private protected override void WriteIntArray(IReadOnlyCollection<int> values)
        {
            var header = Reserve(24);
            BinaryPrimitives.WriteInt32BigEndian(header, 20 + 8 * values.Count);
            BinaryPrimitives.WriteInt32BigEndian(header[4..], 1);        // dimensions
            BinaryPrimitives.WriteInt32BigEndian(header[8..], 0);        // no nulls
            BinaryPrimitives.WriteUInt32BigEndian(header[12..], 23);     // element type: int4
            BinaryPrimitives.WriteInt32BigEndian(header[16..], values.Count);
            BinaryPrimitives.WriteInt32BigEndian(header[20..], 1);       // lower bound
            foreach (var value in values)
            {
                WriteInt(value);
            }
        }

        public override void Complete()
        {
            BinaryPrimitives.WriteInt16BigEndian(Reserve(2), -1);
            Send();
            _full.CompleteAdding();
            _sender.GetAwaiter().GetResult(); // rethrows a failed send
            _ended = true;
            _copy.Dispose(); // CopyDone: the server checks the rows now and reports any error here
        }

        public override void Dispose()
        {
            if (!_full.IsAddingCompleted)
            {
                _full.CompleteAdding();
            }
            try
            {
                _sender.GetAwaiter().GetResult();
            }
            catch (Exception) when (!_ended)
            {
                // The send failed (the server refused the data or the connection broke); the caller's transaction is
                // rolled back and reports its own error.
            }
            if (!_ended)
            {
                _ended = true;
                try
                {
                    _copy.Cancel(); // CopyFail: nothing written reaches the table (the caller rolls back as well)
                }
                catch (Exception e) when (e is NpgsqlException or ObjectDisposedException or InvalidOperationException)
                {
                    // Already ended by the failed send.
                }
            }
            _copy.Dispose();
            _full.Dispose();
            _sendFailed.Dispose();
        }

        private Span<byte> Reserve(int length)
        {
            if (_used + length > _buffer.Length)
            {
                Send();
                if (length > _buffer.Length)
                {
                    _buffer = new byte[length];
                }
            }
            var span = _buffer.AsSpan(_used, length);
            _used += length;
            return span;
        }

        /// <summary>
        /// Hands the filled buffer to the sending thread and continues in a free one. Reading and checking the file and
        /// the server storing the rows then run side by side instead of taking turns at the socket (on two cores they
        /// took turns for a third of a large import).
        /// </summary>
        private void Send()
        {
            if (_used == 0)
            {
                return;
            }
            try
            {
                _full.Add((_buffer, _used), _sendFailed.Token);
            }
            catch (OperationCanceledException)
            {
                _sender.GetAwaiter().GetResult(); // the send's own error
                throw;
            }
            _buffer = _free.TryTake(out var free) ? free : new byte[BufferSize];
            _used = 0;
        }

        private void SendAll()
        {
            try
            {
                foreach (var (buffer, used) in _full.GetConsumingEnumerable())
                {
                    _copy.Write(buffer, 0, used);
                    if (buffer.Length == BufferSize)
                    {
                        _free.Add(buffer);
                    }
                }
            }
            catch
            {
                _sendFailed.Cancel();
                throw;
            }
        }
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

        private protected override void WriteIntArray(IReadOnlyCollection<int> values) =>
            throw new NotSupportedException("SQLite has no array columns.");

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

    /// <summary>
    /// PostgreSQL chose this transaction as a deadlock victim or could not serialise it (possibly wrapped by EF's
    /// execution strategy as a transient failure): the whole transaction was rolled back because another one touched
    /// the same rows at the same moment.
    /// </summary>
    public static bool IsDeadlockOrSerializationFailure(Exception e) => e switch
    {
        PostgresException pg => pg.SqlState is PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure,
        { InnerException: { } inner } => IsDeadlockOrSerializationFailure(inner),
        _ => false,
    };
}
