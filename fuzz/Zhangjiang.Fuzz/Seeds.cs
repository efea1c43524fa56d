using System.Text;
using MiniExcelLibs;
using Zhangjiang.Platform.Features.Enterprises;
using Zhangjiang.Platform.Features.Evaluation;
using Zhangjiang.Platform.Features.Fund;

namespace Zhangjiang.Fuzz;

/// <summary>Small valid inputs for each target, written by the platform's own template writers where it has them.</summary>
public static class Seeds
{
    public static void Write(string directory)
    {
        void Save(string target, string name, byte[] content)
        {
            var folder = Path.Combine(directory, target);
            Directory.CreateDirectory(folder);
            File.WriteAllBytes(Path.Combine(folder, name), content);
        }
        byte[] Workbook(Action<Stream> write)
        {
            using var stream = new MemoryStream();
            write(stream);
            return stream.ToArray();
        }

        var csv = Encoding.UTF8.GetString(StatisticsWorkbooks.CsvTemplate()).TrimEnd('\r', '\n')
            + "\n91310000MA1FL8XQ0B,2024,示例企业,yangpu,6513,5000,100,800\n";
        Save("statistics-csv", "template.csv", StatisticsWorkbooks.CsvTemplate());
        Save("statistics-csv", "template-rows.csv", Encoding.UTF8.GetBytes(csv));
        Save("statistics-csv", "short.csv", Encoding.UTF8.GetBytes("credit_code,year,name,park,industry_code,revenue,employees,rd_expenditure\n91310000MA1FL8XQ0B,2024,示例企业,yangpu,6513,5000,100,800\n"));
        var template = Workbook(s => StatisticsWorkbooks.WriteTemplateAsync(s).GetAwaiter().GetResult());
        Save("statistics-xlsx", "template.xlsx", template);
        Save("statistics-xlsx", "rows.xlsx", Workbook(s => s.SaveAs(new[]
        {
            new Dictionary<string, object?> { ["credit_code"] = "91310000MA1FL8XQ0B", ["year"] = 2024, ["name"] = "示例企业", ["park"] = "yangpu", ["revenue"] = 5000.5 },
        })));
        Save("framework-xlsx", "framework.xlsx", Workbook(s => s.SaveAs(new Dictionary<string, object>
        {
            [FrameworkWorkbook.Sheet] = new[]
            {
                Node(2, "D1", "创新能力", null, null, "Aggregate"), Node(1, "D1_1", "研发投入强度", 1, "D1", "Indicator"), Node(1, "D1_2", "发明专利", 1, "D1", "Indicator"),
            },
        })));
        Save("submission-xlsx", "submission.xlsx", Workbook(s => s.SaveAs(new Dictionary<string, object>
        {
            [SubmissionWorkbook.Sheet] = new[]
            {
                new Dictionary<string, object?> { [SubmissionWorkbook.CodeColumn] = "D1_1", [SubmissionWorkbook.ValueColumn] = 3.2, [SubmissionWorkbook.ExplanationColumn] = null },
                new Dictionary<string, object?> { [SubmissionWorkbook.CodeColumn] = "D1_2", [SubmissionWorkbook.ValueColumn] = 120, [SubmissionWorkbook.ExplanationColumn] = "新增" },
            },
        })));
        Save("experts-xlsx", "template.xlsx", Workbook(s => FundExpertWorkbook.WriteAsync([], s).GetAwaiter().GetResult()));
        Save("coinr-csv", "small.csv", Encoding.UTF8.GetBytes(
            "iCode,iName,Level,Parent,Direction,Weight,Type\nA,Indicator A,1,G,1,1,Indicator\nB,Indicator B,1,G,-1,1,Indicator\nG,Group,2,,1,1,Aggregate"
            + FuzzTargets.CoinrSeparator + "uCode,uName,A,B\nP1,Park 1,1.5,2\nP2,Park 2,,3\n"));
        Save("upload-check", "minimal.pdf", Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"));
        Save("upload-check", "active.pdf", Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj << /OpenAction << /S /JavaScript /JS (x) >> >> endobj\n%%EOF\n"));
        Save("upload-check", "pixel.png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, (byte)'I', (byte)'H', (byte)'D', (byte)'R']);
        Save("upload-check", "template.xlsx", template);
        Save("credit-code", "valid.txt", Encoding.ASCII.GetBytes("91310000MA1FL8XQ0B"));
        Save("credit-code", "lower.txt", Encoding.ASCII.GetBytes(" 91310000ma1fl8xq0b "));
    }

    private static Dictionary<string, object?> Node(int level, string code, string name, int? direction, string? parent, string type) => new()
    {
        ["Level"] = level, ["iCode"] = code, ["iName"] = name, ["Direction"] = direction, ["Weight"] = 1, ["Parent"] = parent, ["Type"] = type,
    };
}
