using Microsoft.EntityFrameworkCore;

namespace Zhangjiang.Platform.Features.Evaluation;

/// <summary>The evaluation tables' mapping (called from <see cref="Data.ZjDbContext"/>.OnModelCreating).</summary>
internal static class EvaluationModel
{
    public static void Configure(ModelBuilder builder)
    {
        builder.Entity<EvaluationFramework>(e =>
        {
            e.Property(x => x.Family).HasMaxLength(60);
            e.Property(x => x.NameZh).HasMaxLength(200);
            e.Property(x => x.NameEn).HasMaxLength(300);
            e.Property(x => x.DescriptionZh).HasMaxLength(4000);
            e.Property(x => x.DescriptionEn).HasMaxLength(8000);
            e.Property(x => x.Source).HasMaxLength(2000);
            e.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.PublishedBy).HasMaxLength(256);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasIndex(x => new { x.Family, x.VersionNumber }).IsUnique();
            e.HasMany(x => x.Indicators).WithOne().HasForeignKey(x => x.FrameworkId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<EvaluationIndicator>(e =>
        {
            e.Property(x => x.Code).HasMaxLength(40);
            e.Property(x => x.NameZh).HasMaxLength(200);
            e.Property(x => x.NameEn).HasMaxLength(300);
            e.Property(x => x.ParentCode).HasMaxLength(40);
            e.Property(x => x.Unit).HasMaxLength(60);
            e.Property(x => x.DefinitionZh).HasMaxLength(2000);
            e.Property(x => x.DefinitionEn).HasMaxLength(4000);
            e.Property(x => x.Formula).HasMaxLength(1000);
            e.Property(x => x.DataSource).HasConversion<string>().HasMaxLength(30);
            e.Property(x => x.Source).HasMaxLength(1000);
            e.Ignore(x => x.IsIndicator);
            e.Ignore(x => x.EffectiveWeight);
            e.HasIndex(x => new { x.FrameworkId, x.Code }).IsUnique();
        });

        builder.Entity<BenchmarkEntity>(e =>
        {
            e.Property(x => x.Group).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.NameZh).HasMaxLength(200);
            e.Property(x => x.NameEn).HasMaxLength(300);
            e.Property(x => x.Country).HasMaxLength(100);
            e.Property(x => x.Note).HasMaxLength(2000);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasMany(x => x.Values).WithOne().HasForeignKey(x => x.EntityId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<BenchmarkValue>(e =>
        {
            e.Property(x => x.IndicatorCode).HasMaxLength(40);
            e.Property(x => x.Source).HasMaxLength(1000);
            e.HasIndex(x => new { x.EntityId, x.IndicatorCode }).IsUnique();
        });

        builder.Entity<EvaluationRound>(e =>
        {
            e.Property(x => x.NameZh).HasMaxLength(200);
            e.Property(x => x.NameEn).HasMaxLength(300);
            e.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.OthersSee).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.MethodJson).HasMaxLength(4000);
            e.Property(x => x.OpenedBy).HasMaxLength(256);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasOne(x => x.Framework).WithMany().HasForeignKey(x => x.FrameworkId).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(x => x.Submissions).WithOne(x => x.Round).HasForeignKey(x => x.RoundId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(x => x.Year);
        });

        builder.Entity<ParkSubmission>(e =>
        {
            e.Property(x => x.ParkCode).HasMaxLength(40);
            e.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.ReviewComment).HasMaxLength(2000);
            e.Property(x => x.SubmittedBy).HasMaxLength(256);
            e.Property(x => x.ReviewedBy).HasMaxLength(256);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasIndex(x => new { x.RoundId, x.ParkCode }).IsUnique();
            e.HasOne<Parks.Park>().WithMany().HasForeignKey(x => x.ParkCode).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(x => x.Values).WithOne().HasForeignKey(x => x.SubmissionId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(x => x.Evidence).WithOne().HasForeignKey(x => x.SubmissionId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<SubmissionValue>(e =>
        {
            e.Property(x => x.IndicatorCode).HasMaxLength(40);
            e.Property(x => x.Explanation).HasMaxLength(2000);
            e.HasIndex(x => new { x.SubmissionId, x.IndicatorCode }).IsUnique();
        });

        builder.Entity<SubmissionEvidence>(e =>
        {
            e.Property(x => x.FileName).HasMaxLength(255);
            e.Property(x => x.StoredName).HasMaxLength(100);
            e.Property(x => x.ContentType).HasMaxLength(100);
            e.Property(x => x.Sha256).HasMaxLength(64);
            e.Property(x => x.IndicatorCode).HasMaxLength(40);
            e.Property(x => x.UploadedBy).HasMaxLength(256);
        });

        builder.Entity<EvaluationResult>(e =>
        {
            e.Property(x => x.ComputedBy).HasMaxLength(256);
            e.Property(x => x.MethodJson).HasMaxLength(4000);
            e.HasIndex(x => x.RoundId);
            e.HasOne<EvaluationRound>().WithMany().HasForeignKey(x => x.RoundId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(x => x.Parks).WithOne().HasForeignKey(x => x.ResultId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(x => x.Scores).WithOne().HasForeignKey(x => x.ResultId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<ResultParkSummary>(e =>
        {
            e.Property(x => x.ParkCode).HasMaxLength(40);
            e.HasIndex(x => new { x.ResultId, x.ParkCode }).IsUnique();
        });

        builder.Entity<ResultScore>(e =>
        {
            e.Property(x => x.ParkCode).HasMaxLength(40);
            e.Property(x => x.NodeCode).HasMaxLength(40);
            e.HasIndex(x => new { x.ResultId, x.ParkCode, x.NodeCode }).IsUnique();
        });
    }
}
