using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Zhangjiang.Platform.Authorization;
using Zhangjiang.Platform.Common;
using Zhangjiang.Platform.Data;
using Zhangjiang.Platform.Features.Auditing;
using Zhangjiang.Platform.Features.Identity;
using Zhangjiang.Platform.Features.Organisations;

namespace Zhangjiang.Platform.Features.Enterprises;

public sealed record EnterpriseQuery
{
    /// <summary>Part of the Chinese or English name, or the start of the credit code.</summary>
    public string? Text { get; init; }
    public string? ParkCode { get; init; }
    /// <summary>Firms holding this tier on the day of the search.</summary>
    public EnterpriseTier? Tier { get; init; }
    /// <summary>GB/T 4754 code or its start: "C" (manufacturing), "C39", "C3973".</summary>
    public string? Industry { get; init; }
    /// <summary>Foreign-invested firms from this country (ISO 3166-1 alpha-2, e.g. IT): who landed in a park, and when.</summary>
    public string? Country { get; init; }
    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = 20;
}

public sealed record EnterpriseRow(
    string CreditCode, string NameZh, string? NameEn, string? ParkCode, string? IndustryCode, EnterpriseOwnership Ownership,
    bool IsDemo, IReadOnlyList<EnterpriseTier> Tiers, string? CountryOfOrigin = null, DateOnly? InParkSince = null);

public sealed record EnterprisePage(IReadOnlyList<EnterpriseRow> Rows, int Total, int Page, int PageSize);

/// <summary>Contacts as shown: masked unless revealed.</summary>
public sealed record EnterpriseContacts(string? Name, string? Phone, string? Email, bool Masked);

public sealed record ParkStay(string ParkCode, DateOnly From, DateOnly? To, string? Reason);

public sealed record TierAwardView(
    Guid Id, EnterpriseTier Tier, string CertificateNumber, string IssuingBody, DateOnly AwardedOn, DateOnly? ExpiresOn,
    DateOnly? RevokedOn, string? RevocationReason, bool ValidToday, Guid Version);

public sealed record StatisticsYearView(int Year, string ParkCode, double? Revenue, double? Employees, double? RdExpenditure, double? NetProfit, string? ExclusionReason);

public sealed record EnterpriseProfile(
    string CreditCode, string NameZh, string? NameEn, string? ParkCode, string? IndustryCode, DateOnly? FoundedOn,
    EnterpriseOwnership Ownership, string? CountryOfOrigin, EnterpriseContacts Contacts, bool IsDemo, Guid Version,
    IReadOnlyList<ParkStay> Parks, IReadOnlyList<TierAwardView> Awards, IReadOnlyList<StatisticsYearView> Statistics,
    bool CanEdit, bool CanRevealContacts);

public sealed record EnterpriseInput
{
    public string NameZh { get; init; } = "";
    public string? NameEn { get; init; }
    public string? IndustryCode { get; init; }
    public DateOnly? FoundedOn { get; init; }
    public EnterpriseOwnership Ownership { get; init; }
    public string? CountryOfOrigin { get; init; }
    public string? ContactName { get; init; }
    public string? ContactPhone { get; init; }
    public string? ContactEmail { get; init; }
    public Guid Version { get; init; }
}

/// <summary>
/// The enterprise registry: search within the caller's scope, a firm's profile with its park history, tiers and
/// statistics, edits, moves between parks, and contacts that are masked until revealed with a purpose (PIPL).
/// </summary>
public sealed class EnterpriseRegistry(IDbContextFactory<ZjDbContext> contexts, IAuthorizationService authorization, SecurityAudit securityAudit)
{
    public const int MaxPageSize = 100;

    public async Task<EnterprisePage> SearchAsync(ClaimsPrincipal user, EnterpriseQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(query);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var firms = Filtered(db, user, query);
        var size = Math.Clamp(query.PageSize, 1, MaxPageSize);
        var page = Math.Max(1, query.Page);
        var total = await firms.CountAsync(cancellationToken);
        var rows = await RowsAsync(db, firms.Skip((page - 1) * size).Take(size), cancellationToken);
        return new EnterprisePage(rows, total, page, size);
    }

