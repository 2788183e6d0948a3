using Kaijiang.Federation.Web.Data;

namespace Kaijiang.Federation.Web.Seeding;

/// <summary>Stores a built demo county in one transaction: all of it or nothing.</summary>
public static class DemoCountyWriter
{
    public static async Task WriteAsync(FederationDbContext db, DemoCounty.Result county, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Organisations.AddRange(county.Organisations);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
    }
}
