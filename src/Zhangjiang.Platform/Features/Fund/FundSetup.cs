using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Zhangjiang.Platform.Common;
using Zhangjiang.Platform.Data;
using Zhangjiang.Platform.Features.Auditing;
using Zhangjiang.Platform.Features.Identity;

namespace Zhangjiang.Platform.Features.Fund;

public sealed record FundKindView(string Code, string NameZh, string NameEn);

public sealed record FundBudgetView(int Year, long AmountFen, string? Note, DateTime UpdatedUtc, string UpdatedBy, Guid Version);

public sealed record FundTopicView(string Code, string NameZh, string NameEn, IReadOnlyList<FundBudgetView> Budgets);

public sealed record FundProgrammeView(
    string Code, string NameZh, string NameEn, string GoalZh, string GoalEn, string Source,
    IReadOnlyList<FundKindView> ApplicantKinds, IReadOnlyList<FundTopicView> Topics);

public sealed record FundBudgetInput
{
    public long AmountFen { get; init; }
    public string? Note { get; init; }
    /// <summary>The version read; <see cref="Guid.Empty"/> for a year that has no budget yet.</summary>
    public Guid Version { get; init; }
}

/// <summary>
/// The fund's frame as the city sets it up: the programme with its goal, applicant kinds and topics (seeded, ADR 0011),
/// and each topic's budget per year, which the funding line of that year's calls is drawn against.
/// </summary>
public sealed class FundSetup(IDbContextFactory<ZjDbContext> contexts)
{
    /// <summary>Ten billion yuan in fen: far above any topic's year, low enough to catch a slip of units.</summary>
    public const long MaxBudgetFen = 10_000_000_000L * 100;

    public static bool CanEditBudgets(ClaimsPrincipal user) => user.IsInRole(Roles.CityAdmin) || user.IsInRole(Roles.CityStaff);

