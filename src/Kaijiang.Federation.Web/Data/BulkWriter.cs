using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Kaijiang.Federation.Web.Data;

/// <summary>
/// Writes many entities straight into their tables, without the change tracker: PostgreSQL through binary COPY,
/// SQLite through prepared multi-row INSERTs in large transactions. Which table, which columns and what each column
/// holds come from the EF Core model — table and column names, the value converters of the properties (enums,
/// encrypted or hashed columns, SQLite's date-time-with-offset) and shadow properties (written as null: a required
/// one is refused), and names are quoted by the provider's own SQL helper — so the writer keeps
/// working when an entity's mapping changes. Keys are written as given: the caller numbers the rows (that is how
/// the rows of one load refer to each other) and <see cref="FinishAsync"/> moves the identity sequences past them.
/// Nothing here writes audit entries or bumps versions: it is for loading generated data into an empty database.
/// </summary>
public abstract class BulkWriter : IAsyncDisposable
{
    private readonly Dictionary<Type, BulkTable> _tables = [];

    protected BulkWriter(FederationDbContext db)
    {
        Db = db;
        Sql = db.GetService<ISqlGenerationHelper>();
    }

    protected FederationDbContext Db { get; }

    /// <summary>The provider's SQL helper: quotes table and column names as EF does.</summary>
    protected ISqlGenerationHelper Sql { get; }

    /// <summary>Reports each table's progress: table, rows written so far, final (true once the table is done).</summary>
    public Action<string, long, bool>? Progress { get; init; }

    public static BulkWriter For(FederationDbContext db, Action<string, long, bool>? progress = null) =>
        db.Database.ProviderName switch
        {
            "Npgsql.EntityFrameworkCore.PostgreSQL" => new PostgreSqlBulkWriter(db) { Progress = progress },
            "Microsoft.EntityFrameworkCore.Sqlite" => new SqliteBulkWriter(db) { Progress = progress },
            var other => throw new NotSupportedException($"Bulk loading is implemented for PostgreSQL and SQLite, not {other}."),
        };

    /// <summary>Writes the rows (streamed: they may be produced as they are written) and returns how many.</summary>
    public async Task<long> WriteAsync<T>(IEnumerable<T> rows, CancellationToken cancellationToken)
        where T : class
    {
        var table = TableOf(typeof(T));
        var count = await WriteRowsAsync(table, rows.Select(r => (object)r), cancellationToken);
        Progress?.Invoke(table.Name, count, true);
        return count;
    }

    /// <summary>Moves each identity sequence past the keys written, then refreshes the planner's statistics.</summary>
    public abstract Task FinishAsync(CancellationToken cancellationToken);

    public abstract ValueTask DisposeAsync();

    protected abstract Task<long> WriteRowsAsync(BulkTable table, IEnumerable<object> rows, CancellationToken cancellationToken);

    protected IEnumerable<BulkTable> TablesWritten => _tables.Values;

    protected void Report(BulkTable table, long count) => Progress?.Invoke(table.Name, count, false);

    private BulkTable TableOf(Type type)
    {
        if (!_tables.TryGetValue(type, out var table))
        {
            var entityType = Db.Model.FindEntityType(type)
                ?? throw new InvalidOperationException($"{type.Name} is not an entity of the model.");
            table = new BulkTable(entityType);
            _tables.Add(type, table);
        }

        return table;
    }
}

/// <summary>One table as the bulk writer sees it: its name and the columns it writes, with how each gets its value.</summary>
public sealed class BulkTable
{
    public BulkTable(IEntityType entityType)
    {
        Name = entityType.GetTableName() ?? throw new InvalidOperationException($"{entityType.DisplayName()} is not mapped to a table.");
        Schema = entityType.GetSchema();
        var store = StoreObjectIdentifier.Table(Name, Schema);
        Columns = entityType.GetProperties()
            .Where(p => p.GetComputedColumnSql() is null && p.GetColumnName(store) is not null)
            .Select(p => new BulkColumn(p, p.GetColumnName(store)!))
            .ToList();
        Key = entityType.FindPrimaryKey() is { Properties: [var only] } key
            && only.ValueGenerated == ValueGenerated.OnAdd && (only.ClrType == typeof(int) || only.ClrType == typeof(long))
            ? Columns.FirstOrDefault(c => c.Property == only)
            : null;
    }

    public string Name { get; }

    public string? Schema { get; }

    public IReadOnlyList<BulkColumn> Columns { get; }

    /// <summary>The generated integer key whose sequence must be moved on after the load, if the table has one.</summary>
    public BulkColumn? Key { get; }

