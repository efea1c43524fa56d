using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Zhangjiang.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class FundApplications : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "FundApplications",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CallId = table.Column<Guid>(type: "uuid", nullable: false),
                    TopicCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    KindCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    ApplicantCreditCode = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    ApplicantName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ParkCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    TrackingNumber = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    ProjectTitle = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    RequestedFen = table.Column<long>(type: "bigint", nullable: false),
                    SelfFundingFen = table.Column<long>(type: "bigint", nullable: false),
                    AnswersJson = table.Column<string>(type: "character varying(400000)", maxLength: 400000, nullable: false),
                    ExclusionsJson = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    UpdatedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    SubmittedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    SubmittedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    CorrectionDueUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ReturnedOnce = table.Column<bool>(type: "boolean", nullable: false),
                    SubmissionCopyId = table.Column<Guid>(type: "uuid", nullable: true),
                    SubmissionCopySha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Version = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FundApplications", x => x.Id);
                    table.ForeignKey(
                        name: "FK_FundApplications_FundApplicantKinds_KindCode",
                        column: x => x.KindCode,
                        principalTable: "FundApplicantKinds",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_FundApplications_FundCalls_CallId",
                        column: x => x.CallId,
                        principalTable: "FundCalls",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_FundApplications_FundTopics_TopicCode",
                        column: x => x.TopicCode,
                        principalTable: "FundTopics",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "FundApplicationEvents",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ApplicationId = table.Column<Guid>(type: "uuid", nullable: false),
                    AtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    By = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    From = table.Column<int>(type: "integer", nullable: true),
                    To = table.Column<int>(type: "integer", nullable: false),
                    Reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FundApplicationEvents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_FundApplicationEvents_FundApplications_ApplicationId",
                        column: x => x.ApplicationId,
                        principalTable: "FundApplications",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "FundAttachments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ApplicationId = table.Column<Guid>(type: "uuid", nullable: false),
                    FileName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    StoredFileId = table.Column<Guid>(type: "uuid", nullable: false),
                    Length = table.Column<long>(type: "bigint", nullable: false),
                    Sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    UploadedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UploadedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FundAttachments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_FundAttachments_FundApplications_ApplicationId",
                        column: x => x.ApplicationId,
                        principalTable: "FundApplications",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "FundBudgetLines",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ApplicationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Order = table.Column<int>(type: "integer", nullable: false),
                    Category = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Description = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    FundFen = table.Column<long>(type: "bigint", nullable: false),
                    SelfFen = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FundBudgetLines", x => x.Id);
                    table.ForeignKey(
                        name: "FK_FundBudgetLines_FundApplications_ApplicationId",
                        column: x => x.ApplicationId,
                        principalTable: "FundApplications",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "FundTargets",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ApplicationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Order = table.Column<int>(type: "integer", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Unit = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Baseline = table.Column<double>(type: "double precision", nullable: true),
                    TargetValue = table.Column<double>(type: "double precision", nullable: false),
                    DueOn = table.Column<DateOnly>(type: "date", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FundTargets", x => x.Id);
                    table.ForeignKey(
                        name: "FK_FundTargets_FundApplications_ApplicationId",
                        column: x => x.ApplicationId,
                        principalTable: "FundApplications",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "FundTeamMembers",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ApplicationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Order = table.Column<int>(type: "integer", nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Title = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Organisation = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Role = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FundTeamMembers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_FundTeamMembers_FundApplications_ApplicationId",
                        column: x => x.ApplicationId,
                        principalTable: "FundApplications",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_FundApplicationEvents_ApplicationId_Id",
                table: "FundApplicationEvents",
                columns: new[] { "ApplicationId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_FundApplications_ApplicantCreditCode_Status",
                table: "FundApplications",
                columns: new[] { "ApplicantCreditCode", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_FundApplications_CallId_ApplicantCreditCode",
                table: "FundApplications",
                columns: new[] { "CallId", "ApplicantCreditCode" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_FundApplications_CallId_TopicCode_Status",
                table: "FundApplications",
                columns: new[] { "CallId", "TopicCode", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_FundApplications_KindCode",
                table: "FundApplications",
                column: "KindCode");

            migrationBuilder.CreateIndex(
                name: "IX_FundApplications_TopicCode",
                table: "FundApplications",
                column: "TopicCode");

            migrationBuilder.CreateIndex(
                name: "IX_FundApplications_TrackingNumber",
                table: "FundApplications",
                column: "TrackingNumber",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_FundAttachments_ApplicationId",
                table: "FundAttachments",
                column: "ApplicationId");

            migrationBuilder.CreateIndex(
                name: "IX_FundBudgetLines_ApplicationId_Order",
                table: "FundBudgetLines",
                columns: new[] { "ApplicationId", "Order" });

            migrationBuilder.CreateIndex(
                name: "IX_FundTargets_ApplicationId_Order",
                table: "FundTargets",
                columns: new[] { "ApplicationId", "Order" });

            migrationBuilder.CreateIndex(
                name: "IX_FundTeamMembers_ApplicationId_Order",
                table: "FundTeamMembers",
                columns: new[] { "ApplicationId", "Order" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "FundApplicationEvents");

            migrationBuilder.DropTable(
                name: "FundAttachments");

            migrationBuilder.DropTable(
                name: "FundBudgetLines");

            migrationBuilder.DropTable(
                name: "FundTargets");

            migrationBuilder.DropTable(
                name: "FundTeamMembers");

            migrationBuilder.DropTable(
                name: "FundApplications");
        }
    }
}
