using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Zhangjiang.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class NameIndexInFirmRow : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Enterprises_IndustryCode",
                table: "Enterprises");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Enterprises_IndustryCode",
                table: "Enterprises",
                column: "IndustryCode");
        }
    }
}
