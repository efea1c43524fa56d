using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Zhangjiang.Platform.Authorization;
using Zhangjiang.Platform.Common;
using Zhangjiang.Platform.Data;
using Zhangjiang.Platform.Features.Auditing;

namespace Zhangjiang.Platform.Features.Enterprises;

public sealed record TierAwardInput
{
    public EnterpriseTier Tier { get; init; }
    public string CertificateNumber { get; init; } = "";
    public string IssuingBody { get; init; } = "";
    public DateOnly AwardedOn { get; init; }
    /// <summary>Empty: the tier's usual validity from the award date (none for unicorn and listed).</summary>
    public DateOnly? ExpiresOn { get; init; }
    public string? Note { get; init; }
}

public sealed record ExpiringAward(string CreditCode, string NameZh, string? ParkCode, EnterpriseTier Tier, string CertificateNumber, DateOnly ExpiresOn, int DaysLeft);

/// <summary>
/// Tier awards (certificates) as the city records them — added, revoked with a reason — and the reminder list of awards
/// that expire soon, within the caller's scope, so parks can help firms renew in time.
/// </summary>
public sealed class TierAwards(IDbContextFactory<ZjDbContext> contexts, IAuthorizationService authorization)
{
    public async Task<UseCaseResult<TierAwardView>> AddAsync(ClaimsPrincipal user, AuditActor actor, string creditCode, TierAwardInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Actor = actor;
        var (firm, resource) = await EnterpriseRegistry.FindAsync(db, creditCode, cancellationToken);
        // Out of the caller's scope looks the same as absent.
        if (firm is null || !(await authorization.AuthorizeAsync(user, resource!, Operations.Read)).Succeeded)
        {
            return UseCaseResult<TierAwardView>.NotFound();
        }
        var code = firm.CreditCode;
        if (!(await authorization.AuthorizeAsync(user, resource!, Operations.Review)).Succeeded)
        {
            return UseCaseResult<TierAwardView>.Forbidden();
        }
        var errors = new List<FieldError>();
        if (!Enum.IsDefined(input.Tier))
        {
            errors.Add(new(nameof(input.Tier), new UserMessage("Required", nameof(input.Tier))));
        }
        if (string.IsNullOrWhiteSpace(input.CertificateNumber) || input.CertificateNumber.Trim().Length > 60)
        {
            errors.Add(new(nameof(input.CertificateNumber), new UserMessage("Required", nameof(input.CertificateNumber))));
        }
        var expires = input.ExpiresOn ?? (Enum.IsDefined(input.Tier) && EnterpriseTiers.Of(input.Tier).ValidYears is { } years ? input.AwardedOn.AddYears(years).AddDays(-1) : null);
        if (expires is { } e && e < input.AwardedOn)
        {
            errors.Add(new(nameof(input.ExpiresOn), new UserMessage("TierAwardExpiresBeforeAward")));
        }
        if (errors.Count > 0)
        {
            return UseCaseResult<TierAwardView>.Invalid(errors);
        }
        var award = new TierAward
        {
            Id = Guid.NewGuid(), CreditCode = code, Tier = input.Tier, CertificateNumber = input.CertificateNumber.Trim(),
            IssuingBody = input.IssuingBody.Trim(), AwardedOn = input.AwardedOn, ExpiresOn = expires, Note = input.Note?.Trim(), CreatedUtc = db.UtcNow,
        };
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.TierAwards.Add(award);
        await db.SaveChangesAsync(cancellationToken);
        await MarkAwardedAsync(db, code, award.Tier, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return UseCaseResult<TierAwardView>.Ok(View(award, DateOnly.FromDateTime(db.UtcNow)));
    }

    public async Task<UseCaseResult<TierAwardView>> RevokeAsync(ClaimsPrincipal user, AuditActor actor, Guid awardId, DateOnly revokedOn, string reason, Guid version, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Actor = actor;
        var award = await db.TierAwards.SingleOrDefaultAsync(a => a.Id == awardId, cancellationToken);
        var resource = award is null ? null : (await EnterpriseRegistry.FindAsync(db, award.CreditCode, cancellationToken)).Resource;
        if (award is null || !(await authorization.AuthorizeAsync(user, resource!, Operations.Review)).Succeeded)
        {
            return UseCaseResult<TierAwardView>.NotFound();
        }
        if (string.IsNullOrWhiteSpace(reason))
        {
            return UseCaseResult<TierAwardView>.Invalid("reason", new UserMessage("Required", "reason"));
        }
        db.Entry(award).Property(a => a.Version).OriginalValue = version;
        award.RevokedOn = revokedOn;
        award.RevocationReason = reason.Trim();
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return UseCaseResult<TierAwardView>.Conflict(new UserMessage("ConcurrentEditUnknown"));
        }
        return UseCaseResult<TierAwardView>.Ok(View(award, DateOnly.FromDateTime(db.UtcNow)));
    }

    /// <summary>
    /// Sets the tier's bit in the firm's <see cref="Enterprise.TiersAwarded"/>, in the caller's transaction, with one
    /// statement (concurrent awards to the same firm each add their bit). Not audited on its own: the award's row is, and
    /// the bit is derived from it. The firm's version stays, so an edit of its profile in progress is not disturbed.
    /// </summary>
    public static Task MarkAwardedAsync(ZjDbContext db, string creditCode, EnterpriseTier tier, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var bit = EnterpriseTiers.Bit(tier);
        return db.Enterprises.Where(e => e.CreditCode == creditCode)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.TiersAwarded, e => e.TiersAwarded | bit), cancellationToken);
    }

    /// <summary>Awards still valid today that expire within <paramref name="days"/> days, soonest first, in the caller's scope.</summary>
    public async Task<IReadOnlyList<ExpiringAward>> ExpiringAsync(ClaimsPrincipal user, int days = 90, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var today = DateOnly.FromDateTime(db.UtcNow);
        var until = today.AddDays(Math.Clamp(days, 1, 366));
        var firms = EnterpriseRegistry.Scoped(db, user);
        var rows = await db.TierAwards.AsNoTracking()
            .Where(a => a.RevokedOn == null && a.ExpiresOn != null && a.ExpiresOn >= today && a.ExpiresOn <= until)
            .Join(firms, a => a.CreditCode, e => e.CreditCode, (a, e) => new { a.CreditCode, e.NameZh, e.ParkCode, a.Tier, a.CertificateNumber, ExpiresOn = a.ExpiresOn!.Value })
            .OrderBy(x => x.ExpiresOn).ThenBy(x => x.CreditCode).Take(5000).ToListAsync(cancellationToken);
        return rows.Select(r => new ExpiringAward(r.CreditCode, r.NameZh, r.ParkCode, r.Tier, r.CertificateNumber, r.ExpiresOn, r.ExpiresOn.DayNumber - today.DayNumber)).ToList();
    }

    private static TierAwardView View(TierAward a, DateOnly today) =>
        new(a.Id, a.Tier, a.CertificateNumber, a.IssuingBody, a.AwardedOn, a.ExpiresOn, a.RevokedOn, a.RevocationReason, a.IsValidOn(today), a.Version);
}
