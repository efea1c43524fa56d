using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Zhangjiang.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class FundProgramme : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "FundProgrammes",
                columns: table => new
                {
                    Code = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    NameZh = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    NameEn = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    GoalZh = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    GoalEn = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FundProgrammes", x => x.Code);
                });

            migrationBuilder.CreateTable(
                name: "FundApplicantKinds",
                columns: table => new
                {
                    Code = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    ProgrammeCode = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    NameZh = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    NameEn = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Order = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FundApplicantKinds", x => x.Code);
                    table.ForeignKey(
                        name: "FK_FundApplicantKinds_FundProgrammes_ProgrammeCode",
                        column: x => x.ProgrammeCode,
                        principalTable: "FundProgrammes",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "FundTopics",
                columns: table => new
                {
                    Code = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    ProgrammeCode = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    NameZh = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    NameEn = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Order = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FundTopics", x => x.Code);
                    table.ForeignKey(
                        name: "FK_FundTopics_FundProgrammes_ProgrammeCode",
                        column: x => x.ProgrammeCode,
                        principalTable: "FundProgrammes",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "FundTopicBudgets",
                columns: table => new
                {
                    TopicCode = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    AmountFen = table.Column<long>(type: "INTEGER", nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    UpdatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FundTopicBudgets", x => new { x.TopicCode, x.Year });
                    table.ForeignKey(
                        name: "FK_FundTopicBudgets_FundTopics_TopicCode",
                        column: x => x.TopicCode,
                        principalTable: "FundTopics",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_FundApplicantKinds_ProgrammeCode",
                table: "FundApplicantKinds",
                column: "ProgrammeCode");

            migrationBuilder.CreateIndex(
                name: "IX_FundTopics_ProgrammeCode",
                table: "FundTopics",
                column: "ProgrammeCode");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "FundApplicantKinds");

            migrationBuilder.DropTable(
                name: "FundTopicBudgets");

            migrationBuilder.DropTable(
                name: "FundTopics");

            migrationBuilder.DropTable(
                name: "FundProgrammes");
        }
    }
}
