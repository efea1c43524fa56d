using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Zhangjiang.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class FundFormalReview : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "FormalReviewJson",
                table: "FundApplications",
                type: "TEXT",
                maxLength: 20000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "FormalReviewedBy",
                table: "FundApplications",
                type: "TEXT",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "FormalReviewedUtc",
                table: "FundApplications",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "FormalReviewJson",
                table: "FundApplications");

            migrationBuilder.DropColumn(
                name: "FormalReviewedBy",
                table: "FundApplications");

            migrationBuilder.DropColumn(
                name: "FormalReviewedUtc",
                table: "FundApplications");
        }
    }
}
