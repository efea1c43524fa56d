using Microsoft.EntityFrameworkCore;

namespace Zhangjiang.Platform.Features.Coordination;

public static class CoordinationModel
{
    public static void Configure(ModelBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Entity<DistrictMechanism>(e =>
        {
            e.HasKey(x => x.DistrictCode);
            e.Property(x => x.DistrictCode).HasMaxLength(6);
            e.HasOne<Parks.District>().WithMany().HasForeignKey(x => x.DistrictCode).OnDelete(DeleteBehavior.Restrict);
            e.Property(x => x.LeaderName).HasMaxLength(100);
            e.Property(x => x.LeaderTitle).HasMaxLength(100);
            e.Property(x => x.MembersJson).HasMaxLength(40_000);
            e.Property(x => x.ParkCodes).HasMaxLength(1000);
            e.Property(x => x.Remit).HasMaxLength(4000);
            e.Property(x => x.Source).HasMaxLength(500);
            e.Property(x => x.UpdatedBy).HasMaxLength(256);
            e.Property(x => x.Version).IsConcurrencyToken();
        });
        builder.Entity<CoordinationMeeting>(e =>
        {
            e.HasKey(x => x.Id);
            e.Property(x => x.DistrictCode).HasMaxLength(6);
            e.HasOne<Parks.District>().WithMany().HasForeignKey(x => x.DistrictCode).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(x => new { x.DistrictCode, x.HeldOn });
            e.Property(x => x.Title).HasMaxLength(200);
            e.Property(x => x.Location).HasMaxLength(200);
            e.Property(x => x.Chair).HasMaxLength(100);
            e.Property(x => x.Attendees).HasMaxLength(4000);
            e.Property(x => x.Minutes).HasMaxLength(50_000);
            e.Property(x => x.UpdatedBy).HasMaxLength(256);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasMany(x => x.Decisions).WithOne().HasForeignKey(x => x.MeetingId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<MeetingDecision>(e =>
        {
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).ValueGeneratedNever();
            e.Property(x => x.Text).HasMaxLength(2000);
            e.Property(x => x.Owner).HasMaxLength(200);
            e.HasIndex(x => x.LinkageItemId);
            e.HasOne<Linkage.LinkageItem>().WithMany().HasForeignKey(x => x.LinkageItemId).OnDelete(DeleteBehavior.SetNull);
        });
    }
}
