using System.Linq.Expressions;
using Kaijiang.Federation.IntegrationTests.Infrastructure;
using Kaijiang.Federation.Web.Data;
using Kaijiang.Federation.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace Kaijiang.Federation.IntegrationTests.Data;

[Collection(DemoCountyCollection.Name)]
public sealed class OrganisationTreeTests(DemoCountyFixture county)
{
    /// <summary>
    /// The subtree of a path, as every feature asks for it: a range on the unique path index. The bounds are
    /// constants here so that the SQL can be handed to EXPLAIN as it is, without parameters.
    /// </summary>
    internal static IQueryable<Organisation> SubtreeQuery(FederationDbContext db, string path)
    {
        var o = Expression.Parameter(typeof(Organisation), "o");
        var compareTo = typeof(string).GetMethod(nameof(string.CompareTo), [typeof(string)])!;
        var pathProperty = Expression.Property(o, nameof(Organisation.Path));
        var from = Expression.GreaterThanOrEqual(
            Expression.Call(pathProperty, compareTo, Expression.Constant(path)), Expression.Constant(0));
        var to = Expression.LessThan(
            Expression.Call(pathProperty, compareTo, Expression.Constant(OrganisationPath.SubtreeUpperBound(path))), Expression.Constant(0));
        return db.Organisations.IgnoreQueryFilters()
            .Where(Expression.Lambda<Func<Organisation, bool>>(Expression.AndAlso(from, to), o));
    }

    [Fact]
    public async Task The_subtree_of_a_township_is_itself_and_its_villages_and_units()
    {
        var (subtree, direct) = await county.Factory.WithScopeAsync(async db =>
        {
            var xinning = await db.Organisations.SingleAsync(o => o.Name == "新宁镇");
            var all = await SubtreeQuery(db, xinning.Path).ToListAsync();
            var children = await db.Organisations.CountAsync(o => o.ParentId == xinning.Id);
            var grandChildren = await db.Organisations.CountAsync(o => o.Parent!.ParentId == xinning.Id);
            return (all, 1 + children + grandChildren);
        });

        Assert.Equal(direct, subtree.Count);
        Assert.Contains(subtree, o => o.Name == "建设社区");
        Assert.All(subtree, o => Assert.StartsWith(subtree.Single(x => x.Name == "新宁镇").Path, o.Path, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Every_path_matches_its_parent_and_depth()
    {
        var rows = await county.Factory.WithScopeAsync(db => db.Organisations
            .Select(o => new { o.Path, o.Depth, ParentPath = o.Parent == null ? null : o.Parent.Path })
            .ToListAsync());

        Assert.All(rows, r =>
        {
            Assert.Equal(OrganisationPath.DepthOf(r.Path), r.Depth);
            if (r.ParentPath is not null)
            {
                Assert.Equal(r.ParentPath, r.Path[..^OrganisationPath.SegmentWidth]);
            }
        });
    }

    [Fact]
    public async Task A_subtree_query_uses_the_path_index_on_SQLite()
    {
        var plan = await county.Factory.WithScopeAsync(async db =>
        {
            var sql = "EXPLAIN QUERY PLAN " + SubtreeQuery(db, "0000100001").ToQueryString();
            var connection = db.Database.GetDbConnection();
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            var lines = new List<string>();
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                lines.Add(reader.GetString(3));
            }

            return string.Join('\n', lines);
        });

        Assert.Contains("USING INDEX IX_Organisations_Path", plan, StringComparison.Ordinal);
    }
}
