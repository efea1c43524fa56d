using System.Text.RegularExpressions;

namespace Zhangjiang.Platform.Tests;

/// <summary>
/// ASVS 13.3.1 (no secrets in the repository), 1.5.2 (no unsafe deserialisation), 1.2.4 (no SQL built from values):
/// checks over the checked-out source, so a change that breaks them fails here rather than in an assessment.
/// </summary>
public sealed partial class SourceHygieneTests
{
    private static readonly string Root = FindRoot();

    private static string FindRoot()
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "Zhangjiang.slnx")))
        {
            root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("The checkout root was not found.");
        }
        return root;
    }

    private static IEnumerable<string> SourceFiles(string pattern) =>
        Directory.EnumerateFiles(Path.Combine(Root, "src"), pattern, SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

    [Fact]
    public void The_checked_in_settings_hold_no_passwords_or_keys()
    {
        var files = SourceFiles("appsettings*.json").ToList();
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            var text = File.ReadAllText(file);
            Assert.False(Secret().IsMatch(text), $"{Path.GetRelativePath(Root, file)} holds a secret: {Secret().Match(text).Value}");
        }
    }

    [Fact]
    public void Nothing_deserialises_types_named_by_the_input()
    {
        foreach (var file in SourceFiles("*.cs"))
        {
            var text = File.ReadAllText(file);
            Assert.False(UnsafeDeserialisation().IsMatch(text), $"{Path.GetRelativePath(Root, file)}: {UnsafeDeserialisation().Match(text).Value}");
        }
    }

    [Fact]
    public void Raw_SQL_interpolates_only_the_names_of_our_own_tables()
    {
        var checkedCalls = 0;
        foreach (var file in SourceFiles("*.cs").Where(f => !f.Contains("Migrations", StringComparison.Ordinal)))
        {
            foreach (Match call in RawSqlCall().Matches(File.ReadAllText(file)))
            {
                checkedCalls++;
                foreach (Match hole in Interpolation().Matches(call.Groups["sql"].Value))
                {
                    Assert.StartsWith("EnterpriseModel.", hole.Groups[1].Value, StringComparison.Ordinal);
                }
            }
        }
        Assert.True(checkedCalls > 0, "The raw-SQL pattern found no call: the check has gone stale.");
    }

    [GeneratedRegex(@"(?i)(password|pwd|secret|apikey|api_key)\s*[""=:]\s*""?[^""\s;{}]{3,}|-----BEGIN [A-Z ]*PRIVATE KEY-----")]
    private static partial Regex Secret();

    [GeneratedRegex(@"BinaryFormatter|NetDataContractSerializer|SoapFormatter|LosFormatter|TypeNameHandling\.(All|Auto|Objects|Arrays)|JavaScriptSerializer")]
    private static partial Regex UnsafeDeserialisation();

    [GeneratedRegex(@"(?:FromSqlRaw|ExecuteSqlRaw|ExecuteSqlRawAsync|SqlQueryRaw)(?:<[^>]+>)?\(\s*(?<sql>\$?""(?:\\.|[^""\\])*"")")]
    private static partial Regex RawSqlCall();

    [GeneratedRegex(@"\{([^}]+)\}")]
    private static partial Regex Interpolation();
}
