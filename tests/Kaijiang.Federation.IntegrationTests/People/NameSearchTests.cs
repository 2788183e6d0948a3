using Kaijiang.Federation.IntegrationTests.Infrastructure;
using Kaijiang.Federation.Web.Domain;
using Kaijiang.Federation.Web.Features.People;
using Microsoft.EntityFrameworkCore;

namespace Kaijiang.Federation.IntegrationTests.People;

/// <summary>
/// A search by part of a name finds exactly the names that contain it, whatever the part's length: parts of one or two
/// characters are asked as "starts with, ends with, or inside a name long enough" (so that PostgreSQL's indexes can
/// answer them), which must be the same rows as "contains" — on SQLite and on PostgreSQL.
/// </summary>
public sealed class NameSearchTests
{
    private static readonly string[] Names =
    [
        "王", "芳", "王芳", "芳王", "王秀英", "秀王英", "英秀王", "欧阳秀英", "欧阳王英", "司马相如王", "诸葛秀英明",
        "张三", "李四五", "王%英", "王_英", "秀%", "_秀",
    ];

    [SkippableTheory]
    [InlineData("Sqlite")]
    [InlineData("PostgreSql")]
    public async Task Every_part_of_one_two_or_three_characters_finds_exactly_the_names_that_contain_it(string provider)
    {
        string? connection = null;
        if (provider == "PostgreSql")
        {
            Skip.If(TestDatabases.PostgresServer is null, TestDatabases.SkipReason);
            connection = await TestDatabases.CreatePostgresDatabaseAsync();
        }

        try
        {
            using var portal = connection is null
                ? new PortalFactory { SeedDemo = false }
                : new PortalFactory { Provider = provider, ConnectionString = connection, SeedDemo = false };
            _ = portal.Server;
            await portal.WithScopeAsync(async db =>
            {
                var county = new Organisation { Name = "测试县", Kind = OrganisationKind.County, Path = OrganisationPath.Child("", 1), Depth = 0 };
                db.Organisations.Add(county);
                db.People.AddRange(Names.Select(n => new Person { Name = n, Organisation = county }));
                return await db.SaveChangesAsync();
            });
            var parts = Names.SelectMany(n => Enumerable.Range(1, Math.Min(3, n.Length)).SelectMany(length =>
                    Enumerable.Range(0, n.Length - length + 1).Select(start => n.Substring(start, length))))
                .Append("无").Append("秀秀").Append("%%").Append("\\")
                .Distinct(StringComparer.Ordinal).ToList();
            Assert.Contains("秀", parts);
            Assert.Contains("阳王", parts); // inside a four-character name only

            foreach (var part in parts)
            {
                var found = await portal.WithScopeAsync(db => db.People.Where(PersonNames.Containing(part)).Select(p => p.Name).ToListAsync());
                var expected = Names.Where(n => n.Contains(part, StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
                Assert.True(expected.SequenceEqual(found.Order(StringComparer.Ordinal)),
                    $"'{part}': expected [{string.Join(", ", expected)}], found [{string.Join(", ", found.Order(StringComparer.Ordinal))}]");
            }
        }
        finally
        {
            if (connection is not null)
            {
                await TestDatabases.DropPostgresDatabaseAsync(connection);
            }
        }
    }
}
