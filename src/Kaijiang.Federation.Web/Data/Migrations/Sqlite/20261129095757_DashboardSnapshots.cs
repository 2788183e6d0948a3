using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kaijiang.Federation.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class DashboardSnapshots : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "DashboardSnapshots",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ScopePath = table.Column<string>(type: "TEXT", unicode: false, maxLength: 60, nullable: false),
                    PartPathLength = table.Column<int>(type: "INTEGER", nullable: false),
                    AsOf = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ComputedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ChangeMarker = table.Column<long>(type: "INTEGER", nullable: false),
                    Figures = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DashboardSnapshots", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_DashboardSnapshots_ScopePath_PartPathLength_AsOf",
                table: "DashboardSnapshots",
                columns: new[] { "ScopePath", "PartPathLength", "AsOf" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DashboardSnapshots");
        }
    }
}
