using System.Globalization;
using System.IO.Compression;
using System.Text;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using Zhangjiang.Platform.Features.Enterprises;
using Zhangjiang.Platform.Features.Identity;
using Zhangjiang.Platform.Tests.Evaluation;
using Zhangjiang.Tests.Shared;

namespace Zhangjiang.Platform.Tests.Enterprises;

public sealed class StatisticsImportTests
{
    private static readonly System.Security.Claims.ClaimsPrincipal City = TestPrincipals.User(Roles.CityStaff, name: "city-staff");

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_good_file_is_imported_with_its_new_firms_its_jumps_flagged_and_an_audited_record(string provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync(provider);
        var importer = new StatisticsImporter(database.Factory());
        var csv = new StatisticsCsv()
            .Firm(1, 2023).Firm(1, 2024, scale: 1.1)
            .Firm(2, 2023, "jiading").Firm(2, 2024, "jiading", change: v => v["revenue"] = "60000")   // 5× revenue: flagged
            .Firm(3, 2024, "张江科学城", change: v => { v["rd_expenditure"] = ""; v["industry_code"] = "C3973"; });

        var outcome = await importer.ImportAsync(City, TestPrincipals.Actor("city-staff"), csv.Stream(), "torch-2024.csv", null, ct);

        Assert.True(outcome.Succeeded, Describe(outcome));
        Assert.Equal(5, outcome.Summary!.Rows);
        Assert.Equal(3, outcome.Summary.NewEnterprises);
        Assert.Equal(1, outcome.Summary.Anomalies);
        Assert.Equal("2023,2024", outcome.Summary.Years);
        await using (var db = database.CreateContext())
        {
            var rows = await db.EnterpriseYearStatistics.AsNoTracking().OrderBy(s => s.CreditCode).ThenBy(s => s.Year).ToListAsync(ct);
            Assert.Equal(5, rows.Count);
            Assert.Equal(13200, rows[1].Revenue!.Value, 6);
            Assert.Equal(-165, rows[1].NetProfit!.Value, 6);
            Assert.Equal(outcome.Summary.ImportId, rows[0].ImportId);
            Assert.Null(rows[4].RdExpenditure);
            Assert.Null(rows[4].Exports);          // a column the file did not have
            var firm3 = await db.Enterprises.AsNoTracking().SingleAsync(e => e.CreditCode == StatisticsCsv.Code(3), ct);
            Assert.Equal("测试科技有限公司3", firm3.NameZh);
            Assert.Equal("C3973", firm3.IndustryCode);
            Assert.Equal("I6513", (await db.Enterprises.AsNoTracking().SingleAsync(e => e.CreditCode == StatisticsCsv.Code(1), ct)).IndustryCode);
            Assert.Equal(rows[4].ParkCode, firm3.ParkCode);
            var assignment = await db.EnterpriseParkAssignments.AsNoTracking().SingleAsync(a => a.CreditCode == StatisticsCsv.Code(1), ct);
            Assert.Equal(new DateOnly(2023, 1, 1), assignment.FromDate);
            var anomaly = await db.StatisticsAnomalies.AsNoTracking().SingleAsync(ct);
            Assert.Equal(("revenue", 2024, 12000.0, 60000.0), (anomaly.Field, anomaly.Year, anomaly.PreviousValue, anomaly.Value));
            Assert.Equal("jiading", anomaly.ParkCode);
            var audit = await db.AuditEntries.AsNoTracking().SingleAsync(a => a.EntityType == nameof(StatisticsImport), ct);
            Assert.Equal("city-staff", audit.UserName);
            Assert.Contains("torch-2024.csv", audit.Changes, StringComparison.Ordinal);
        }

        // The same file again is recognised and changes nothing.
        var again = await importer.ImportAsync(City, TestPrincipals.Actor(), csv.Stream(), "copy-of-torch-2024.csv", null, ct);
        Assert.Equal(StatisticsImportStatus.AlreadyImported, again.Status);
        Assert.Equal("StatisticsAlreadyImported", again.Refusal!.Key);
        Assert.Equal(outcome.Summary.ImportId, again.Summary!.ImportId);
        // A file on disk is hashed on a worker thread by offset while the rows are read (the CLI's and the upload's
        // case): the same digest, recorded as the file's own.
        var path = Path.Combine(Path.GetTempPath(), $"zj-torch-{Guid.NewGuid():N}.csv");
        try
        {
            await using (var copy = File.Create(path))
            {
                await csv.Stream().CopyToAsync(copy, ct);
            }
            await using (var onDisk = File.OpenRead(path))
            {
                var fromDisk = await importer.ImportAsync(City, TestPrincipals.Actor(), onDisk, "on-disk.csv", null, ct);
                Assert.Equal((StatisticsImportStatus.AlreadyImported, outcome.Summary.ImportId), (fromDisk.Status, fromDisk.Summary!.ImportId));
            }
            await using var check = database.CreateContext();
            Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(await File.ReadAllBytesAsync(path, ct))),
                (await check.StatisticsImports.AsNoTracking().SingleAsync(ct)).FileSha256);
        }
        finally
        {
            File.Delete(path);
        }

        // A different file carrying a stored firm-year is refused, naming the row.
        var overlapping = new StatisticsCsv().Firm(4, 2024).Firm(1, 2024, scale: 2);
        var refused = await importer.ImportAsync(City, TestPrincipals.Actor(), overlapping.Stream(), "late.csv", null, ct);
        Assert.Equal(StatisticsImportStatus.Invalid, refused.Status);
        var error = Assert.Single(refused.Errors);
        Assert.Equal((3, "StatisticsDuplicateInDatabase"), (error.Row, error.Message.Key));
        await using (var db = database.CreateContext())
        {
            Assert.Equal(5, await db.EnterpriseYearStatistics.CountAsync(ct));
            Assert.False(await db.Enterprises.AnyAsync(e => e.CreditCode == StatisticsCsv.Code(4), ct));
        }

        // History imported later (the year before) is checked against the stored next year too.
        var history = new StatisticsCsv().Firm(1, 2022, scale: 0.2);
        var earlier = await importer.ImportAsync(City, TestPrincipals.Actor(), history.Stream(), "2022.csv", null, ct);
        Assert.True(earlier.Succeeded, Describe(earlier));
        Assert.Equal(3, earlier.Summary!.Anomalies);   // revenue, employees and R&D all five-fold from 2022 to 2023
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task One_bad_row_writes_nothing_and_the_report_names_row_column_and_reason(string provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync(provider);
        var importer = new StatisticsImporter(database.Factory());
        var csv = new StatisticsCsv().Firm(1, 2024).Firm(2, 2024).Firm(3, 2024, change: v => v["revenue"] = "12,3abc").Firm(4, 2024)
            .Firm(5, 2024, change: v => { v["rd_staff"] = "500"; v["employees"] = "20"; })
            .Firm(6, 2024, change: v => v["credit_code"] = WrongCheck(StatisticsCsv.Code(6)))
            .Firm(7, 2024, change: v => v["park"] = "atlantis")
            .Firm(8, 2024, change: v => v["employees"] = "12.5")
            .Firm(9, 2031)
            .Firm(1, 2024);

        var outcome = await importer.ImportAsync(City, TestPrincipals.Actor(), csv.Stream(), "bad.csv", null, ct);

        Assert.Equal(StatisticsImportStatus.Invalid, outcome.Status);
        var found = outcome.Errors.Select(e => (e.Row, e.Column, e.Message.Key)).ToList();
        Assert.Equal(
        [
            (4, "F revenue", "StatisticsNotANumber"),
            (6, "H rd_staff", "StatisticsPartExceedsWhole"),
            (7, "A credit_code", "CreditCodeWrongCheckCharacter"),
            (8, "D park", "StatisticsUnknownPark"),
            (9, "G employees", "StatisticsNotWhole"),
            (10, "B year", "StatisticsYearInvalid"),
            (11, "A credit_code", "StatisticsDuplicateInFile"),
        ], found);
        Assert.Equal("12,3abc", outcome.Errors[0].Value);
        await using (var db = database.CreateContext())
        {
            Assert.Equal(0, await db.EnterpriseYearStatistics.CountAsync(ct));
            Assert.Equal(0, await db.Enterprises.CountAsync(ct));
            Assert.Equal(0, await db.StatisticsImports.CountAsync(ct));
        }

        using var report = new MemoryStream();
        await StatisticsWorkbooks.WriteErrorReportAsync(outcome, "bad.csv", CultureInfo.GetCultureInfo("zh-CN"), report, ct);
        report.Position = 0;
        var rows = report.Query(useHeaderRow: true, sheetName: StatisticsWorkbooks.ErrorsSheet).Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(7, rows.Count);
        Assert.Equal(4.0, Convert.ToDouble(rows[0]["行 Row"], CultureInfo.InvariantCulture));
        Assert.Equal("“12,3abc”不是数字。", rows[0]["原因 Reason"]);
        Assert.Contains("第 2 行", (string)rows[6]["原因 Reason"]!, StringComparison.Ordinal);
    }

    public static TheoryData<string> BadFiles => new("unknown-column", "missing-column", "duplicate-column", "gbk", "binary-csv", "broken-xlsx", "oversized", "zip-bomb", "macro", "empty", "pdf");

    [Theory]
    [MemberData(nameof(BadFiles))]
    public async Task A_bad_file_is_refused_before_or_at_its_header_and_changes_nothing(string kind)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync("Sqlite");
        var importer = new StatisticsImporter(database.Factory());
        var folder = Directory.CreateTempSubdirectory("zj-bad-");
        try
        {
            var (path, expected) = await BadFileAsync(kind, folder.FullName, ct);
            await using var file = File.OpenRead(path);
            var before = GC.GetTotalAllocatedBytes(precise: true);
            var outcome = await importer.ImportAsync(City, TestPrincipals.Actor(), file, Path.GetFileName(path), null, ct);
            var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

            Assert.NotEqual(StatisticsImportStatus.Imported, outcome.Status);
            var key = outcome.Refusal?.Key ?? outcome.Errors[0].Message.Key;
            Assert.Equal(expected, key);
            // Refused from the directory or the first block: the bomb's gigabyte is never inflated.
            Assert.True(allocated < 64L * 1024 * 1024, $"{allocated:N0} bytes allocated");
            await using var db = database.CreateContext();
            Assert.Equal(0, await db.EnterpriseYearStatistics.CountAsync(ct));
            Assert.Equal(0, await db.StatisticsImports.CountAsync(ct));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static async Task<(string Path, string ExpectedKey)> BadFileAsync(string kind, string folder, CancellationToken ct)
    {
        var path = Path.Combine(folder, kind + (kind is "broken-xlsx" or "zip-bomb" or "macro" ? ".xlsx" : kind == "pdf" ? ".pdf" : ".csv"));
        var good = new StatisticsCsv().Firm(1, 2024).Text();
        switch (kind)
        {
            case "unknown-column":
                await File.WriteAllTextAsync(path, good.Replace("patents_granted", "营收增速", StringComparison.Ordinal), ct);
                return (path, "StatisticsUnknownColumn");
            case "missing-column":
                await File.WriteAllTextAsync(path, new StatisticsCsv("credit_code", "year", "revenue").Firm(1, 2024).Text(), ct);
                return (path, "StatisticsMissingColumn");
            case "duplicate-column":
                await File.WriteAllTextAsync(path, good.Replace("patents_granted", "营业收入", StringComparison.Ordinal), ct);
                return (path, "StatisticsDuplicateColumn");
            case "gbk":
                // The same CSV saved by an older Excel in GB18030/GBK: the Chinese name is not UTF-8.
                var bytes = Encoding.UTF8.GetBytes(good);
                var name = Encoding.UTF8.GetBytes("测试");
                var at = bytes.AsSpan().IndexOf(name);
                bytes[at] = 0xB2;
                bytes[at + 1] = 0xE2;
                await File.WriteAllBytesAsync(path, bytes, ct);
                return (path, "StatisticsCsvEncoding");
            case "binary-csv":
                await using (var stream = File.Create(path))
                {
                    await StatisticsWorkbooks.WriteTemplateAsync(stream, ct);
                }
                return (path, "StatisticsCsvBinary");
            case "broken-xlsx":
                await File.WriteAllBytesAsync(path, [.. "PK\u0003\u0004"u8, .. new byte[500]], ct);
                return (path, "StatisticsFileType");
            case "oversized":
                // Sparse: takes no disk space, but its length is over the limit.
                await using (var stream = File.Create(path))
                {
                    stream.SetLength(StatisticsFile.MaxCsvBytes + 1);
                }
                return (path, "UploadTooLarge");
            case "zip-bomb":
                await using (var stream = File.Create(path))
                using (var zip = new ZipArchive(stream, ZipArchiveMode.Create))
                {
                    await using (var entry = zip.CreateEntry("xl/workbook.xml").Open())
                    {
                        await entry.WriteAsync("<workbook/>"u8.ToArray(), ct);
                    }
                    await using var sheet = zip.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.SmallestSize).Open();
                    var zeros = new byte[1 << 20];
                    for (var i = 0; i < 1024; i++)
                    {
                        await sheet.WriteAsync(zeros, ct);
                    }
                }
                return (path, "UploadZipSuspicious");
            case "macro":
                await using (var stream = File.Create(path))
                {
                    await StatisticsWorkbooks.WriteTemplateAsync(stream, ct);
                }
                await using (var stream = File.Open(path, FileMode.Open))
                using (var zip = new ZipArchive(stream, ZipArchiveMode.Update))
                {
                    await using var macro = zip.CreateEntry("xl/vbaProject.bin").Open();
                    await macro.WriteAsync(new byte[64], ct);
                }
                return (path, "UploadHasMacros");
            case "empty":
                await File.WriteAllTextAsync(path, string.Join(",", StatisticsCsv.DefaultColumns) + "\n", ct);
                return (path, "StatisticsNoRows");
            default:
                await File.WriteAllTextAsync(path, "%PDF-1.7", ct);
                return (path, "StatisticsFileType");
        }
    }

    [Fact]
    public async Task The_downloaded_template_filled_in_excel_imports()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync("Sqlite");
        using var template = new MemoryStream();
        await StatisticsWorkbooks.WriteTemplateAsync(template, ct);
        template.Position = 0;
        Assert.Contains(StatisticsWorkbooks.FieldsSheet, template.GetSheetNames());
        var headers = template.Query(useHeaderRow: true, sheetName: StatisticsFile.Sheet).Cast<IDictionary<string, object?>>().First().Keys.ToList();
        Assert.Equal(StatisticsFile.TemplateHeaders(), headers);

        var rows = Enumerable.Range(1, 30).Select(n => headers.ToDictionary(h => h, h => (object?)(h.Split(' ')[^1] switch
        {
            "credit_code" => StatisticsCsv.Code(n),
            "year" => 2024,
            "name" => $"模板企业{n}",
            "park" => n % 2 == 0 ? "杨浦园" : "yangpu",
            "industry_code" => null,
            "net_profit" => -12.5,
            "rd_fte" => 3.5,
            _ => 10.0,
        }))).ToList();
        using var filled = new MemoryStream();
        await filled.SaveAsAsync(new Dictionary<string, object> { [StatisticsFile.Sheet] = rows }, cancellationToken: ct);
        filled.Position = 0;

        var outcome = await new StatisticsImporter(database.Factory()).ImportAsync(City, TestPrincipals.Actor(), filled, "template.xlsx", null, ct);

        Assert.True(outcome.Succeeded, Describe(outcome));
        Assert.Equal(30, outcome.Summary!.Rows);
        await using var db = database.CreateContext();
        Assert.Equal(3.5, (await db.EnterpriseYearStatistics.FirstAsync(ct)).RdFte);
        Assert.Equal(30, await db.Enterprises.CountAsync(e => e.ParkCode == "yangpu", ct));
    }

    [Fact]
    public async Task A_park_manager_imports_only_their_park_and_an_enterprise_cannot_import()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync("Sqlite");
        var importer = new StatisticsImporter(database.Factory());
        var yangpu = TestPrincipals.User(Roles.ParkManager, "yangpu", "yangpu-manager");

        var mixed = await importer.ImportAsync(yangpu, TestPrincipals.Actor(), new StatisticsCsv().Firm(1, 2024).Firm(2, 2024, "jiading").Stream(), "mixed.csv", null, ct);
        Assert.Equal(StatisticsImportStatus.Invalid, mixed.Status);
        Assert.Equal((3, "StatisticsParkOutOfScope"), (mixed.Errors.Single().Row, mixed.Errors.Single().Message.Key));

        var own = await importer.ImportAsync(yangpu, TestPrincipals.Actor(), new StatisticsCsv().Firm(1, 2024).Firm(2, 2024).Stream(), "own.csv", null, ct);
        Assert.True(own.Succeeded, Describe(own));

        var enterprise = TestPrincipals.User(Roles.Enterprise, name: "firm");
        Assert.Equal(StatisticsImportStatus.Forbidden,
            (await importer.ImportAsync(enterprise, TestPrincipals.Actor(), new StatisticsCsv().Firm(3, 2024).Stream(), "x.csv", null, ct)).Status);
    }

    private static string WrongCheck(string code) => code[..17] + (code[17] == '0' ? '1' : '0');

    internal static string Describe(StatisticsImportOutcome outcome) =>
        $"{outcome.Status}: {outcome.Refusal} " + string.Join("; ", outcome.Errors.Take(10).Select(e => $"row {e.Row} {e.Column} '{e.Value}': {e.Message}"));
}