    /// <summary>The programme with its kinds and topics in their order, each topic with its budgets by year; null before seeding.</summary>
    public async Task<FundProgrammeView?> GetAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var programme = await db.FundProgrammes.AsNoTracking().FirstOrDefaultAsync(cancellationToken);
        if (programme is null)
        {
            return null;
        }
        var kinds = await db.FundApplicantKinds.AsNoTracking().Where(k => k.ProgrammeCode == programme.Code).OrderBy(k => k.Order).ToListAsync(cancellationToken);
        var topics = await db.FundTopics.AsNoTracking().Where(t => t.ProgrammeCode == programme.Code).OrderBy(t => t.Order).ToListAsync(cancellationToken);
        var codes = topics.Select(t => t.Code).ToList();
        var budgets = (await db.FundTopicBudgets.AsNoTracking().Where(b => codes.Contains(b.TopicCode)).ToListAsync(cancellationToken))
            .ToLookup(b => b.TopicCode);
        return new FundProgrammeView(programme.Code, programme.NameZh, programme.NameEn, programme.GoalZh, programme.GoalEn, programme.Source,
            kinds.Select(k => new FundKindView(k.Code, k.NameZh, k.NameEn)).ToList(),
            topics.Select(t => new FundTopicView(t.Code, t.NameZh, t.NameEn,
                budgets[t.Code].OrderBy(b => b.Year).Select(b => new FundBudgetView(b.Year, b.AmountFen, b.Note, b.UpdatedUtc, b.UpdatedBy, b.Version)).ToList())).ToList());
    }

    /// <summary>
    /// City: sets a topic's budget for a year (creates it with version <see cref="Guid.Empty"/>). A stale version, or a
    /// second creation of the same year, is a conflict; every change is audited with the old and new amounts.
    /// </summary>
    public async Task<UseCaseResult<FundBudgetView>> SetBudgetAsync(
        ClaimsPrincipal user, AuditActor actor, string topicCode, int year, FundBudgetInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!CanEditBudgets(user))
        {
            return UseCaseResult<FundBudgetView>.Forbidden();
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Actor = actor;
        if (!await db.FundTopics.AnyAsync(t => t.Code == topicCode, cancellationToken))
        {
            return UseCaseResult<FundBudgetView>.NotFound();
        }
        var errors = new List<FieldError>();
        if (year is < 2000 or > 2100)
        {
            errors.Add(new("year", new UserMessage("FundBudgetYear", year.ToString(CultureInfo.InvariantCulture))));
        }
        if (input.AmountFen is < 0 or > MaxBudgetFen)
        {
            errors.Add(new(nameof(input.AmountFen), new UserMessage("FundBudgetAmount", input.AmountFen.ToString(CultureInfo.InvariantCulture))));
        }
        if (input.Note?.Trim().Length > 500)
        {
            errors.Add(new(nameof(input.Note), new UserMessage("FieldTooLong", nameof(input.Note), 500)));
        }
        if (errors.Count > 0)
        {
            return UseCaseResult<FundBudgetView>.Invalid(errors);
        }
        var budget = await db.FundTopicBudgets.SingleOrDefaultAsync(b => b.TopicCode == topicCode && b.Year == year, cancellationToken);
        if (budget is null)
        {
            if (input.Version != Guid.Empty)
            {
                return UseCaseResult<FundBudgetView>.Conflict(new UserMessage("ConcurrentEditUnknown"));
            }
            budget = new FundTopicBudget { TopicCode = topicCode, Year = year, UpdatedBy = actor.UserName };
            db.FundTopicBudgets.Add(budget);
        }
        else
        {
            db.Entry(budget).Property(b => b.Version).OriginalValue = input.Version;
        }
        budget.AmountFen = input.AmountFen;
        budget.Note = string.IsNullOrWhiteSpace(input.Note) ? null : input.Note.Trim();
        budget.UpdatedUtc = db.UtcNow;
        budget.UpdatedBy = actor.UserName;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (Exception e) when (e is DbUpdateConcurrencyException || DatabaseErrors.IsUniqueViolation(e))
        {
            // Someone else changed this budget, or created the same year, since it was read.
            return UseCaseResult<FundBudgetView>.Conflict(new UserMessage("ConcurrentEditUnknown"));
        }
        return UseCaseResult<FundBudgetView>.Ok(new FundBudgetView(budget.Year, budget.AmountFen, budget.Note, budget.UpdatedUtc, budget.UpdatedBy, budget.Version));
    }

    /// <summary>Adds the seeded programme, applicant kinds and topics that are missing (by code); never changes existing rows.</summary>
    public static async Task<int> ApplySeedAsync(ZjDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var seed = SeedFile.Read<ProgrammeSeed>("fund-programme.json");
        var added = 0;
        if (!await db.FundProgrammes.AnyAsync(p => p.Code == seed.Code, cancellationToken))
        {
            db.FundProgrammes.Add(new FundProgramme
            {
                Code = seed.Code, NameZh = seed.NameZh, NameEn = seed.NameEn, GoalZh = seed.GoalZh, GoalEn = seed.GoalEn, Source = seed.Source,
            });
            added++;
        }
        var kinds = await db.FundApplicantKinds.ToDictionaryAsync(k => k.Code, cancellationToken);
        foreach (var k in seed.ApplicantKinds)
        {
            if (!kinds.TryGetValue(k.Code, out var stored))
            {
                db.FundApplicantKinds.Add(new FundApplicantKind { Code = k.Code, ProgrammeCode = seed.Code, NameZh = k.NameZh, NameEn = k.NameEn, Role = k.Role ?? "", Order = k.Order });
                added++;
            }
            else if (stored.Role.Length == 0 && !string.IsNullOrEmpty(k.Role))
            {
                // Kinds seeded before roles were recorded get theirs; a role set since is never overwritten.
                stored.Role = k.Role;
                added++;
            }
        }
        var topics = await db.FundTopics.Select(t => t.Code).ToListAsync(cancellationToken);
        foreach (var t in seed.Topics.Where(t => !topics.Contains(t.Code)))
        {
            db.FundTopics.Add(new FundTopic { Code = t.Code, ProgrammeCode = seed.Code, NameZh = t.NameZh, NameEn = t.NameEn, Order = t.Order });
            added++;
        }
        if (added > 0)
        {
            db.Actor ??= AuditActor.System;
            await db.SaveChangesAsync(cancellationToken);
        }
        return added;
    }

    private sealed record ProgrammeSeed(string Code, string NameZh, string NameEn, string GoalZh, string GoalEn, string Source,
        List<SeedItem> ApplicantKinds, List<SeedItem> Topics);

    private sealed record SeedItem(string Code, string NameZh, string NameEn, int Order, string? Role = null);
}
