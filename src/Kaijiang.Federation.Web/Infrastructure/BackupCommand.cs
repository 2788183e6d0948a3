using Kaijiang.Federation.Web.Data;
using Microsoft.Data.Sqlite;

namespace Kaijiang.Federation.Web.Infrastructure;

/// <summary>
/// <c>backup &lt;file&gt;</c> copies the SQLite database consistently while the portal runs (SQLite's online backup);
/// <c>restore &lt;file&gt;</c> puts a backup back (stop the portal first). SQL Server and PostgreSQL have their own
/// tools, see docs/operations.md.
/// </summary>
public static class BackupCommand
{
    public const string Backup = "backup";
    public const string Restore = "restore";

    public static bool IsInvoked(string[] args) => args.Length > 0 && args[0] is Backup or Restore;

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        if (args.Length < 2 || args[1].StartsWith("--", StringComparison.Ordinal))
        {
            await error.WriteLineAsync("Usage: backup <file> | restore <file> [--Setting:Key=value ...]");
            return 1;
        }

        var builder = WebApplication.CreateBuilder(args[2..]);
        var configuration = builder.Configuration;
        if (DatabaseRegistration.ProviderFrom(configuration) != DatabaseProvider.Sqlite)
        {
            await error.WriteLineAsync("backup and restore are for the SQLite database; use pg_dump or BACKUP DATABASE for the others (docs/operations.md).");
            return 1;
        }

        var live = configuration.GetConnectionString(DatabaseRegistration.ConnectionStringName) is { Length: > 0 } configured
            ? configured
            : DatabaseRegistration.DefaultSqliteConnectionString(configuration, builder.Environment.ContentRootPath);
        var file = Path.GetFullPath(args[1]);
        try
        {
            if (args[0] == Backup)
            {
                Copy(live, $"Data Source={file}");
                await output.WriteLineAsync($"Backed up to {file}");
            }
            else
            {
                if (!File.Exists(file))
                {
                    await error.WriteLineAsync($"No backup at {file}; nothing was changed.");
                    return 1;
                }

                Copy($"Data Source={file};Mode=ReadOnly", live);
                await output.WriteLineAsync($"Restored from {file}");
            }

            return 0;
        }
        catch (SqliteException ex)
        {
            await error.WriteLineAsync($"{args[0]} failed: {ex.Message}");
            return 1;
        }
    }

    /// <summary>Copies one SQLite database into another page by page, consistently, while others may be writing.</summary>
    public static void Copy(string fromConnectionString, string toConnectionString)
    {
        using var from = new SqliteConnection(fromConnectionString);
        using var to = new SqliteConnection(toConnectionString);
        from.Open();
        to.Open();
        from.BackupDatabase(to);
    }
}
