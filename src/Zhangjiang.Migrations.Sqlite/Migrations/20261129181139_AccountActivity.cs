using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Zhangjiang.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class AccountActivity : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "LastActiveUtc",
                table: "AspNetUsers",
                type: "TEXT",
                nullable: true);

            // Accounts that exist at the upgrade start a fresh period: their earlier sign-ins were not recorded, and
            // counting from their creation would disable every account older than the dormancy limit at once.
            migrationBuilder.Sql("UPDATE \"AspNetUsers\" SET \"LastActiveUtc\" = strftime('%Y-%m-%d %H:%M:%f', 'now')");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "LastActiveUtc",
                table: "AspNetUsers");
        }
    }
}
