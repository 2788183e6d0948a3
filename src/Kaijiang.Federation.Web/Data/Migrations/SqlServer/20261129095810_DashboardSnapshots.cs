using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kaijiang.Federation.Web.Data.Migrations.SqlServer
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    ScopePath = table.Column<string>(type: "varchar(60)", unicode: false, maxLength: 60, nullable: false),
                    PartPathLength = table.Column<int>(type: "int", nullable: false),
                    AsOf = table.Column<DateOnly>(type: "date", nullable: false),
                    ComputedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    ChangeMarker = table.Column<long>(type: "bigint", nullable: false),
                    Figures = table.Column<string>(type: "nvarchar(max)", nullable: false)
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
