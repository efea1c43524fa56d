namespace Zhangjiang.Platform.Features.Auditing;

/// <summary>Who is acting: recorded on every audit row. Use cases receive it from the web or CLI host.</summary>
public sealed record AuditActor(string? UserId, string UserName, string? IpAddress)
{
    /// <summary>The platform itself (seeding, migrations), not a person.</summary>
    public static AuditActor System { get; } = new(null, "system", null);

    public static AuditActor Cli(string osUser) => new(null, "cli:" + osUser, null);
}
