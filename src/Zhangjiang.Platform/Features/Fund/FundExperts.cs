using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Zhangjiang.Platform.Authorization;
using Zhangjiang.Platform.Common;
using Zhangjiang.Platform.Data;
using Zhangjiang.Platform.Features.Auditing;
using Zhangjiang.Platform.Features.Organisations;

namespace Zhangjiang.Platform.Features.Fund;

public sealed record FundExpertInput
{
    public string Name { get; init; } = "";
    public string? UserName { get; init; }
    public string Institution { get; init; } = "";
    public string? InstitutionCreditCode { get; init; }
    public IReadOnlyList<string> AffiliatedCreditCodes { get; init; } = [];
    public string? Title { get; init; }
    public IReadOnlyList<string> Topics { get; init; } = [];
    public IReadOnlyList<string> Industries { get; init; } = [];
    public bool Available { get; init; } = true;
    public int MaxPerCall { get; init; } = 40;
    public Guid Version { get; init; }
}

public sealed record ExpertImportSummary(int Added, int Updated);

public sealed record FundExpertView(
    Guid Id, string Name, string? UserName, string Institution, string? InstitutionCreditCode, IReadOnlyList<string> AffiliatedCreditCodes,
    string? Title, IReadOnlyList<string> Topics, IReadOnlyList<string> Industries, bool Available, int MaxPerCall, int OpenAssignments, Guid Version);

