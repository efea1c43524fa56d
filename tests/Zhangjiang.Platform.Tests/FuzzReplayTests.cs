using Zhangjiang.Fuzz;

namespace Zhangjiang.Platform.Tests;

/// <summary>
/// Replays, through the same targets AFL++ drives (scripts/fuzz.sh), the fuzzers' starting inputs and every input a
/// fuzzing run found that crashed or hung a parser (FuzzInputs/TARGET/). Each must now be read or refused cleanly — the
/// parser's error list or the one exception its caller turns into a message — and within a bounded time.
/// </summary>
public sealed class FuzzReplayTests
{
    private static readonly string Root = AppContext.BaseDirectory;

    public static TheoryData<string, string> SavedInputs()
    {
        var data = new TheoryData<string, string>();
        foreach (var folder in new[] { "FuzzSeeds", "FuzzInputs" })
        {
            var path = Path.Combine(Root, folder);
            if (!Directory.Exists(path))
            {
                continue;
            }
            // One folder per target; files at the top (the findings' README) are not inputs.
            foreach (var target in Directory.EnumerateDirectories(path).Order(StringComparer.Ordinal))
            {
                foreach (var file in Directory.EnumerateFiles(target).Order(StringComparer.Ordinal))
                {
                    data.Add(Path.GetFileName(target), Path.GetRelativePath(Root, file));
                }
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(SavedInputs))]
    public async Task A_saved_fuzz_input_is_read_or_refused_cleanly(string target, string file)
    {
        var input = await File.ReadAllBytesAsync(Path.Combine(Root, file), TestContext.Current.CancellationToken);
        var run = Task.Run(() => FuzzTargets.Run(target, input), TestContext.Current.CancellationToken);
        // AFL++ called an input a hang after 5 s; a fixed parser answers well within 30 s even on a slow machine.
        var finished = await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken));
        Assert.True(finished == run, $"{file}: the {target} parser did not finish within 30 s");
        await run; // rethrows what the parser threw: a finding not yet fixed
    }

    [Fact]
    public void Every_target_has_starting_inputs_and_every_saved_input_belongs_to_a_target()
    {
        var seeds = Directory.GetDirectories(Path.Combine(Root, "FuzzSeeds")).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(FuzzTargets.Names.Order(StringComparer.Ordinal), seeds);
        Assert.All(seeds, target => Assert.NotEmpty(Directory.GetFiles(Path.Combine(Root, "FuzzSeeds", target!))));
        var found = Path.Combine(Root, "FuzzInputs");
        if (Directory.Exists(found))
        {
            Assert.All(Directory.GetDirectories(found), d => Assert.Contains(Path.GetFileName(d), FuzzTargets.Names));
        }
    }
}
