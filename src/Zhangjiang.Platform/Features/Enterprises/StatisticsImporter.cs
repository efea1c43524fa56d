using System.Data.Common;
using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using csFastFloat;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Zhangjiang.Platform.Authorization;
using Zhangjiang.Platform.Common;
using Zhangjiang.Platform.Data;
using Zhangjiang.Platform.Features.Auditing;
using Zhangjiang.Platform.Features.Identity;
using Zhangjiang.Platform.Features.Organisations;

namespace Zhangjiang.Platform.Features.Enterprises;

public enum StatisticsImportStatus
{
    Imported = 0,
    /// <summary>Rows or the header have errors; nothing was written and the report lists them.</summary>
    Invalid,
    /// <summary>The file was refused before parsing (type, size, structure).</summary>
    Refused,
    /// <summary>The same file (by SHA-256) was imported before; nothing was written.</summary>
    AlreadyImported,
    Forbidden,
    /// <summary>
    /// Another import committed the same file or the same firm-years while this one ran (a race the pre-check cannot
    /// close); nothing was written. Trying again shows what is there now.
    /// </summary>
    Concurrent,
}

public enum StatisticsImportPhase
{
    /// <summary>Type, size and structure checks, and the file's digest.</summary>
    Checking = 0,
    /// <summary>Reading, validating and writing rows (all rolled back if any row is bad).</summary>
    Importing,
    /// <summary>New firms, year-on-year flags, the import record, commit.</summary>
    Finishing,
}

public sealed record StatisticsImportProgress(StatisticsImportPhase Phase, long Rows, double Fraction);

/// <summary>A problem in the file: the row as the user's editor numbers it (1 = header), the column, the value, why.</summary>
public sealed record ImportRowError(int Row, string Column, string Value, UserMessage Message);

public sealed record StatisticsImportSummary(
    Guid ImportId, string FileName, int Rows, int NewEnterprises, int Anomalies, string Years, DateTime FinishedUtc, string ImportedBy);

public sealed record StatisticsImportOutcome(
    StatisticsImportStatus Status, StatisticsImportSummary? Summary, IReadOnlyList<ImportRowError> Errors, int ErrorCount, UserMessage? Refusal)
{
    public bool Succeeded => Status == StatisticsImportStatus.Imported;
}

/// <summary>
/// Imports annual statistics (one row per firm and year) all-or-nothing. The file is hashed (a second upload of the
/// same file is recognised), then read once, streaming: every row is validated against the field dictionary, the
/// registry and the rows already stored, and written by <see cref="BulkWriter"/> inside one transaction until the first
/// bad row; a bad file is rolled back and reported row by row, a clean one is committed with the firms it introduces
/// and the year-on-year jumps it causes. Memory stays bounded: a row at a time, plus 16-byte keys and five watched
/// values per firm-year for the duplicate and year-on-year checks (about 80 MB for a million rows).
/// </summary>
public sealed class StatisticsImporter(IDbContextFactory<ZjDbContext> contexts)
{
    public const int MaxReportedErrors = 1000;
    public const int FirstYear = 1990;

    private static readonly (string Name, BulkType Type)[] StatisticsColumns =
    [
        ("CreditCode", BulkType.Text), ("Year", BulkType.Int), ("ParkCode", BulkType.Text), ("ImportId", BulkType.Uuid),
        ("ExclusionReason", BulkType.Text), ("Version", BulkType.Uuid),
        .. StatisticsFields.All.Select(f => (f.Column, BulkType.Double)),
    ];

    private static readonly (string Name, BulkType Type)[] EnterpriseColumns =
    [
        ("CreditCode", BulkType.Text), ("NameZh", BulkType.Text), ("ParkCode", BulkType.Text), ("IndustryCode", BulkType.Text),
        ("Ownership", BulkType.Text), ("IsDemo", BulkType.Bool), ("CreatedUtc", BulkType.Timestamp), ("Version", BulkType.Uuid),
    ];

    /// <summary>On PostgreSQL a new firm's row carries its name bigrams (ADR 0009).</summary>
    private static readonly (string Name, BulkType Type)[] EnterpriseColumnsWithGrams = [.. EnterpriseColumns, ("NameGrams", BulkType.IntArray)];

    private static readonly (string Name, BulkType Type)[] AssignmentColumns =
    [
        ("CreditCode", BulkType.Text), ("ParkCode", BulkType.Text), ("FromDate", BulkType.Date), ("Reason", BulkType.Text),
    ];

