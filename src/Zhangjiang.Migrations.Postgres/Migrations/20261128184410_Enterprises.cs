using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Zhangjiang.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Enterprises : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Enterprises",
                columns: table => new
                {
                    CreditCode = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    NameZh = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    NameEn = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    ParkCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    IndustryCode = table.Column<string>(type: "character varying(5)", maxLength: 5, nullable: true),
                    FoundedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    Ownership = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    CountryOfOrigin = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: true),
                    ContactName = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    ContactPhone = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    ContactEmail = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    IsDemo = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Enterprises", x => x.CreditCode);
                });

            migrationBuilder.CreateTable(
                name: "EnterpriseYearStatistics",
                columns: table => new
                {
                    CreditCode = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    ParkCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    ImportId = table.Column<Guid>(type: "uuid", nullable: false),
                    ExclusionReason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    Revenue = table.Column<double>(type: "double precision", nullable: true),
                    MainBusinessRevenue = table.Column<double>(type: "double precision", nullable: true),
                    HighTechRevenue = table.Column<double>(type: "double precision", nullable: true),
                    IndustrialOutput = table.Column<double>(type: "double precision", nullable: true),
                    ValueAdded = table.Column<double>(type: "double precision", nullable: true),
                    NetProfit = table.Column<double>(type: "double precision", nullable: true),
                    TaxesPaid = table.Column<double>(type: "double precision", nullable: true),
                    Exports = table.Column<double>(type: "double precision", nullable: true),
                    TechServiceExports = table.Column<double>(type: "double precision", nullable: true),
                    TotalAssets = table.Column<double>(type: "double precision", nullable: true),
                    TotalLiabilities = table.Column<double>(type: "double precision", nullable: true),
                    Payroll = table.Column<double>(type: "double precision", nullable: true),
                    EnergyConsumption = table.Column<double>(type: "double precision", nullable: true),
                    Employees = table.Column<double>(type: "double precision", nullable: true),
                    BachelorStaff = table.Column<double>(type: "double precision", nullable: true),
                    PostgraduateStaff = table.Column<double>(type: "double precision", nullable: true),
                    ReturneeStaff = table.Column<double>(type: "double precision", nullable: true),
                    ForeignStaff = table.Column<double>(type: "double precision", nullable: true),
                    TechStaff = table.Column<double>(type: "double precision", nullable: true),
                    RdStaff = table.Column<double>(type: "double precision", nullable: true),
                    RdFte = table.Column<double>(type: "double precision", nullable: true),
                    RdExpenditure = table.Column<double>(type: "double precision", nullable: true),
                    PatentApplications = table.Column<double>(type: "double precision", nullable: true),
                    PatentsGranted = table.Column<double>(type: "double precision", nullable: true),
                    InventionApplications = table.Column<double>(type: "double precision", nullable: true),
                    InventionGrants = table.Column<double>(type: "double precision", nullable: true),
                    ValidInventionPatents = table.Column<double>(type: "double precision", nullable: true),
                    PctApplications = table.Column<double>(type: "double precision", nullable: true),
                    Trademarks = table.Column<double>(type: "double precision", nullable: true),
                    TechContractTurnover = table.Column<double>(type: "double precision", nullable: true),
                    OverseasRdInstitutions = table.Column<double>(type: "double precision", nullable: true),
                    InternationalStandards = table.Column<double>(type: "double precision", nullable: true),
                    EquityFinancing = table.Column<double>(type: "double precision", nullable: true),
                    Version = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EnterpriseYearStatistics", x => new { x.CreditCode, x.Year });
                });

            migrationBuilder.CreateTable(
                name: "ParkStatisticValues",
                columns: table => new
                {
                    ParkCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    FormulaCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Value = table.Column<double>(type: "double precision", nullable: true),
                    Expression = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Firms = table.Column<int>(type: "integer", nullable: false),
                    ExcludedFirms = table.Column<int>(type: "integer", nullable: false),
                    ComputedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ParkStatisticValues", x => new { x.ParkCode, x.Year, x.FormulaCode });
                });

            migrationBuilder.CreateTable(
                name: "RollupFormulas",
                columns: table => new
                {
                    Code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    NameZh = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    NameEn = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Expression = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Unit = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    IndicatorCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    Source = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Enabled = table.Column<bool>(type: "boolean", nullable: false),
                    SortOrder = table.Column<int>(type: "integer", nullable: false),
                    Version = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RollupFormulas", x => x.Code);
                });

            migrationBuilder.CreateTable(
                name: "StatisticsAnomalies",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CreditCode = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    ParkCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Field = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    PreviousValue = table.Column<double>(type: "double precision", nullable: false),
                    Value = table.Column<double>(type: "double precision", nullable: false),
                    ImportId = table.Column<Guid>(type: "uuid", nullable: false),
                    Explanation = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    ExplainedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    ExplainedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StatisticsAnomalies", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "StatisticsImports",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    FileName = table.Column<string>(type: "character varying(260)", maxLength: 260, nullable: false),
                    FileSha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    FileBytes = table.Column<long>(type: "bigint", nullable: false),
                    Rows = table.Column<int>(type: "integer", nullable: false),
                    NewEnterprises = table.Column<int>(type: "integer", nullable: false),
                    Anomalies = table.Column<int>(type: "integer", nullable: false),
                    Years = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ImportedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    StartedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    FinishedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StatisticsImports", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "TierRules",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Tier = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    NameZh = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    NameEn = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Source = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Enabled = table.Column<bool>(type: "boolean", nullable: false),
                    CriteriaJson = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                    UpdatedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Version = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TierRules", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "EnterpriseParkAssignments",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CreditCode = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    ParkCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    FromDate = table.Column<DateOnly>(type: "date", nullable: false),
                    ToDate = table.Column<DateOnly>(type: "date", nullable: true),
                    Reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EnterpriseParkAssignments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_EnterpriseParkAssignments_Enterprises_CreditCode",
                        column: x => x.CreditCode,
                        principalTable: "Enterprises",
                        principalColumn: "CreditCode",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "TierAwards",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CreditCode = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    Tier = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    CertificateNumber = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    IssuingBody = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    AwardedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    ExpiresOn = table.Column<DateOnly>(type: "date", nullable: true),
                    RevokedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    RevocationReason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    Note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    CreatedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TierAwards", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TierAwards_Enterprises_CreditCode",
                        column: x => x.CreditCode,
                        principalTable: "Enterprises",
                        principalColumn: "CreditCode",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_EnterpriseParkAssignments_CreditCode_FromDate",
                table: "EnterpriseParkAssignments",
                columns: new[] { "CreditCode", "FromDate" });

            migrationBuilder.CreateIndex(
                name: "IX_EnterpriseParkAssignments_ParkCode_FromDate",
                table: "EnterpriseParkAssignments",
                columns: new[] { "ParkCode", "FromDate" });

            migrationBuilder.CreateIndex(
                name: "IX_Enterprises_IndustryCode",
                table: "Enterprises",
                column: "IndustryCode");

            migrationBuilder.CreateIndex(
                name: "IX_Enterprises_NameZh",
                table: "Enterprises",
                column: "NameZh");

            migrationBuilder.CreateIndex(
                name: "IX_Enterprises_ParkCode",
                table: "Enterprises",
                column: "ParkCode");

            migrationBuilder.CreateIndex(
                name: "IX_EnterpriseYearStatistics_Year_ParkCode",
                table: "EnterpriseYearStatistics",
                columns: new[] { "Year", "ParkCode" });

            migrationBuilder.CreateIndex(
                name: "IX_StatisticsAnomalies_CreditCode_Year",
                table: "StatisticsAnomalies",
                columns: new[] { "CreditCode", "Year" });

            migrationBuilder.CreateIndex(
                name: "IX_StatisticsAnomalies_ParkCode_Year",
                table: "StatisticsAnomalies",
                columns: new[] { "ParkCode", "Year" });

            migrationBuilder.CreateIndex(
                name: "IX_StatisticsImports_FileSha256",
                table: "StatisticsImports",
                column: "FileSha256",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_TierAwards_CreditCode",
                table: "TierAwards",
                column: "CreditCode");

            migrationBuilder.CreateIndex(
                name: "IX_TierAwards_Tier_ExpiresOn",
                table: "TierAwards",
                columns: new[] { "Tier", "ExpiresOn" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "EnterpriseParkAssignments");

            migrationBuilder.DropTable(
                name: "EnterpriseYearStatistics");

            migrationBuilder.DropTable(
                name: "ParkStatisticValues");

            migrationBuilder.DropTable(
                name: "RollupFormulas");

            migrationBuilder.DropTable(
                name: "StatisticsAnomalies");

            migrationBuilder.DropTable(
                name: "StatisticsImports");

            migrationBuilder.DropTable(
                name: "TierAwards");

            migrationBuilder.DropTable(
                name: "TierRules");

            migrationBuilder.DropTable(
                name: "Enterprises");
        }
    }
}
