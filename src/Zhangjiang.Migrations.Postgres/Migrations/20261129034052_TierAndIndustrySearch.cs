using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Zhangjiang.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class TierAndIndustrySearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "TiersAwarded",
                table: "Enterprises",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            // The bits of the awards already recorded (EnterpriseTiers.Bit: 1 << the tier's number), spelled out here
            // so the migration stays as it is when the enum grows.
            migrationBuilder.Sql("""
                UPDATE "Enterprises" SET "TiersAwarded" = (
                    SELECT SUM(DISTINCT CASE a."Tier" WHEN 'TechSme' THEN 2 WHEN 'InnovativeSme' THEN 4 WHEN 'HighTechEnterprise' THEN 8 WHEN 'SpecialisedSme' THEN 16 WHEN 'ShanghaiLittleGiantCultivation' THEN 32 WHEN 'ShanghaiLittleGiant' THEN 64 WHEN 'LittleGiant' THEN 128 WHEN 'Gazelle' THEN 256 WHEN 'Unicorn' THEN 512 WHEN 'Listed' THEN 1024 ELSE 0 END)
                    FROM "TierAwards" a WHERE a."CreditCode" = "Enterprises"."CreditCode")
                WHERE "CreditCode" IN (SELECT "CreditCode" FROM "TierAwards");
                """);

            migrationBuilder.CreateIndex(
                name: "IX_TierAwards_Tier_CreditCode",
                table: "TierAwards",
                columns: new[] { "Tier", "CreditCode" })
                .Annotation("Npgsql:IndexInclude", new[] { "AwardedOn", "ExpiresOn", "RevokedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_Enterprises_IndustryCode",
                table: "Enterprises",
                column: "IndustryCode")
                .Annotation("Npgsql:IndexInclude", new[] { "TiersAwarded", "CreditCode" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_TierAwards_Tier_CreditCode",
                table: "TierAwards");

            migrationBuilder.DropIndex(
                name: "IX_Enterprises_IndustryCode",
                table: "Enterprises");

            migrationBuilder.DropColumn(
                name: "TiersAwarded",
                table: "Enterprises");
        }
    }
}
