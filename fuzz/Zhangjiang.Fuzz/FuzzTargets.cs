using System.Text;
using Zhangjiang.Indicators;
using Zhangjiang.Platform.Features.Enterprises;
using Zhangjiang.Platform.Features.Evaluation;
using Zhangjiang.Platform.Features.Files;
using Zhangjiang.Platform.Features.Fund;
using Zhangjiang.Platform.Features.Organisations;

namespace Zhangjiang.Fuzz;

/// <summary>
/// Every parser of untrusted input, called the way the platform calls it. A target returns for an accepted input and for
/// a clean refusal (the parser's error list, or the one exception type its caller turns into a message); anything else
/// it throws is a finding. AFL++ runs these through <c>Program</c>; the tests replay the saved inputs through them.
/// </summary>
public static class FuzzTargets
{
    /// <summary>The known codes a submission upload is checked against (a round's indicators).</summary>
    private static readonly string[] SubmissionCodes = ["D1_1", "D1_2", "D2_1"];

    /// <summary>Separates the iMeta part from the iData part of a coinr-csv input.</summary>
    public const string CoinrSeparator = "\n=====\n";

    public static IReadOnlyList<string> Names { get; } =
        ["statistics-csv", "statistics-xlsx", "framework-xlsx", "submission-xlsx", "experts-xlsx", "coinr-csv", "upload-check", "credit-code"];

    public static void Run(string target, byte[] input)
    {
        ArgumentNullException.ThrowIfNull(input);
        switch (target)
        {
            case "statistics-csv":
                Statistics(input, "statistics.csv");
                break;
            case "statistics-xlsx":
                Statistics(input, "statistics.xlsx");
                break;
            case "framework-xlsx":
                FrameworkWorkbook.Read(new MemoryStream(input, writable: false), "framework.xlsx");
                break;
            case "submission-xlsx":
                SubmissionWorkbook.Read(new MemoryStream(input, writable: false), "submission.xlsx", SubmissionCodes);
                break;
            case "experts-xlsx":
                FundExpertWorkbook.Read(new MemoryStream(input, writable: false), "experts.xlsx");
                break;
            case "coinr-csv":
                Coinr(input);
                break;
            case "upload-check":
                UploadedFileCheck.Check(input, "evidence.pdf");
                break;
            case "credit-code":
                CreditCode.Check(Encoding.UTF8.GetString(input)).ToMessage();
                break;
            default:
                throw new ArgumentException($"unknown fuzz target '{target}'; known: {string.Join(", ", Names)}", nameof(target));
        }
    }

    /// <summary>As the importer reads a file: the pre-parse check, the header map, then every cell of every row.</summary>
    private static void Statistics(byte[] input, string fileName)
    {
        using var file = new MemoryStream(input, writable: false);
        if (StatisticsFile.Check(file, fileName, out var format) is not null)
        {
            return;
        }
        try
        {
            using var source = StatisticsFile.Open(file, format);
            var (map, _) = StatisticsFile.ColumnMap.From(source.Header);
            var rows = 0;
            while (source.MoveNext() && ++rows <= StatisticsFile.MaxRows)
            {
                for (var column = 0; column < Math.Max(source.ColumnCount, map?.Header.Count ?? 0); column++)
                {
                    _ = source.Cell(column);
                }
            }
        }
        catch (Exception e) when (StatisticsFile.RefusalFor(e, fileName, format) is not null)
        {
            // The importer answers these with a message naming the file.
        }
    }

    private static void Coinr(byte[] input)
    {
        var text = Encoding.UTF8.GetString(input);
        var split = text.IndexOf(CoinrSeparator, StringComparison.Ordinal);
        var meta = split < 0 ? text : text[..split];
        var data = split < 0 ? "" : text[(split + CoinrSeparator.Length)..];
        try
        {
            var framework = CoinrCsv.ReadMeta(new MemoryStream(Encoding.UTF8.GetBytes(meta)), "iMeta.csv");
            CoinrCsv.ReadData(new MemoryStream(Encoding.UTF8.GetBytes(data)), "iData.csv", framework);
        }
        catch (InputFileException)
        {
            // The CLI prints it: file, row, column and problem.
        }
    }
}
