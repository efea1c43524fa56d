using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Zhangjiang.Platform.Authorization;
using Zhangjiang.Platform.Common;
using Zhangjiang.Platform.Data;
using Zhangjiang.Platform.Features.Auditing;
using Zhangjiang.Platform.Features.Organisations;

namespace Zhangjiang.Platform.Features.Identity;

public enum RegistrationKind
{
    Enterprise = 1,
    Expert = 2,
}

public sealed record RegistrationInput
{
    public RegistrationKind Kind { get; init; } = RegistrationKind.Enterprise;
    public string UserName { get; init; } = "";
    public string DisplayName { get; init; } = "";
    public string? Email { get; init; }
    public string Password { get; init; } = "";
    /// <summary>Enterprise: its 统一社会信用代码, name and park.</summary>
    public string? CreditCode { get; init; }
    public string? OrganisationName { get; init; }
    public string? ParkCode { get; init; }
    /// <summary>Expert: the institution they work for.</summary>
    public string? Institution { get; init; }
}

public sealed record PendingRegistration(
    string UserName, string DisplayName, string? Email, RegistrationKind Kind, string? CreditCode, string? OrganisationName,
    string? ParkCode, string? Institution, DateTime CreatedUtc);

/// <summary>
/// Enterprises and experts register themselves; the account stays inactive until the park (for its enterprises) or the
/// city approves it. Rejection removes the account. Every step is audited.
/// </summary>
public sealed class SelfRegistration(
    ZjUserManager users, IDbContextFactory<ZjDbContext> contexts, ZjDbContext identityContext, UserAdministration administration, SecurityAudit audit)
{
    public async Task<UseCaseResult<PendingRegistration>> RegisterAsync(AuditActor actor, RegistrationInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(input);
        var errors = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(input.DisplayName))
        {
            errors.Add(new(nameof(input.DisplayName), new UserMessage("Required", nameof(input.DisplayName))));
        }
        string? creditCode = null;
        Organisation? existing = null;
        if (input.Kind == RegistrationKind.Enterprise)
        {
            var check = CreditCode.Check(input.CreditCode);
            if (!check.IsValid)
            {
                errors.Add(new(nameof(input.CreditCode), check.ToMessage()!));
            }
            else
            {
                creditCode = CreditCode.Normalize(input.CreditCode);
                await using var db = await contexts.CreateDbContextAsync(cancellationToken);
                existing = await db.Organisations.AsNoTracking().SingleOrDefaultAsync(o => o.CreditCode == creditCode, cancellationToken);
                if (existing is not null && existing.Kind != OrganisationKind.Enterprise)
                {
                    errors.Add(new(nameof(input.CreditCode), new UserMessage("OrganisationWrongKind", creditCode, new UserMessage("OrganisationKind.Enterprise"))));
                }
                if (existing is null && string.IsNullOrWhiteSpace(input.OrganisationName))
                {
                    errors.Add(new(nameof(input.OrganisationName), new UserMessage("Required", nameof(input.OrganisationName))));
                }
                if (existing is null && (string.IsNullOrWhiteSpace(input.ParkCode) || !await db.Parks.AnyAsync(p => p.Code == input.ParkCode, cancellationToken)))
                {
                    errors.Add(new(nameof(input.ParkCode), new UserMessage("UnknownPark", input.ParkCode ?? "")));
                }
            }
        }
        else if (string.IsNullOrWhiteSpace(input.Institution))
        {
            errors.Add(new(nameof(input.Institution), new UserMessage("Required", nameof(input.Institution))));
        }
        if (string.IsNullOrWhiteSpace(input.UserName))
        {
            errors.Add(new(nameof(input.UserName), new UserMessage("Required", nameof(input.UserName))));
        }
        else if (await users.FindByNameAsync(input.UserName.Trim()) is not null)
        {
            errors.Add(new(nameof(input.UserName), new UserMessage("UserNameTaken", input.UserName.Trim())));
        }
        // Check the password before anything is written, so a refused registration leaves no organisation behind.
        var probe = new AppUser { UserName = input.UserName.Trim() };
        foreach (var validator in users.PasswordValidators)
        {
            var result = await validator.ValidateAsync(users, probe, input.Password);
            errors.AddRange(result.Errors.Select(e => new FieldError(nameof(input.Password), UserMessageCodec.Decode(e))));
        }
        if (errors.Count > 0)
        {
            return UseCaseResult<PendingRegistration>.Invalid(errors);
        }

        if (input.Kind == RegistrationKind.Enterprise && existing is null)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            db.Actor = actor;
            var park = await db.Parks.AsNoTracking().SingleAsync(p => p.Code == input.ParkCode, cancellationToken);
            db.Organisations.Add(new Organisation
            {
                CreditCode = creditCode!, NameZh = input.OrganisationName!.Trim(), Kind = OrganisationKind.Enterprise,
                ParkCode = park.Code, DistrictCode = park.DistrictCode, CreatedUtc = db.UtcNow, Note = "self-registered",
            });
            await db.SaveChangesAsync(cancellationToken);
        }
        var role = input.Kind == RegistrationKind.Enterprise ? Roles.Enterprise : Roles.Reviewer;
        var created = await administration.CreateAsync(actor,
            new UserInput { UserName = input.UserName, DisplayName = input.DisplayName, Email = input.Email, Roles = [role], ScopeOrganisationCreditCode = creditCode },
            password: input.Password, active: false, temporary: false);
        if (!created.Succeeded)
        {
            return UseCaseResult<PendingRegistration>.Invalid(created.Errors);
        }
        identityContext.Actor = actor;
        var user = (await users.FindByNameAsync(input.UserName.Trim()))!;
        user.AwaitingApproval = true;
        user.Institution = input.Kind == RegistrationKind.Expert ? input.Institution!.Trim() : null;
        await users.UpdateAsync(user);
        var pending = await ViewAsync(user, cancellationToken);
        await audit.RecordAsync("Registered", actor, details: new { kind = input.Kind.ToString(), creditCode }, entityType: nameof(AppUser), entityKey: user.UserName, cancellationToken: cancellationToken);
        return UseCaseResult<PendingRegistration>.Ok(pending);
    }

    /// <summary>Registrations the reviewer may decide: a park manager sees their park's enterprises, city staff all.</summary>
    public async Task<IReadOnlyList<PendingRegistration>> PendingAsync(ClaimsPrincipal reviewer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reviewer);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var waiting = await db.Users.AsNoTracking().Where(u => u.AwaitingApproval).OrderBy(u => u.CreatedUtc).ToListAsync(cancellationToken);
        var result = new List<PendingRegistration>();
        foreach (var user in waiting)
        {
            var view = await ViewAsync(user, cancellationToken);
            if (MayDecide(reviewer, view))
            {
                result.Add(view);
            }
        }
        return result;
    }

    public Task<UseCaseResult<PendingRegistration>> ApproveAsync(ClaimsPrincipal reviewer, AuditActor actor, string userName, CancellationToken cancellationToken = default) =>
        DecideAsync(reviewer, actor, userName, approve: true, cancellationToken);

    public Task<UseCaseResult<PendingRegistration>> RejectAsync(ClaimsPrincipal reviewer, AuditActor actor, string userName, CancellationToken cancellationToken = default) =>
        DecideAsync(reviewer, actor, userName, approve: false, cancellationToken);

    private async Task<UseCaseResult<PendingRegistration>> DecideAsync(ClaimsPrincipal reviewer, AuditActor actor, string userName, bool approve, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        identityContext.Actor = actor;
        var user = await users.FindByNameAsync(userName);
        if (user is null || !user.AwaitingApproval)
        {
            return UseCaseResult<PendingRegistration>.NotFound();
        }
        var view = await ViewAsync(user, cancellationToken);
        if (!MayDecide(reviewer, view))
        {
            // Another park's applicant is invisible, not forbidden: no hint that the name exists.
            return UseCaseResult<PendingRegistration>.NotFound();
        }
        if (approve)
        {
            user.AwaitingApproval = false;
            user.IsActive = true;
            await users.UpdateAsync(user);
        }
        else
        {
            await users.DeleteAsync(user);
        }
        await audit.RecordAsync(approve ? SecurityEvents.UserApproved : "RegistrationRejected", actor, entityType: nameof(AppUser), entityKey: user.UserName, cancellationToken: cancellationToken);
        return UseCaseResult<PendingRegistration>.Ok(view);
    }

    public static bool MayDecide(ClaimsPrincipal reviewer, PendingRegistration registration)
    {
        ArgumentNullException.ThrowIfNull(reviewer);
        ArgumentNullException.ThrowIfNull(registration);
        return reviewer.IsCityWide()
            || (registration.Kind == RegistrationKind.Enterprise && reviewer.IsInRole(Roles.ParkManager)
                && registration.ParkCode is not null && registration.ParkCode == reviewer.ParkScope());
    }

    private async Task<PendingRegistration> ViewAsync(AppUser user, CancellationToken cancellationToken)
    {
        Organisation? organisation = null;
        if (user.ScopeOrganisationCreditCode is { } code)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            organisation = await db.Organisations.AsNoTracking().SingleOrDefaultAsync(o => o.CreditCode == code, cancellationToken);
        }
        return new PendingRegistration(user.UserName ?? "", user.DisplayName, user.Email,
            user.ScopeOrganisationCreditCode is null ? RegistrationKind.Expert : RegistrationKind.Enterprise,
            organisation?.CreditCode, organisation?.NameZh, organisation?.ParkCode, user.Institution, user.CreatedUtc);
    }
}
