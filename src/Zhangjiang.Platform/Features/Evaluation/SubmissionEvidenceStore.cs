using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Zhangjiang.Platform.Authorization;
using Zhangjiang.Platform.Common;
using Zhangjiang.Platform.Data;
using Zhangjiang.Platform.Features.Auditing;
using Zhangjiang.Platform.Features.Files;

namespace Zhangjiang.Platform.Features.Evaluation;

public sealed record EvidenceView(Guid Id, string FileName, string ContentType, long Length, string Sha256, string? IndicatorCode, DateTime UploadedUtc, string UploadedBy);

public sealed record EvidenceFile(string FileName, string ContentType, byte[] Content);

/// <summary>
/// Evidence attached to a park's submission: the park's manager adds and removes files while the submission is
/// editable; whoever may read the submission may list and download them. Files are checked by content (PDF without
/// active content, PNG, JPEG, .xlsx), kept under generated ids, and served as attachments.
/// </summary>
public sealed class SubmissionEvidenceStore(IDbContextFactory<ZjDbContext> contexts, IAuthorizationService authorization, MalwareScanner? scanner = null)
{
    public async Task<UseCaseResult<IReadOnlyList<EvidenceView>>> ListAsync(ClaimsPrincipal user, Guid roundId, string parkCode, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var submission = await LoadAsync(db, roundId, parkCode, cancellationToken);
        if (submission is null)
        {
            return UseCaseResult<IReadOnlyList<EvidenceView>>.NotFound();
        }
        if (!await AllowedAsync(user, submission, Operations.Read))
        {
            return UseCaseResult<IReadOnlyList<EvidenceView>>.Forbidden();
        }
        return UseCaseResult<IReadOnlyList<EvidenceView>>.Ok(await ViewsAsync(db, submission.Id, cancellationToken));
    }

