using Microsoft.EntityFrameworkCore;
using Zhangjiang.Platform.Data;

namespace Zhangjiang.Platform.Features.Enterprises;

/// <summary>
/// The enterprise tables' mapping (called from <see cref="Data.ZjDbContext"/>.OnModelCreating). Table names are fixed
/// because the bulk import and the roll-up write SQL against them.
/// </summary>
internal static class EnterpriseModel
{
    public const string StatisticsTable = "EnterpriseYearStatistics";
    public const string EnterprisesTable = "Enterprises";
    public const string AssignmentsTable = "EnterpriseParkAssignments";
    public const string AnomaliesTable = "StatisticsAnomalies";

    public static void Configure(ModelBuilder builder, DatabaseProvider provider)
    {
        builder.Entity<Enterprise>(e =>
        {
            e.ToTable(EnterprisesTable);
            e.HasKey(x => x.CreditCode);
            e.Property(x => x.CreditCode).HasMaxLength(18);
            e.Property(x => x.NameZh).HasMaxLength(200);
            e.Property(x => x.NameEn).HasMaxLength(300);
            e.Property(x => x.ParkCode).HasMaxLength(40);
            e.Property(x => x.IndustryCode).HasMaxLength(5);
            e.Property(x => x.Ownership).HasConversion<string>().HasMaxLength(30);
            e.Property(x => x.CountryOfOrigin).HasMaxLength(2);
            e.Property(x => x.ContactName).HasMaxLength(50);
            e.Property(x => x.ContactPhone).HasMaxLength(30);
            e.Property(x => x.ContactEmail).HasMaxLength(200);
            e.Property(x => x.Version).IsConcurrencyToken();
            // The importer's COPY of new firms leaves the column out: the database fills in "no tier yet".
            e.Property(x => x.TiersAwarded).HasDefaultValue(0);
            // No foreign key to Parks on the bulk-written tables: the 22 parks are seeded and never deleted, and
            // PostgreSQL's per-row key-share lock on the same few park rows made new firms the slowest part of an import.
            e.HasIndex(x => x.ParkCode);
            e.HasIndex(x => x.NameZh);
        });

        // A search by industry reads a key range of codes (CodePrefix) in this index alone, the tier bits and the key
        // along: counting the high-tech firms of an industry among 200,000 no longer reads every firm's row (PostgreSQL:
        // 85 → 30 ms). SQLite has no INCLUDE: the same columns as a longer key.
        if (provider == DatabaseProvider.Postgres)
        {
            builder.Entity<Enterprise>(e => e.HasIndex(x => x.IndustryCode).IncludeProperties(x => new { x.TiersAwarded, x.CreditCode }));
        }
        else
        {
            builder.Entity<Enterprise>(e => e.HasIndex(x => new { x.IndustryCode, x.TiersAwarded, x.CreditCode }));
        }

        // The name index (ADR 0009): an array column with a GIN index on PostgreSQL, a table of (bigram, firm) on SQLite.
        if (provider == DatabaseProvider.Postgres)
        {
            builder.Ignore<EnterpriseNameGram>();
            builder.Entity<Enterprise>(e => e.HasIndex(x => x.NameGrams).HasMethod("gin"));
        }
        else
        {
            builder.Entity<Enterprise>(e => e.Ignore(x => x.NameGrams));
            builder.Entity<EnterpriseNameGram>(e =>
            {
                e.ToTable(EnterpriseNameIndex.Table);
                // Gram first: a search reads the firms of each gram of its text as one key range.
                e.HasKey(x => new { x.Gram, x.CreditCode });
                e.Property(x => x.Gram).HasMaxLength(4);
                e.Property(x => x.CreditCode).HasMaxLength(18);
            });
        }

        builder.Entity<EnterpriseParkAssignment>(e =>
        {
            e.ToTable(AssignmentsTable);
            e.Property(x => x.CreditCode).HasMaxLength(18);
            e.Property(x => x.ParkCode).HasMaxLength(40);
            e.Property(x => x.Reason).HasMaxLength(500);
            // No foreign key to Enterprises (ADR 0008): the importer writes a new firm's first stay right after the firm,
            // in the same transaction, and the per-row check cost PostgreSQL 2.4 s per 147,000 new firms.
            e.HasIndex(x => new { x.CreditCode, x.FromDate });
            e.HasIndex(x => new { x.ParkCode, x.FromDate });
        });

        builder.Entity<TierAward>(e =>
        {
            e.ToTable("TierAwards");
            e.Property(x => x.Id).ValueGeneratedNever();
            e.Property(x => x.CreditCode).HasMaxLength(18);
            e.Property(x => x.Tier).HasConversion<string>().HasMaxLength(40);
            e.Property(x => x.CertificateNumber).HasMaxLength(60);
            e.Property(x => x.IssuingBody).HasMaxLength(200);
            e.Property(x => x.RevocationReason).HasMaxLength(500);
            e.Property(x => x.Note).HasMaxLength(1000);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasOne<Enterprise>().WithMany().HasForeignKey(x => x.CreditCode).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(x => x.CreditCode);
            e.HasIndex(x => new { x.Tier, x.ExpiresOn });
        });
        // Who holds a tier today, from the index alone (the search by tier): its firms and their award dates.
        if (provider == DatabaseProvider.Postgres)
        {
            builder.Entity<TierAward>(e => e.HasIndex(x => new { x.Tier, x.CreditCode }).IncludeProperties(x => new { x.AwardedOn, x.ExpiresOn, x.RevokedOn }));
        }
        else
        {
            builder.Entity<TierAward>(e => e.HasIndex(x => new { x.Tier, x.CreditCode, x.AwardedOn, x.ExpiresOn, x.RevokedOn }));
        }

        builder.Entity<EnterpriseYearStatistics>(e =>
        {
            e.ToTable(StatisticsTable);
            e.HasKey(x => new { x.CreditCode, x.Year });
            e.Property(x => x.CreditCode).HasMaxLength(18);
            e.Property(x => x.ParkCode).HasMaxLength(40);
            e.Property(x => x.ExclusionReason).HasMaxLength(500);
            e.Property(x => x.Version).IsConcurrencyToken();
            // No foreign key to Enterprises: at a million rows per import its per-row check cost more than the rest of
            // the load together. The importer writes every firm it refers to in the same transaction, and firms are never deleted (ADR 0008).
            e.HasIndex(x => new { x.Year, x.ParkCode });
        });

        builder.Entity<StatisticsImport>(e =>
        {
            e.Property(x => x.Id).ValueGeneratedNever();
            e.Property(x => x.FileName).HasMaxLength(260);
            e.Property(x => x.FileSha256).HasMaxLength(64);
            e.Property(x => x.Years).HasMaxLength(200);
            e.Property(x => x.ImportedBy).HasMaxLength(256);
            e.HasIndex(x => x.FileSha256).IsUnique();
        });

        builder.Entity<StatisticsAnomaly>(e =>
        {
            e.ToTable(AnomaliesTable);
            e.Property(x => x.CreditCode).HasMaxLength(18);
            e.Property(x => x.ParkCode).HasMaxLength(40);
            e.Property(x => x.Field).HasMaxLength(40);
            e.Property(x => x.Explanation).HasMaxLength(1000);
            e.Property(x => x.ExplainedBy).HasMaxLength(256);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasIndex(x => new { x.ParkCode, x.Year });
            e.HasIndex(x => new { x.CreditCode, x.Year });
        });

        builder.Entity<TierRule>(e =>
        {
            e.Property(x => x.Id).ValueGeneratedNever();
            e.Property(x => x.Tier).HasConversion<string>().HasMaxLength(40);
            e.Property(x => x.NameZh).HasMaxLength(200);
            e.Property(x => x.NameEn).HasMaxLength(300);
            e.Property(x => x.Source).HasMaxLength(2000);
            e.Property(x => x.CriteriaJson).HasMaxLength(20000);
            e.Property(x => x.UpdatedBy).HasMaxLength(256);
            e.Property(x => x.Version).IsConcurrencyToken();
        });

        builder.Entity<RollupFormula>(e =>
        {
            e.HasKey(x => x.Code);
            e.Property(x => x.Code).HasMaxLength(40);
            e.Property(x => x.NameZh).HasMaxLength(200);
            e.Property(x => x.NameEn).HasMaxLength(300);
            e.Property(x => x.Expression).HasMaxLength(2000);
            e.Property(x => x.Unit).HasMaxLength(60);
            e.Property(x => x.IndicatorCode).HasMaxLength(40);
            e.Property(x => x.Source).HasMaxLength(2000);
            e.Property(x => x.Version).IsConcurrencyToken();
        });

        builder.Entity<ParkStatisticValue>(e =>
        {
            e.HasKey(x => new { x.ParkCode, x.Year, x.FormulaCode });
            e.Property(x => x.ParkCode).HasMaxLength(40);
            e.Property(x => x.FormulaCode).HasMaxLength(40);
            e.Property(x => x.Expression).HasMaxLength(2000);
        });
    }
}
