using Microsoft.EntityFrameworkCore;
using Zhangjiang.Platform.Common;
using Zhangjiang.Platform.Data;

namespace Zhangjiang.Platform.Features.Files;

/// <summary>
/// The bytes of an uploaded file, under a generated id, in the database: one store for every instance, inside every
/// backup, on both providers. The row that refers to it (e.g. a submission's evidence) carries the name, size, type
/// and SHA-256 and is what the audit trail records.
/// </summary>
public sealed class StoredFile
{
    public Guid Id { get; set; }
    public required byte[] Content { get; set; }
}

/// <summary>What an uploaded file is, judged by its content (never by its name), and whether it may be kept.</summary>
public static class UploadedFileCheck
{
    public const long MaxBytes = 10 * 1024 * 1024;
    private static ReadOnlySpan<byte> PngSignature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static ReadOnlySpan<byte> JpegSignature => [0xFF, 0xD8, 0xFF];

    /// <summary>
    /// <see cref="Check"/>, then the virus scanner (when one is configured) for a file that passed: every file kept for
    /// others to download goes through here.
    /// </summary>
    public static async Task<(string? ContentType, UserMessage? Refusal)> CheckAsync(
        byte[] content, string fileName, MalwareScanner? scanner, Auditing.AuditActor actor, CancellationToken cancellationToken)
    {
        var (contentType, refusal) = Check(content, fileName);
        if (refusal is null && scanner is not null && await scanner.ScanAsync(content, fileName, actor, cancellationToken) is { } finding)
        {
            return (null, finding);
        }
        return (contentType, refusal);
    }

    /// <summary>The content type for an accepted file, or the reason it is refused.</summary>
    public static (string? ContentType, UserMessage? Refusal) Check(byte[] content, string fileName)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (content.Length == 0)
        {
            return (null, new UserMessage("FileEmpty", fileName));
        }
        if (content.Length > MaxBytes)
        {
            return (null, new UserMessage("UploadTooLarge", fileName, MaxBytes / (1024 * 1024)));
        }
        if (content.AsSpan().StartsWith("%PDF-"u8))
        {
            // Active content a reader could run: scripts, launch actions, embedded files, rich media, XFA forms.
            var text = System.Text.Encoding.Latin1.GetString(content);
            var active = System.Text.RegularExpressions.Regex.Match(text, @"/(JavaScript|JS|Launch|EmbeddedFile|RichMedia|XFA)(?=[\s(<\[/])");
            if (active.Success)
            {
                return (null, new UserMessage("FileActiveContent", fileName, active.Value));
            }
            return ("application/pdf", null);
        }
        if (content.AsSpan().StartsWith(PngSignature))
        {
            return ("image/png", null);
        }
        if (content.AsSpan().StartsWith(JpegSignature))
        {
            return ("image/jpeg", null);
        }
        if (content.AsSpan().StartsWith("PK"u8))
        {
            using var stream = new MemoryStream(content, writable: false);
            var refusal = Importing.SpreadsheetUpload.Check(stream, fileName.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase) ? fileName : fileName + ".xlsx");
            return refusal is null ? ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", null) : (null, refusal);
        }
        return (null, new UserMessage("FileTypeNotAllowed", fileName));
    }

    /// <summary>The name without any path, control characters or more than 200 characters.</summary>
    public static string SafeName(string fileName)
    {
        var name = Path.GetFileName((fileName ?? "").Replace('\\', '/'));
        name = new string(name.Where(c => !char.IsControl(c)).ToArray()).Trim();
        return name.Length == 0 ? "file" : name.Length > 200 ? name[^200..] : name;
    }
}

/// <summary>
/// A file attached to a record of the coordination modules (a linkage feedback, a plan progress report): its name, type,
/// size and SHA-256, with the bytes in <see cref="StoredFile"/>. <see cref="OwnerKind"/> names the kind of record and
/// <see cref="OwnerId"/> the record, so each module checks access through its own record before serving the file.
/// </summary>
public sealed class AttachedFile
{
    public Guid Id { get; set; }
    public required string OwnerKind { get; set; }
    public Guid OwnerId { get; set; }
    public required string FileName { get; set; }
    public required string ContentType { get; set; }
    public long Length { get; set; }
    public required string Sha256 { get; set; }
    public Guid StoredFileId { get; set; }
    public DateTime UploadedUtc { get; set; }
    public required string UploadedBy { get; set; }
}