    public string QuotedName(ISqlGenerationHelper sql) => sql.DelimitIdentifier(Name, Schema);
}

/// <summary>A column: the property, its column name, its store type and the value the provider is given.</summary>
public sealed class BulkColumn
{
    private readonly Func<object, object?> _read;
    private readonly Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter? _converter;

    public BulkColumn(IProperty property, string name)
    {
        Property = property;
        Name = name;
        Mapping = property.GetRelationalTypeMapping();
        _converter = property.GetValueConverter() ?? Mapping.Converter;
        if (property.IsShadowProperty())
        {
            // The entity does not carry the value: a nullable column gets null, a required one cannot be written.
            _read = property.IsNullable
                ? _ => null
                : _ => throw new InvalidOperationException(
                    $"{property.DeclaringType.DisplayName()}.{property.Name} is a required shadow property; the bulk writer has no value for it.");
        }
        else
        {
            var getter = property.GetGetter();
            _read = getter.GetClrValueUsingContainingEntity;
        }
    }

    public IProperty Property { get; }

    public string Name { get; }

    public RelationalTypeMapping Mapping { get; }

    /// <summary>The value as the provider stores it: the model's converter applied, null as null.</summary>
    public object? ProviderValue(object entity)
    {
        var value = _read(entity);
        if (value is null)
        {
            return null;
        }

        return _converter is null ? value : _converter.ConvertToProvider(value);
    }
}

/// <summary>PostgreSQL: one binary COPY per table, the fastest way in.</summary>
internal sealed class PostgreSqlBulkWriter(FederationDbContext db) : BulkWriter(db)
{
    protected override async Task<long> WriteRowsAsync(BulkTable table, IEnumerable<object> rows, CancellationToken cancellationToken)
    {
        var connection = (NpgsqlConnection)Db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open)
        {
            await connection.OpenAsync(cancellationToken);
        }

        var columns = table.Columns;
        // The data type name without its facets ("character varying", "numeric"): what the binary format needs.
        var types = columns.Select(c => c.Mapping.StoreTypeNameBase).ToArray();
        var copy = $"COPY {table.QuotedName(Sql)} ({string.Join(", ", columns.Select(c => Sql.DelimitIdentifier(c.Name)))}) FROM STDIN (FORMAT BINARY)";
        long count = 0;
        await using (var importer = await connection.BeginBinaryImportAsync(copy, cancellationToken))
        {
            // One COPY may carry millions of rows; the server's answer at the end waits for all of them.
            importer.Timeout = TimeSpan.FromHours(1);
            foreach (var row in rows)
            {
                await importer.StartRowAsync(cancellationToken);
                for (var i = 0; i < columns.Count; i++)
                {
                    var value = columns[i].ProviderValue(row);
                    if (value is null)
                    {
                        await importer.WriteNullAsync(cancellationToken);
                    }
                    else
                    {
                        await importer.WriteAsync(value is DateTimeOffset at ? at.ToUniversalTime() : value, types[i], cancellationToken);
                    }
                }

                if (++count % 100_000 == 0)
                {
                    Report(table, count);
                }
            }

            await importer.CompleteAsync(cancellationToken);
        }

        return count;
    }

    public override async Task FinishAsync(CancellationToken cancellationToken)
    {
        foreach (var table in TablesWritten.Where(t => t.Key is not null))
        {
            var name = table.QuotedName(Sql);
            var key = Sql.DelimitIdentifier(table.Key!.Name);
            // Quote the name inside the literal as pg_get_serial_sequence expects a possibly-quoted identifier.
            var sql = $"SELECT setval(pg_get_serial_sequence('{name.Replace("'", "''", StringComparison.Ordinal)}', '{table.Key.Name}'), "
                + $"COALESCE((SELECT MAX({key}) FROM {name}), 0) + 1, false)";
            await Db.Database.ExecuteSqlRawAsync(sql, cancellationToken);
        }

        await Db.Database.ExecuteSqlRawAsync("ANALYZE", cancellationToken);
    }

    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

/// <summary>
/// SQLite: INSERTs of <see cref="RowsPerStatement"/> rows prepared once per table and re-bound, in transactions of
/// <see cref="RowsPerTransaction"/> rows, with the journal kept in memory and no fsync while loading.
/// </summary>
internal sealed class SqliteBulkWriter : BulkWriter
{
    public const int RowsPerTransaction = 200_000;

    // SQLite finds a named parameter by a linear search of the statement's names, so binding costs grow with the
    // square of the parameters per statement: a few rows of ~100 parameters amortise the statement without that.
    private const int MaxParameters = 128;
    private const int RowsPerStatement = 50;

    private readonly DbConnection _connection;
    private bool _prepared;

