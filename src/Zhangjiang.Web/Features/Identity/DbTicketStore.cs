using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Zhangjiang.Platform.Authorization;
using Zhangjiang.Platform.Data;
using Zhangjiang.Platform.Features.Identity;

namespace Zhangjiang.Web.Features.Identity;

/// <summary>
/// Server-side sessions: the cookie holds a random key; the ticket lives (encrypted) in UserSessions. Sign-out,
/// disabling and password change delete rows, ending sessions at once on every instance. Idle (30 min) and
/// absolute (8 h) limits are enforced here, from the server's clock, whatever the cookie says.
/// </summary>
public sealed class DbTicketStore(
    IServiceScopeFactory scopes, IDataProtectionProvider protection, SecurityOptions security, TimeProvider clock, IHttpContextAccessor http)
    : ITicketStore
{
    /// <summary>LastSeen is written at most this often, so a busy user does not cost a write per request.</summary>
    private static readonly TimeSpan TouchInterval = TimeSpan.FromMinutes(1);
    private readonly IDataProtector _protector = protection.CreateProtector("Zhangjiang.SessionTicket.v1");

    public async Task<string> StoreAsync(AuthenticationTicket ticket)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        var now = Now;
        var context = http.HttpContext;
        await using var scope = scopes.CreateAsyncScope();
        await using var db = await Contexts(scope).CreateDbContextAsync();
        db.UserSessions.Add(new UserSession
        {
            Id = id,
            UserId = ticket.Principal.UserId() ?? "",
            Ticket = _protector.Protect(TicketSerializer.Default.Serialize(ticket)),
            CreatedUtc = now,
            LastSeenUtc = now,
            ExpiresUtc = now + security.AbsoluteTimeout,
            IpAddress = context?.Connection.RemoteIpAddress?.ToString(),
            UserAgent = Truncate(context?.Request.Headers.UserAgent.ToString(), 300),
        });
        await db.SaveChangesAsync();
        return id;
    }

    public async Task RenewAsync(string key, AuthenticationTicket ticket)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        await using var scope = scopes.CreateAsyncScope();
        await using var db = await Contexts(scope).CreateDbContextAsync();
        var bytes = _protector.Protect(TicketSerializer.Default.Serialize(ticket));
        var now = Now;
        await db.UserSessions.Where(s => s.Id == key)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Ticket, bytes).SetProperty(x => x.LastSeenUtc, now));
    }

    public async Task<AuthenticationTicket?> RetrieveAsync(string key)
    {
        await using var scope = scopes.CreateAsyncScope();
        await using var db = await Contexts(scope).CreateDbContextAsync();
        var session = await db.UserSessions.AsNoTracking().SingleOrDefaultAsync(s => s.Id == key);
        if (session is null)
        {
            return null;
        }
        var now = Now;
        if (now >= session.ExpiresUtc || now - session.LastSeenUtc >= security.IdleTimeout)
        {
            await db.UserSessions.Where(s => s.Id == key).ExecuteDeleteAsync();
            return null;
        }
        if (now - session.LastSeenUtc >= TouchInterval)
        {
            await db.UserSessions.Where(s => s.Id == key).ExecuteUpdateAsync(s => s.SetProperty(x => x.LastSeenUtc, now));
        }
        try
        {
            return TicketSerializer.Default.Deserialize(_protector.Unprotect(session.Ticket));
        }
        catch (CryptographicException)
        {
            // Keys rotated away or row tampered with: the session is void.
            return null;
        }
    }

    public async Task RemoveAsync(string key)
    {
        await using var scope = scopes.CreateAsyncScope();
        await using var db = await Contexts(scope).CreateDbContextAsync();
        await db.UserSessions.Where(s => s.Id == key).ExecuteDeleteAsync();
    }

    /// <summary>Is this session still alive? Used by interactive circuits, which make no HTTP requests to check.</summary>
    public async Task<bool> IsAliveAsync(string key)
    {
        await using var scope = scopes.CreateAsyncScope();
        await using var db = await Contexts(scope).CreateDbContextAsync();
        var now = Now;
        var session = await db.UserSessions.AsNoTracking().SingleOrDefaultAsync(s => s.Id == key);
        return session is not null && now < session.ExpiresUtc && now - session.LastSeenUtc < security.IdleTimeout;
    }

    /// <summary>Marks activity in a circuit as session activity; false when the session is gone (one statement, no prior read).</summary>
    public async Task<bool> TouchAsync(string key)
    {
        await using var scope = scopes.CreateAsyncScope();
        await using var db = await Contexts(scope).CreateDbContextAsync();
        var now = Now;
        var idleSince = now - security.IdleTimeout;
        return await db.UserSessions
            .Where(s => s.Id == key && s.ExpiresUtc > now && s.LastSeenUtc > idleSince)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.LastSeenUtc, now)) > 0;
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private static IDbContextFactory<ZjDbContext> Contexts(AsyncServiceScope scope) =>
        scope.ServiceProvider.GetRequiredService<IDbContextFactory<ZjDbContext>>();

    private static string? Truncate(string? value, int max) => value is null || value.Length <= max ? value : value[..max];
}
