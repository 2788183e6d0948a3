using Kaijiang.Federation.IntegrationTests.Infrastructure;
using Kaijiang.Federation.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Kaijiang.Federation.IntegrationTests.Data;

public sealed class BackupTests
{
    [Fact]
    public async Task A_backup_taken_while_the_portal_runs_restores_the_data_as_it_was()
    {
        using var factory = new PortalFactory();
        var client = new PortalClient(factory);
        await client.LoginAsync("county.staff"); // the portal is serving
        var database = Path.Combine(factory.DataFolder, "federation.db");
        var backup = Path.Combine(factory.DataFolder, "backup.db");
        var args = new[] { BackupCommand.Backup, backup, $"--Database:DataFolder={factory.DataFolder}" };

        var backedUp = await BackupCommand.RunAsync(args, TextWriter.Null, TextWriter.Null);
        Assert.Equal(0, backedUp);

        // A change after the backup, then the restore: the change is gone, the demo county is back whole.
        var id = await factory.WithScopeAsync(async db =>
        {
            var puan = await db.Organisations.SingleAsync(o => o.Name == "普安镇");
            puan.Address = "备份之后的改动";
            await db.SaveChangesAsync();
            return puan.Id;
        });
        var restored = await BackupCommand.RunAsync([BackupCommand.Restore, backup, $"--Database:DataFolder={factory.DataFolder}"], TextWriter.Null, TextWriter.Null);
        Assert.Equal(0, restored);

        var (address, loans) = await factory.WithScopeAsync(async db =>
            (await db.Organisations.Where(o => o.Id == id).Select(o => o.Address).SingleAsync(), await db.Loans.CountAsync()));
        Assert.NotEqual("备份之后的改动", address);
        Assert.Equal(985, loans);
        Assert.True(File.Exists(database));
    }

    [Fact]
    public async Task Restoring_a_missing_file_changes_nothing_and_says_why()
    {
        var error = new StringWriter();
        var code = await BackupCommand.RunAsync([BackupCommand.Restore, "/nonexistent/backup.db"], TextWriter.Null, error);
        Assert.Equal(1, code);
        Assert.Contains("No backup", error.ToString(), StringComparison.Ordinal);
    }
}
