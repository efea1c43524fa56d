using Microsoft.EntityFrameworkCore;
using Zhangjiang.Platform.Common;
using Zhangjiang.Platform.Features.Evaluation;
using Zhangjiang.Platform.Features.Identity;
using Zhangjiang.Tests.Shared;

namespace Zhangjiang.Platform.Tests.Evaluation;

public sealed class SubmissionEvidenceTests
{
    private static readonly byte[] PlainPdf = "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n%%EOF\n"u8.ToArray();

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Evidence_is_checked_by_content_kept_in_the_database_and_only_the_park_and_the_city_read_it(string provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync(provider);
        var authorization = TestPrincipals.Authorization();
        var rounds = new EvaluationRounds(database.Factory(), authorization);
        var round = await EvaluationRoundsTests.OpenAsync(database, rounds, 2025, ct);
        var store = new SubmissionEvidenceStore(database.Factory(), authorization);
        var jiading = TestPrincipals.User(Roles.ParkManager, "jiading", "jiading-manager");
        var yangpu = TestPrincipals.User(Roles.ParkManager, "yangpu");

        var added = await store.AddAsync(jiading, TestPrincipals.Actor("jiading-manager"), round.Id, "jiading", "C:\\fakepath\\统计年报.pdf", PlainPdf, "D1_1", ct);
        Assert.True(added.Succeeded, string.Join("; ", added.Errors.Select(e => e.Message.ToString())));
        var evidence = Assert.Single(added.Value!);
        Assert.Equal("统计年报.pdf", evidence.FileName);
        Assert.Equal("application/pdf", evidence.ContentType);

        Assert.Equal(UseCaseStatus.Forbidden, (await store.AddAsync(yangpu, TestPrincipals.Actor(), round.Id, "jiading", "x.pdf", PlainPdf, null, ct)).Status);
        Assert.Equal(UseCaseStatus.Forbidden, (await store.DownloadAsync(yangpu, round.Id, "jiading", evidence.Id, ct)).Status);
        var download = (await store.DownloadAsync(TestPrincipals.User(Roles.CityStaff), round.Id, "jiading", evidence.Id, ct)).Value!;
        Assert.Equal(PlainPdf, download.Content);

        foreach (var (name, content, key) in new[]
        {
            ("script.pdf", "%PDF-1.4\n<< /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >>"u8.ToArray(), "FileActiveContent"),
            ("launch.pdf", "%PDF-1.7\n<< /A << /S /Launch /F (cmd.exe) >> >>"u8.ToArray(), "FileActiveContent"),
            ("report.pdf", "MZ\u0090\u0000 this is an executable"u8.ToArray(), "FileTypeNotAllowed"),
            ("empty.pdf", Array.Empty<byte>(), "FileEmpty"),
            ("big.png", new byte[11 * 1024 * 1024], "UploadTooLarge"),
        })
        {
            var refused = await store.AddAsync(jiading, TestPrincipals.Actor(), round.Id, "jiading", name, content, null, ct);
            Assert.Equal(UseCaseStatus.Invalid, refused.Status);
            Assert.Equal(key, refused.Errors.Single().Message.Key);
        }
        Assert.Single((await store.ListAsync(jiading, round.Id, "jiading", ct)).Value!);

        // The audit trail names the file and its hash; the bytes themselves are not copied into it.
        await using (var db = database.CreateContext())
        {
            var audit = await db.AuditEntries.SingleAsync(a => a.EntityType == nameof(SubmissionEvidence), ct);
            Assert.Contains(evidence.Sha256, audit.Changes, StringComparison.Ordinal);
            Assert.False(await db.AuditEntries.AnyAsync(a => a.EntityType == "StoredFile", ct));
        }
        var removed = await store.RemoveAsync(jiading, TestPrincipals.Actor(), round.Id, "jiading", evidence.Id, ct);
        Assert.Empty(removed.Value!);
        await using (var db = database.CreateContext())
        {
            Assert.Equal(0, await db.StoredFiles.CountAsync(ct));
        }
    }
}
