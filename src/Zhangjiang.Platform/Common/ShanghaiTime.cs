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
        return Date(clock.GetUtcNow().UtcDateTime);
    }

    /// <summary>A stored UTC time as the Shanghai calendar date users pick it on (a date at midnight).</summary>
    public static DateTime Date(DateTime utc) => Day(utc).ToDateTime(TimeOnly.MinValue);

    /// <summary>The first moment of a Shanghai calendar day, in UTC.</summary>
    public static DateTime StartOfDayUtc(DateTime date) => DateTime.SpecifyKind(date.Date.AddHours(-8), DateTimeKind.Utc);

    /// <summary>The end of a Shanghai calendar day (the next day's first moment), in UTC: a deadline on that day.</summary>
    public static DateTime EndOfDayUtc(DateTime date) => StartOfDayUtc(date.AddDays(1));

    public static string DayText(DateTime utc) => utc.AddHours(8).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Moment(DateTime utc) => utc.AddHours(8).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
