using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kaijiang.Federation.Web.Data.Migrations.PostgreSql
{
    /// <summary>
    /// An index on the length of a name, for the search by a part of one or two characters (PersonNames.Containing):
    /// such a part is a prefix or a suffix of any name of up to part + 1 characters, which the trigram index finds,
    /// and only the few longer names need the part looked for inside them; this index finds those and gives the
    /// planner the statistics that say how few they are. An expression index, which EF's model cannot describe, so it
    /// lives here only.
    /// </summary>
    public partial class NameLengthIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("CREATE INDEX IF NOT EXISTS \"IX_People_NameLength\" ON \"People\" (length(\"Name\"));");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX IF EXISTS \"IX_People_NameLength\";");
        }
    }
}