/// <summary>
/// The expert pool (评审专家库), kept by city staff: who the experts are, the account each signs in with, the topics and
/// industries they review, the organisations they are tied to (for conflict-of-interest exclusion), and whether they
/// are available and how many applications of one call they take at most.
/// </summary>
public sealed class FundExperts(IDbContextFactory<ZjDbContext> contexts)
{
    public async Task<UseCaseResult<IReadOnlyList<FundExpertView>>> ListAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!user.IsCityWide())
        {
            return UseCaseResult<IReadOnlyList<FundExpertView>>.Forbidden();
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var open = await db.ReviewAssignments.AsNoTracking()
            .Where(a => a.Status == ReviewAssignmentStatus.AwaitingDeclaration || a.Status == ReviewAssignmentStatus.Accepted)
            .GroupBy(a => a.ExpertId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var experts = await db.FundExperts.AsNoTracking().OrderBy(e => e.Name).ToListAsync(cancellationToken);
        return UseCaseResult<IReadOnlyList<FundExpertView>>.Ok(experts.Select(e => View(e, open.GetValueOrDefault(e.Id))).ToList());
    }

    /// <summary>City: adds an expert (<paramref name="id"/> null) or changes one from the version read.</summary>
    public async Task<UseCaseResult<FundExpertView>> SaveAsync(ClaimsPrincipal user, AuditActor actor, Guid? id, FundExpertInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(input);
        if (!user.IsCityWide())
        {
            return UseCaseResult<FundExpertView>.Forbidden();
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Actor = actor;
        FundExpert? expert = null;
        if (id is { } existing)
        {
            expert = await db.FundExperts.SingleOrDefaultAsync(e => e.Id == existing, cancellationToken);
            if (expert is null)
            {
                return UseCaseResult<FundExpertView>.NotFound();
            }
            if (expert.Version != input.Version)
            {
                return UseCaseResult<FundExpertView>.Conflict(new UserMessage("ConcurrentEditUnknown"));
            }
        }
        var errors = await ValidateAsync(db, input, id, cancellationToken);
        if (errors.Count > 0)
        {
            return UseCaseResult<FundExpertView>.Invalid(errors);
        }
        if (expert is null)
        {
            expert = new FundExpert { Id = Guid.NewGuid(), Name = "", Institution = "", Topics = "", CreatedUtc = db.UtcNow };
            db.FundExperts.Add(expert);
        }
        else
        {
            db.Entry(expert).Property(e => e.Version).OriginalValue = input.Version;
        }
        Apply(expert, input);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (Exception e) when (e is DbUpdateConcurrencyException || DatabaseErrors.IsUniqueViolation(e))
        {
            return UseCaseResult<FundExpertView>.Conflict(new UserMessage("ConcurrentEditUnknown"));
        }
        return UseCaseResult<FundExpertView>.Ok(View(expert, 0));
    }

    /// <summary>
    /// City: adds and updates experts from a workbook in the export's layout, all or nothing. A row updates the expert
    /// with the same account, or (without one) the same name and institution; otherwise it adds one. Every problem is
    /// reported with its row; two rows for the same expert are refused.
    /// </summary>
    public async Task<UseCaseResult<ExpertImportSummary>> ImportAsync(ClaimsPrincipal user, AuditActor actor, Stream file, string fileName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(actor);
        if (!user.IsCityWide())
        {
            return UseCaseResult<ExpertImportSummary>.Forbidden();
        }
        var (rows, readErrors) = FundExpertWorkbook.Read(file, fileName);
        if (readErrors.Count > 0)
        {
            return UseCaseResult<ExpertImportSummary>.Invalid(readErrors);
        }
        if (rows.Count == 0)
        {
            return UseCaseResult<ExpertImportSummary>.Invalid("file", new UserMessage("StatisticsNoRows", fileName));
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Actor = actor;
        var experts = await db.FundExperts.ToListAsync(cancellationToken);
        var errors = new List<FieldError>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var plan = new List<(FundExpert? Existing, FundExpertInput Input)>();
        foreach (var (row, input) in rows)
        {
            var key = input.UserName is { } account ? "account:" + account : $"name:{input.Name}|{input.Institution}";
            if (seen.TryGetValue(key, out var first))
            {
                errors.Add(new FieldError(nameof(input.Name), new UserMessage("FundExpertDuplicateRow", input.UserName ?? input.Name, first), row));
                continue;
            }
            seen[key] = row;
            var existing = input.UserName is { } name
                ? experts.FirstOrDefault(e => e.UserName == name)
                : experts.FirstOrDefault(e => e.UserName is null && e.Name == input.Name && e.Institution == input.Institution);
            errors.AddRange((await ValidateAsync(db, input, existing?.Id, cancellationToken)).Select(e => e with { Row = row }));
            plan.Add((existing, input));
        }
        if (errors.Count > 0)
        {
            return UseCaseResult<ExpertImportSummary>.Invalid(errors);
        }
        foreach (var (existing, input) in plan)
        {
            var expert = existing;
            if (expert is null)
            {
                expert = new FundExpert { Id = Guid.NewGuid(), Name = "", Institution = "", Topics = "", CreatedUtc = db.UtcNow };
                db.FundExperts.Add(expert);
            }
            Apply(expert, input);
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (Exception e) when (e is DbUpdateConcurrencyException || DatabaseErrors.IsUniqueViolation(e))
        {
            return UseCaseResult<ExpertImportSummary>.Conflict(new UserMessage("ConcurrentEditUnknown"));
        }
        return UseCaseResult<ExpertImportSummary>.Ok(new ExpertImportSummary(plan.Count(p => p.Existing is null), plan.Count(p => p.Existing is not null)));
    }

    private static void Apply(FundExpert expert, FundExpertInput input)
    {
        expert.Name = input.Name.Trim();
        expert.UserName = string.IsNullOrWhiteSpace(input.UserName) ? null : input.UserName.Trim();
        expert.Institution = input.Institution.Trim();
        expert.InstitutionCreditCode = string.IsNullOrWhiteSpace(input.InstitutionCreditCode) ? null : CreditCode.Normalize(input.InstitutionCreditCode);
        expert.AffiliatedCreditCodes = string.Join(",", input.AffiliatedCreditCodes.Where(c => !string.IsNullOrWhiteSpace(c)).Select(CreditCode.Normalize).Distinct());
        expert.Title = string.IsNullOrWhiteSpace(input.Title) ? null : input.Title.Trim();
        expert.Topics = string.Join(",", input.Topics.Distinct());
        expert.Industries = string.Join(",", input.Industries.Where(i => !string.IsNullOrWhiteSpace(i)).Select(i => i.Trim().ToUpperInvariant()).Distinct());
        expert.Available = input.Available;
        expert.MaxPerCall = input.MaxPerCall;
    }

    private static async Task<List<FieldError>> ValidateAsync(ZjDbContext db, FundExpertInput input, Guid? id, CancellationToken cancellationToken)
    {
        var errors = new List<FieldError>();
        void Add(string field, string key, params object[] args) => errors.Add(new(field, new UserMessage(key, args)));
        if (string.IsNullOrWhiteSpace(input.Name) || input.Name.Trim().Length > 100)
        {
            Add(nameof(input.Name), "Required", nameof(input.Name));
        }
        if (string.IsNullOrWhiteSpace(input.Institution) || input.Institution.Trim().Length > 200)
        {
            Add(nameof(input.Institution), "Required", nameof(input.Institution));
        }
        if (input.Title?.Trim().Length > 100)
        {
            Add(nameof(input.Title), "FieldTooLong", nameof(input.Title), 100);
        }
        foreach (var (field, code) in new[] { (nameof(input.InstitutionCreditCode), input.InstitutionCreditCode) }
                     .Concat(input.AffiliatedCreditCodes.Select((c, i) => ($"{nameof(input.AffiliatedCreditCodes)}[{i}]", (string?)c))))
        {
            if (!string.IsNullOrWhiteSpace(code) && CreditCode.Check(code).ToMessage() is { } problem)
            {
                errors.Add(new(field, problem));
            }
        }
        if (input.AffiliatedCreditCodes.Count > 50)
        {
            Add(nameof(input.AffiliatedCreditCodes), "FundTooManyLines", 50);
        }
        var topics = await db.FundTopics.AsNoTracking().Select(t => t.Code).ToListAsync(cancellationToken);
        if (input.Topics.Count == 0)
        {
            Add(nameof(input.Topics), "FundCallNoTopic");
        }
        foreach (var t in input.Topics.Where(t => !topics.Contains(t)))
        {
            Add(nameof(input.Topics), "FundCallUnknownCode", t);
        }
        if (input.Industries.Count > 20 || input.Industries.Any(i => i?.Trim().Length is > 5))
        {
            Add(nameof(input.Industries), "FundExpertIndustries");
        }
        if (input.MaxPerCall is < 1 or > 500)
        {
            Add(nameof(input.MaxPerCall), "FundCallOutOfRange", 1, 500);
        }
        if (!string.IsNullOrWhiteSpace(input.UserName))
        {
            var name = input.UserName.Trim();
            if (!await db.Users.AnyAsync(u => u.UserName == name, cancellationToken))
            {
                Add(nameof(input.UserName), "FundExpertNoAccount", name);
            }
            else if (await db.FundExperts.AnyAsync(e => e.UserName == name && e.Id != id, cancellationToken))
            {
                Add(nameof(input.UserName), "FundExpertAccountTaken", name);
            }
        }
        return errors;
    }

    private static string[] Split(string list) => list.Split(',', StringSplitOptions.RemoveEmptyEntries);

    private static FundExpertView View(FundExpert e, int open) => new(
        e.Id, e.Name, e.UserName, e.Institution, e.InstitutionCreditCode, Split(e.AffiliatedCreditCodes), e.Title, Split(e.Topics), Split(e.Industries),
        e.Available, e.MaxPerCall, open, e.Version);

    internal static DrawExpert ToDraw(FundExpert e, int load) => new(
        e.Id, e.Name, e.Institution, e.InstitutionCreditCode, Split(e.AffiliatedCreditCodes).ToHashSet(StringComparer.Ordinal),
        Split(e.Topics).ToHashSet(StringComparer.Ordinal), Split(e.Industries), e.MaxPerCall, load);
}
