using Microsoft.EntityFrameworkCore;
using Zhangjiang.Platform.Data;

namespace Zhangjiang.Platform.Features.Evaluation;

/// <summary>
/// Loads the built-in framework templates (data/seed/frameworks.json, embedded) as published version 1 of each family
/// that is missing. Templates are frozen like any published version: the city adapts one by making a new version.
/// </summary>
public static class FrameworkSeed
{
    public static IReadOnlyList<TemplateFramework> Load()
    {
        return SeedFile.Read<TemplateDocument>("frameworks.json").Frameworks;
    }

    /// <summary>Adds the template families that are missing. Returns how many were added.</summary>
    public static async Task<int> ApplyAsync(ZjDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var known = await db.EvaluationFrameworks.Select(f => f.Family).Distinct().ToListAsync(cancellationToken);
        var added = 0;
        foreach (var template in Load().Where(t => !known.Contains(t.Family)))
        {
            added++;
            db.EvaluationFrameworks.Add(new EvaluationFramework
            {
                Id = Guid.NewGuid(),
                Family = template.Family,
                VersionNumber = 1,
                NameZh = template.NameZh,
                NameEn = template.NameEn,
                DescriptionZh = template.DescriptionZh,
                DescriptionEn = template.DescriptionEn,
                Source = template.Source,
                Status = FrameworkStatus.Published,
                CreatedUtc = db.UtcNow,
                PublishedUtc = db.UtcNow,
                PublishedBy = "seed",
                Indicators = template.Nodes.Select((n, i) => new EvaluationIndicator
                {
                    Code = n.Code,
                    NameZh = n.NameZh,
                    NameEn = n.NameEn,
                    Level = n.Level,
                    ParentCode = n.Parent,
                    SortOrder = i,
                    Weight = n.Weight,
                    Direction = n.Direction,
                    Unit = n.Unit,
                    Formula = n.Formula,
                    DataSource = n.DataSource,
                    Source = string.IsNullOrEmpty(n.Source) ? template.Source : n.Source + "; " + template.Source,
                }).ToList(),
            });
        }
        if (added > 0)
        {
            db.Actor ??= Auditing.AuditActor.System;
            await db.SaveChangesAsync(cancellationToken);
        }
        return added;
    }

    public sealed record TemplateDocument(IReadOnlyList<TemplateFramework> Frameworks);

    public sealed record TemplateFramework(
        string Family, string NameZh, string NameEn, string DescriptionZh, string DescriptionEn, string Source, IReadOnlyList<TemplateNode> Nodes);

    public sealed record TemplateNode(
        string Code, string NameZh, string NameEn, int Level, string? Parent, double? Weight, string Unit = "", int Direction = 1,
        string Formula = "", IndicatorDataSource DataSource = IndicatorDataSource.ParkReported, string Source = "");
}