    public async Task<UseCaseResult<IReadOnlyList<EvidenceView>>> AddAsync(
        ClaimsPrincipal user, AuditActor actor, Guid roundId, string parkCode, string fileName, byte[] content, string? indicatorCode,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(content);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Actor = actor;
        var submission = await LoadAsync(db, roundId, parkCode, cancellationToken);
        if (submission is null)
        {
            return UseCaseResult<IReadOnlyList<EvidenceView>>.NotFound();
        }
        if (!await AllowedAsync(user, submission, Operations.Edit))
        {
            return UseCaseResult<IReadOnlyList<EvidenceView>>.Forbidden();
        }
        var name = UploadedFileCheck.SafeName(fileName);
        var (contentType, refusal) = await UploadedFileCheck.CheckAsync(content, name, scanner, actor, cancellationToken);
        if (refusal is not null)
        {
            return UseCaseResult<IReadOnlyList<EvidenceView>>.Invalid("file", refusal);
        }
        if (indicatorCode is not null && !await db.SubmissionValues.AnyAsync(v => v.SubmissionId == submission.Id && v.IndicatorCode == indicatorCode, cancellationToken))
        {
            return UseCaseResult<IReadOnlyList<EvidenceView>>.Invalid(nameof(indicatorCode), new UserMessage("SubmissionCodeUnknown", indicatorCode));
        }
        var stored = new StoredFile { Id = Guid.NewGuid(), Content = content };
        db.StoredFiles.Add(stored);
        db.SubmissionEvidence.Add(new SubmissionEvidence
        {
            Id = Guid.NewGuid(),
            SubmissionId = submission.Id,
            FileName = name,
            StoredName = stored.Id.ToString("N"),
            ContentType = contentType!,
            Length = content.Length,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(content)),
            IndicatorCode = indicatorCode,
            UploadedUtc = db.UtcNow,
            UploadedBy = actor.UserName,
        });
        await db.SaveChangesAsync(cancellationToken);
        return UseCaseResult<IReadOnlyList<EvidenceView>>.Ok(await ViewsAsync(db, submission.Id, cancellationToken));
    }

    public async Task<UseCaseResult<EvidenceFile>> DownloadAsync(ClaimsPrincipal user, Guid roundId, string parkCode, Guid evidenceId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var submission = await LoadAsync(db, roundId, parkCode, cancellationToken);
        if (submission is null)
        {
            return UseCaseResult<EvidenceFile>.NotFound();
        }
        if (!await AllowedAsync(user, submission, Operations.Read))
        {
            return UseCaseResult<EvidenceFile>.Forbidden();
        }
        var evidence = await db.SubmissionEvidence.AsNoTracking().SingleOrDefaultAsync(e => e.Id == evidenceId && e.SubmissionId == submission.Id, cancellationToken);
        if (evidence is null || !Guid.TryParseExact(evidence.StoredName, "N", out var storedId))
        {
            return UseCaseResult<EvidenceFile>.NotFound();
        }
        var content = await db.StoredFiles.AsNoTracking().Where(f => f.Id == storedId).Select(f => f.Content).SingleAsync(cancellationToken);
        return UseCaseResult<EvidenceFile>.Ok(new EvidenceFile(evidence.FileName, evidence.ContentType, content));
    }

    public async Task<UseCaseResult<IReadOnlyList<EvidenceView>>> RemoveAsync(
        ClaimsPrincipal user, AuditActor actor, Guid roundId, string parkCode, Guid evidenceId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Actor = actor;
        var submission = await LoadAsync(db, roundId, parkCode, cancellationToken);
        if (submission is null)
        {
            return UseCaseResult<IReadOnlyList<EvidenceView>>.NotFound();
        }
        if (!await AllowedAsync(user, submission, Operations.Edit))
        {
            return UseCaseResult<IReadOnlyList<EvidenceView>>.Forbidden();
        }
        var evidence = await db.SubmissionEvidence.SingleOrDefaultAsync(e => e.Id == evidenceId && e.SubmissionId == submission.Id, cancellationToken);
        if (evidence is null)
        {
            return UseCaseResult<IReadOnlyList<EvidenceView>>.NotFound();
        }
        db.SubmissionEvidence.Remove(evidence);
        if (Guid.TryParseExact(evidence.StoredName, "N", out var storedId))
        {
            db.StoredFiles.Remove(new StoredFile { Id = storedId, Content = [] });
        }
        await db.SaveChangesAsync(cancellationToken);
        return UseCaseResult<IReadOnlyList<EvidenceView>>.Ok(await ViewsAsync(db, submission.Id, cancellationToken));
    }

    private static async Task<IReadOnlyList<EvidenceView>> ViewsAsync(ZjDbContext db, Guid submissionId, CancellationToken cancellationToken) =>
        await db.SubmissionEvidence.AsNoTracking().Where(e => e.SubmissionId == submissionId).OrderBy(e => e.UploadedUtc)
            .Select(e => new EvidenceView(e.Id, e.FileName, e.ContentType, e.Length, e.Sha256, e.IndicatorCode, e.UploadedUtc, e.UploadedBy))
            .ToListAsync(cancellationToken);

    private static async Task<SubmissionProbe?> LoadAsync(ZjDbContext db, Guid roundId, string parkCode, CancellationToken cancellationToken) =>
        await db.ParkSubmissions.AsNoTracking().Where(s => s.RoundId == roundId && s.ParkCode == parkCode)
            .Select(s => new SubmissionProbe(s.Id, s.ParkCode, s.Round!.Status, s.Status)).SingleOrDefaultAsync(cancellationToken);

    private async Task<bool> AllowedAsync(ClaimsPrincipal user, SubmissionProbe s, Microsoft.AspNetCore.Authorization.Infrastructure.OperationAuthorizationRequirement operation) =>
        (await authorization.AuthorizeAsync(user, new SubmissionResource(s.ParkCode, s.RoundStatus, s.Status), operation)).Succeeded;

    private sealed record SubmissionProbe(Guid Id, string ParkCode, RoundStatus RoundStatus, SubmissionStatus Status);
}
