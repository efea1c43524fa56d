using SharpFuzz;
using Zhangjiang.Fuzz;

// zj-fuzz TARGET         run under afl-fuzz (scripts/fuzz.sh), one input per execution from AFL's shared memory
// zj-fuzz seeds DIR      write the starting inputs for every target under DIR/<target>/
// zj-fuzz replay TARGET FILE...   run saved inputs outside AFL and print what each threw (for triage)
if (args is ["replay", var replayTarget, .. var files])
{
    var failed = 0;
    foreach (var file in files)
    {
        try
        {
            FuzzTargets.Run(replayTarget, File.ReadAllBytes(file));
        }
        catch (Exception e)
        {
            failed++;
            var frame = e.StackTrace?.Split('\n').FirstOrDefault()?.Trim();
            Console.WriteLine($"{Path.GetFileName(file)}\t{e.GetType().Name}\t{e.Message.ReplaceLineEndings(" ")}\t{frame}");
        }
    }
    Console.WriteLine($"{files.Length - failed} of {files.Length} read or refused cleanly");
    return failed == 0 ? 0 : 1;
}
if (args is ["seeds", var directory])
{
    Seeds.Write(directory);
    return 0;
}
if (args is [var target] && FuzzTargets.Names.Contains(target))
{
    Fuzzer.OutOfProcess.Run(stream =>
    {
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        FuzzTargets.Run(target, buffer.ToArray());
    });
    return 0;
}
Console.Error.WriteLine($"usage: zj-fuzz TARGET | zj-fuzz seeds DIR | zj-fuzz replay TARGET FILE...   (targets: {string.Join(", ", FuzzTargets.Names)})");
return 2;
