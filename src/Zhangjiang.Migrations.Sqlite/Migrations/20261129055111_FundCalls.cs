using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Zhangjiang.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class FundCalls : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Role",
                table: "FundApplicantKinds",
                type: "TEXT",
                maxLength: 40,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateTable(
                name: "FundCalls",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProgrammeCode = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    TitleZh = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    TitleEn = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    GuideZh = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: true),
                    GuideEn = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: true),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    OpensUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ClosesUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ReviewDeadlineUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    RulesJson = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    OpenedUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    OpenedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    ClosedUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ClosedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FundCalls", x => x.Id);
                    table.ForeignKey(
                        name: "FK_FundCalls_FundProgrammes_ProgrammeCode",
                        column: x => x.ProgrammeCode,
                        principalTable: "FundProgrammes",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "FundCallTopics",
                columns: table => new
                {
                    CallId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TopicCode = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FundCallTopics", x => new { x.CallId, x.TopicCode });
                    table.ForeignKey(
                        name: "FK_FundCallTopics_FundCalls_CallId",
                        column: x => x.CallId,
                        principalTable: "FundCalls",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_FundCallTopics_FundTopics_TopicCode",
                        column: x => x.TopicCode,
                        principalTable: "FundTopics",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_FundCalls_Code",
                table: "FundCalls",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_FundCalls_ProgrammeCode",
                table: "FundCalls",
                column: "ProgrammeCode");

            migrationBuilder.CreateIndex(
                name: "IX_FundCalls_Year_Status",
                table: "FundCalls",
                columns: new[] { "Year", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_FundCallTopics_TopicCode",
                table: "FundCallTopics",
                column: "TopicCode");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "FundCallTopics");

            migrationBuilder.DropTable(
                name: "FundCalls");

            migrationBuilder.DropColumn(
                name: "Role",
                table: "FundApplicantKinds");
        }
    }
}
