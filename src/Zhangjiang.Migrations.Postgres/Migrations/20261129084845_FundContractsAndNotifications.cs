using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Zhangjiang.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class FundContractsAndNotifications : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "FundContracts",
                columns: table => new
                {
                    ApplicationId = table.Column<Guid>(type: "uuid", nullable: false),
                    ContractNumber = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    GrantFen = table.Column<long>(type: "bigint", nullable: false),
                    StartsOn = table.Column<DateOnly>(type: "date", nullable: false),
                    EndsOn = table.Column<DateOnly>(type: "date", nullable: false),
                    MidtermDueOn = table.Column<DateOnly>(type: "date", nullable: false),
                    BudgetJson = table.Column<string>(type: "character varying(200000)", maxLength: 200000, nullable: false),
                    SignedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    SignedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    PaymentsHeld = table.Column<bool>(type: "boolean", nullable: false),
                    PerformanceScore = table.Column<double>(type: "double precision", nullable: true),
                    AcceptancePassed = table.Column<bool>(type: "boolean", nullable: true),
                    AcceptanceNote = table.Column<string>(type: "character varying(5000)", maxLength: 5000, nullable: true),
                    AcceptedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    AcceptedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    Version = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FundContracts", x => x.ApplicationId);
                    table.ForeignKey(
                        name: "FK_FundContracts_FundApplications_ApplicationId",
                        column: x => x.ApplicationId,
                        principalTable: "FundApplications",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Notifications",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Audience = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    TextZh = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    TextEn = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Link = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    CreatedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    DedupKey = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    MailedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Notifications", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "FundAmendments",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ContractId = table.Column<Guid>(type: "uuid", nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    Reason = table.Column<string>(type: "character varying(5000)", maxLength: 5000, nullable: false),
                    BeforeJson = table.Column<string>(type: "character varying(200000)", maxLength: 200000, nullable: false),
                    AfterJson = table.Column<string>(type: "character varying(200000)", maxLength: 200000, nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    RequestedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    RequestedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    DecisionNote = table.Column<string>(type: "character varying(5000)", maxLength: 5000, nullable: true),
                    DecidedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    DecidedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FundAmendments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_FundAmendments_FundContracts_ContractId",
                        column: x => x.ContractId,
                        principalTable: "FundContracts",
                        principalColumn: "ApplicationId",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "FundKpis",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ContractId = table.Column<Guid>(type: "uuid", nullable: false),
                    Order = table.Column<int>(type: "integer", nullable: false),
                    MilestoneOrder = table.Column<int>(type: "integer", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Unit = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Baseline = table.Column<double>(type: "double precision", nullable: true),
                    TargetValue = table.Column<double>(type: "double precision", nullable: false),
                    DueOn = table.Column<DateOnly>(type: "date", nullable: false),
                    ActualValue = table.Column<double>(type: "double precision", nullable: true),
                    Rating = table.Column<int>(type: "integer", nullable: true),
                    RatingNote = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FundKpis", x => x.Id);
                    table.ForeignKey(
                        name: "FK_FundKpis_FundContracts_ContractId",
                        column: x => x.ContractId,
                        principalTable: "FundContracts",
                        principalColumn: "ApplicationId",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "FundMidtermChecks",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ContractId = table.Column<Guid>(type: "uuid", nullable: false),
                    Outcome = table.Column<int>(type: "integer", nullable: false),
                    Note = table.Column<string>(type: "character varying(5000)", maxLength: 5000, nullable: false),
                    AtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    By = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FundMidtermChecks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_FundMidtermChecks_FundContracts_ContractId",
                        column: x => x.ContractId,
                        principalTable: "FundContracts",
                        principalColumn: "ApplicationId",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "FundMilestones",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ContractId = table.Column<Guid>(type: "uuid", nullable: false),
                    Order = table.Column<int>(type: "integer", nullable: false),
                    DueOn = table.Column<DateOnly>(type: "date", nullable: false),
                    IsFinal = table.Column<bool>(type: "boolean", nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    ReportText = table.Column<string>(type: "character varying(10000)", maxLength: 10000, nullable: true),
                    ReportedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ReportedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    ReviewNote = table.Column<string>(type: "character varying(5000)", maxLength: 5000, nullable: true),
                    ReviewedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ReviewedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FundMilestones", x => x.Id);
                    table.ForeignKey(
                        name: "FK_FundMilestones_FundContracts_ContractId",
                        column: x => x.ContractId,
                        principalTable: "FundContracts",
                        principalColumn: "ApplicationId",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "FundTranches",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ContractId = table.Column<Guid>(type: "uuid", nullable: false),
                    Order = table.Column<int>(type: "integer", nullable: false),
                    MilestoneOrder = table.Column<int>(type: "integer", nullable: true),
                    AmountFen = table.Column<long>(type: "bigint", nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    PaidOn = table.Column<DateOnly>(type: "date", nullable: true),
                    PaymentReference = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    PaidBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FundTranches", x => x.Id);
                    table.ForeignKey(
                        name: "FK_FundTranches_FundContracts_ContractId",
                        column: x => x.ContractId,
                        principalTable: "FundContracts",
                        principalColumn: "ApplicationId",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "NotificationReads",
                columns: table => new
                {
                    NotificationId = table.Column<long>(type: "bigint", nullable: false),
                    UserName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    ReadUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NotificationReads", x => new { x.NotificationId, x.UserName });
                    table.ForeignKey(
                        name: "FK_NotificationReads_Notifications_NotificationId",
                        column: x => x.NotificationId,
                        principalTable: "Notifications",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_FundAmendments_ContractId_Number",
                table: "FundAmendments",
                columns: new[] { "ContractId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_FundContracts_ContractNumber",
                table: "FundContracts",
                column: "ContractNumber",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_FundKpis_ContractId_Order",
                table: "FundKpis",
                columns: new[] { "ContractId", "Order" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_FundMidtermChecks_ContractId",
                table: "FundMidtermChecks",
                column: "ContractId");

            migrationBuilder.CreateIndex(
                name: "IX_FundMilestones_ContractId_Order",
                table: "FundMilestones",
                columns: new[] { "ContractId", "Order" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_FundMilestones_Status_DueOn",
                table: "FundMilestones",
                columns: new[] { "Status", "DueOn" });

            migrationBuilder.CreateIndex(
                name: "IX_FundTranches_ContractId_Order",
                table: "FundTranches",
                columns: new[] { "ContractId", "Order" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_Audience_Id",
                table: "Notifications",
                columns: new[] { "Audience", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_DedupKey",
                table: "Notifications",
                column: "DedupKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_MailedUtc",
                table: "Notifications",
                column: "MailedUtc");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "FundAmendments");

            migrationBuilder.DropTable(
                name: "FundKpis");

            migrationBuilder.DropTable(
                name: "FundMidtermChecks");

            migrationBuilder.DropTable(
                name: "FundMilestones");

            migrationBuilder.DropTable(
                name: "FundTranches");

            migrationBuilder.DropTable(
                name: "NotificationReads");

            migrationBuilder.DropTable(
                name: "FundContracts");

            migrationBuilder.DropTable(
                name: "Notifications");
        }
    }
}
