using Microsoft.EntityFrameworkCore;

namespace Zhangjiang.Platform.Features.Plans;

public static class PlanModel
{
    public static void Configure(ModelBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Entity<ParkPlan>(e =>
        {
            e.HasKey(x => x.Id);
            e.Property(x => x.ParkCode).HasMaxLength(40);
            // One plan per park: its versions are kept as snapshots, not as more rows here.
            e.HasIndex(x => x.ParkCode).IsUnique();
            e.HasOne<Parks.Park>().WithMany().HasForeignKey(x => x.ParkCode).OnDelete(DeleteBehavior.Restrict);
            e.Property(x => x.TitleZh).HasMaxLength(200);
            e.Property(x => x.TitleEn).HasMaxLength(300);
            e.Property(x => x.PositioningZh).HasMaxLength(4000);
            e.Property(x => x.PositioningEn).HasMaxLength(8000);
            e.Property(x => x.LeadingIndustries).HasMaxLength(1000);
            e.Property(x => x.Source).HasMaxLength(500);
            e.Property(x => x.ReviewNote).HasMaxLength(2000);
            e.Property(x => x.UpdatedBy).HasMaxLength(256);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasMany(x => x.Targets).WithOne().HasForeignKey(x => x.PlanId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(x => x.Tasks).WithOne().HasForeignKey(x => x.PlanId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<PlanTarget>(e =>
        {
            e.HasKey(x => x.Id);
            e.Property(x => x.NameZh).HasMaxLength(300);
            e.Property(x => x.NameEn).HasMaxLength(500);
            e.Property(x => x.Unit).HasMaxLength(40);
            e.Property(x => x.IndicatorCode).HasMaxLength(40);
            e.HasIndex(x => x.Key);
            e.Property(x => x.Source).HasMaxLength(500);
            e.HasIndex(x => new { x.PlanId, x.Order });
        });
        builder.Entity<PlanTask>(e =>
        {
            e.HasKey(x => x.Id);
            e.Property(x => x.TitleZh).HasMaxLength(500);
            e.Property(x => x.TitleEn).HasMaxLength(800);
            e.Property(x => x.Owner).HasMaxLength(200);
            e.Property(x => x.MilestonesJson).HasMaxLength(20_000);
            e.Property(x => x.IndicatorCode).HasMaxLength(40);
            e.HasIndex(x => new { x.PlanId, x.Order });
        });
        builder.Entity<ParkPlanVersion>(e =>
        {
            e.HasKey(x => x.Id);
            e.Property(x => x.SnapshotJson).HasMaxLength(500_000);
            e.Property(x => x.PublishedBy).HasMaxLength(256);
            e.HasIndex(x => new { x.PlanId, x.Number }).IsUnique();
            e.HasOne<ParkPlan>().WithMany().HasForeignKey(x => x.PlanId).OnDelete(DeleteBehavior.Cascade);
        });
            builder.Entity<PlanReport>(e =>
        {
            e.HasKey(x => x.Id);
            e.HasIndex(x => new { x.PlanId, x.PeriodEnd }).IsUnique();
            e.HasIndex(x => new { x.Status, x.DueOn });
            e.Property(x => x.Narrative).HasMaxLength(20_000);
            e.Property(x => x.Evidence).HasMaxLength(5_000);
            e.Property(x => x.UpdatedBy).HasMaxLength(256);
            e.Property(x => x.SubmittedBy).HasMaxLength(256);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasOne<ParkPlan>().WithMany().HasForeignKey(x => x.PlanId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(x => x.Values).WithOne().HasForeignKey(x => x.ReportId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<PlanFundLink>(e =>
        {
            e.HasKey(x => x.Id);
            e.HasIndex(x => new { x.PlanId, x.ApplicationId, x.TargetKey }).IsUnique();
            e.Property(x => x.LinkedBy).HasMaxLength(256);
            e.HasOne<ParkPlan>().WithMany().HasForeignKey(x => x.PlanId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Fund.FundApplication>().WithMany().HasForeignKey(x => x.ApplicationId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<PlanReportValue>(e =>
        {
            e.HasKey(x => x.Id);
            e.Property(x => x.Note).HasMaxLength(1000);
            e.HasIndex(x => new { x.ReportId, x.TargetKey }).IsUnique();
        });
    }
}