    /// <summary>The first <paramref name="limit"/> firms of a search in one query (no total, no paging): the Excel export.</summary>
    public async Task<IReadOnlyList<EnterpriseRow>> ListAsync(ClaimsPrincipal user, EnterpriseQuery query, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(query);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await RowsAsync(db, Filtered(db, user, query).Take(Math.Max(1, limit)), cancellationToken);
    }

    /// <summary>The search's conditions over the caller's scope, in the list's order (name, then code).</summary>
    private static IOrderedQueryable<Enterprise> Filtered(ZjDbContext db, ClaimsPrincipal user, EnterpriseQuery query)
    {
        var firms = Scoped(db, user);
        if (!string.IsNullOrWhiteSpace(query.Text))
        {
            var text = query.Text.Trim();
            var code = CreditCode.Normalize(text);
            if (code.Length >= 6 && code.All(char.IsAsciiLetterOrDigit) && code.Any(char.IsAsciiDigit))
            {
                // A credit-code prefix: a key range the primary key answers.
                var (from, to) = CodePrefix.Range(code)!.Value;
                firms = firms.Where(e => string.Compare(e.CreditCode, from) >= 0);
                if (to is not null)
                {
                    firms = firms.Where(e => string.Compare(e.CreditCode, to) < 0);
                }
            }
            else
            {
                var grams = EnterpriseNameIndex.QueryGrams(text);
                if (grams.Count > 0 && user.IsCityWide() && string.IsNullOrWhiteSpace(query.ParkCode))
                {
                    // Zone-wide: the firms holding every bigram of the text, from the name index, instead of a scan of
                    // every name. Within a park or district the scoped scan is already small. PostgreSQL: array
                    // containment (@>) that the GIN index answers; SQLite: one grouped pass over the bigrams' table.
                    if (db.Provider == DatabaseProvider.Postgres)
                    {
                        var wanted = EnterpriseNameIndex.Pack(grams);
                        firms = firms.Where(e => wanted.All(g => e.NameGrams!.Contains(g)));
                    }
                    else
                    {
                        var candidates = db.EnterpriseNameGrams.Where(g => grams.Contains(g.Gram)).GroupBy(g => g.CreditCode)
                            .Where(g => g.Count() == grams.Count).Select(g => g.Key);
                        firms = firms.Where(e => candidates.Contains(e.CreditCode));
                    }
                }
                firms = firms.Where(e => e.NameZh.Contains(text) || (e.NameEn != null && e.NameEn.Contains(text)));
            }
        }
        if (!string.IsNullOrWhiteSpace(query.ParkCode))
        {
            firms = firms.Where(e => e.ParkCode == query.ParkCode);
        }
        if (!string.IsNullOrWhiteSpace(query.Industry))
        {
            // A key range of the industry index (CodePrefix); text that is no code's beginning finds nothing.
            if (CodePrefix.Range(query.Industry) is { } range)
            {
                var (from, to) = range;
                firms = firms.Where(e => string.Compare(e.IndustryCode, from) >= 0);
                if (to is not null)
                {
                    firms = firms.Where(e => string.Compare(e.IndustryCode, to) < 0);
                }
            }
            else
            {
                firms = firms.Where(e => false);
            }
        }
        if (!string.IsNullOrWhiteSpace(query.Country))
        {
            var country = query.Country.Trim().ToUpperInvariant();
            firms = firms.Where(e => e.CountryOfOrigin == country);
        }
        var today = DateOnly.FromDateTime(db.UtcNow);
        if (query.Tier is { } tier)
        {
            // The firms ever awarded the tier (a bit on the firm's row, read in the same pass as the other conditions),
            // then their awards' dates: checking every firm's awards cost a lookup per firm of the industry.
            var bit = EnterpriseTiers.Bit(tier);
            firms = firms.Where(e => (e.TiersAwarded & bit) != 0 && db.TierAwards.Any(a => a.CreditCode == e.CreditCode && a.Tier == tier && a.AwardedOn <= today
                && (a.ExpiresOn == null || a.ExpiresOn >= today) && (a.RevokedOn == null || a.RevokedOn > today)));
        }
        return firms.OrderBy(e => e.NameZh).ThenBy(e => e.CreditCode);
    }

