using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Zhangjiang.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class FundExpertReview : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "FundExpertDraws",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CallId = table.Column<Guid>(type: "uuid", nullable: false),
                    Seed = table.Column<long>(type: "bigint", nullable: false),
                    ForApplicationId = table.Column<Guid>(type: "uuid", nullable: true),
                    AtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    By = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Assigned = table.Column<int>(type: "integer", nullable: false),
                    ReportJson = table.Column<string>(type: "character varying(2000000)", maxLength: 2000000, nullable: false),
                    InputsJson = table.Column<string>(type: "text", maxLength: 20000000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FundExpertDraws", x => x.Id);
                    table.ForeignKey(
                        name: "FK_FundExpertDraws_FundCalls_CallId",
                        column: x => x.CallId,
                        principalTable: "FundCalls",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "FundExperts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    UserName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    Institution = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    InstitutionCreditCode = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: true),
                    AffiliatedCreditCodes = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Title = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Topics = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Industries = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Available = table.Column<bool>(type: "boolean", nullable: false),
                    MaxPerCall = table.Column<int>(type: "integer", nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FundExperts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ReviewAssignments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ApplicationId = table.Column<Guid>(type: "uuid", nullable: false),
                    ExpertId = table.Column<Guid>(type: "uuid", nullable: false),
                    DrawId = table.Column<Guid>(type: "uuid", nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    AssignedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    DeclaredUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ConflictReason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    SubmittedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    WeightedScore = table.Column<double>(type: "double precision", nullable: true),
                    OverallComment = table.Column<string>(type: "character varying(5000)", maxLength: 5000, nullable: true),
                    Version = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReviewAssignments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ReviewAssignments_FundApplications_ApplicationId",
                        column: x => x.ApplicationId,
                        principalTable: "FundApplications",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ReviewAssignments_FundExpertDraws_DrawId",
                        column: x => x.DrawId,
                        principalTable: "FundExpertDraws",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ReviewAssignments_FundExperts_ExpertId",
                        column: x => x.ExpertId,
                        principalTable: "FundExperts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ReviewScores",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    AssignmentId = table.Column<Guid>(type: "uuid", nullable: false),
                    CriterionKey = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Score = table.Column<int>(type: "integer", nullable: false),
                    Comment = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReviewScores", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ReviewScores_ReviewAssignments_AssignmentId",
                        column: x => x.AssignmentId,
                        principalTable: "ReviewAssignments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_FundExpertDraws_CallId",
                table: "FundExpertDraws",
                column: "CallId");

            migrationBuilder.CreateIndex(
                name: "IX_FundExperts_UserName",
                table: "FundExperts",
                column: "UserName",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ReviewAssignments_ApplicationId_ExpertId",
                table: "ReviewAssignments",
                columns: new[] { "ApplicationId", "ExpertId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ReviewAssignments_DrawId",
                table: "ReviewAssignments",
                column: "DrawId");

            migrationBuilder.CreateIndex(
                name: "IX_ReviewAssignments_ExpertId_Status",
                table: "ReviewAssignments",
                columns: new[] { "ExpertId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_ReviewScores_AssignmentId_CriterionKey",
                table: "ReviewScores",
                columns: new[] { "AssignmentId", "CriterionKey" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ReviewScores");

            migrationBuilder.DropTable(
                name: "ReviewAssignments");

            migrationBuilder.DropTable(
                name: "FundExpertDraws");

            migrationBuilder.DropTable(
                name: "FundExperts");
        }
    }
}
