namespace Zhangjiang.Tests.Shared;

/// <summary>
/// CI sets ZJ_REQUIRE_ALL=1: then a missing PostgreSQL or browser fails the test instead of skipping it.
/// </summary>
public static class TestEnvironment
{
    public static bool RequireAll => Environment.GetEnvironmentVariable("ZJ_REQUIRE_ALL") is "1" or "true";

    public static void Unavailable(string what)
    {
        if (RequireAll)
        {
            Assert.Fail($"{what} is not available, and ZJ_REQUIRE_ALL=1 requires it.");
        }
        Assert.Skip($"{what} is not available on this machine (set ZJ_REQUIRE_ALL=1 to make this a failure).");
    }
}