    public SqliteBulkWriter(FederationDbContext db)
        : base(db)
    {
        _connection = db.Database.GetDbConnection();
    }

    private async Task PrepareAsync(CancellationToken cancellationToken)
    {
        if (_prepared)
        {
            return;
        }

        if (_connection.State != System.Data.ConnectionState.Open)
        {
            await _connection.OpenAsync(cancellationToken);
        }

        // Loading only: a crash mid-load leaves a database to delete anyway. Restored in DisposeAsync.
        await ExecuteAsync("PRAGMA synchronous=OFF; PRAGMA temp_store=MEMORY; PRAGMA cache_size=-262144;", null, cancellationToken);
        _prepared = true;
    }

    private async Task ExecuteAsync(string sql, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    protected override async Task<long> WriteRowsAsync(BulkTable table, IEnumerable<object> rows, CancellationToken cancellationToken)
    {
        await PrepareAsync(cancellationToken);
        var columns = table.Columns;
        var perStatement = Math.Max(1, Math.Min(RowsPerStatement, MaxParameters / columns.Count));
        long count = 0;
        var inTransaction = 0;
        var buffer = new List<object>(perStatement);
        DbTransaction? transaction = null;
        DbCommand? full = null;
        try
        {
            transaction = await _connection.BeginTransactionAsync(cancellationToken);
            full = Command(table, perStatement, transaction);
            foreach (var row in rows)
            {
                buffer.Add(row);
                if (buffer.Count < perStatement)
                {
                    continue;
                }

                Bind(full, columns, buffer);
                await full.ExecuteNonQueryAsync(cancellationToken);
                count += buffer.Count;
                inTransaction += buffer.Count;
                buffer.Clear();
                if (inTransaction >= RowsPerTransaction)
                {
                    inTransaction = 0;
                    await transaction.CommitAsync(cancellationToken);
                    await transaction.DisposeAsync();
                    transaction = await _connection.BeginTransactionAsync(cancellationToken);
                    full.Transaction = transaction;
                    Report(table, count);
                }
            }

            if (buffer.Count > 0)
            {
                await using var rest = Command(table, buffer.Count, transaction);
                Bind(rest, columns, buffer);
                await rest.ExecuteNonQueryAsync(cancellationToken);
                count += buffer.Count;
            }

            await transaction.CommitAsync(cancellationToken);
        }
        finally
        {
            if (full is not null)
            {
                await full.DisposeAsync();
            }

            if (transaction is not null)
            {
                await transaction.DisposeAsync();
            }
        }

        return count;
    }

    private DbCommand Command(BulkTable table, int rowCount, DbTransaction transaction)
    {
        var command = _connection.CreateCommand();
        command.Transaction = transaction;
        var sql = new StringBuilder("INSERT INTO ").Append(table.QuotedName(Sql)).Append(" (")
            .AppendJoin(", ", table.Columns.Select(c => Sql.DelimitIdentifier(c.Name))).Append(") VALUES ");
        for (var r = 0; r < rowCount; r++)
        {
            sql.Append(r == 0 ? "(" : ", (");
            for (var c = 0; c < table.Columns.Count; c++)
            {
                var name = string.Create(CultureInfo.InvariantCulture, $"@p{r}_{c}");
                sql.Append(c == 0 ? "" : ", ").Append(name);
                // The mapping configures the parameter as EF would (its DbType / SqliteType); values are bound per row.
                command.Parameters.Add(table.Columns[c].Mapping.CreateParameter(command, name, null, nullable: true));
            }

            sql.Append(')');
        }

        command.CommandText = sql.ToString();
        command.Prepare();
        return command;
    }

    private static void Bind(DbCommand command, IReadOnlyList<BulkColumn> columns, List<object> rows)
    {
        var parameters = command.Parameters;
        var i = 0;
        foreach (var row in rows)
        {
            foreach (var column in columns)
            {
                parameters[i++].Value = column.ProviderValue(row) ?? DBNull.Value;
            }
        }

        Debug.Assert(i == parameters.Count, "every parameter is bound");
    }

    public override async Task FinishAsync(CancellationToken cancellationToken)
    {
        // AUTOINCREMENT keys follow explicit ones by themselves (sqlite_sequence is updated on insert).
        await PrepareAsync(cancellationToken);
        await ExecuteAsync("ANALYZE;", null, cancellationToken);
    }

    public override async ValueTask DisposeAsync()
    {
        if (_prepared && _connection.State == System.Data.ConnectionState.Open)
        {
            await ExecuteAsync("PRAGMA synchronous=NORMAL;", null, CancellationToken.None);
        }
    }
}
