using System.Globalization;

namespace Zhangjiang.Platform.Common;

/// <summary>
/// Times are stored in UTC; due dates, reporting periods and deadlines are read on Shanghai's calendar (UTC+8, no
/// daylight saving), as the zone's users count days.
/// </summary>
public static class ShanghaiTime
{
    public static DateOnly Day(DateTime utc) => DateOnly.FromDateTime(utc.AddHours(8));

    public static string DayText(DateTime utc) => utc.AddHours(8).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Moment(DateTime utc) => utc.AddHours(8).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
