using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Zhangjiang.Migrations.Postgres.Migrations
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
                    Code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    NameZh = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    NameEn = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    GoalZh = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    GoalEn = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Source = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FundProgrammes", x => x.Code);
                });

            migrationBuilder.CreateTable(
                name: "FundApplicantKinds",
                columns: table => new
                {
                    Code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    ProgrammeCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    NameZh = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    NameEn = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Order = table.Column<int>(type: "integer", nullable: false)
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
                    Code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    ProgrammeCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    NameZh = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    NameEn = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Order = table.Column<int>(type: "integer", nullable: false)
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
                    TopicCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    AmountFen = table.Column<long>(type: "bigint", nullable: false),
                    Note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    UpdatedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Version = table.Column<Guid>(type: "uuid", nullable: false)
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
