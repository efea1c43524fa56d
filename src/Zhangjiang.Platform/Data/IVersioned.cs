namespace Zhangjiang.Platform.Data;

/// <summary>
/// A row two people can edit. <see cref="Version"/> is an app-managed concurrency token, renewed on every
/// update by <see cref="ZjDbContext"/>; a stale edit fails with a concurrency conflict on both providers.
/// </summary>
public interface IVersioned
{
    Guid Version { get; set; }
}
