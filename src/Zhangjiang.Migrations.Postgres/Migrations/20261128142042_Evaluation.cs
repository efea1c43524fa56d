using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Zhangjiang.Migrations.Postgres.Migrations
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Group = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    NameZh = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    NameEn = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Country = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Note = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Version = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BenchmarkEntities", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "EvaluationFrameworks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Family = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    VersionNumber = table.Column<int>(type: "integer", nullable: false),
                    NameZh = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    NameEn = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    DescriptionZh = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    DescriptionEn = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: false),
                    Source = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    PublishedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    PublishedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    Version = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EvaluationFrameworks", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "BenchmarkValues",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    EntityId = table.Column<Guid>(type: "uuid", nullable: false),
                    IndicatorCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Value = table.Column<double>(type: "double precision", nullable: false),
                    Source = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false)
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
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    FrameworkId = table.Column<Guid>(type: "uuid", nullable: false),
                    Code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    NameZh = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    NameEn = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Level = table.Column<int>(type: "integer", nullable: false),
                    ParentCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    SortOrder = table.Column<int>(type: "integer", nullable: false),
                    Weight = table.Column<double>(type: "double precision", nullable: true),
                    Direction = table.Column<int>(type: "integer", nullable: false),
                    Unit = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    Target = table.Column<double>(type: "double precision", nullable: true),
                    DefinitionZh = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    DefinitionEn = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Formula = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    DataSource = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    CompareInternational = table.Column<bool>(type: "boolean", nullable: false),
                    CompareDomestic = table.Column<bool>(type: "boolean", nullable: false),
                    ShanghaiCharacteristic = table.Column<bool>(type: "boolean", nullable: false),
                    Source = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false)
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    FrameworkId = table.Column<Guid>(type: "uuid", nullable: false),
                    NameZh = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    NameEn = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    DeadlineUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    MethodJson = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    ChangeExplanationThreshold = table.Column<double>(type: "double precision", nullable: false),
                    OthersSee = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ShowOnPortal = table.Column<bool>(type: "boolean", nullable: false),
                    FirstTierMinScore = table.Column<double>(type: "double precision", nullable: false),
                    SecondTierMinScore = table.Column<double>(type: "double precision", nullable: false),
                    OpenedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    OpenedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    LockedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    PublishedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<Guid>(type: "uuid", nullable: false)
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    RoundId = table.Column<Guid>(type: "uuid", nullable: false),
                    ComputedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ComputedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    MethodJson = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    InputJson = table.Column<string>(type: "text", nullable: false),
                    Replications = table.Column<int>(type: "integer", nullable: false),
                    FailedReplications = table.Column<int>(type: "integer", nullable: false),
                    Official = table.Column<bool>(type: "boolean", nullable: false)
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    RoundId = table.Column<Guid>(type: "uuid", nullable: false),
                    ParkCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ReviewComment = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    SubmittedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    SubmittedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    ReviewedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ReviewedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    Version = table.Column<Guid>(type: "uuid", nullable: false)
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ResultId = table.Column<Guid>(type: "uuid", nullable: false),
                    ParkCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Score = table.Column<double>(type: "double precision", nullable: true),
                    Rank = table.Column<double>(type: "double precision", nullable: true),
                    MedianRank = table.Column<double>(type: "double precision", nullable: true),
                    RankP5 = table.Column<double>(type: "double precision", nullable: true),
                    RankP95 = table.Column<double>(type: "double precision", nullable: true),
                    Tier = table.Column<int>(type: "integer", nullable: false)
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ResultId = table.Column<Guid>(type: "uuid", nullable: false),
                    ParkCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    NodeCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Raw = table.Column<double>(type: "double precision", nullable: true),
                    Score = table.Column<double>(type: "double precision", nullable: true),
                    Rank = table.Column<double>(type: "double precision", nullable: true)
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    SubmissionId = table.Column<Guid>(type: "uuid", nullable: false),
                    FileName = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    StoredName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ContentType = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Length = table.Column<long>(type: "bigint", nullable: false),
                    Sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    IndicatorCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    UploadedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UploadedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false)
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
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SubmissionId = table.Column<Guid>(type: "uuid", nullable: false),
                    IndicatorCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Value = table.Column<double>(type: "double precision", nullable: true),
                    Explanation = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    Computed = table.Column<bool>(type: "boolean", nullable: false)
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
