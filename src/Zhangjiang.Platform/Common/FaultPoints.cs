namespace Zhangjiang.Platform.Common;

/// <summary>
/// Named places inside long writes where a fault test can hold the process in order to kill it there
/// (environment variable ZJ_PAUSE_AT=&lt;name&gt;). Unset, as in every real deployment, a point does nothing.
/// Timing a kill from outside was not reliable: the write could finish first on a fast run.
/// </summary>
public static class FaultPoints
{
    public const string StatisticsImportWriting = "statistics-import-writing";
    /// <summary>A round's result and scores are written, not yet committed.</summary>
    public const string RoundResultWritten = "round-result-written";
    /// <summary>A call's approval (statuses, events, notices) is written, not yet committed.</summary>
    public const string FundApprovalWritten = "fund-approval-written";

    private static readonly string? PauseAt = Environment.GetEnvironmentVariable("ZJ_PAUSE_AT");

    public static void Reached(string name)
    {
        if (PauseAt is not null && string.Equals(PauseAt, name, StringComparison.Ordinal))
        {
            Console.Error.WriteLine($"ZJ_PAUSE_AT: paused at {name}");
            Thread.Sleep(Timeout.Infinite);
        }
    }
}
