using System.Data.Common;
using Kaijiang.Federation.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace Kaijiang.Federation.Web.Data;

/// <summary>
/// Runs at every start, after the migrations: (1) encrypts ID numbers and phones still stored in clear (a database
/// upgraded from before encryption) or under an older key than the current one (a key rotation), and fills in their
/// hashes; (2) checks that the configured keys are the ones the stored data was written with, and stops the start
/// with a clear message if not. Idempotent: a converted database has nothing left to convert.
/// </summary>
/// <remarks>
/// It reads and writes the columns with plain SQL, past EF's converters (which only ever see the current form) and
/// past the audit trail (re-encrypting a value is not a change of it).
/// </remarks>
public sealed class PersonalDataStartup(FederationDbContext db, PersonalDataProtector protector, ILogger<PersonalDataStartup> logger)
{
    private const int BatchSize = 500;

    /// <summary>Converts what needs it; returns how many people were rewritten.</summary>
    public async Task<int> ConvertAsync(CancellationToken cancellationToken = default)
    {
        var total = 0;
        var afterId = 0;
        while (true)
        {
            var rows = await ReadAsync(
                $"{Column("IdNumber")} IS NOT NULL AND ({Column("IdNumberHash")} IS NULL OR {Column("IdNumber")} NOT LIKE '{CurrentPrefix}%') " +
                $"OR {Column("Phone")} IS NOT NULL AND ({Column("PhoneHash")} IS NULL OR {Column("Phone")} NOT LIKE '{CurrentPrefix}%')",
                afterId, BatchSize, cancellationToken);
            if (rows.Count == 0)
            {
                break;
            }

            await db.InTransactionAsync(async ct =>
            {
                foreach (var row in rows)
                {
                    var idNumber = row.IdNumber is null ? null : protector.Decrypt(row.IdNumber, PersonalDataProtector.IdNumberField);
                    var phone = row.Phone is null ? null : protector.Decrypt(row.Phone, PersonalDataProtector.PhoneField);
                    await ExecuteAsync(
                        $"UPDATE {Table} SET {Column("IdNumber")} = @id, {Column("IdNumberHash")} = @idHash, " +
                        $"{Column("Phone")} = @phone, {Column("PhoneHash")} = @phoneHash WHERE {Column("Id")} = @key",
                        ct,
                        ("@id", idNumber is null ? null : protector.Encrypt(idNumber, PersonalDataProtector.IdNumberField)),
                        ("@idHash", protector.HashIdNumber(idNumber)),
                        ("@phone", phone is null ? null : protector.Encrypt(phone, PersonalDataProtector.PhoneField)),
                        ("@phoneHash", protector.HashPhone(phone)),
                        ("@key", row.Id));
                }
            }, cancellationToken);
            total += rows.Count;
            afterId = rows[^1].Id;
        }

        if (total > 0)
        {
            logger.LogWarning("Personal data at rest: encrypted or re-keyed the ID numbers and phones of {Count} people", total);
        }

        return total;
    }

    /// <summary>
    /// Decrypts one stored ID number (and phone) and compares its hash with the stored one: a wrong encryption key or a
    /// wrong hash key stops the start here, not at the first page that shows a person.
    /// </summary>
    /// <exception cref="PersonalDataKeyException">The keys do not match the stored data.</exception>
    public async Task VerifyKeysAsync(CancellationToken cancellationToken = default)
    {
        var rows = await ReadAsync($"{Column("IdNumber")} IS NOT NULL OR {Column("Phone")} IS NOT NULL", 0, 1, cancellationToken);
        if (rows.Count == 0)
        {
            return;
        }

        var row = rows[0];
        if (row.IdNumber is not null
            && protector.HashIdNumber(protector.Decrypt(row.IdNumber, PersonalDataProtector.IdNumberField)) != row.IdNumberHash)
        {
            throw new PersonalDataKeyException(
                "Privacy:HashKey is not the key the stored ID-number hashes were made with: search and uniqueness of ID numbers would fail. Configure the original hash key.");
        }

        if (row.Phone is not null
            && protector.HashPhone(protector.Decrypt(row.Phone, PersonalDataProtector.PhoneField)) != row.PhoneHash)
        {
            throw new PersonalDataKeyException(
                "Privacy:HashKey is not the key the stored phone hashes were made with. Configure the original hash key.");
        }
    }

    private string CurrentPrefix => $"e1.{protector.CurrentKeyId}.";

    private sealed record StoredRow(int Id, string? IdNumber, string? IdNumberHash, string? Phone, string? PhoneHash);

    private ISqlGenerationHelper Sql => db.GetService<ISqlGenerationHelper>();

    private string Table
    {
        get
        {
            var entity = db.Model.FindEntityType(typeof(Person))!;
            return Sql.DelimitIdentifier(entity.GetTableName()!, entity.GetSchema());
        }
    }

    private string Column(string property)
    {
        var entity = db.Model.FindEntityType(typeof(Person))!;
        var table = Microsoft.EntityFrameworkCore.Metadata.StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        return Sql.DelimitIdentifier(entity.FindProperty(property)!.GetColumnName(table)!);
    }

    private async Task<List<StoredRow>> ReadAsync(string where, int afterId, int take, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened)
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
        }

        try
        {
            await using var command = connection.CreateCommand();
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            var id = Column("Id");
            var query = $"SELECT {id}, {Column("IdNumber")}, {Column("IdNumberHash")}, {Column("Phone")}, {Column("PhoneHash")} FROM {Table} " +
                $"WHERE {id} > @after AND ({where}) ORDER BY {id}";
            command.CommandText = db.Database.IsSqlServer() ? query.Replace("SELECT ", $"SELECT TOP ({take}) ", StringComparison.Ordinal) : $"{query} LIMIT {take}";
            Add(command, "@after", afterId);
            var rows = new List<StoredRow>();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add(new StoredRow(
                    reader.GetInt32(0),
                    reader.IsDBNull(1) ? null : reader.GetString(1),
                    reader.IsDBNull(2) ? null : reader.GetString(2),
                    reader.IsDBNull(3) ? null : reader.GetString(3),
                    reader.IsDBNull(4) ? null : reader.GetString(4)));
            }

            return rows;
        }
        finally
        {
            if (opened)
            {
                await db.Database.CloseConnectionAsync();
            }
        }
    }

    private async Task ExecuteAsync(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            Add(command, name, value);
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static void Add(DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }
}
