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
            e.Property(x => x.Role).HasMaxLength(40);
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
        builder.Entity<FundCall>(e =>
        {
            e.HasKey(x => x.Id);
            e.Property(x => x.ProgrammeCode).HasMaxLength(40);
            e.Property(x => x.Code).HasMaxLength(20);
            e.HasIndex(x => x.Code).IsUnique();
            e.Property(x => x.TitleZh).HasMaxLength(200);
            e.Property(x => x.TitleEn).HasMaxLength(300);
            e.Property(x => x.GuideZh).HasMaxLength(20000);
            e.Property(x => x.GuideEn).HasMaxLength(20000);
            e.Property(x => x.CreatedBy).HasMaxLength(256);
            e.Property(x => x.OpenedBy).HasMaxLength(256);
            e.Property(x => x.ClosedBy).HasMaxLength(256);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasIndex(x => new { x.Year, x.Status });
            e.HasOne<FundProgramme>().WithMany().HasForeignKey(x => x.ProgrammeCode).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(x => x.Topics).WithOne().HasForeignKey(x => x.CallId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<FundCallTopic>(e =>
        {
            e.HasKey(x => new { x.CallId, x.TopicCode });
            e.Property(x => x.TopicCode).HasMaxLength(40);
            e.HasIndex(x => x.TopicCode);
            e.HasOne<FundTopic>().WithMany().HasForeignKey(x => x.TopicCode).OnDelete(DeleteBehavior.Restrict);
        });
    }
}
