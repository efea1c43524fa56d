namespace Zhangjiang.Platform.Features.Auditing;

/// <summary>Lets the host say who is acting when a use case did not set <c>ZjDbContext.Actor</c> (e.g. Identity's own writes).</summary>
public interface IAuditActorAccessor
{
    AuditActor? Current { get; }
}
