using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Zhangjiang.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class FundDecisions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "DecidedBy",
                table: "FundCalls",
                type: "character varying(256)",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "DecidedUtc",
                table: "FundCalls",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "NoticeEndsUtc",
                table: "FundCalls",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "NoticeStartsUtc",
                table: "FundCalls",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ReviewsReleasedUtc",
                table: "FundCalls",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "FinalScore",
                table: "FundApplications",
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "GrantFen",
                table: "FundApplications",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Rank",
                table: "FundApplications",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "FundObjections",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CallId = table.Column<Guid>(type: "uuid", nullable: false),
                    ApplicationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Text = table.Column<string>(type: "character varying(5000)", maxLength: 5000, nullable: false),
                    SubmittedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    SubmittedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Resolution = table.Column<string>(type: "character varying(5000)", maxLength: 5000, nullable: true),
                    Upheld = table.Column<bool>(type: "boolean", nullable: true),
                    ResolvedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ResolvedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    Version = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FundObjections", x => x.Id);
                    table.ForeignKey(
                        name: "FK_FundObjections_FundApplications_ApplicationId",
                        column: x => x.ApplicationId,
                        principalTable: "FundApplications",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_FundObjections_FundCalls_CallId",
                        column: x => x.CallId,
                        principalTable: "FundCalls",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_FundObjections_ApplicationId",
                table: "FundObjections",
                column: "ApplicationId");

            migrationBuilder.CreateIndex(
                name: "IX_FundObjections_CallId_Upheld",
                table: "FundObjections",
                columns: new[] { "CallId", "Upheld" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "FundObjections");

            migrationBuilder.DropColumn(
                name: "DecidedBy",
                table: "FundCalls");

            migrationBuilder.DropColumn(
                name: "DecidedUtc",
                table: "FundCalls");

            migrationBuilder.DropColumn(
                name: "NoticeEndsUtc",
                table: "FundCalls");

            migrationBuilder.DropColumn(
                name: "NoticeStartsUtc",
                table: "FundCalls");

            migrationBuilder.DropColumn(
                name: "ReviewsReleasedUtc",
                table: "FundCalls");

            migrationBuilder.DropColumn(
                name: "FinalScore",
                table: "FundApplications");

            migrationBuilder.DropColumn(
                name: "GrantFen",
                table: "FundApplications");

            migrationBuilder.DropColumn(
                name: "Rank",
                table: "FundApplications");
        }
    }
}
