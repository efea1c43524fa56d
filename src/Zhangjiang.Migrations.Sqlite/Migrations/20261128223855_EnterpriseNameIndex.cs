using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Zhangjiang.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class EnterpriseNameIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Written by hand: WITHOUT ROWID keeps the bigrams in the primary key's b-tree alone (EF would add a rowid
            // table beside it), halving what a first national import writes. Same columns and key as the model.
            migrationBuilder.Sql("""
                CREATE TABLE "EnterpriseNameGrams" (
                    "Gram" TEXT NOT NULL,
                    "CreditCode" TEXT NOT NULL,
                    CONSTRAINT "PK_EnterpriseNameGrams" PRIMARY KEY ("Gram", "CreditCode")
                ) WITHOUT ROWID;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "EnterpriseNameGrams");
        }
    }
}