public sealed record UploadedFile(string FileName, byte[] Content);

public sealed record AttachedFileView(Guid Id, string FileName, string ContentType, long Length, string Sha256, DateTime UploadedUtc, string UploadedBy);

/// <summary>Adds and reads <see cref="AttachedFile"/>s; callers have checked the user's access to the owner first.</summary>
public static class AttachedFiles
{
    public const string LinkageFeedback = "linkage-feedback";
    public const string PlanReport = "plan-report";
    public const string NetworkEvent = "network-event";
    public const int MaxPerOwner = 20;

    /// <summary>
    /// Checks each file by content (and the virus scanner) and adds it (not saved); the refusals name the file, and
    /// nothing is added when there is one.
    /// </summary>
    public static async Task<List<FieldError>> AddAsync(
        ZjDbContext db, MalwareScanner? scanner, Auditing.AuditActor actor, string ownerKind, Guid ownerId, IReadOnlyList<UploadedFile> files,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(files);
        var errors = new List<FieldError>();
        var accepted = new List<(string Name, string Type, byte[] Content)>();
        if (files.Count > MaxPerOwner)
        {
            errors.Add(new FieldError("files", new UserMessage("FilesTooMany", MaxPerOwner)));
            return errors;
        }
        foreach (var file in files)
        {
            var name = UploadedFileCheck.SafeName(file.FileName);
            var (type, refusal) = await UploadedFileCheck.CheckAsync(file.Content, name, scanner, actor, cancellationToken);
            if (refusal is not null)
            {
                errors.Add(new FieldError("files", refusal));
            }
            else
            {
                accepted.Add((name, type!, file.Content));
            }
        }
        if (errors.Count > 0)
        {
            return errors;
        }
        foreach (var (name, type, content) in accepted)
        {
            var stored = new StoredFile { Id = Guid.NewGuid(), Content = content };
            db.StoredFiles.Add(stored);
            db.AttachedFiles.Add(new AttachedFile
            {
                Id = Guid.NewGuid(), OwnerKind = ownerKind, OwnerId = ownerId, FileName = name, ContentType = type, Length = content.Length,
                Sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content)), StoredFileId = stored.Id,
                UploadedUtc = db.UtcNow, UploadedBy = actor.UserName,
            });
        }
        return errors;
    }

    public static async Task<Dictionary<Guid, List<AttachedFileView>>> OfAsync(ZjDbContext db, string ownerKind, IReadOnlyCollection<Guid> ownerIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var rows = await db.AttachedFiles.AsNoTracking().Where(f => f.OwnerKind == ownerKind && ownerIds.Contains(f.OwnerId)).OrderBy(f => f.UploadedUtc).ToListAsync(cancellationToken);
        return rows.GroupBy(f => f.OwnerId).ToDictionary(g => g.Key, g => g.Select(f => new AttachedFileView(f.Id, f.FileName, f.ContentType, f.Length, f.Sha256, f.UploadedUtc, f.UploadedBy)).ToList());
    }

    /// <summary>The file with the bytes, when it belongs to one of the given owners of the kind.</summary>
    public static async Task<Evaluation.EvidenceFile?> ReadAsync(ZjDbContext db, string ownerKind, Guid fileId, IReadOnlyCollection<Guid> ownerIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var file = await db.AttachedFiles.AsNoTracking().SingleOrDefaultAsync(f => f.Id == fileId && f.OwnerKind == ownerKind && ownerIds.Contains(f.OwnerId), cancellationToken);
        if (file is null)
        {
            return null;
        }
        var content = await db.StoredFiles.AsNoTracking().Where(s => s.Id == file.StoredFileId).Select(s => s.Content).SingleAsync(cancellationToken);
        return new Evaluation.EvidenceFile(file.FileName, file.ContentType, content);
    }
}