    private static readonly (string Name, BulkType Type)[] AnomalyColumns =
    [
        ("CreditCode", BulkType.Text), ("Year", BulkType.Int), ("ParkCode", BulkType.Text), ("Field", BulkType.Text),
        ("PreviousValue", BulkType.Double), ("Value", BulkType.Double), ("ImportId", BulkType.Uuid), ("Version", BulkType.Uuid),
    ];

    /// <summary>City staff import for the whole zone; a park manager imports their park's rows.</summary>
    public static bool CanImport(ClaimsPrincipal user) =>
        user.IsCityWide() || (user.IsInRole(Roles.ParkManager) && user.ParkScope() is not null);

    /// <summary>Imports a seekable file (a temp copy of an upload, or a file on disk). Runs on a worker thread.</summary>
    public Task<StatisticsImportOutcome> ImportAsync(
        ClaimsPrincipal user, AuditActor actor, Stream file, string fileName,
        IProgress<StatisticsImportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(file);
        return Task.Run(() => Import(user, actor, file, Files.UploadedFileCheck.SafeName(fileName), progress, cancellationToken), cancellationToken);
    }

    private StatisticsImportOutcome Import(
        ClaimsPrincipal user, AuditActor actor, Stream file, string fileName, IProgress<StatisticsImportProgress>? progress, CancellationToken cancellationToken)
    {
        if (!CanImport(user))
        {
            return new(StatisticsImportStatus.Forbidden, null, [], 0, null);
        }
        if (!file.CanSeek)
        {
            throw new ArgumentException("The importer checks and hashes the file before reading it; give it a seekable stream.", nameof(file));
        }
        progress?.Report(new(StatisticsImportPhase.Checking, 0, 0));
        if (StatisticsFile.Check(file, fileName, out var format) is { } refusal)
        {
            return new(StatisticsImportStatus.Refused, null, [], 1, refusal);
        }
        var digest = DigestOf(file);
        try
        {
            return Import(user, actor, file, fileName, format, digest, progress, cancellationToken);
        }
        finally
        {
            // The digest reads the caller's file: done with it before the caller may close it (WaitAny does not throw: a
            // failed digest has already failed the import where it was needed).
            Task.WaitAny(digest);
        }
    }

