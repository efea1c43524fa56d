using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Zhangjiang.Migrations.Sqlite.Migrations
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
                    CreditCode = table.Column<string>(type: "TEXT", maxLength: 18, nullable: false),
                    NameZh = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    NameEn = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    ParkCode = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    IndustryCode = table.Column<string>(type: "TEXT", maxLength: 5, nullable: true),
                    FoundedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Ownership = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    CountryOfOrigin = table.Column<string>(type: "TEXT", maxLength: 2, nullable: true),
                    ContactName = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    ContactPhone = table.Column<string>(type: "TEXT", maxLength: 30, nullable: true),
                    ContactEmail = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    IsDemo = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Enterprises", x => x.CreditCode);
                });

            migrationBuilder.CreateTable(
                name: "EnterpriseYearStatistics",
                columns: table => new
                {
                    CreditCode = table.Column<string>(type: "TEXT", maxLength: 18, nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    ParkCode = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    ImportId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ExclusionReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Revenue = table.Column<double>(type: "REAL", nullable: true),
                    MainBusinessRevenue = table.Column<double>(type: "REAL", nullable: true),
                    HighTechRevenue = table.Column<double>(type: "REAL", nullable: true),
                    IndustrialOutput = table.Column<double>(type: "REAL", nullable: true),
                    ValueAdded = table.Column<double>(type: "REAL", nullable: true),
                    NetProfit = table.Column<double>(type: "REAL", nullable: true),
                    TaxesPaid = table.Column<double>(type: "REAL", nullable: true),
                    Exports = table.Column<double>(type: "REAL", nullable: true),
                    TechServiceExports = table.Column<double>(type: "REAL", nullable: true),
                    TotalAssets = table.Column<double>(type: "REAL", nullable: true),
                    TotalLiabilities = table.Column<double>(type: "REAL", nullable: true),
                    Payroll = table.Column<double>(type: "REAL", nullable: true),
                    EnergyConsumption = table.Column<double>(type: "REAL", nullable: true),
                    Employees = table.Column<double>(type: "REAL", nullable: true),
                    BachelorStaff = table.Column<double>(type: "REAL", nullable: true),
                    PostgraduateStaff = table.Column<double>(type: "REAL", nullable: true),
                    ReturneeStaff = table.Column<double>(type: "REAL", nullable: true),
                    ForeignStaff = table.Column<double>(type: "REAL", nullable: true),
                    TechStaff = table.Column<double>(type: "REAL", nullable: true),
                    RdStaff = table.Column<double>(type: "REAL", nullable: true),
                    RdFte = table.Column<double>(type: "REAL", nullable: true),
                    RdExpenditure = table.Column<double>(type: "REAL", nullable: true),
                    PatentApplications = table.Column<double>(type: "REAL", nullable: true),
                    PatentsGranted = table.Column<double>(type: "REAL", nullable: true),
                    InventionApplications = table.Column<double>(type: "REAL", nullable: true),
                    InventionGrants = table.Column<double>(type: "REAL", nullable: true),
                    ValidInventionPatents = table.Column<double>(type: "REAL", nullable: true),
                    PctApplications = table.Column<double>(type: "REAL", nullable: true),
                    Trademarks = table.Column<double>(type: "REAL", nullable: true),
                    TechContractTurnover = table.Column<double>(type: "REAL", nullable: true),
                    OverseasRdInstitutions = table.Column<double>(type: "REAL", nullable: true),
                    InternationalStandards = table.Column<double>(type: "REAL", nullable: true),
                    EquityFinancing = table.Column<double>(type: "REAL", nullable: true),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EnterpriseYearStatistics", x => new { x.CreditCode, x.Year });
                });

            migrationBuilder.CreateTable(
                name: "ParkStatisticValues",
                columns: table => new
                {
                    ParkCode = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    FormulaCode = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Value = table.Column<double>(type: "REAL", nullable: true),
                    Expression = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Firms = table.Column<int>(type: "INTEGER", nullable: false),
                    ExcludedFirms = table.Column<int>(type: "INTEGER", nullable: false),
                    ComputedUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ParkStatisticValues", x => new { x.ParkCode, x.Year, x.FormulaCode });
                });

            migrationBuilder.CreateTable(
                name: "RollupFormulas",
                columns: table => new
                {
                    Code = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    NameZh = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    NameEn = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Expression = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Unit = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    IndicatorCode = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Source = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Enabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    SortOrder = table.Column<int>(type: "INTEGER", nullable: false),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RollupFormulas", x => x.Code);
                });

            migrationBuilder.CreateTable(
                name: "StatisticsAnomalies",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CreditCode = table.Column<string>(type: "TEXT", maxLength: 18, nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    ParkCode = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Field = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    PreviousValue = table.Column<double>(type: "REAL", nullable: false),
                    Value = table.Column<double>(type: "REAL", nullable: false),
                    ImportId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Explanation = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    ExplainedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    ExplainedUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StatisticsAnomalies", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "StatisticsImports",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 260, nullable: false),
                    FileSha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    FileBytes = table.Column<long>(type: "INTEGER", nullable: false),
                    Rows = table.Column<int>(type: "INTEGER", nullable: false),
                    NewEnterprises = table.Column<int>(type: "INTEGER", nullable: false),
                    Anomalies = table.Column<int>(type: "INTEGER", nullable: false),
                    Years = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ImportedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    StartedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    FinishedUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StatisticsImports", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "TierRules",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Tier = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    NameZh = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    NameEn = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Enabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    CriteriaJson = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    UpdatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TierRules", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "EnterpriseParkAssignments",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CreditCode = table.Column<string>(type: "TEXT", maxLength: 18, nullable: false),
                    ParkCode = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    FromDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ToDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CreditCode = table.Column<string>(type: "TEXT", maxLength: 18, nullable: false),
                    Tier = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    CertificateNumber = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    IssuingBody = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    AwardedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ExpiresOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    RevokedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    RevocationReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Note = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    CreatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
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
