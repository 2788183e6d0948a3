using Npgsql;

namespace Kaijiang.Federation.IntegrationTests.Infrastructure;

/// <summary>
/// The PostgreSQL server of the tests: <c>PORTAL_TEST_POSTGRES</c> holds a connection string of a role that may
/// create databases (CI sets it; locally the PostgreSQL tests skip with this reason when it is unset).
/// </summary>
public static class TestDatabases
{
    public const string PostgresVariable = "PORTAL_TEST_POSTGRES";

    public static string? PostgresServer => Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } value ? value : null;

    public static string SkipReason =>
        $"{PostgresVariable} is not set: set it to a PostgreSQL connection string of a role with CREATEDB (e.g. Host=127.0.0.1;Username=portal;Password=portal) to run the PostgreSQL tests.";

    /// <summary>Creates an empty database for one test and returns its connection string.</summary>
    public static async Task<string> CreatePostgresDatabaseAsync()
    {
        var server = PostgresServer ?? throw new InvalidOperationException(SkipReason);
        var name = "kjfl_test_" + Guid.NewGuid().ToString("N")[..16];
        var admin = new NpgsqlConnectionStringBuilder(server) { Database = "postgres", Pooling = false };
        await using (var connection = new NpgsqlConnection(admin.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }

    /// <summary>
    /// Drops a test's database. <c>WITH (FORCE)</c> may still be refused while a backend of another role (autovacuum)
    /// is on it (42501) or while one is starting (55006), so the drop is tried again a few times; a database that
    /// still cannot be dropped is left behind rather than failing the test that used it.
    /// </summary>
    public static async Task DropPostgresDatabaseAsync(string connectionString)
    {
        NpgsqlConnection.ClearAllPools();
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        var admin = new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false };
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var connection = new NpgsqlConnection(admin.ConnectionString);
                await connection.OpenAsync();
                await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
                await command.ExecuteNonQueryAsync();
                return;
            }
            catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.InsufficientPrivilege or PostgresErrorCodes.ObjectInUse)
            {
                if (attempt == 10)
                {
                    Console.Error.WriteLine($"Left test database {name} behind: {e.MessageText}");
                    return;
                }

                await Task.Delay(200 * attempt);
            }
        }
    }
}
