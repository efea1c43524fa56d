using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Zhangjiang.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class ParkStaysWithoutForeignKey : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_EnterpriseParkAssignments_Enterprises_CreditCode",
                table: "EnterpriseParkAssignments");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddForeignKey(
                name: "FK_EnterpriseParkAssignments_Enterprises_CreditCode",
                table: "EnterpriseParkAssignments",
                column: "CreditCode",
                principalTable: "Enterprises",
                principalColumn: "CreditCode",
                onDelete: ReferentialAction.Cascade);
        }
    }
}
