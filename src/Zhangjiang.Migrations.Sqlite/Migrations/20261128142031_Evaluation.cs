using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Zhangjiang.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Evaluation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "BenchmarkEntities",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Group = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    NameZh = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    NameEn = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Country = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BenchmarkEntities", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "EvaluationFrameworks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Family = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    VersionNumber = table.Column<int>(type: "INTEGER", nullable: false),
                    NameZh = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    NameEn = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    DescriptionZh = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    DescriptionEn = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    PublishedUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    PublishedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EvaluationFrameworks", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "BenchmarkValues",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    EntityId = table.Column<Guid>(type: "TEXT", nullable: false),
                    IndicatorCode = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Value = table.Column<double>(type: "REAL", nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BenchmarkValues", x => x.Id);
                    table.ForeignKey(
                        name: "FK_BenchmarkValues_BenchmarkEntities_EntityId",
                        column: x => x.EntityId,
                        principalTable: "BenchmarkEntities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "EvaluationIndicators",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    FrameworkId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    NameZh = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    NameEn = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Level = table.Column<int>(type: "INTEGER", nullable: false),
                    ParentCode = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    SortOrder = table.Column<int>(type: "INTEGER", nullable: false),
                    Weight = table.Column<double>(type: "REAL", nullable: true),
                    Direction = table.Column<int>(type: "INTEGER", nullable: false),
                    Unit = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    Target = table.Column<double>(type: "REAL", nullable: true),
                    DefinitionZh = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    DefinitionEn = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Formula = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    DataSource = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    CompareInternational = table.Column<bool>(type: "INTEGER", nullable: false),
                    CompareDomestic = table.Column<bool>(type: "INTEGER", nullable: false),
                    ShanghaiCharacteristic = table.Column<bool>(type: "INTEGER", nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EvaluationIndicators", x => x.Id);
                    table.ForeignKey(
                        name: "FK_EvaluationIndicators_EvaluationFrameworks_FrameworkId",
                        column: x => x.FrameworkId,
                        principalTable: "EvaluationFrameworks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "EvaluationRounds",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    FrameworkId = table.Column<Guid>(type: "TEXT", nullable: false),
                    NameZh = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    NameEn = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    DeadlineUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    MethodJson = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    ChangeExplanationThreshold = table.Column<double>(type: "REAL", nullable: false),
                    OthersSee = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ShowOnPortal = table.Column<bool>(type: "INTEGER", nullable: false),
                    FirstTierMinScore = table.Column<double>(type: "REAL", nullable: false),
                    SecondTierMinScore = table.Column<double>(type: "REAL", nullable: false),
                    OpenedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    OpenedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    LockedUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    PublishedUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EvaluationRounds", x => x.Id);
                    table.ForeignKey(
                        name: "FK_EvaluationRounds_EvaluationFrameworks_FrameworkId",
                        column: x => x.FrameworkId,
                        principalTable: "EvaluationFrameworks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "EvaluationResults",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    RoundId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ComputedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ComputedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    MethodJson = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    InputJson = table.Column<string>(type: "TEXT", nullable: false),
                    Replications = table.Column<int>(type: "INTEGER", nullable: false),
                    FailedReplications = table.Column<int>(type: "INTEGER", nullable: false),
                    Official = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EvaluationResults", x => x.Id);
                    table.ForeignKey(
                        name: "FK_EvaluationResults_EvaluationRounds_RoundId",
                        column: x => x.RoundId,
                        principalTable: "EvaluationRounds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ParkSubmissions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    RoundId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ParkCode = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ReviewComment = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    SubmittedUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    SubmittedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    ReviewedUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ReviewedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ParkSubmissions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ParkSubmissions_EvaluationRounds_RoundId",
                        column: x => x.RoundId,
                        principalTable: "EvaluationRounds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ParkSubmissions_Parks_ParkCode",
                        column: x => x.ParkCode,
                        principalTable: "Parks",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ResultParkSummaries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ResultId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ParkCode = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Score = table.Column<double>(type: "REAL", nullable: true),
                    Rank = table.Column<double>(type: "REAL", nullable: true),
                    MedianRank = table.Column<double>(type: "REAL", nullable: true),
                    RankP5 = table.Column<double>(type: "REAL", nullable: true),
                    RankP95 = table.Column<double>(type: "REAL", nullable: true),
                    Tier = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ResultParkSummaries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ResultParkSummaries_EvaluationResults_ResultId",
                        column: x => x.ResultId,
                        principalTable: "EvaluationResults",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ResultScores",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ResultId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ParkCode = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    NodeCode = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Raw = table.Column<double>(type: "REAL", nullable: true),
                    Score = table.Column<double>(type: "REAL", nullable: true),
                    Rank = table.Column<double>(type: "REAL", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ResultScores", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ResultScores_EvaluationResults_ResultId",
                        column: x => x.ResultId,
                        principalTable: "EvaluationResults",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SubmissionEvidence",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    SubmissionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    StoredName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Length = table.Column<long>(type: "INTEGER", nullable: false),
                    Sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    IndicatorCode = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    UploadedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UploadedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SubmissionEvidence", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SubmissionEvidence_ParkSubmissions_SubmissionId",
                        column: x => x.SubmissionId,
                        principalTable: "ParkSubmissions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SubmissionValues",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SubmissionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    IndicatorCode = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Value = table.Column<double>(type: "REAL", nullable: true),
                    Explanation = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Computed = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SubmissionValues", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SubmissionValues_ParkSubmissions_SubmissionId",
                        column: x => x.SubmissionId,
                        principalTable: "ParkSubmissions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_BenchmarkValues_EntityId_IndicatorCode",
                table: "BenchmarkValues",
                columns: new[] { "EntityId", "IndicatorCode" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_EvaluationFrameworks_Family_VersionNumber",
                table: "EvaluationFrameworks",
                columns: new[] { "Family", "VersionNumber" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_EvaluationIndicators_FrameworkId_Code",
                table: "EvaluationIndicators",
                columns: new[] { "FrameworkId", "Code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_EvaluationResults_RoundId",
                table: "EvaluationResults",
                column: "RoundId");

            migrationBuilder.CreateIndex(
                name: "IX_EvaluationRounds_FrameworkId",
                table: "EvaluationRounds",
                column: "FrameworkId");

            migrationBuilder.CreateIndex(
                name: "IX_EvaluationRounds_Year",
                table: "EvaluationRounds",
                column: "Year");

            migrationBuilder.CreateIndex(
                name: "IX_ParkSubmissions_ParkCode",
                table: "ParkSubmissions",
                column: "ParkCode");

            migrationBuilder.CreateIndex(
                name: "IX_ParkSubmissions_RoundId_ParkCode",
                table: "ParkSubmissions",
                columns: new[] { "RoundId", "ParkCode" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ResultParkSummaries_ResultId_ParkCode",
                table: "ResultParkSummaries",
                columns: new[] { "ResultId", "ParkCode" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ResultScores_ResultId_ParkCode_NodeCode",
                table: "ResultScores",
                columns: new[] { "ResultId", "ParkCode", "NodeCode" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SubmissionEvidence_SubmissionId",
                table: "SubmissionEvidence",
                column: "SubmissionId");

            migrationBuilder.CreateIndex(
                name: "IX_SubmissionValues_SubmissionId_IndicatorCode",
                table: "SubmissionValues",
                columns: new[] { "SubmissionId", "IndicatorCode" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "BenchmarkValues");

            migrationBuilder.DropTable(
                name: "EvaluationIndicators");

            migrationBuilder.DropTable(
                name: "ResultParkSummaries");

            migrationBuilder.DropTable(
                name: "ResultScores");

            migrationBuilder.DropTable(
                name: "SubmissionEvidence");

            migrationBuilder.DropTable(
                name: "SubmissionValues");

            migrationBuilder.DropTable(
                name: "BenchmarkEntities");

            migrationBuilder.DropTable(
                name: "EvaluationResults");

            migrationBuilder.DropTable(
                name: "ParkSubmissions");

            migrationBuilder.DropTable(
                name: "EvaluationRounds");

            migrationBuilder.DropTable(
                name: "EvaluationFrameworks");
        }
    }
}