    /// <summary>The rows of a list with the tiers each firm holds today and when it arrived in its current park.</summary>
    private static async Task<List<EnterpriseRow>> RowsAsync(ZjDbContext db, IQueryable<Enterprise> firms, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(db.UtcNow);
        var rows = await firms
            .Select(e => new { e.CreditCode, e.NameZh, e.NameEn, e.ParkCode, e.IndustryCode, e.Ownership, e.IsDemo, e.CountryOfOrigin })
            .ToListAsync(cancellationToken);
        var codes = rows.Select(r => r.CreditCode).ToList();
        // When each firm of the page arrived in the park it is in now (the open stay).
        var since = (await db.EnterpriseParkAssignments.AsNoTracking().Where(a => codes.Contains(a.CreditCode) && a.ToDate == null)
                .Select(a => new { a.CreditCode, a.FromDate }).ToListAsync(cancellationToken))
            .GroupBy(a => a.CreditCode).ToDictionary(g => g.Key, g => g.Max(a => a.FromDate));
        var awards = await db.TierAwards.AsNoTracking().Where(a => codes.Contains(a.CreditCode)).ToListAsync(cancellationToken);
        var held = awards.Where(a => a.IsValidOn(today)).GroupBy(a => a.CreditCode)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<EnterpriseTier>)g.Select(a => a.Tier).Distinct().Order().ToList());
        return rows.Select(r => new EnterpriseRow(r.CreditCode, r.NameZh, r.NameEn, r.ParkCode, r.IndustryCode, r.Ownership, r.IsDemo,
            held.GetValueOrDefault(r.CreditCode, []), r.CountryOfOrigin, since.TryGetValue(r.CreditCode, out var from) ? from : null)).ToList();
    }

    public async Task<UseCaseResult<EnterpriseProfile>> GetAsync(ClaimsPrincipal user, string creditCode, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var (firm, resource) = await FindAsync(db, creditCode, cancellationToken);
        // Out of scope looks the same as absent.
        if (firm is null || !await AllowedAsync(user, resource!, Operations.Read))
        {
            return UseCaseResult<EnterpriseProfile>.NotFound();
        }
        return UseCaseResult<EnterpriseProfile>.Ok(await ProfileAsync(db, user, firm, resource!, cancellationToken));
    }

    /// <summary>The contacts unmasked, for a stated purpose that the audit trail records with who asked and when.</summary>
    public async Task<UseCaseResult<EnterpriseContacts>> RevealContactsAsync(
        ClaimsPrincipal user, AuditActor actor, string creditCode, string purpose, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var (firm, resource) = await FindAsync(db, creditCode, cancellationToken);
        if (firm is null || !await AllowedAsync(user, resource!, Operations.Read))
        {
            return UseCaseResult<EnterpriseContacts>.NotFound();
        }
        if (!await AllowedAsync(user, resource!, Operations.RevealPersonalData))
        {
            return UseCaseResult<EnterpriseContacts>.Forbidden();
        }
        var stated = purpose?.Trim() ?? "";
        if (stated.Length < 4 || stated.Length > 200)
        {
            return UseCaseResult<EnterpriseContacts>.Invalid("purpose", new UserMessage("PurposeRequired"));
        }
        await securityAudit.RecordAsync(SecurityEvents.PersonalDataRevealed, actor,
            details: new { purpose = stated, fields = new[] { nameof(Enterprise.ContactName), nameof(Enterprise.ContactPhone), nameof(Enterprise.ContactEmail) } },
            entityType: nameof(Enterprise), entityKey: firm.CreditCode, cancellationToken: cancellationToken);
        return UseCaseResult<EnterpriseContacts>.Ok(new EnterpriseContacts(firm.ContactName, firm.ContactPhone, firm.ContactEmail, Masked: false));
    }

    public async Task<UseCaseResult<EnterpriseProfile>> UpdateAsync(
        ClaimsPrincipal user, AuditActor actor, string creditCode, EnterpriseInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Actor = actor;
        var (firm, resource) = await FindAsync(db, creditCode, cancellationToken, tracking: true);
        if (firm is null || !await AllowedAsync(user, resource!, Operations.Read))
        {
            return UseCaseResult<EnterpriseProfile>.NotFound();
        }
        if (!await AllowedAsync(user, resource!, Operations.Edit))
        {
            return UseCaseResult<EnterpriseProfile>.Forbidden();
        }
        var errors = Validate(input, out var industry);
        if (errors.Count > 0)
        {
            return UseCaseResult<EnterpriseProfile>.Invalid(errors);
        }
        db.Entry(firm).Property(e => e.Version).OriginalValue = input.Version;
        var before = (firm.NameZh, firm.NameEn);
        firm.NameZh = input.NameZh.Trim();
        firm.NameEn = Clean(input.NameEn);
        if (before != (firm.NameZh, firm.NameEn))
        {
            EnterpriseNameIndex.Replace(db, firm, before);
        }
        firm.IndustryCode = industry;
        firm.FoundedOn = input.FoundedOn;
        firm.Ownership = input.Ownership;
        firm.CountryOfOrigin = Clean(input.CountryOfOrigin)?.ToUpperInvariant();
        // Masked values come back from a form unchanged; only a real new value replaces the stored one.
        firm.ContactName = Replace(firm.ContactName, input.ContactName, PersonalData.MaskName);
        firm.ContactPhone = Replace(firm.ContactPhone, input.ContactPhone, PersonalData.MaskPhone);
        firm.ContactEmail = Replace(firm.ContactEmail, input.ContactEmail, PersonalData.MaskEmail);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        // Two editors renaming the firm at once: the later one's name-index rows can collide with the earlier one's
        // before its version check runs (found by ConcurrencyTests); either way the later editor is told.
        catch (Exception e) when (e is DbUpdateConcurrencyException || Data.DatabaseErrors.IsUniqueViolation(e))
        {
            return UseCaseResult<EnterpriseProfile>.Conflict(new UserMessage("ConcurrentEditUnknown"));
        }
        return UseCaseResult<EnterpriseProfile>.Ok(await ProfileAsync(db, user, firm, resource!, cancellationToken));
    }

    /// <summary>Moves a firm to another park from a date: the current stay ends the day before, a new one starts.</summary>
    public async Task<UseCaseResult<EnterpriseProfile>> MoveAsync(
        ClaimsPrincipal user, AuditActor actor, string creditCode, string parkCode, DateOnly from, string reason, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Actor = actor;
        var (firm, resource) = await FindAsync(db, creditCode, cancellationToken, tracking: true);
        if (firm is null || !await AllowedAsync(user, resource!, Operations.Read))
        {
            return UseCaseResult<EnterpriseProfile>.NotFound();
        }
        if (!await AllowedAsync(user, resource!, Operations.Review))
        {
            return UseCaseResult<EnterpriseProfile>.Forbidden();
        }
        var errors = new List<FieldError>();
        if (!await db.Parks.AnyAsync(p => p.Code == parkCode, cancellationToken))
        {
            errors.Add(new("parkCode", new UserMessage("UnknownPark", parkCode)));
        }
        else if (parkCode == firm.ParkCode)
        {
            errors.Add(new("parkCode", new UserMessage("EnterpriseAlreadyInPark", parkCode)));
        }
        if (string.IsNullOrWhiteSpace(reason))
        {
            errors.Add(new("reason", new UserMessage("Required", "reason")));
        }
        var stays = await db.EnterpriseParkAssignments.Where(a => a.CreditCode == firm.CreditCode).OrderBy(a => a.FromDate).ToListAsync(cancellationToken);
        var current = stays.LastOrDefault(a => a.ToDate is null);
        if (current is not null && from <= current.FromDate)
        {
            errors.Add(new("from", new UserMessage("EnterpriseMoveBeforeStay", current.FromDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))));
        }
        if (errors.Count > 0)
        {
            return UseCaseResult<EnterpriseProfile>.Invalid(errors);
        }
        if (current is not null)
        {
            current.ToDate = from.AddDays(-1);
        }
        db.EnterpriseParkAssignments.Add(new EnterpriseParkAssignment { CreditCode = firm.CreditCode, ParkCode = parkCode, FromDate = from, Reason = reason.Trim() });
        firm.ParkCode = parkCode;
        await db.SaveChangesAsync(cancellationToken);
        var moved = new EnterpriseResource(firm.CreditCode, parkCode, await DistrictOfAsync(db, parkCode, cancellationToken));
        return UseCaseResult<EnterpriseProfile>.Ok(await ProfileAsync(db, user, firm, moved, cancellationToken));
    }

    /// <summary>The firms of the caller's scope: the query every list and search starts from.</summary>
    internal static IQueryable<Enterprise> Scoped(ZjDbContext db, ClaimsPrincipal user)
    {
        var all = db.Enterprises.AsNoTracking();
        if (user.IsCityWide())
        {
            return all;
        }
        var park = user.IsInRole(Roles.ParkManager) ? user.ParkScope() : null;
        var district = user.IsInRole(Roles.DistrictOfficer) ? user.DistrictScope() : null;
        var own = user.IsInRole(Roles.Enterprise) || user.IsInRole(Roles.Operator) ? user.OrganisationScope() : null;
        var districtParks = db.Parks.Where(p => district != null && p.DistrictCode == district).Select(p => p.Code);
        return all.Where(e => (park != null && e.ParkCode == park)
                              || (district != null && districtParks.Contains(e.ParkCode!))
                              || (own != null && e.CreditCode == own));
    }

    private async Task<EnterpriseProfile> ProfileAsync(ZjDbContext db, ClaimsPrincipal user, Enterprise firm, EnterpriseResource resource, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(db.UtcNow);
        var stays = await db.EnterpriseParkAssignments.AsNoTracking().Where(a => a.CreditCode == firm.CreditCode)
            .OrderBy(a => a.FromDate).Select(a => new ParkStay(a.ParkCode, a.FromDate, a.ToDate, a.Reason)).ToListAsync(cancellationToken);
        var awards = await db.TierAwards.AsNoTracking().Where(a => a.CreditCode == firm.CreditCode).ToListAsync(cancellationToken);
        var statistics = await db.EnterpriseYearStatistics.AsNoTracking().Where(s => s.CreditCode == firm.CreditCode).OrderByDescending(s => s.Year)
            .Select(s => new StatisticsYearView(s.Year, s.ParkCode, s.Revenue, s.Employees, s.RdExpenditure, s.NetProfit, s.ExclusionReason))
            .ToListAsync(cancellationToken);
        // A profile always shows contacts masked; RevealContactsAsync is the one way to see them.
        var contacts = new EnterpriseContacts(PersonalData.MaskName(firm.ContactName), PersonalData.MaskPhone(firm.ContactPhone), PersonalData.MaskEmail(firm.ContactEmail), true);
        return new EnterpriseProfile(
            firm.CreditCode, firm.NameZh, firm.NameEn, firm.ParkCode, firm.IndustryCode, firm.FoundedOn, firm.Ownership, firm.CountryOfOrigin,
            contacts, firm.IsDemo, firm.Version, stays,
            awards.OrderByDescending(a => a.AwardedOn).Select(a => new TierAwardView(a.Id, a.Tier, a.CertificateNumber, a.IssuingBody, a.AwardedOn, a.ExpiresOn,
                a.RevokedOn, a.RevocationReason, a.IsValidOn(today), a.Version)).ToList(),
            statistics,
            await AllowedAsync(user, resource, Operations.Edit),
            await AllowedAsync(user, resource, Operations.RevealPersonalData));
    }

    /// <summary>Whether the caller sees a park's firm data (<see cref="EnterpriseAuthorizationHandler.CanSeePark"/>); false for an unknown park.</summary>
    internal static async Task<bool> CanSeeParkAsync(ZjDbContext db, ClaimsPrincipal user, string parkCode, CancellationToken cancellationToken)
    {
        var park = await db.Parks.Where(p => p.Code == parkCode).Select(p => new { p.DistrictCode }).SingleOrDefaultAsync(cancellationToken);
        return park is not null && EnterpriseAuthorizationHandler.CanSeePark(user, parkCode, park.DistrictCode);
    }

    /// <summary>A firm by credit code with the resource its authorization is decided on (park and district).</summary>
    internal static async Task<(Enterprise? Firm, EnterpriseResource? Resource)> FindAsync(ZjDbContext db, string creditCode, CancellationToken cancellationToken, bool tracking = false)
    {
        var code = CreditCode.Normalize(creditCode);
        var query = tracking ? db.Enterprises : db.Enterprises.AsNoTracking();
        var firm = await query.SingleOrDefaultAsync(e => e.CreditCode == code, cancellationToken);
        return firm is null ? (null, null) : (firm, new EnterpriseResource(firm.CreditCode, firm.ParkCode, await DistrictOfAsync(db, firm.ParkCode, cancellationToken)));
    }

    private static async Task<string?> DistrictOfAsync(ZjDbContext db, string? parkCode, CancellationToken cancellationToken) =>
        parkCode is null ? null : await db.Parks.Where(p => p.Code == parkCode).Select(p => p.DistrictCode).SingleOrDefaultAsync(cancellationToken);

    private async Task<bool> AllowedAsync(ClaimsPrincipal user, EnterpriseResource resource, Microsoft.AspNetCore.Authorization.Infrastructure.OperationAuthorizationRequirement operation) =>
        (await authorization.AuthorizeAsync(user, resource, operation)).Succeeded;

    private static List<FieldError> Validate(EnterpriseInput input, out string? industry)
    {
        var errors = new List<FieldError>();
        industry = null;
        if (string.IsNullOrWhiteSpace(input.NameZh))
        {
            errors.Add(new(nameof(input.NameZh), new UserMessage("Required", nameof(input.NameZh))));
        }
        else if (input.NameZh.Trim().Length > 200)
        {
            errors.Add(new(nameof(input.NameZh), new UserMessage("FieldTooLong", nameof(input.NameZh), 200)));
        }
        if (!string.IsNullOrWhiteSpace(input.IndustryCode))
        {
            industry = IndustryCode.Normalize(input.IndustryCode);
            if (industry is null)
            {
                errors.Add(new(nameof(input.IndustryCode), new UserMessage("StatisticsIndustryInvalid", input.IndustryCode)));
            }
        }
        if (!Enum.IsDefined(input.Ownership))
        {
            errors.Add(new(nameof(input.Ownership), new UserMessage("Required", nameof(input.Ownership))));
        }
        if (Clean(input.CountryOfOrigin) is { } country && (country.Length != 2 || !country.All(char.IsAsciiLetter)))
        {
            errors.Add(new(nameof(input.CountryOfOrigin), new UserMessage("CountryCodeInvalid", country)));
        }
        if (Clean(input.ContactEmail) is { } email && !PersonalData.IsMasked(email) && (!email.Contains('@', StringComparison.Ordinal) || email.Length > 200))
        {
            errors.Add(new(nameof(input.ContactEmail), new UserMessage("EmailInvalid", email)));
        }
        if (Clean(input.ContactPhone) is { } phone && !PersonalData.IsMasked(phone) && (phone.Length > 30 || !phone.All(c => char.IsAsciiDigit(c) || c is '+' or '-' or ' ' or '(' or ')')))
        {
            errors.Add(new(nameof(input.ContactPhone), new UserMessage("PhoneInvalid", phone)));
        }
        if (input.FoundedOn is { } founded && (founded.Year < 1800 || founded > DateOnly.FromDateTime(DateTime.UtcNow)))
        {
            errors.Add(new(nameof(input.FoundedOn), new UserMessage("DateOutOfRange", founded.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))));
        }
        return errors;
    }

    private static string? Replace(string? stored, string? submitted, Func<string?, string?> mask)
    {
        var value = Clean(submitted);
        return value is not null && value == mask(stored) ? stored : value;
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

/// <summary>How personal data is shown until revealed: enough to recognise, not enough to use.</summary>
public static class PersonalData
{
    public const char Mask = '*';

    /// <summary>张三丰 → 张**; Anna Rossi → A*********.</summary>
    public static string? MaskName(string? name) =>
        string.IsNullOrEmpty(name) ? name : name[..1] + new string(Mask, Math.Max(1, name.Length - 1));

    /// <summary>13812345678 → 138****5678; short numbers keep only their last two digits.</summary>
    public static string? MaskPhone(string? phone) =>
        string.IsNullOrEmpty(phone) ? phone
        : phone.Length >= 11 ? phone[..3] + new string(Mask, phone.Length - 7) + phone[^4..]
        : new string(Mask, Math.Max(1, phone.Length - 2)) + phone[^Math.Min(2, phone.Length)..];

    /// <summary>zhang.san@example.com → z***@example.com.</summary>
    public static string? MaskEmail(string? email)
    {
        if (string.IsNullOrEmpty(email))
        {
            return email;
        }
        var at = email.IndexOf('@', StringComparison.Ordinal);
        return at <= 0 ? new string(Mask, email.Length) : email[..1] + "***" + email[at..];
    }

    public static bool IsMasked(string value) => value.Contains(Mask, StringComparison.Ordinal);
}
