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

    /// <summary>The content type for an accepted file, or the reason it is refused.</summary>
    public static (string? ContentType, Common.UserMessage? Refusal) Check(byte[] content, string fileName)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (content.Length == 0)
        {
            return (null, new Common.UserMessage("FileEmpty", fileName));
        }
        if (content.Length > MaxBytes)
        {
            return (null, new Common.UserMessage("UploadTooLarge", fileName, MaxBytes / (1024 * 1024)));
        }
        if (content.AsSpan().StartsWith("%PDF-"u8))
        {
            // Active content a reader could run: scripts, launch actions, embedded files, rich media, XFA forms.
            var text = System.Text.Encoding.Latin1.GetString(content);
            var active = System.Text.RegularExpressions.Regex.Match(text, @"/(JavaScript|JS|Launch|EmbeddedFile|RichMedia|XFA)(?=[\s(<\[/])");
            if (active.Success)
            {
                return (null, new Common.UserMessage("FileActiveContent", fileName, active.Value));
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
        return (null, new Common.UserMessage("FileTypeNotAllowed", fileName));
    }

    /// <summary>The name without any path, control characters or more than 200 characters.</summary>
    public static string SafeName(string fileName)
    {
        var name = Path.GetFileName((fileName ?? "").Replace('\\', '/'));
        name = new string(name.Where(c => !char.IsControl(c)).ToArray()).Trim();
        return name.Length == 0 ? "file" : name.Length > 200 ? name[^200..] : name;
    }
}
