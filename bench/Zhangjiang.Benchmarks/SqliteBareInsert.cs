using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using nietras.SeparatedValues;

namespace Zhangjiang.Benchmarks;

/// <summary>
/// The SQLite baseline for the statistics import (bench/scripts/import-statistics.sh): the same CSV read with Sep and
/// written by one prepared INSERT in one transaction, with no validation, no registry and no foreign-key checks.
/// </summary>
internal static class SqliteBareInsert
{
    public static int Run(string csv, string database)
    {
        var clock = Stopwatch.StartNew();
        using var connection = new SqliteConnection($"Data Source={database};Foreign Keys=False;Pooling=False");
        connection.Open();
        using var transaction = connection.BeginTransaction();
        using var reader = Sep.Reader(o => o with { Sep = new Sep(',') }).FromFile(csv);
        var header = reader.Header.ColNames;
        var numeric = header.Skip(5).ToArray();
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"INSERT INTO \"EnterpriseYearStatistics\" (\"CreditCode\", \"Year\", \"ParkCode\", \"ImportId\", \"Version\", "
            + string.Join(", ", numeric.Select(c => $"\"{Column(c)}\"")) + ") VALUES ("
            + string.Join(", ", Enumerable.Range(0, 5 + numeric.Length).Select(i => "$p" + i)) + ")";
        var parameters = Enumerable.Range(0, 5 + numeric.Length).Select(i => command.Parameters.Add("$p" + i, SqliteType.Text)).ToArray();
        command.Prepare();
        var id = Guid.NewGuid().ToString().ToUpperInvariant();
        var rows = 0;
        foreach (var row in reader)
        {
            parameters[0].Value = row[0].ToString();
            parameters[1].Value = int.Parse(row[1].Span, CultureInfo.InvariantCulture);
            parameters[2].Value = row[3].ToString();
            parameters[3].Value = id;
            parameters[4].Value = id;
            for (var i = 0; i < numeric.Length; i++)
            {
                var cell = row[5 + i].Span;
                parameters[5 + i].Value = cell.IsEmpty ? DBNull.Value : double.Parse(cell, CultureInfo.InvariantCulture);
            }
            command.ExecuteNonQuery();
            rows++;
        }
        transaction.Commit();
        var seconds = clock.Elapsed.TotalSeconds;
        Console.WriteLine(FormattableString.Invariant($"bare prepared insert: {rows} rows in {seconds:F2} s = {rows / seconds:F0} rows/s"));
        return 0;
    }

    /// <summary>The CSV's snake_case key as the entity's column (rd_expenditure → RdExpenditure).</summary>
    private static string Column(string key) =>
        string.Concat(key.Split('_').Select(p => char.ToUpperInvariant(p[0]) + p[1..]));
}
