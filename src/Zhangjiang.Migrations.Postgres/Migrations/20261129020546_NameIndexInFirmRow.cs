using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Zhangjiang.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class NameIndexInFirmRow : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "EnterpriseNameGrams");

            migrationBuilder.DropIndex(
                name: "IX_Enterprises_IndustryCode",
                table: "Enterprises");

            migrationBuilder.AddColumn<int[]>(
                name: "NameGrams",
                table: "Enterprises",
                type: "integer[]",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Enterprises_NameGrams",
                table: "Enterprises",
                column: "NameGrams")
                .Annotation("Npgsql:IndexMethod", "gin");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Enterprises_NameGrams",
                table: "Enterprises");

            migrationBuilder.DropColumn(
                name: "NameGrams",
                table: "Enterprises");

            migrationBuilder.CreateTable(
                name: "EnterpriseNameGrams",
                columns: table => new
                {
                    Gram = table.Column<string>(type: "character varying(4)", maxLength: 4, nullable: false, collation: "C"),
                    CreditCode = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EnterpriseNameGrams", x => new { x.Gram, x.CreditCode });
                });

            migrationBuilder.CreateIndex(
                name: "IX_Enterprises_IndustryCode",
                table: "Enterprises",
                column: "IndustryCode");
        }
    }
}
