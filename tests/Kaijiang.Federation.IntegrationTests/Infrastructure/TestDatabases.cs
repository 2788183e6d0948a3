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

    public static async Task DropPostgresDatabaseAsync(string connectionString)
    {
        NpgsqlConnection.ClearAllPools();
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        var admin = new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(admin.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }
}
