using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kaijiang.Federation.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class NameLengthIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {

        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {

        }
    }
}