    /// <summary>
    /// The file's SHA-256. A file on disk is hashed on a worker thread, read by offset (the stream's position stays the
    /// row reader's), beside the start-up the first rows wait for: a third of a second for 200 MB here, otherwise on the
    /// way to the first row. Any other stream is hashed here and now.
    /// </summary>
    private static Task<string> DigestOf(Stream file)
    {
        if (file is not FileStream onDisk)
        {
            var digest = Convert.ToHexStringLower(SHA256.HashData(file));
            file.Position = 0;
            return Task.FromResult(digest);
        }
        var handle = onDisk.SafeFileHandle;
        var length = onDisk.Length;
        return Task.Run(() =>
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var buffer = new byte[1 << 20];
            for (long offset = 0; offset < length;)
            {
                var read = RandomAccess.Read(handle, buffer, offset);
                if (read == 0)
                {
                    break;
                }
                hash.AppendData(buffer, 0, read);
                offset += read;
            }
            return Convert.ToHexStringLower(hash.GetHashAndReset());
        });
    }

    private StatisticsImportOutcome Import(
        ClaimsPrincipal user, AuditActor actor, Stream file, string fileName, StatisticsFile.Format format, Task<string> digest,
        IProgress<StatisticsImportProgress>? progress, CancellationToken cancellationToken)
    {
        // Whether this file was imported before is asked on its own connection while the rows are read: the first query
        // of a process also builds the data model (a second or more on a fresh CLI), time the reading can use instead.
        // Asked again when the import fails on duplicates or a race: another upload of this file may have committed
        // meanwhile, and then the true answer is "already imported" (found by ConcurrencyTests).
        StatisticsImport? ImportOfThisFile()
        {
            var sha256 = digest.GetAwaiter().GetResult();
            using var check = contexts.CreateDbContext();
            return check.StatisticsImports.AsNoTracking().FirstOrDefault(i => i.FileSha256 == sha256);
        }
        var earlierImport = Task.Run(ImportOfThisFile, cancellationToken);
        StatisticsImportOutcome AlreadyImported(StatisticsImport earlier) =>
            new(StatisticsImportStatus.AlreadyImported, Summary(earlier), [], 1,
                new UserMessage("StatisticsAlreadyImported", earlier.FinishedUtc.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), earlier.ImportedBy, earlier.Rows));

        using var db = contexts.CreateDbContext();
        // The registry and the stored rows are read on a second connection: the first is busy with the COPY.
        using var lookup = contexts.CreateDbContext();
        lookup.Database.OpenConnection();
        var context = new ImportContext(lookup.Database.GetDbConnection(), db.UtcNow.Year, user);
        var started = db.UtcNow;
        var errors = new List<ImportRowError>();
        var errorCount = 0;
        var rows = 0;
        void Fail(int row, string column, ReadOnlySpan<char> value, UserMessage message)
        {
            errorCount++;
            if (errors.Count < MaxReportedErrors)
            {
                errors.Add(new(row, column, value.Length > 100 ? value[..100].ToString() + "…" : value.ToString(), message));
            }
        }

        // One streaming pass validates every row and writes the clean ones inside the transaction; the first error stops
        // the writing (validation goes on, for the report) and the transaction is rolled back.
        var importId = Guid.NewGuid();
        db.Actor = actor;
        try
        {
            using var transaction = db.Database.BeginTransaction();
            // A first load into the empty table builds its keys after the rows (EmptyTableLoad). Only when nothing was
            // stored at the start: the stored-row lookups on the other connection would wait for this one's lock.
            var firstLoad = context.NothingStored ? EmptyTableLoad.Begin(db, EnterpriseModel.StatisticsTable) : null;
            using (var source = StatisticsFile.Open(file, format))
            using (var writer = BulkWriter.Start(db, EnterpriseModel.StatisticsTable, StatisticsColumns))
            {
                var (map, headerErrors) = StatisticsFile.ColumnMap.From(source.Header);
                if (map is null)
                {
                    foreach (var e in headerErrors)
                    {
                        Fail(e.Row ?? 1, e.Field, "", e.Message);
                    }
                    return new(StatisticsImportStatus.Invalid, null, errors, errorCount, null);
                }
                var reader = new RowReader(map, context);
                while (source.MoveNext())
                {
                    if (IsBlank(source))
                    {
                        continue;
                    }
                    if (++rows > StatisticsFile.MaxRows)
                    {
                        return new(StatisticsImportStatus.Refused, null, [], 1, new UserMessage("StatisticsTooManyRows", StatisticsFile.MaxRows));
                    }
                    if (reader.Read(source, Fail) && context.Track(reader, source.RowNumber, map, Fail) && errorCount == 0)
                    {
                        writer.StartRow();
                        writer.Text(reader.Code);
                        writer.Int(reader.Year);
                        writer.Text(reader.Park);
                        writer.Uuid(importId);
                        writer.Text(null);
                        writer.Uuid(importId);
                        foreach (var value in reader.Values)
                        {
                            writer.Double(value);
                        }
                        writer.EndRow();
                    }
                    if (rows % 10_000 == 0)
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                        if (earlierImport.IsCompleted && earlierImport.GetAwaiter().GetResult() is { } seen)
                        {
                            return AlreadyImported(seen);
                        }
                        progress?.Report(new(StatisticsImportPhase.Importing, rows, source.Fraction));
                        FaultPoints.Reached(FaultPoints.StatisticsImportWriting);
                    }
                }
                if (earlierImport.GetAwaiter().GetResult() is { } earlier)
                {
                    return AlreadyImported(earlier);
                }
                if (rows == 0)
                {
                    return new(StatisticsImportStatus.Invalid, null, [new(2, "", "", new UserMessage("StatisticsNoRows"))], 1, null);
                }
                if (errorCount > 0)
                {
                    return ImportOfThisFile() is { } meanwhile ? AlreadyImported(meanwhile) : new(StatisticsImportStatus.Invalid, null, errors, errorCount, null);
                }
                writer.Complete();
            }
            progress?.Report(new(StatisticsImportPhase.Finishing, rows, 0));
            // The year-on-year comparison (this process, and reads on the lookup connection) runs while the server
            // builds the indexes of a first load and stores the new firms (the write connection).
            var findingJumps = Task.Run(context.FindJumps, cancellationToken);
            firstLoad?.Rebuild(db);
            WriteNewEnterprises(db, context, started);
            progress?.Report(new(StatisticsImportPhase.Finishing, rows, 0.25));
            var jumps = findingJumps.GetAwaiter().GetResult();
            progress?.Report(new(StatisticsImportPhase.Finishing, rows, 0.5));
            var anomalies = WriteAnomalies(db, importId, jumps);
            progress?.Report(new(StatisticsImportPhase.Finishing, rows, 0.75));
            var record = new StatisticsImport
            {
                Id = importId, FileName = fileName, FileSha256 = digest.GetAwaiter().GetResult(), FileBytes = file.Length, Rows = rows,
                NewEnterprises = context.NewFirms.Count, Anomalies = anomalies, Years = string.Join(",", context.Years.Order()),
                ImportedBy = actor.UserName, StartedUtc = started, FinishedUtc = db.UtcNow,
            };
            // The import's own row is what the audit trail records for the rows it wrote (file, digest, counts).
            db.StatisticsImports.Add(record);
            db.SaveChanges();
            transaction.Commit();
            RefreshPlannerStatistics(db);
            progress?.Report(new(StatisticsImportPhase.Finishing, rows, 1));
            return new(StatisticsImportStatus.Imported, Summary(record), [], 0, null);
        }
        catch (Exception e) when (StatisticsFile.RefusalFor(e, fileName, format) is { } unreadable)
        {
            return new(StatisticsImportStatus.Refused, null, [], 1, unreadable);
        }
        catch (Exception e) when (DatabaseErrors.IsUniqueViolation(e) || DatabaseErrors.IsDeadlockOrSerializationFailure(e))
        {
            // Another import committed the same file or firm-years between our check and our commit (or the two took the
            // same index pages in opposite orders and this one was rolled back).
            return ImportOfThisFile() is { } meanwhile
                ? AlreadyImported(meanwhile)
                : new(StatisticsImportStatus.Concurrent, null, [], 1, new UserMessage("StatisticsConcurrentImport"));
        }
    }

    /// <summary>A row with no text in any cell (Excel users leave them between blocks) carries no data to import.</summary>
    private static bool IsBlank(IStatisticsRowSource source)
    {
        for (var i = 0; i < source.ColumnCount; i++)
        {
            if (!source.Cell(i).Trim().IsEmpty)
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>
    /// PostgreSQL plans from sampled statistics that autovacuum refreshes only some time after a bulk load; until then a
    /// search right after a large first import can pick a plan for empty tables (measured: 0.6 s instead of a few ms).
    /// ANALYZE samples a fixed number of rows, so this costs well under a second whatever the import's size. The
    /// statistics table too: without its statistics the roll-up that usually follows an import guessed 40,000 park-years
    /// instead of 220 and sorted a million rows on disk (860 ms instead of 550 for its grouped query).
    /// </summary>
    internal static void RefreshPlannerStatistics(ZjDbContext db)
    {
        if (db.Provider != DatabaseProvider.Postgres)
        {
            return;
        }
        // The statistics table's keys only: its thirty figure columns are summed, never searched, and their histograms
        // were two thirds of the time (0.8 s of 1.2 s after a million rows). Autovacuum analyses them all later. And from
        // a smaller sample (9,000 rows instead of 30,000; 0.35 s → 0.1 s after a million rows): its plans need the
        // number of years and parks (a few dozen values, all found in any sample) and that a firm has few rows, not a
        // fine histogram of credit codes. One transaction keeps the lower target to this statement.
        using var transaction = db.Database.BeginTransaction();
        db.Database.ExecuteSqlRaw("SET LOCAL default_statistics_target = 30");
        db.Database.ExecuteSqlRaw($"ANALYZE \"{EnterpriseModel.StatisticsTable}\" (\"CreditCode\", \"Year\", \"ParkCode\", \"ImportId\", \"ExclusionReason\")");
        transaction.Commit();
        db.Database.ExecuteSqlRaw($"ANALYZE \"{EnterpriseModel.EnterprisesTable}\", \"{EnterpriseModel.AssignmentsTable}\"");
    }

    private static StatisticsImportSummary Summary(StatisticsImport i) =>
        new(i.Id, i.FileName, i.Rows, i.NewEnterprises, i.Anomalies, i.Years, i.FinishedUtc, i.ImportedBy);

    private static void WriteNewEnterprises(ZjDbContext db, ImportContext context, DateTime now)
    {
        if (context.NewFirms.Count == 0)
        {
            return;
        }
        var withGrams = db.Provider == DatabaseProvider.Postgres;
        // A first load builds the registry's indexes after its rows too (the primary key stays: award rows refer to it).
        var firmsFirstLoad = EmptyTableLoad.Begin(db, EnterpriseModel.EnterprisesTable);
        var staysFirstLoad = EmptyTableLoad.Begin(db, EnterpriseModel.AssignmentsTable);
        using (var writer = BulkWriter.Start(db, EnterpriseModel.EnterprisesTable, withGrams ? EnterpriseColumnsWithGrams : EnterpriseColumns))
        {
            foreach (var firm in context.NewFirms.Values)
            {
                writer.StartRow();
                writer.Text(firm.Code);
                writer.Text(firm.Name);
                writer.Text(firm.Park);
                writer.Text(firm.Industry);
                writer.Text(nameof(EnterpriseOwnership.Unknown));
                writer.Bool(false);
                writer.Timestamp(now);
                writer.Uuid(Guid.NewGuid());
                if (withGrams)
                {
                    writer.IntArray(EnterpriseNameIndex.GramArray(firm.Name, null));
                }
                writer.EndRow();
            }
            writer.Complete();
        }
        using (var writer = BulkWriter.Start(db, EnterpriseModel.AssignmentsTable, AssignmentColumns))
        {
            foreach (var firm in context.NewFirms.Values)
            {
                writer.StartRow();
                writer.Text(firm.Code);
                writer.Text(firm.Park);
                writer.Date(new DateOnly(firm.FirstYear, 1, 1));
                writer.Text("首次报送年度统计 First annual statistics report");
                writer.EndRow();
            }
            writer.Complete();
        }
        firmsFirstLoad?.Rebuild(db);
        staysFirstLoad?.Rebuild(db);
        if (!withGrams)
        {
            EnterpriseNameIndex.Write(db, context.NewFirms.Values.Select(f => (f.Code, f.Name, (string?)null)));
        }
    }

    private static int WriteAnomalies(ZjDbContext db, Guid importId, IReadOnlyList<Jump> jumps)
    {
        if (jumps.Count == 0)
        {
            return 0;
        }
        using var writer = BulkWriter.Start(db, EnterpriseModel.AnomaliesTable, AnomalyColumns);
        foreach (var a in jumps)
        {
            writer.StartRow();
            writer.Text(a.Code);
            writer.Int(a.Year);
            writer.Text(a.Park);
            writer.Text(a.Field);
            writer.Double(a.Previous);
            writer.Double(a.Value);
            writer.Uuid(importId);
            writer.Uuid(Guid.NewGuid());
            writer.EndRow();
        }
        writer.Complete();
        return jumps.Count;
    }

    private sealed record Jump(string Code, int Year, string Park, string Field, double Previous, double Value);

    /// <summary>The watched fields of one firm-year (NaN: not reported) and its park, for the year-on-year check.</summary>
    private readonly record struct Watched(string Park, WatchedValues Values);

    [System.Runtime.CompilerServices.InlineArray(5)]
    private struct WatchedValues
    {
        private double _value;
    }

    private sealed record NewFirm(string Code, string Name, string Park, string? Industry, int FirstYear);

    /// <summary>
    /// What the pass knows beyond the current row: parks, the registry, the file's keys with their watched values, the
    /// stored rows of each year it touches, and the firms it introduces. Reads go through its own connection.
    /// </summary>
    private sealed class ImportContext
    {
        private static readonly (int Index, StatisticsField Field, double Floor)[] WatchedFields = StatisticsFields.JumpWatched
            .Select(w => (StatisticsFields.All.ToList().FindIndex(f => f.Key == w.Field), StatisticsFields.Find(w.Field)!, w.Floor)).ToArray();

        private readonly DbConnection _connection;
        private readonly HashSet<UInt128> _registry = [];
        private readonly Dictionary<UInt128, (int Row, Watched Watched)> _fileRows = [];
        private readonly Dictionary<int, Dictionary<UInt128, Watched>> _storedByYear = [];
        private static readonly Dictionary<UInt128, Watched> NoRows = [];

        /// <param name="connection">Open; read-only lookups in plain SQL while the data model is still being built (see Import).</param>
        public ImportContext(DbConnection connection, int lastYear, ClaimsPrincipal user)
        {
            if (WatchedFields.Length != 5)
            {
                throw new InvalidOperationException("WatchedValues holds five fields; StatisticsFields.JumpWatched lists a different number.");
            }
            _connection = connection;
            ScopePark = user.IsCityWide() ? null : user.ParkScope();
            LastYear = lastYear;
            using (var parks = connection.CreateCommand())
            {
                parks.CommandText = "SELECT \"Code\", \"NameZh\", \"NameEn\" FROM \"Parks\"";
                using var reader = parks.ExecuteReader();
                while (reader.Read())
                {
                    var code = reader.GetString(0);
                    Parks[code] = code;
                    Parks[reader.GetString(1)] = code;
                    Parks[reader.GetString(2)] = code;
                }
            }
            using (var any = connection.CreateCommand())
            {
                any.CommandText = $"SELECT EXISTS (SELECT 1 FROM \"{EnterpriseModel.StatisticsTable}\")";
                NothingStored = !Convert.ToBoolean(any.ExecuteScalar(), CultureInfo.InvariantCulture);
            }
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT \"CreditCode\" FROM \"{EnterpriseModel.EnterprisesTable}\"";
            using var registry = command.ExecuteReader();
            while (registry.Read())
            {
                _registry.Add(StatisticsKey.Code(registry.GetString(0)));
            }
        }

        /// <summary>
        /// The statistics table was empty when the import began: no stored row to compare with (and none is read, which
        /// on a first load could not be: <see cref="EmptyTableLoad"/> holds the table locked on the other connection).
        /// Should another import commit rows meanwhile, the primary key still refuses any firm-year both wrote.
        /// </summary>
        public bool NothingStored { get; }

        public Dictionary<string, string> Parks { get; } = new(StringComparer.OrdinalIgnoreCase);
        public string? ScopePark { get; }
        public int LastYear { get; }
        public Dictionary<UInt128, NewFirm> NewFirms { get; } = [];
        public HashSet<int> Years { get; } = [];

        /// <summary>Duplicate checks (in the file, against the stored rows) and the firms the file introduces. True when the row may be written.</summary>
        public bool Track(RowReader row, int rowNumber, StatisticsFile.ColumnMap map, ErrorSink fail)
        {
            var code = StatisticsKey.Code(row.Code);
            var key = StatisticsKey.Of(code, row.Year);
            var codeColumn = map.ColumnNames[map.CreditCode];
            if (_fileRows.TryGetValue(key, out var first))
            {
                fail(rowNumber, codeColumn, row.Code, new UserMessage("StatisticsDuplicateInFile", row.Code, row.Year, first.Row));
                return false;
            }
            if (Stored(row.Year).ContainsKey(code))
            {
                fail(rowNumber, codeColumn, row.Code, new UserMessage("StatisticsDuplicateInDatabase", row.Code, row.Year));
                return false;
            }
            var watched = new WatchedValues();
            for (var i = 0; i < WatchedFields.Length; i++)
            {
                watched[i] = row.Values[WatchedFields[i].Index] ?? double.NaN;
            }
            _fileRows[key] = (rowNumber, new Watched(row.Park, watched));
            Years.Add(row.Year);
            if (_registry.Contains(code))
            {
                return true;
            }
            if (NewFirms.TryGetValue(code, out var known))
            {
                if (row.Year < known.FirstYear)
                {
                    NewFirms[code] = known with { FirstYear = row.Year };
                }
                return true;
            }
            if (string.IsNullOrWhiteSpace(row.Name))
            {
                var nameColumn = map.Name >= 0 ? map.ColumnNames[map.Name] : StatisticsFile.NameKey;
                fail(rowNumber, nameColumn, "", new UserMessage("StatisticsNameRequired", row.Code));
                return false;
            }
            NewFirms[code] = new NewFirm(row.Code, row.Name, row.Park, row.Industry, row.Year);
            return true;
        }

        /// <summary>
        /// Each watched field that moved more than <see cref="StatisticsFields.JumpFactor"/>-fold between consecutive years
        /// where the file wrote either year (the other year from the file or the stored rows). Kept, and flagged for explanation.
        /// </summary>
        public IReadOnlyList<Jump> FindJumps()
        {
            var jumps = new List<Jump>();
            foreach (var (key, (_, current)) in _fileRows)
            {
                var code = key >> 12;
                var year = (int)(key & 0xFFF);
                var previousKey = StatisticsKey.Of(code, year - 1);
                if (_fileRows.TryGetValue(previousKey, out var previousRow))
                {
                    Compare(jumps, code, year, previousRow.Watched, current);
                }
                else if (Stored(year - 1).TryGetValue(code, out var storedPrevious))
                {
                    Compare(jumps, code, year, storedPrevious, current);
                }
                if (!_fileRows.ContainsKey(StatisticsKey.Of(code, year + 1)) && Stored(year + 1).TryGetValue(code, out var storedNext))
                {
                    Compare(jumps, code, year + 1, current, storedNext);
                }
            }
            jumps.Sort((a, b) =>
            {
                var order = string.CompareOrdinal(a.Code, b.Code);
                return order != 0 ? order : a.Year != b.Year ? a.Year.CompareTo(b.Year) : string.CompareOrdinal(a.Field, b.Field);
            });
            return jumps;
        }

        private static void Compare(List<Jump> jumps, UInt128 code, int year, Watched previous, Watched current)
        {
            for (var i = 0; i < WatchedFields.Length; i++)
            {
                var (p, v) = (previous.Values[i], current.Values[i]);
                if (p >= WatchedFields[i].Floor && !double.IsNaN(v) && (v > StatisticsFields.JumpFactor * p || v * StatisticsFields.JumpFactor < p))
                {
                    jumps.Add(new Jump(StatisticsKey.Decode(code), year, current.Park, WatchedFields[i].Field.Key, p, v));
                }
            }
        }

        private Dictionary<UInt128, Watched> Stored(int year)
        {
            if (NothingStored)
            {
                return NoRows;
            }
            if (!_storedByYear.TryGetValue(year, out var rows))
            {
                rows = [];
                var columns = string.Join(", ", WatchedFields.Select(w => $"\"{w.Field.Column}\""));
                using var command = _connection.CreateCommand();
                command.CommandText = $"SELECT \"CreditCode\", \"ParkCode\", {columns} FROM \"{EnterpriseModel.StatisticsTable}\" WHERE \"Year\" = @year";
                var parameter = command.CreateParameter();
                parameter.ParameterName = "@year";
                parameter.Value = year;
                command.Parameters.Add(parameter);
                using var reader = command.ExecuteReader();
                while (reader.Read())
                {
                    var values = new WatchedValues();
                    for (var i = 0; i < WatchedFields.Length; i++)
                    {
                        values[i] = reader.IsDBNull(2 + i) ? double.NaN : reader.GetDouble(2 + i);
                    }
                    var park = reader.GetString(1);
                    rows[StatisticsKey.Code(reader.GetString(0))] = new Watched(Parks.GetValueOrDefault(park, park), values);
                }
                _storedByYear[year] = rows;
            }
            return rows;
        }
    }

    private delegate void ErrorSink(int row, string column, ReadOnlySpan<char> value, UserMessage message);

    /// <summary>Parses and checks one row into reusable fields (no allocation per row beyond the strings kept).</summary>
    private sealed class RowReader(StatisticsFile.ColumnMap map, ImportContext context)
    {

        public string Code { get; private set; } = "";
        public int Year { get; private set; }
        public string? Name { get; private set; }
        public string Park { get; private set; } = "";
        public string? Industry { get; private set; }
        public double?[] Values { get; } = new double?[StatisticsFields.All.Count];

        public bool Read(IStatisticsRowSource source, ErrorSink fail)
        {
            var row = source.RowNumber;
            var ok = true;
            void Error(int column, ReadOnlySpan<char> value, UserMessage message)
            {
                ok = false;
                fail(row, column >= 0 ? map.ColumnNames[column] : "", value, message);
            }

            if (source.ColumnCount > map.Header.Count)
            {
                var extra = source.Cell(map.Header.Count);
                if (!extra.Trim().IsEmpty)
                {
                    Error(-1, extra, new UserMessage("StatisticsRowTooLong", source.ColumnCount, map.Header.Count));
                }
            }

            var codeText = source.Cell(map.CreditCode).Trim().ToString();
            var check = CreditCode.Check(codeText);
            Code = check.IsValid ? CreditCode.Normalize(codeText) : "";
            if (!check.IsValid)
            {
                Error(map.CreditCode, codeText, check.ToMessage()!);
            }

            var yearCell = source.Cell(map.Year).Trim();
            if (!int.TryParse(yearCell, NumberStyles.None, CultureInfo.InvariantCulture, out var year) || year < FirstYear || year > context.LastYear)
            {
                Error(map.Year, yearCell, new UserMessage("StatisticsYearInvalid", yearCell.ToString(), FirstYear, context.LastYear));
            }
            Year = year;

            Name = map.Name >= 0 ? Clean(source.Cell(map.Name)) : null;
            if (Name is { Length: > 200 })
            {
                Error(map.Name, Name, new UserMessage("FieldTooLong", StatisticsFile.NameKey, 200));
            }

            var parkCell = source.Cell(map.Park).Trim();
            if (parkCell.IsEmpty)
            {
                Error(map.Park, parkCell, new UserMessage("Required", StatisticsFile.ParkKey));
            }
            else if (!context.Parks.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(parkCell, out var park))
            {
                Error(map.Park, parkCell, new UserMessage("StatisticsUnknownPark", parkCell.ToString()));
            }
            else if (context.ScopePark is not null && !string.Equals(park, context.ScopePark, StringComparison.Ordinal))
            {
                Error(map.Park, parkCell, new UserMessage("StatisticsParkOutOfScope", park));
            }
            else
            {
                Park = park;
            }

            Industry = null;
            if (map.Industry >= 0 && !source.Cell(map.Industry).Trim().IsEmpty)
            {
                Industry = IndustryCode.Normalize(source.Cell(map.Industry));
                if (Industry is null)
                {
                    Error(map.Industry, source.Cell(map.Industry), new UserMessage("StatisticsIndustryInvalid", source.Cell(map.Industry).ToString()));
                }
            }

            for (var i = 0; i < Values.Length; i++)
            {
                Values[i] = null;
                var column = map.Fields[i];
                if (column < 0)
                {
                    continue;
                }
                var cell = source.Cell(column);
                if (cell.IsEmpty || (cell = cell.Trim()).IsEmpty)
                {
                    continue;
                }
                var field = StatisticsFields.All[i];
                // A plain number (the usual cell) through the fast_float parser, several times quicker than double.TryParse
                // on a million rows; anything else (thousands separators, 1,234.5) through the lenient invariant parse.
                var parsed = (FastDoubleParser.TryParseDouble(cell, out int used, out var value) && used == cell.Length)
                    || double.TryParse(cell, NumberStyles.Float | NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out value);
                if (!parsed || !double.IsFinite(value))
                {
                    Error(column, cell, new UserMessage("StatisticsNotANumber", cell.ToString()));
                }
                else if (value < 0 && !field.AllowNegative)
                {
                    Error(column, cell, new UserMessage("StatisticsNegative", cell.ToString()));
                }
                else if (Math.Abs(value) > field.Max)
                {
                    Error(column, cell, new UserMessage("StatisticsTooLarge", cell.ToString(), field.Max, field.UnitZh));
                }
                else if (field.Kind == StatisticsFieldKind.Count && value != Math.Floor(value))
                {
                    Error(column, cell, new UserMessage("StatisticsNotWhole", cell.ToString()));
                }
                else
                {
                    Values[i] = value;
                }
            }
            foreach (var (part, whole) in PartsOfWhole)
            {
                if (Values[part] is { } p && Values[whole] is { } w && p > w)
                {
                    var partField = StatisticsFields.All[part];
                    var wholeField = StatisticsFields.All[whole];
                    Error(map.Fields[part], p.ToString(CultureInfo.InvariantCulture),
                        new UserMessage("StatisticsPartExceedsWhole", partField.NameZh, p, wholeField.NameZh, w));
                }
            }
            return ok;
        }

        private static readonly (int Part, int Whole)[] PartsOfWhole = StatisticsFields.PartOfWhole
            .Select(p => (IndexOf(p.Part), IndexOf(p.Whole))).ToArray();

        private static int IndexOf(string key) => StatisticsFields.All.ToList().FindIndex(f => f.Key == key);

        private static string? Clean(ReadOnlySpan<char> cell)
        {
            var text = cell.Trim();
            return text.IsEmpty ? null : text.ToString();
        }
    }
}

/// <summary>Compact keys for a credit code (base 31 over its 18 characters) and for a code and year.</summary>
internal static class StatisticsKey
{
    private const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static readonly byte[] Values = MakeValues();

    /// <summary>The key of a valid (checked, upper-case) code.</summary>
    public static UInt128 Code(ReadOnlySpan<char> code)
    {
        UInt128 key = 0;
        foreach (var c in code)
        {
            key = key * 31 + Values[c & 0x7F];
        }
        return key;
    }

    private static byte[] MakeValues()
    {
        var values = new byte[128];
        for (var i = 0; i < Alphabet.Length; i++)
        {
            values[Alphabet[i]] = (byte)i;
        }
        return values;
    }

    public static UInt128 Of(UInt128 code, int year) => (code << 12) | (uint)(year & 0xFFF);

    public static string Decode(UInt128 code)
    {
        Span<char> text = stackalloc char[18];
        for (var i = text.Length - 1; i >= 0; i--)
        {
            text[i] = Alphabet[(int)(code % 31)];
            code /= 31;
        }
        return new string(text);
    }
}
