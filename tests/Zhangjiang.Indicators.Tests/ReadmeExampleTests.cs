namespace Zhangjiang.Indicators.Tests;

/// <summary>The README's code example is this test: it runs, and the README shows exactly this code.</summary>
public sealed class ReadmeExampleTests
{
    private static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Zhangjiang.slnx")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("The repository root (Zhangjiang.slnx) was not found above the test binaries.");
    }

    [Fact]
    public void The_readme_example_runs()
    {
        var previous = Directory.GetCurrentDirectory();
        Directory.SetCurrentDirectory(Root());
        var output = new StringWriter();
        var console = Console.Out;
        Console.SetOut(output);
        try
        {
            Example();
        }
        finally
        {
            Console.SetOut(console);
            Directory.SetCurrentDirectory(previous);
        }
        Assert.Matches(@"^[A-Z]{3}: \d+\.\d\d", output.ToString());
    }

    [Fact]
    public void The_readme_shows_this_code()
    {
        var readme = File.ReadAllText(Path.Combine(Root(), "README.md"));
        var start = readme.IndexOf("<!-- readme-example -->", StringComparison.Ordinal);
        Assert.True(start >= 0, "README.md lost its example marker");
        var block = readme[(readme.IndexOf("```csharp\n", start, StringComparison.Ordinal) + 10)..];
        block = block[..block.IndexOf("```", StringComparison.Ordinal)];
        var source = File.ReadAllText(Path.Combine(Root(), "tests", "Zhangjiang.Indicators.Tests", "ReadmeExampleTests.cs"));
        var body = source[(source.IndexOf("// readme-begin\n", StringComparison.Ordinal) + 16)..];
        body = body[..body.IndexOf("        // readme-end", StringComparison.Ordinal)];
        static string Normalise(string code) => string.Join("\n", code.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0));
        Assert.Equal(Normalise(block), Normalise(body));
    }

    private static void Example()
    {
        // readme-begin
        using var data = File.OpenRead("tests/Zhangjiang.Indicators.Tests/Data/asem/iData.csv");
        using var meta = File.OpenRead("tests/Zhangjiang.Indicators.Tests/Data/asem/iMeta.csv");
        var (framework, units) = CoinrCsv.Read(data, "iData.csv", meta, "iMeta.csv");
        var result = CompositeIndicator.Run(framework, units, new PipelineOptions
        {
            Imputation = ImputationMethod.GroupMean, ImputationGroup = "EurAsia_group", Treatment = new TreatmentOptions(),
        });
        var best = result.UnitCodes.OrderBy(u => result.Rank("Index", u)).First();
        Console.WriteLine($"{best}: {result.Score("Index", best):F2}");
        // readme-end
    }
}
