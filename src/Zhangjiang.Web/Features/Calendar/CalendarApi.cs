using System.Globalization;
using System.Security.Claims;
using System.Text;
using Zhangjiang.Platform.Authorization;
using Zhangjiang.Platform.Common;
using Zhangjiang.Platform.Features.Calendar;

namespace Zhangjiang.Web.Features.Calendar;

/// <summary>The caller's obligations under /api/v1/calendar, as JSON or as an iCalendar file.</summary>
public static class CalendarApi
{
    public static void MapCalendarApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var api = app.MapGroup("/api/v1/calendar").WithTags("Calendar").RequireAuthorization(Policies.SignedIn);
        api.MapGet("/", async (DateOnly? from, DateOnly? to, string? park, ClaimsPrincipal user, ObligationCalendar calendar, TimeProvider clock, CancellationToken ct) =>
            {
                var (start, end) = Range(from, to, clock);
                return Results.Ok(await calendar.ForUserAsync(user, start, end, park, ct));
            })
            .WithName("GetCalendar").WithSummary("Dated obligations in the caller's scope (default: a month back to a year ahead), optionally for one park.");
        api.MapGet("/obligations.ics", async (DateOnly? from, DateOnly? to, string? park, ClaimsPrincipal user, HttpRequest request, ObligationCalendar calendar, TimeProvider clock,
                CancellationToken ct) =>
            {
                var (start, end) = Range(from, to, clock);
                var entries = await calendar.ForUserAsync(user, start, end, park, ct);
                var ics = ObligationCalendar.ToICalendar(entries, CultureInfo.CurrentUICulture, clock.GetUtcNow().UtcDateTime, $"{request.Scheme}://{request.Host}");
                return Results.File(Encoding.UTF8.GetBytes(ics), "text/calendar; charset=utf-8", "zhangjiang-obligations.ics");
            })
            .WithName("ExportCalendar").WithSummary("The same obligations as an iCalendar (RFC 5545) file of all-day events, to import into Outlook or any calendar.");
    }

    private static (DateOnly From, DateOnly To) Range(DateOnly? from, DateOnly? to, TimeProvider clock)
    {
        var today = ShanghaiTime.Day(clock.GetUtcNow().UtcDateTime);
        var start = from ?? today.AddMonths(-1);
        var end = to ?? today.AddYears(1);
        // At most three years in one call, so a request cannot ask for the whole history at once.
        return (start, end > start.AddYears(3) ? start.AddYears(3) : end);
    }
}
