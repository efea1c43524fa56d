using System.Globalization;

namespace Zhangjiang.Platform.Common;

/// <summary>
/// Times are stored in UTC; due dates, reporting periods and deadlines are read on Shanghai's calendar (UTC+8, no
/// daylight saving), as the zone's users count days.
/// </summary>
public static class ShanghaiTime
{
    public static DateOnly Day(DateTime utc) => DateOnly.FromDateTime(utc.AddHours(8));

    /// <summary>
    /// Today in Shanghai as a date at midnight, for a date picker's default. Not DateTime.Today: the server's own zone
    /// (UTC on these machines) is a day behind Shanghai from 16:00 to 24:00 UTC, and the use cases check dates against
    /// Shanghai's today (a payment "before the contract was signed" was refused then; found by the fund E2E test).
    /// </summary>
    public static DateTime Today(TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return Day(clock.GetUtcNow().UtcDateTime).ToDateTime(TimeOnly.MinValue);
    }

    public static string DayText(DateTime utc) => utc.AddHours(8).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Moment(DateTime utc) => utc.AddHours(8).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
