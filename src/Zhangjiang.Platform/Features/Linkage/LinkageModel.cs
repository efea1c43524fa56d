using Microsoft.EntityFrameworkCore;

namespace Zhangjiang.Platform.Features.Linkage;

public static class LinkageModel
{
    public static void Configure(ModelBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Entity<LinkageItem>(e =>
        {
            e.HasKey(x => x.Id);
            e.Property(x => x.Number).HasMaxLength(20);
            e.HasIndex(x => x.Number).IsUnique();
            e.HasIndex(x => new { x.Stage, x.DueOn });
            e.Property(x => x.TitleZh).HasMaxLength(200);
            e.Property(x => x.TitleEn).HasMaxLength(400);
            e.Property(x => x.Description).HasMaxLength(8000);
            e.Property(x => x.Source).HasMaxLength(500);
            e.Property(x => x.InvestmentWan).HasPrecision(18, 2);
            e.Property(x => x.Location).HasMaxLength(300);
            e.Property(x => x.ParkCode).HasMaxLength(40);
            e.HasOne<Parks.Park>().WithMany().HasForeignKey(x => x.ParkCode).OnDelete(DeleteBehavior.Restrict);
            e.Property(x => x.CloseSummary).HasMaxLength(8000);
            e.Property(x => x.CloseRequestedBy).HasMaxLength(256);
            e.Property(x => x.VerifiedBy).HasMaxLength(256);
            e.Property(x => x.CreatedBy).HasMaxLength(256);
            e.Property(x => x.UpdatedBy).HasMaxLength(256);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasMany(x => x.Units).WithOne().HasForeignKey(x => x.ItemId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(x => x.Nodes).WithOne().HasForeignKey(x => x.ItemId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<LinkageUnit>(e =>
        {
            e.HasKey(x => x.Id);
            e.Property(x => x.Code).HasMaxLength(40);
            e.Property(x => x.SignedBy).HasMaxLength(256);
            e.HasIndex(x => new { x.ItemId, x.Kind, x.Code }).IsUnique();
            e.HasIndex(x => new { x.Kind, x.Code });
        });
        builder.Entity<LinkageNode>(e =>
        {
            e.HasKey(x => x.Id);
            e.Property(x => x.Title).HasMaxLength(300);
            e.Property(x => x.Note).HasMaxLength(2000);
            e.Property(x => x.UpdatedBy).HasMaxLength(256);
            e.HasIndex(x => new { x.ItemId, x.Order });
        });
        builder.Entity<LinkageFeedback>(e =>
        {
            e.HasKey(x => x.Id);
            e.Property(x => x.UnitCode).HasMaxLength(40);
            e.Property(x => x.Narrative).HasMaxLength(8000);
            e.Property(x => x.SubmittedBy).HasMaxLength(256);
            e.HasIndex(x => new { x.ItemId, x.SubmittedUtc });
            e.HasOne<LinkageItem>().WithMany().HasForeignKey(x => x.ItemId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<LinkageUrging>(e =>
        {
            e.HasKey(x => x.Id);
            e.Property(x => x.Number).HasMaxLength(20);
            e.HasIndex(x => x.Number).IsUnique();
            e.Property(x => x.UnitCode).HasMaxLength(40);
            e.Property(x => x.Reason).HasMaxLength(4000);
            e.Property(x => x.Response).HasMaxLength(4000);
            e.Property(x => x.IssuedBy).HasMaxLength(256);
            e.Property(x => x.RespondedBy).HasMaxLength(256);
            e.HasIndex(x => x.ItemId);
            e.HasOne<LinkageItem>().WithMany().HasForeignKey(x => x.ItemId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<LinkageEvent>(e =>
        {
            e.HasKey(x => x.Id);
            e.Property(x => x.UnitCode).HasMaxLength(40);
            e.Property(x => x.Note).HasMaxLength(4000);
            e.Property(x => x.Actor).HasMaxLength(256);
            e.HasIndex(x => x.ItemId);
            e.HasOne<LinkageItem>().WithMany().HasForeignKey(x => x.ItemId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<Files.AttachedFile>(e =>
        {
            e.Property(x => x.Id).ValueGeneratedNever();
            e.Property(x => x.OwnerKind).HasMaxLength(40);
            e.Property(x => x.FileName).HasMaxLength(200);
            e.Property(x => x.ContentType).HasMaxLength(100);
            e.Property(x => x.Sha256).HasMaxLength(64);
            e.Property(x => x.UploadedBy).HasMaxLength(256);
            e.HasIndex(x => new { x.OwnerKind, x.OwnerId });
        });
    }
}
