using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Zhangjiang.Platform.Authorization;
using Zhangjiang.Platform.Common;
using Zhangjiang.Platform.Data;
using Zhangjiang.Platform.Features.Fund;
using Zhangjiang.Platform.Features.Identity;

namespace Zhangjiang.Platform.Features.Notifications;

/// <summary>
/// An in-app notice (站内通知) for an audience rather than for each user (ADR 0013): an organisation's accounts, a park's
/// managers, a district's officers, the city's staff, one user. Accounts added later still see what their organisation was told, and a notice to the city is
/// one row, not one per officer. The text is rendered in both languages when it is written, so the reader's language
/// and the e-mail's are a choice of column.
/// </summary>
public sealed class Notification
{
    public long Id { get; set; }
    /// <summary>See <see cref="Audiences"/>: "org:{credit code}", "park:{code}", "district:{code}", "city", "user:{user name}".</summary>
    public required string Audience { get; set; }
    public required string TextZh { get; set; }
    public required string TextEn { get; set; }
    /// <summary>The page the notice is about, relative to the site (e.g. /fund/applications/{id}).</summary>
    public string? Link { get; set; }
    public DateTime CreatedUtc { get; set; }
    /// <summary>Reminders carry a key (what and which date) so the daily sweep never sends the same one twice.</summary>
    public string? DedupKey { get; set; }
    /// <summary>Set by the mailer when it has handled the notice (sent, or nothing to send); null while waiting.</summary>
    public DateTime? MailedUtc { get; set; }
}

/// <summary>That a user has read a notice.</summary>
public sealed class NotificationRead
{
    public long NotificationId { get; set; }
    public required string UserName { get; set; }
    public DateTime ReadUtc { get; set; }
}

public static class Audiences
{
    public const string City = "city";

    /// <summary>The security administrators (intrusion alarms).</summary>
    public const string SecurityAdministrators = "security";

    public static string Organisation(string creditCode) => "org:" + creditCode;

    public static string User(string userName) => "user:" + userName;

    /// <summary>A park's managers.</summary>
    public static string Park(string parkCode) => "park:" + parkCode;

    /// <summary>A district's officers.</summary>
    public static string District(string districtCode) => "district:" + districtCode;

    /// <summary>Every audience a signed-in user belongs to.</summary>
    public static IReadOnlyList<string> Of(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var list = new List<string>();
        if (user.Identity?.Name is { Length: > 0 } name)
        {
            list.Add(User(name));
        }
        if (user.OrganisationScope() is { } org && (user.IsInRole(Roles.Operator) || user.IsInRole(Roles.Enterprise)))
        {
            list.Add(Organisation(org));
        }
        if (user.IsInRole(Roles.ParkManager) && user.ParkScope() is { } park)
        {
            list.Add(Park(park));
        }
        if (user.IsInRole(Roles.DistrictOfficer) && user.DistrictScope() is { } district)
        {
            list.Add(District(district));
        }
        if (user.IsCityWide())
        {
            list.Add(City);
        }
        if (user.IsInRole(Roles.SecurityAdmin))
        {
            list.Add(SecurityAdministrators);
        }
        return list;
    }
}

/// <summary>Writes notices in the same unit of work as the change they are about.</summary>
public static class Notify
{
    private static readonly CultureInfo Zh = CultureInfo.GetCultureInfo("zh-CN");
    private static readonly CultureInfo En = CultureInfo.GetCultureInfo("en");

    public static Notification Add(ZjDbContext db, string audience, UserMessage message, string? link, string? dedupKey = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(message);
        var notice = new Notification
        {
            Audience = audience, TextZh = Cut(message.Render(Zh)), TextEn = Cut(message.Render(En)), Link = link, CreatedUtc = db.UtcNow, DedupKey = dedupKey,
        };
        db.Notifications.Add(notice);
        return notice;
    }

    /// <summary>
    /// Every move of a fund application's status tells its applicant, whichever use case made it: the DbContext calls
    /// this before saving, so a new status path cannot forget to.
    /// </summary>
    public static async Task ApplicationStatusChangesAsync(ZjDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var events = db.ChangeTracker.Entries<FundApplicationEvent>().Where(e => e.State == EntityState.Added && e.Entity.From is not null).Select(e => e.Entity).ToList();
        foreach (var moved in events)
        {
            var application = db.ChangeTracker.Entries<FundApplication>().Select(e => e.Entity).FirstOrDefault(a => a.Id == moved.ApplicationId)
                ?? await db.FundApplications.AsNoTracking().SingleAsync(a => a.Id == moved.ApplicationId, cancellationToken);
            var message = new UserMessage("NotifyFundStatus", application.TrackingNumber ?? "", application.ProjectTitle,
                new UserMessage("FundApplicationStatus." + moved.To), (object?)moved.ReasonMessage ?? moved.Reason ?? "");
            Add(db, Audiences.Organisation(application.ApplicantCreditCode), message, "/fund/applications/" + application.Id);
        }
    }

    private static string Cut(string text) => text.Length <= 2000 ? text : text[..1999] + "…";
}
