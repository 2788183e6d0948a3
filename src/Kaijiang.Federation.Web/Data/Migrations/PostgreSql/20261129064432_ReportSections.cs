using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Kaijiang.Federation.Web.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class ReportSections : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ReportSections",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Code = table.Column<string>(type: "character varying(40)", unicode: false, maxLength: 40, nullable: false),
                    NameZh = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    NameEn = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    IsRequired = table.Column<bool>(type: "boolean", nullable: false),
                    MaxLength = table.Column<int>(type: "integer", nullable: true),
                    ActiveFrom = table.Column<int>(type: "integer", nullable: false),
                    ActiveUntil = table.Column<int>(type: "integer", nullable: true),
                    SortOrder = table.Column<int>(type: "integer", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReportSections", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "MonthlyReportTexts",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    MonthlyReportId = table.Column<int>(type: "integer", nullable: false),
                    ReportSectionId = table.Column<int>(type: "integer", nullable: false),
                    SectionCode = table.Column<string>(type: "character varying(40)", unicode: false, maxLength: 40, nullable: false),
                    SectionNameZh = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    SectionNameEn = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    SortOrder = table.Column<int>(type: "integer", nullable: false),
                    Text = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MonthlyReportTexts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MonthlyReportTexts_MonthlyReports_MonthlyReportId",
                        column: x => x.MonthlyReportId,
                        principalTable: "MonthlyReports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_MonthlyReportTexts_ReportSections_ReportSectionId",
                        column: x => x.ReportSectionId,
                        principalTable: "ReportSections",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_MonthlyReportTexts_MonthlyReportId_ReportSectionId",
                table: "MonthlyReportTexts",
                columns: new[] { "MonthlyReportId", "ReportSectionId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_MonthlyReportTexts_ReportSectionId",
                table: "MonthlyReportTexts",
                column: "ReportSectionId");

            migrationBuilder.CreateIndex(
                name: "IX_ReportSections_Code",
                table: "ReportSections",
                column: "Code",
                unique: true);

            // The old columns' texts move into the new rows before the columns go.
            ReportSectionsData.Up(migrationBuilder);

            migrationBuilder.DropColumn(
                name: "NextMonthPlan",
                table: "MonthlyReports");

            migrationBuilder.DropColumn(
                name: "Problems",
                table: "MonthlyReports");

            migrationBuilder.DropColumn(
                name: "WorkDone",
                table: "MonthlyReports");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "NextMonthPlan",
                table: "MonthlyReports",
                type: "character varying(8000)",
                maxLength: 8000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Problems",
                table: "MonthlyReports",
                type: "character varying(8000)",
                maxLength: 8000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "WorkDone",
                table: "MonthlyReports",
                type: "character varying(8000)",
                maxLength: 8000,
                nullable: true);

            ReportSectionsData.Down(migrationBuilder);

            migrationBuilder.DropTable(
                name: "MonthlyReportTexts");

            migrationBuilder.DropTable(
                name: "ReportSections");
        }
    }
}
