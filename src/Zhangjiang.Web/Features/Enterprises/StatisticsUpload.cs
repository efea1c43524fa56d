using System.Security.Claims;
using Zhangjiang.Platform.Features.Auditing;
using Zhangjiang.Platform.Features.Enterprises;

namespace Zhangjiang.Web.Features.Enterprises;

/// <summary>
/// An uploaded statistics file (API body or browser upload) goes to a temporary file first: the importer needs a
/// seekable file (digest, zip checks) and a 1 GB CSV must not sit in memory. The temporary file is deleted on close.
/// </summary>
public static class StatisticsUpload
{
    /// <summary>The largest upload: a CSV may be 1 GB, a workbook 200 MB (checked again by the importer).</summary>
    public static long LimitFor(string fileName) =>
        fileName.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) ? StatisticsFile.MaxCsvBytes : StatisticsFile.XlsxLimits.MaxBytes;

    /// <summary>Copies the upload (refusing it past the limit) and imports it; null when it was too large.</summary>
    public static async Task<StatisticsImportOutcome?> ImportAsync(
        StatisticsImporter importer, ClaimsPrincipal user, AuditActor actor, Stream upload, string fileName,
        IProgress<StatisticsImportProgress>? progress, IProgress<long>? received, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(importer);
        ArgumentNullException.ThrowIfNull(upload);
        var limit = LimitFor(fileName);
        var path = Path.Combine(Path.GetTempPath(), "zj-upload-" + Guid.NewGuid().ToString("N"));
        await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        var buffer = new byte[1 << 16];
        long total = 0;
        int read;
        while ((read = await upload.ReadAsync(buffer, cancellationToken)) > 0)
        {
            total += read;
            if (total > limit)
            {
                return null;
            }
            await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            received?.Report(total);
        }
        file.Position = 0;
        return await importer.ImportAsync(user, actor, file, fileName, progress, cancellationToken);
    }
}
