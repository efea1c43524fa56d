using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace Zhangjiang.Platform.Data;

/// <summary>
/// PostgreSQL, bulk loads into an empty table (ADR 0008): inside the load's transaction the table's indexes are dropped
/// and, once the rows are in, built again — one sort per index instead of a b-tree insertion per row and index
/// (PostgreSQL's "Populating a Database" advice). The first national load of a million firm-years then costs about a
/// COPY into an unindexed table plus a second or so per index.
/// <para>
/// Safe because PostgreSQL's DDL is transactional: a failed, abandoned or killed load rolls the drop back with the
/// rows, and nobody sees the table without its indexes — the drop holds an exclusive lock, so readers and other loads
/// of that table wait for the commit (readers of an empty table lose nothing). Unique indexes come back as they were and
/// still refuse duplicates when built. A key that another table's foreign key refers to is left in place (dropping it
/// would mean dropping and re-checking the other table's key too).
/// </para>
/// </summary>
public sealed class EmptyTableLoad
{
    private readonly List<string> _rebuild;

    private EmptyTableLoad(List<string> rebuild) => _rebuild = rebuild;

    /// <summary>
    /// In the caller's transaction: if <paramref name="table"/> is empty, locks it, drops its indexes and returns what
    /// builds them again; null on SQLite or when the table has rows (then nothing is locked: an ordinary load must not
    /// block the table's readers). Call it before the table is written.
    /// </summary>
    public static EmptyTableLoad? Begin(ZjDbContext db, string table)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (db.Provider != DatabaseProvider.Postgres)
        {
            return null;
        }
        var connection = db.Database.GetDbConnection();
        var quoted = $"\"{table}\"";
        if (!IsEmpty(connection, quoted))
        {
            return null;
        }
        Execute(connection, $"LOCK TABLE {quoted} IN ACCESS EXCLUSIVE MODE");
        // Another load may have committed rows between the look and the lock; then this one goes the ordinary way (and
        // keeps the lock until it commits, which only happens in that race).
        if (!IsEmpty(connection, quoted))
        {
            return null;
        }
        // Every index as the catalogue states it: a constraint (primary key, unique) is dropped and added back as a
        // constraint, a plain index by its own definition, so what comes back is exactly what the migrations made.
        var drop = new List<string>();
        var rebuild = new List<string>();
        using (var indexes = connection.CreateCommand())
        {
            indexes.CommandText = $"""
                SELECT quote_ident(n.nspname) || '.' || quote_ident(i.relname), pg_get_indexdef(x.indexrelid),
                       quote_ident(c.conname), pg_get_constraintdef(c.oid)
                FROM pg_index x
                JOIN pg_class i ON i.oid = x.indexrelid
                JOIN pg_namespace n ON n.oid = i.relnamespace
                LEFT JOIN pg_constraint c ON c.conindid = x.indexrelid AND c.conrelid = x.indrelid
                WHERE x.indrelid = '{quoted}'::regclass
                  AND NOT EXISTS (SELECT 1 FROM pg_constraint f WHERE f.contype = 'f' AND f.conindid = x.indexrelid)
                ORDER BY x.indisprimary DESC, i.relname
                """;
            using var reader = indexes.ExecuteReader();
            while (reader.Read())
            {
                if (reader.IsDBNull(2))
                {
                    drop.Add($"DROP INDEX {reader.GetString(0)}");
                    rebuild.Add(reader.GetString(1));
                }
                else
                {
                    drop.Add($"ALTER TABLE {quoted} DROP CONSTRAINT {reader.GetString(2)}");
                    rebuild.Add($"ALTER TABLE {quoted} ADD CONSTRAINT {reader.GetString(2)} {reader.GetString(3)}");
                }
            }
        }
        foreach (var statement in drop)
        {
            Execute(connection, statement);
        }
        return new EmptyTableLoad(rebuild);
    }

    /// <summary>Builds the indexes again, in the same transaction, with sort memory for a million rows.</summary>
    public void Rebuild(ZjDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        var connection = db.Database.GetDbConnection();
        Execute(connection, "SET LOCAL maintenance_work_mem = '256MB'");
        foreach (var statement in _rebuild)
        {
            Execute(connection, statement);
        }
    }

    private static bool IsEmpty(DbConnection connection, string quotedTable)
    {
        using var any = connection.CreateCommand();
        any.CommandText = $"SELECT EXISTS (SELECT 1 FROM {quotedTable})";
        return !(bool)any.ExecuteScalar()!;
    }

    private static void Execute(DbConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 0;
        command.ExecuteNonQuery();
    }
}
