using Microsoft.EntityFrameworkCore;

namespace Zhangjiang.Platform.Features.Network;

public static class NetworkModel
{
    public static void Configure(ModelBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Entity<PartnerZone>(e =>
        {
            e.HasKey(x => x.Code);
            e.Property(x => x.Code).HasMaxLength(40);
            e.Property(x => x.NameZh).HasMaxLength(200);
            e.Property(x => x.NameEn).HasMaxLength(300);
            e.Property(x => x.City).HasMaxLength(50);
            e.Property(x => x.Province).HasMaxLength(50);
            e.Property(x => x.Source).HasMaxLength(500);
            e.Property(x => x.Version).IsConcurrencyToken();
        });
        builder.Entity<Alliance>(e =>
        {
            e.HasKey(x => x.Id);
            e.Property(x => x.NameZh).HasMaxLength(200);
            e.Property(x => x.NameEn).HasMaxLength(300);
            e.Property(x => x.FoundedAt).HasMaxLength(200);
            e.Property(x => x.Mission).HasMaxLength(4000);
            e.Property(x => x.MembershipNote).HasMaxLength(1000);
            e.Property(x => x.Source).HasMaxLength(1000);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasMany(x => x.Members).WithOne().HasForeignKey(x => x.AllianceId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<AllianceMember>(e =>
        {
            e.HasKey(x => x.Id);
            e.Property(x => x.ZoneCode).HasMaxLength(40);
            e.HasOne<PartnerZone>().WithMany().HasForeignKey(x => x.ZoneCode).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(x => new { x.AllianceId, x.ZoneCode }).IsUnique();
        });
        builder.Entity<NetworkEvent>(e =>
        {
            e.HasKey(x => x.Id);
            e.Property(x => x.TitleZh).HasMaxLength(300);
            e.Property(x => x.TitleEn).HasMaxLength(400);
            e.Property(x => x.Place).HasMaxLength(200);
            e.Property(x => x.Summary).HasMaxLength(20_000);
            e.Property(x => x.Source).HasMaxLength(1000);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasOne<Alliance>().WithMany().HasForeignKey(x => x.AllianceId).OnDelete(DeleteBehavior.SetNull);
        });
        builder.Entity<PartnerAgreement>(e =>
        {
            e.HasKey(x => x.Id);
            e.Property(x => x.TitleZh).HasMaxLength(300);
            e.Property(x => x.TitleEn).HasMaxLength(400);
            e.Property(x => x.Parties).HasMaxLength(2000);
            e.Property(x => x.Commitments).HasMaxLength(8000);
            e.Property(x => x.Source).HasMaxLength(1000);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasIndex(x => x.ExpiresOn);
        });
        builder.Entity<JointProject>(e =>
        {
            e.HasKey(x => x.Id);
            e.Property(x => x.TitleZh).HasMaxLength(300);
            e.Property(x => x.TitleEn).HasMaxLength(400);
            e.Property(x => x.Partners).HasMaxLength(2000);
            e.Property(x => x.ParkCode).HasMaxLength(40);
            e.HasOne<Parks.Park>().WithMany().HasForeignKey(x => x.ParkCode).OnDelete(DeleteBehavior.Restrict);
            e.Property(x => x.Description).HasMaxLength(8000);
            e.Property(x => x.Source).HasMaxLength(1000);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasOne<Alliance>().WithMany().HasForeignKey(x => x.AllianceId).OnDelete(DeleteBehavior.SetNull);
        });
    }
}
