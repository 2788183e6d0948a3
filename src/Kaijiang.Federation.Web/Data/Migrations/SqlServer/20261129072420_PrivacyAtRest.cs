using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kaijiang.Federation.Web.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class PrivacyAtRest : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_People_IdNumber",
                table: "People");

            migrationBuilder.AlterColumn<string>(
                name: "Phone",
                table: "People",
                type: "varchar(128)",
                unicode: false,
                maxLength: 128,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "varchar(20)",
                oldUnicode: false,
                oldMaxLength: 20,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "IdNumber",
                table: "People",
                type: "varchar(128)",
                unicode: false,
                maxLength: 128,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "varchar(18)",
                oldUnicode: false,
                oldMaxLength: 18,
                oldNullable: true);

            migrationBuilder.AddColumn<string>(
                name: "IdNumberHash",
                table: "People",
                type: "varchar(64)",
                unicode: false,
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PhoneHash",
                table: "People",
                type: "varchar(64)",
                unicode: false,
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "DataProtectionKeys",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    FriendlyName = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    Xml = table.Column<string>(type: "nvarchar(max)", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DataProtectionKeys", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "PendingImports",
                columns: table => new
                {
                    Token = table.Column<string>(type: "varchar(64)", unicode: false, maxLength: 64, nullable: false),
                    UserId = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: false),
                    OrganisationId = table.Column<int>(type: "int", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    ExpiresAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    Payload = table.Column<string>(type: "varchar(max)", unicode: false, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PendingImports", x => x.Token);
                });

            migrationBuilder.CreateIndex(
                name: "IX_People_IdNumberHash",
                table: "People",
                column: "IdNumberHash",
                unique: true,
                filter: "[IdNumberHash] IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_People_PhoneHash",
                table: "People",
                column: "PhoneHash");

            migrationBuilder.CreateIndex(
                name: "IX_PendingImports_ExpiresAt",
                table: "PendingImports",
                column: "ExpiresAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DataProtectionKeys");

            migrationBuilder.DropTable(
                name: "PendingImports");

            migrationBuilder.DropIndex(
                name: "IX_People_IdNumberHash",
                table: "People");

            migrationBuilder.DropIndex(
                name: "IX_People_PhoneHash",
                table: "People");

            migrationBuilder.DropColumn(
                name: "IdNumberHash",
                table: "People");

            migrationBuilder.DropColumn(
                name: "PhoneHash",
                table: "People");

            migrationBuilder.AlterColumn<string>(
                name: "Phone",
                table: "People",
                type: "varchar(20)",
                unicode: false,
                maxLength: 20,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "varchar(128)",
                oldUnicode: false,
                oldMaxLength: 128,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "IdNumber",
                table: "People",
                type: "varchar(18)",
                unicode: false,
                maxLength: 18,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "varchar(128)",
                oldUnicode: false,
                oldMaxLength: 128,
                oldNullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_People_IdNumber",
                table: "People",
                column: "IdNumber",
                unique: true,
                filter: "[IdNumber] IS NOT NULL");
        }
    }
}
