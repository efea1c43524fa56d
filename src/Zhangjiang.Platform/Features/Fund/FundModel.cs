using Microsoft.EntityFrameworkCore;

namespace Zhangjiang.Platform.Features.Fund;

/// <summary>The fund tables' mapping (called from <see cref="Data.ZjDbContext"/>.OnModelCreating).</summary>
internal static class FundModel
{
    public static void Configure(ModelBuilder builder)
    {
        builder.Entity<FundProgramme>(e =>
        {
            e.HasKey(x => x.Code);
            e.Property(x => x.Code).HasMaxLength(40);
            e.Property(x => x.NameZh).HasMaxLength(200);
            e.Property(x => x.NameEn).HasMaxLength(300);
            e.Property(x => x.GoalZh).HasMaxLength(1000);
            e.Property(x => x.GoalEn).HasMaxLength(1000);
            e.Property(x => x.Source).HasMaxLength(500);
        });
        builder.Entity<FundApplicantKind>(e =>
        {
            e.HasKey(x => x.Code);
            e.Property(x => x.Code).HasMaxLength(40);
            e.Property(x => x.ProgrammeCode).HasMaxLength(40);
            e.Property(x => x.NameZh).HasMaxLength(100);
            e.Property(x => x.NameEn).HasMaxLength(200);
            e.HasOne<FundProgramme>().WithMany().HasForeignKey(x => x.ProgrammeCode).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<FundTopic>(e =>
        {
            e.HasKey(x => x.Code);
            e.Property(x => x.Code).HasMaxLength(40);
            e.Property(x => x.ProgrammeCode).HasMaxLength(40);
            e.Property(x => x.NameZh).HasMaxLength(100);
            e.Property(x => x.NameEn).HasMaxLength(200);
            e.HasOne<FundProgramme>().WithMany().HasForeignKey(x => x.ProgrammeCode).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<FundTopicBudget>(e =>
        {
            e.HasKey(x => new { x.TopicCode, x.Year });
            e.Property(x => x.TopicCode).HasMaxLength(40);
            e.Property(x => x.Note).HasMaxLength(500);
            e.Property(x => x.UpdatedBy).HasMaxLength(256);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasOne<FundTopic>().WithMany().HasForeignKey(x => x.TopicCode).OnDelete(DeleteBehavior.Restrict);
        });
    }
}
