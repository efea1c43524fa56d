using Zhangjiang.Platform.Features.Enterprises;

namespace Zhangjiang.Platform.Tests.Enterprises;

public sealed class FieldDictionaryDocTests
{
    /// <summary>docs/enterprise-statistics.md is the dictionary users read; it must say what the importer does.</summary>
    [Fact]
    public void The_documented_field_dictionary_matches_the_code()
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "Zhangjiang.slnx")))
        {
            root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("The checkout root was not found.");
        }
        var path = Path.Combine(root, "docs", "enterprise-statistics.md");
        var expected = StatisticsWorkbooks.DictionaryMarkdown();
        if (Environment.GetEnvironmentVariable("ZJ_UPDATE_DOCS") == "1")
        {
            File.WriteAllText(path, expected);
        }
        Assert.True(File.Exists(path) && File.ReadAllText(path) == expected,
            "docs/enterprise-statistics.md differs from StatisticsFields; regenerate it with ZJ_UPDATE_DOCS=1 dotnet test tests/Zhangjiang.Platform.Tests");
    }
}
